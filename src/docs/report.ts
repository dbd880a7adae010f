import { type Compat, DEFAULT_COMPAT, PROFILES } from '../engine/compat.ts';
import { withHints } from './diagnose.ts';
import { renderDiff } from './diff.ts';
import { cutMessage, parseDocPage } from './page.ts';
import { DocRunner, type RunnerOptions } from './runner.ts';
import type { CommandResult, DocPage, StepResult, Verdict, VerdictKind } from './types.ts';

/** Replays whole pages and summarises them: what the CLI prints and what CI reads. */

export type VerdictCounts = Record<VerdictKind, number>;

export interface PageReport {
  readonly page: DocPage;
  /** The server the engine answered as (absent for a page replayed on a real server: docs-against). */
  readonly compat?: Compat;
  readonly results: readonly StepResult[];
  readonly counts: VerdictCounts;
}

/** Parses and replays a page, with hints on its failures. */
export function checkPage(source: string, path: string, options: RunnerOptions = {}): PageReport {
  const page = parseDocPage(source, path);
  const runner = new DocRunner(page, options);
  const results = withHints(page, runner.runAll(), options);
  return { page, compat: runner.compat, results, counts: countVerdicts(results) };
}

export function emptyCounts(): VerdictCounts {
  return { pass: 0, fail: 0, 'not-comparable': 0, unsupported: 0, 'no-expectation': 0 };
}

export function countVerdicts(results: readonly StepResult[]): VerdictCounts {
  const counts = emptyCounts();
  for (const r of results) if (r.kind === 'command') counts[r.verdict.kind]++;
  return counts;
}

export function addCounts(into: VerdictCounts, more: VerdictCounts): void {
  for (const k of Object.keys(into) as VerdictKind[]) into[k] += more[k];
}

/** `N passed, N failed, N not comparable, N unsupported, N without expectation`. */
export function summaryLine(c: VerdictCounts): string {
  return `${c.pass} passed, ${c.fail} failed, ${c['not-comparable']} not comparable, ${c.unsupported} unsupported, ${c['no-expectation']} without expectation`;
}

/** Every failure with its diff and hint, then the page's summary line. */
export function renderPageReport(report: PageReport, verbose = false): string {
  const as =
    report.compat === undefined || report.compat === DEFAULT_COMPAT
      ? ''
      : ` (as ${PROFILES[report.compat].label})`;
  let out = `${report.page.path}${as}\n`;
  for (const r of report.results) {
    if (r.kind !== 'command') {
      if (verbose) out += `  wait   line ${r.step.range.start.line}: ${r.step.text} (${r.to - r.from} ms)\n`;
      continue;
    }
    if (r.verdict.kind !== 'fail' && !verbose) continue;
    out += renderCommandResult(report.page, r);
  }
  if (report.page.cut) out += `  ${cutMessage(report.page.cut)}\n`;
  return `${out}  ${summaryLine(report.counts)}\n`;
}

const LABEL: Record<VerdictKind, string> = {
  pass: 'pass',
  fail: 'FAIL',
  'not-comparable': 'n/c ',
  unsupported: 'unsup',
  'no-expectation': 'none',
};

function renderCommandResult(page: DocPage, r: CommandResult): string {
  const section = page.sections[r.step.section]?.title ?? '';
  let out = `  ${LABEL[r.verdict.kind]} line ${r.step.range.start.line}: ${r.step.line}${section ? `   [${section}]` : ''}\n`;
  const v = r.verdict;
  if (v.kind === 'fail') {
    out += renderDiff(v.diff, '      ');
    if (v.hint) out += `      hint: ${v.hint}\n`;
  } else if (v.kind === 'not-comparable' || v.kind === 'unsupported') {
    out += `      ${v.reason}\n`;
  }
  return out;
}

/** The machine-readable form of one step's result (`--json`). */
export function resultJson(r: StepResult): Record<string, unknown> {
  const base = {
    index: r.step.index,
    section: r.step.section,
    line: r.step.range.start.line,
    resetBefore: r.resetBefore,
  };
  if (r.kind === 'wait') {
    return {
      ...base,
      kind: 'wait',
      text: r.step.text,
      source: r.step.source,
      ms: r.to - r.from,
      from: r.from,
      to: r.to,
    };
  }
  const expected = r.step.expected.kind === 'reply' ? r.step.expected.text : null;
  return {
    ...base,
    kind: 'command',
    command: r.step.line,
    expected,
    actual: r.actual.text,
    at: r.at,
    ...(r.blockedMs > 0 ? { blockedMs: r.blockedMs } : {}),
    verdict: verdictJson(r.verdict),
  };
}

function verdictJson(v: Verdict): Record<string, unknown> {
  switch (v.kind) {
    case 'fail':
      return { kind: v.kind, diff: v.diff, ...(v.hint ? { hint: v.hint } : {}) };
    case 'pass':
      return { kind: v.kind, ...(v.note ? { note: v.note } : {}) };
    case 'not-comparable':
    case 'unsupported':
      return { kind: v.kind, reason: v.reason };
    case 'no-expectation':
      return { kind: v.kind };
  }
}

export function pageJson(report: PageReport): Record<string, unknown> {
  return {
    path: report.page.path,
    title: report.page.title,
    compat: report.compat,
    counts: report.counts,
    ...(report.page.cut ? { cut: { ...report.page.cut, message: cutMessage(report.page.cut) } } : {}),
    sections: report.page.sections.map((s) => ({ title: s.title, depth: s.depth, line: s.range.start.line })),
    steps: report.results.map(resultJson),
  };
}
