import { PROFILES } from '../engine/compat.ts';
import type { RestoredInfo } from '../worker/protocol.ts';
import { formatInstant } from './format-time.ts';
import { currentPlaygroundId, DEFAULT_PLAYGROUND, playgroundUrl } from './persist/playground.ts';
import { useApp } from './store/index.ts';

function restoredText(r: RestoredInfo, zone: 'local' | 'utc'): string {
  const what = r.from === 'store' ? 'Restored' : 'Loaded the shared scenario';
  const keys = `${r.keys} ${r.keys === 1 ? 'key' : 'keys'}`;
  const clock = `clock resumed at ${formatInstant(r.time, zone)} (${r.paused ? 'paused' : 'running'}, ${r.rate}×)`;
  return [`${what}: ${keys}, ${clock}`, ...r.notes].join('. ');
}

/** Whether this playground is saved, what was restored, and anything that went wrong with storage. */
function StoreStatus() {
  const state = useApp((s) => s.storeState);
  const message = useApp((s) => s.storeMessage);
  const restored = useApp((s) => s.restored);
  const zone = useApp((s) => s.timeZone);
  const scenarioError = useApp((s) => s.scenarioError);
  const id = currentPlaygroundId();
  return (
    <>
      {restored && (
        <span
          role="status"
          aria-label={restored.from === 'store' ? 'Restored' : 'Scenario loaded'}
          className="restored"
        >
          {restoredText(restored, zone)}
          <button type="button" aria-label="Dismiss" onClick={() => useApp.getState().setRestored(null)}>
            ×
          </button>
        </span>
      )}
      {(message || scenarioError) && (
        <span role="alert" className="store-problem">
          {scenarioError ?? message}
          {scenarioError && (
            <button
              type="button"
              aria-label="Dismiss"
              onClick={() => useApp.getState().setScenarioError(null)}
            >
              ×
            </button>
          )}
        </span>
      )}
      <span className="muted" title="Where this playground is kept">
        {state === 'saving' ? 'saved in this browser' : state === 'starting' ? 'opening…' : 'not saved'}
        {id !== DEFAULT_PLAYGROUND && (
          <>
            {' '}
            · playground {id} · <a href={playgroundUrl(DEFAULT_PLAYGROUND)}>Open my playground</a>
          </>
        )}
      </span>
    </>
  );
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function StatusBar() {
  const db = useApp((s) => s.selectedDb);
  const count = useApp((s) => s.keyCount);
  const used = useApp((s) => s.usedBytes);
  const started = useApp((s) => s.clock !== null);
  const paused = useApp((s) => s.clock?.paused ?? false);
  const rate = useApp((s) => s.clock?.rate ?? 1);
  const session = useApp((s) => s.session);
  const compat = useApp((s) => s.compat);
  return (
    <footer className="status-bar">
      <span>{session.kind === 'learner' ? 'your keyspace' : `keyspace of ${session.label}`}</span>
      <span>db{db}</span>
      <span>
        {count} {count === 1 ? 'key' : 'keys'}
      </span>
      <span title="estimated key and value bytes (maxmemory counts these)">{bytes(used)}</span>
      <span>{started ? `${paused ? 'paused' : 'running'} at ${rate}×` : 'starting…'}</span>
      <StoreStatus />
      <span className="spacer" />
      <span className="muted">{PROFILES[compat].label} semantics · engine in a Web Worker</span>
    </footer>
  );
}
