import { renderDiff } from '../../docs/diff.ts';
import type { CommandResult, DocPage, DocStep, StepResult, VerdictKind } from '../../docs/types.ts';
import { ClockIcon } from '../icons.tsx';

/** How a step's result reads, wherever the page is drawn (reading view or source). */

export const VERDICT_LABEL: Record<VerdictKind, string> = {
  pass: 'pass',
  fail: 'fail',
  'not-comparable': 'not comparable',
  unsupported: 'unsupported',
  'no-expectation': 'no expectation',
};

export function waitText(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** A step's mark on its first line: the wait it plays, or the verdict once it ran. */
export function StepBadge({ step, result }: { step: DocStep; result: StepResult | undefined }) {
  if (step.kind === 'wait') {
    return (
      <span className={`badge wait${result ? ' done' : ''}`} title={step.text}>
        <ClockIcon /> wait {step.moreThan ? '> ' : ''}
        {waitText(step.ms)}
        {result ? ' (done)' : ''}
      </span>
    );
  }
  if (result?.kind !== 'command') return null;
  return (
    <span className={`badge verdict-${result.verdict.kind}`}>
      <span className="visually-hidden">Step {step.index + 1}: </span>
      {VERDICT_LABEL[result.verdict.kind]}
    </span>
  );
}

/** What a command's verdict has to say beyond its badge: a diff with its legend, a reason. */
export function CommandNote({ result }: { result: CommandResult }) {
  const v = result.verdict;
  if (v.kind === 'fail') {
    return (
      <div className="doc-note fail">
        <p className="diff-legend">
          <span className="diff-page">− the page</span>{' '}
          <span className="diff-playground">+ the playground</span>
        </p>
        <pre className="doc-diff">{renderDiff(v.diff)}</pre>
        {v.hint && <p className="muted">Likely cause: {v.hint}</p>}
      </div>
    );
  }
  if (v.kind === 'not-comparable' || v.kind === 'unsupported')
    return <div className="doc-note muted">{v.reason}</div>;
  if (v.kind === 'no-expectation') {
    return (
      <div className="doc-note muted">
        The page shows no output; the playground printed:{' '}
        <pre className="doc-actual">{result.actual.text}</pre>
      </div>
    );
  }
  return null;
}

/** Which steps start on each source line, and after which line each step's note goes. */
export interface StepLines {
  readonly starts: ReadonlyMap<number, readonly number[]>;
  readonly ends: ReadonlyMap<number, readonly number[]>;
}

export function stepLines(page: DocPage): StepLines {
  const starts = new Map<number, number[]>();
  const ends = new Map<number, number[]>();
  for (const step of page.steps) {
    const first = step.range.start.line;
    // A command's note goes after its expected output, the last line it covers.
    const last =
      step.kind === 'command' && step.expected.kind === 'reply'
        ? step.expected.range.end.line
        : step.range.end.line;
    starts.set(first, [...(starts.get(first) ?? []), step.index]);
    ends.set(last, [...(ends.get(last) ?? []), step.index]);
  }
  return { starts, ends };
}

/** The summary line: counts per verdict and how far the run got. */
export function summaryText(page: DocPage, results: readonly (StepResult | undefined)[]): string {
  if (page.steps.length === 0) return 'This page has no examples to run.';
  const counts: Record<VerdictKind, number> = {
    pass: 0,
    fail: 0,
    'not-comparable': 0,
    unsupported: 0,
    'no-expectation': 0,
  };
  let ran = 0;
  for (const r of results) {
    if (!r) continue;
    ran++;
    if (r.kind === 'command') counts[r.verdict.kind]++;
  }
  return `${counts.pass} passed, ${counts.fail} failed, ${counts['not-comparable']} not comparable, ${counts.unsupported} unsupported, ${counts['no-expectation']} without expectation · ${ran} of ${page.steps.length} steps run`;
}

/** The first step that failed, if any. */
export function firstFailure(results: readonly (StepResult | undefined)[]): number | null {
  const i = results.findIndex((r) => r?.kind === 'command' && r.verdict.kind === 'fail');
  return i < 0 ? null : i;
}
