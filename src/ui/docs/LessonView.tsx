import { type RefObject, useEffect, useRef } from 'react';
import { cutMessage } from '../../docs/cut.ts';
import type { DocPage } from '../../docs/types.ts';
import { type PageClient, useClient } from '../client-context.tsx';
import { KEYSPACES } from '../store/docs-slice.ts';
import { useApp } from '../store/index.ts';
import { openLesson } from './open.ts';
import { ReadingView } from './ReadingView.tsx';
import { RunnerControls } from './RunnerControls.tsx';
import { SourceView } from './SourceView.tsx';
import { summaryText } from './verdicts.tsx';

/**
 * The open page: its runner's controls (RunnerControls.tsx), a summary, and the page itself in the region "Lesson", read as a page or as source.
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
  const next = finished ? -1 : position;

  useKeepInView(regionRef, next, busy || results.length > 0);

  const jumpTo = (step: number) => {
    const el = regionRef.current?.querySelector<HTMLElement>(`[data-step="${step}"]`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  };

  return (
    <>
      <RunnerControls page={page} onJump={jumpTo} />
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
