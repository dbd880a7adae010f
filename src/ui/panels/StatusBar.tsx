import { PROFILES } from '../../engine/compat.ts';
import { useApp } from '../store/index.ts';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function StatusBar() {
  const db = useApp((s) => s.selectedDb);
  const count = useApp((s) => s.keyCount);
  const used = useApp((s) => s.usedBytes);
  const clock = useApp((s) => s.clock);
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
      <span>{clock ? `${clock.paused ? 'paused' : 'running'} at ${clock.rate}×` : 'starting…'}</span>
      <span className="spacer" />
      <span className="muted">{PROFILES[compat].label} semantics · engine in a Web Worker</span>
    </footer>
  );
}
