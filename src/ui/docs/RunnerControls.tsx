import type { DocPage } from '../../docs/types.ts';
import type { WaitMode } from '../../worker/protocol.ts';
import { type PageClient, useClient } from '../client-context.tsx';
import { WAIT_MODES } from '../store/docs-slice.ts';
import { useApp } from '../store/index.ts';
import { closeDocPage } from './open.ts';
import { firstFailure } from './verdicts.tsx';

/**
 * The runner's controls over the open page: Run all (Stop while it runs), Step, Reset, the wait
 * speed, View source, Jump to first failure and Close lesson, and the wait under way. Each drives
 * the page's session in the worker.
 */
export function RunnerControls({ page, onJump }: { page: DocPage; onJump: (step: number) => void }) {
  const results = useApp((s) => s.docResults);
  const finished = useApp((s) => s.docFinished);
  const running = useApp((s) => s.docRunning);
  const waiting = useApp((s) => s.docWaiting);
  const waitMode = useApp((s) => s.waitMode);
  const showSource = useApp((s) => s.docShowSource);
  const client = useClient();
  const send: PageClient['send'] = (req) => client.send(req);
  const busy = running || waiting !== null;
  const noExamples = page.steps.length === 0;
  const failed = firstFailure(results);
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
        <button type="button" disabled={failed === null} onClick={() => failed !== null && onJump(failed)}>
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
    </>
  );
}
