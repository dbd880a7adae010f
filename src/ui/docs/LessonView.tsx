import { type RefObject, useEffect, useRef } from 'react';
import { cutMessage } from '../../docs/cut.ts';
import type { DocPage } from '../../docs/types.ts';
import type { WaitMode } from '../../worker/protocol.ts';
import { type PageClient, useClient } from '../client-context.tsx';
import { KEYSPACES, WAIT_MODES } from '../store/docs-slice.ts';
import { useApp } from '../store/index.ts';
import { closeDocPage, openLesson } from './open.ts';
import { ReadingView } from './ReadingView.tsx';
import { SourceView } from './SourceView.tsx';
import { firstFailure, summaryText } from './verdicts.tsx';

/**
 * The open page: its controls (Run all, Step, Reset, wait speed, View source, Jump to first failure,
 * Close lesson), a summary, and the page itself in the region "Lesson", read as a page or as source.
 */
export function LessonView({ page }: { page: DocPage }) {
  const reading = useApp((s) => s.docReading);
  const source = useApp((s) => s.docSource);
  const results = useApp((s) => s.docResults);
  const position = useApp((s) => s.docPosition);
  const finished = useApp((s) => s.docFinished);
  const running = useApp((s) => s.docRunning);
  const waiting = useApp((s) => s.docWaiting);
  const waitMode = useApp((s) => s.waitMode);
  const showSource = useApp((s) => s.docShowSource);
  const tasks = useApp((s) => s.docTasks);
  const taskResults = useApp((s) => s.docTaskResults);
  const keyspace = useApp((s) => s.docKeyspace);
  const regionRef = useRef<HTMLElement>(null);
  const client = useClient();
  const send: PageClient['send'] = (req) => client.send(req);
  const busy = running || waiting !== null;
  const noExamples = page.steps.length === 0;
  const failed = firstFailure(results);
  const next = finished ? -1 : position;

  useKeepInView(regionRef, next, busy || results.length > 0);

  const jumpTo = (step: number) => {
    const el = regionRef.current?.querySelector<HTMLElement>(`[data-step="${step}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };

  return (
    <>
      <div className="docs-controls">
        {running ? (
          <button type="button" onClick={() => send({ type: 'docs-stop' })}>
            Stop
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={finished || noExamples}
            onClick={() => send({ type: 'docs-run', waitMode })}
          >
            Run all
          </button>
        )}
        <button
          type="button"
          disabled={finished || busy || noExamples}
          onClick={() => send({ type: 'docs-step', waitMode })}
        >
          Step
        </button>
        <button
          type="button"
          title="Start the page again on a fresh keyspace"
          onClick={() => send({ type: 'docs-reset' })}
        >
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
        <button
          type="button"
          aria-pressed={showSource}
          onClick={() => useApp.getState().setDocShowSource(!showSource)}
        >
          View source
        </button>
        <button type="button" disabled={failed === null} onClick={() => failed !== null && jumpTo(failed)}>
          Jump to first failure
        </button>
        <button
          type="button"
          onClick={() => closeDocPage(client)}
          title="Close the page; your own keys and clock come back"
        >
          Close lesson
        </button>
      </div>
      {waiting && (
        <p className="muted doc-waiting">
          waiting {((waiting.to - waiting.from) / 1000).toFixed(1)} s of virtual time at{' '}
          {Math.round(waiting.rate)}×…
        </p>
      )}
      <p className="doc-summary" role="status" aria-label="Docs summary">
        {summaryText(page, results)}
        {keyspace !== 'fresh' && ` · starts from ${KEYSPACES.find((k) => k.keyspace === keyspace)?.label}`}
      </p>
      {page.cut && (
        <p className="doc-cut" role="note">
          {cutMessage(page.cut)}
        </p>
      )}
      <section className="doc-page" aria-label="Lesson" ref={regionRef}>
        {showSource || !reading ? (
          <SourceView page={page} source={source} results={results} position={next} />
        ) : (
          <ReadingView
            reading={reading}
            page={page}
            results={results}
            position={next}
            busy={busy}
            tasks={tasks}
            taskResults={taskResults}
            onRunBlock={(block) => send({ type: 'docs-run-block', block, waitMode })}
            onCheck={(task) => send({ type: 'docs-check-task', task })}
            onLesson={(id) => void openLesson(client, id)}
          />
        )}
      </section>
    </>
  );
}

/** Keeps the step about to run in view while the page runs (without stealing focus). */
function useKeepInView(region: RefObject<HTMLElement | null>, step: number, active: boolean): void {
  useEffect(() => {
    if (!active || step < 0) return;
    const el = region.current?.querySelector<HTMLElement>(`[data-step="${step}"]`);
    el?.scrollIntoView({ block: 'nearest' });
  }, [region, step, active]);
}
