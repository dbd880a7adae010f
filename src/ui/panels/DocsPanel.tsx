import { type DragEvent, useMemo, useState } from 'react';
import { renderDiff } from '../../docs/diff.ts';
import type { CommandResult, DocPage, StepResult, VerdictKind } from '../../docs/types.ts';
import type { WaitMode } from '../../worker/protocol.ts';
import { ClockIcon } from '../icons.tsx';
import { LESSONS } from '../lessons.ts';
import { WAIT_MODES } from '../store/docs-slice.ts';
import { useApp } from '../store/index.ts';
import { workerClient } from '../worker-client.ts';

/**
 * Replays a documentation page in the playground: a bundled lesson, a file (picked or dropped), pasted
 * text or a URL parameter. Run all / Step / Reset drive the worker, so every command also shows in
 * the console and the key table, and waits play at the chosen speed. The page is shown as its source
 * text (never as HTML) with each step's verdict inline and a summary on top.
 */

const MAX_PAGE_BYTES = 2 * 1024 * 1024;

export function openDocPage(path: string, source: string): void {
  if (source.length > MAX_PAGE_BYTES) {
    useApp.getState().setDocError(`${path} is larger than 2 MB; that is not a documentation page.`);
    return;
  }
  useApp.getState().setSideTab('docs');
  workerClient().send({ type: 'docs-open', path, source });
}

const LABEL: Record<VerdictKind, string> = {
  pass: 'pass',
  fail: 'fail',
  'not-comparable': 'not comparable',
  unsupported: 'unsupported',
  'no-expectation': 'no expectation',
};

function summary(page: DocPage, results: readonly (StepResult | undefined)[]): string {
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

function CommandNote({ result }: { result: CommandResult }) {
  const v = result.verdict;
  if (v.kind === 'fail') {
    return (
      <div className="doc-note fail">
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

function PageView({
  page,
  source,
  results,
  position,
}: {
  page: DocPage;
  source: string;
  results: readonly (StepResult | undefined)[];
  position: number;
}) {
  const lines = useMemo(() => source.split(/\r?\n/), [source]);
  // Notes go after the last line a step covers (its expected output), badges on its first line.
  const byStart = useMemo(() => {
    const starts = new Map<number, number[]>();
    const ends = new Map<number, number[]>();
    for (const step of page.steps) {
      const first = step.range.start.line;
      const last =
        step.kind === 'command' && step.expected.kind === 'reply'
          ? step.expected.range.end.line
          : step.range.end.line;
      starts.set(first, [...(starts.get(first) ?? []), step.index]);
      ends.set(last, [...(ends.get(last) ?? []), step.index]);
    }
    return { starts, ends };
  }, [page]);

  return (
    <ol className="doc-lines" aria-label="Page">
      {lines.map((text, i) => {
        const n = i + 1;
        const starting = byStart.starts.get(n) ?? [];
        const ending = byStart.ends.get(n) ?? [];
        const isNext = starting.includes(position);
        return (
          <li key={n} className={`doc-line${starting.length ? ' step-line' : ''}${isNext ? ' next' : ''}`}>
            <span className="doc-gutter" aria-hidden="true">
              {isNext ? '▶' : ''}
            </span>
            <span className="doc-text">{text || ' '}</span>
            {starting.map((idx) => {
              const r = results[idx];
              const step = page.steps[idx];
              if (!step) return null;
              if (step.kind === 'wait') {
                return (
                  <span key={idx} className={`badge wait${r ? ' done' : ''}`} title={step.text}>
                    <ClockIcon /> {step.moreThan ? '> ' : ''}
                    {step.ms >= 1000 ? `${step.ms / 1000} s` : `${step.ms} ms`}
                  </span>
                );
              }
              if (r?.kind !== 'command') return null;
              return (
                <span key={idx} className={`badge verdict-${r.verdict.kind}`}>
                  <span className="visually-hidden">Step {idx + 1}: </span>
                  {LABEL[r.verdict.kind]}
                </span>
              );
            })}
            {ending.map((idx) => {
              const r = results[idx];
              return r?.kind === 'command' ? <CommandNote key={idx} result={r} /> : null;
            })}
          </li>
        );
      })}
    </ol>
  );
}

export function DocsPanel() {
  const page = useApp((s) => s.docPage);
  const source = useApp((s) => s.docSource);
  const results = useApp((s) => s.docResults);
  const position = useApp((s) => s.docPosition);
  const finished = useApp((s) => s.docFinished);
  const running = useApp((s) => s.docRunning);
  const waiting = useApp((s) => s.docWaiting);
  const waitMode = useApp((s) => s.waitMode);
  const error = useApp((s) => s.docError);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_PAGE_BYTES) {
      useApp.getState().setDocError(`${file.name} is larger than 2 MB; that is not a documentation page.`);
      return;
    }
    openDocPage(file.name, await file.text());
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    void openFile(e.dataTransfer.files[0]);
  };
  const send = workerClient().send.bind(workerClient());

  return (
    <section
      className={`docs-panel${dragging ? ' dragging' : ''}`}
      aria-label="Docs"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="docs-toolbar">
        <label>
          <span className="visually-hidden">Lesson</span>
          <select
            aria-label="Lesson"
            value=""
            onChange={async (e) => {
              const lesson = LESSONS.find((l) => l.id === e.target.value);
              if (lesson) openDocPage(`${lesson.id}.md`, await lesson.load());
            }}
          >
            <option value="">Open a lesson…</option>
            {LESSONS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </label>
        <label className="file-button">
          Open file…
          <input
            type="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            aria-label="Open a page file"
            onChange={(e) => void openFile(e.target.files?.[0])}
          />
        </label>
        <button type="button" aria-expanded={pasting} onClick={() => setPasting((p) => !p)}>
          Paste a page…
        </button>
      </div>
      {pasting && (
        <div className="paste-box">
          <textarea
            aria-label="Page text"
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            placeholder="Paste markdown with redis-cli examples"
            rows={8}
          />
          <button
            type="button"
            disabled={pasted.trim() === ''}
            onClick={() => {
              openDocPage('pasted.md', pasted);
              setPasting(false);
            }}
          >
            Open pasted page
          </button>
        </div>
      )}
      {error && (
        <p className="doc-error" role="alert">
          {error}
        </p>
      )}
      {page ? (
        <>
          <div className="docs-controls">
            <strong className="doc-title">{page.title || page.path}</strong>
            {running ? (
              <button type="button" onClick={() => send({ type: 'docs-stop' })}>
                Stop
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                disabled={finished}
                onClick={() => send({ type: 'docs-run', waitMode })}
              >
                Run all
              </button>
            )}
            <button
              type="button"
              disabled={finished || running || waiting !== null}
              onClick={() => send({ type: 'docs-step', waitMode })}
            >
              Step
            </button>
            <button type="button" onClick={() => send({ type: 'docs-reset' })}>
              Reset
            </button>
            <label>
              <span className="visually-hidden">Wait speed</span>
              <select
                aria-label="Wait speed"
                value={waitMode}
                onChange={(e) => useApp.getState().setWaitMode(e.target.value as WaitMode)}
              >
                {WAIT_MODES.map((w) => (
                  <option key={w.mode} value={w.mode}>
                    {w.label}
                  </option>
                ))}
              </select>
            </label>
            {waiting && (
              <span className="muted">
                waiting {((waiting.to - waiting.from) / 1000).toFixed(1)} s at {Math.round(waiting.rate)}×…
              </span>
            )}
          </div>
          <p className="doc-summary" role="status" aria-label="Docs summary">
            {summary(page, results)}
          </p>
          <div className="doc-page">
            <PageView page={page} source={source} results={results} position={finished ? -1 : position} />
          </div>
        </>
      ) : (
        <div className="docs-empty muted">
          <p>Replay the examples of a documentation page and see which replies still hold.</p>
          <p>Pick a lesson, open a markdown file (or drop one here), or paste a page.</p>
          <p>
            A page runs on the playground itself: each section starts from an empty keyspace, and the clock
            pauses and moves only at the page's waits.
          </p>
        </div>
      )}
    </section>
  );
}
