import type { Target } from '../store/bridge-slice.ts';
import { useApp } from '../store/index.ts';
import { setServerEvents } from './bridge.ts';
import './bridge.css';

/**
 * Shown when the app was opened from a bridge's link: where console commands go (the playground, the
 * server, or both with differing replies marked), and the user's consent to keyspace events.
 */
export function TargetSwitch() {
  const bridge = useApp((s) => s.bridge);
  const target = useApp((s) => s.target);
  if (!bridge) return null;
  const open = bridge.status === 'open';
  return (
    <div className="target-switch">
      <label>
        <span className="muted">Target</span>
        <select
          aria-label="Target"
          value={target}
          disabled={!open}
          onChange={(e) => useApp.getState().setTarget(e.target.value as Target)}
        >
          <option value="playground">Playground</option>
          <option value="server">{bridge.server}</option>
          <option value="both">Both (compare)</option>
        </select>
      </label>
      <label
        className="check"
        title="The bridge turns on notify-keyspace-events and puts it back when it stops"
      >
        <input
          type="checkbox"
          checked={bridge.events}
          disabled={!open}
          onChange={(e) => setServerEvents(e.target.checked)}
        />
        Server events
      </label>
      <span role="status" aria-label="Bridge" className="muted">
        {bridge.status === 'connecting'
          ? 'connecting to the bridge…'
          : bridge.status === 'open'
            ? `Redis ${bridge.version}`
            : bridge.message}
      </span>
    </div>
  );
}
