import { useEffect } from 'react';
import { ServerKeyTable } from '../bridge/ServerKeyTable.tsx';
import { useClient } from '../client-context.tsx';
import { KeyTable } from '../panels/KeyTable.tsx';
import { useApp } from '../store/index.ts';
import type { TtlFilter } from '../store/keys-slice.ts';
import { KeyDetails } from './KeyDetails.tsx';
import './keys.css';

/** Filters, the live key table and the selected key's details. */
export function KeysPanel() {
  const pattern = useApp((s) => s.pattern);
  const ttlFilter = useApp((s) => s.ttlFilter);
  const onServer = useApp((s) => s.target === 'server' && s.bridge?.status === 'open');
  const count = useApp((s) => (onServer ? s.serverRows.length : s.keyCount));
  const db = useApp((s) => (onServer ? s.serverDb : s.selectedDb));
  const zone = useApp((s) => s.timeZone);
  const session = useApp((s) => s.session);
  const client = useClient();

  // Removed rows linger for a moment (marked with how they went), then leave.
  useEffect(() => {
    const t = setInterval(() => client.sweep(), 250);
    return () => clearInterval(t);
  }, [client]);

  return (
    <section className="keys-panel" aria-label="Key browser">
      <search className="filters">
        <label>
          <span className="muted">Pattern</span>
          <input
            aria-label="Filter keys by pattern"
            value={pattern}
            spellCheck={false}
            onChange={(e) => useApp.getState().setPattern(e.target.value)}
            placeholder="*"
          />
        </label>
        <label>
          <span className="muted">Show</span>
          <select
            aria-label="TTL filter"
            value={ttlFilter}
            onChange={(e) => useApp.getState().setTtlFilter(e.target.value as TtlFilter)}
          >
            <option value="all">all keys</option>
            <option value="volatile">with a TTL</option>
            <option value="persistent">without a TTL</option>
          </select>
        </label>
        <label>
          <span className="muted">Times</span>
          <select
            aria-label="Time zone"
            value={zone}
            onChange={(e) => useApp.getState().setTimeZone(e.target.value === 'utc' ? 'utc' : 'local')}
          >
            <option value="local">local</option>
            <option value="utc">UTC</option>
          </select>
        </label>
        {session.kind !== 'learner' && (
          <span className="session-label" title="Close the lesson to get your own keys back">
            Keyspace of {session.label}
          </span>
        )}
        <span className="muted count">
          db{db} · {count} {count === 1 ? 'key' : 'keys'}
        </span>
      </search>
      <div className="keys-body">
        {onServer ? <ServerKeyTable /> : <KeyTable />}
        <KeyDetails />
      </div>
    </section>
  );
}
