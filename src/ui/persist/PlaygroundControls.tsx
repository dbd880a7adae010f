import { useState } from 'react';
import { useClient } from '../client-context.tsx';
import { useApp } from '../store/index.ts';
import { Modal } from './Modal.tsx';
import { newPlaygroundId, openPlayground } from './playground.ts';
import './persist.css';

/** "Reset playground", with a confirmation: the keys, scripts, CONFIG and clock start afresh. */
export function ResetButton() {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setAsking(true)}>
        Reset playground
      </button>
      {asking && (
        <Modal title="Reset the playground?" onClose={() => setAsking(false)}>
          <p>
            Every key in every database, the loaded scripts, CONFIG settings and the console go, and the clock
            starts again at the present, running at 1×. This cannot be undone. (FLUSHALL in the console
            empties the databases only, as in Redis.)
          </p>
          <div className="modal-buttons">
            <button
              type="button"
              className="danger"
              onClick={() => {
                setAsking(false);
                useApp.getState().clearConsole();
                useApp.getState().setRestored(null);
                client.send({ type: 'reset' });
              }}
            >
              Reset
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}

/** Another tab has (or took) this playground: take it over here, or open a separate one. */
export function StoreConflictDialog() {
  const client = useClient();
  const state = useApp((s) => s.storeState);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if ((state !== 'busy' && state !== 'lost') || dismissed === state) return null;
  const busy = state === 'busy';
  return (
    <Modal
      title={busy ? 'This playground is open in another tab' : 'Another tab took this playground over'}
      onClose={() => setDismissed(state)}
    >
      <p>
        {busy
          ? 'Only one tab at a time can save a playground. Take it over here (the other tab stops saving), or open a separate playground of your own in this tab.'
          : 'This tab no longer saves its changes. Take the playground back (the other tab then stops saving), or open a separate playground.'}
      </p>
      <div className="modal-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setDismissed(null);
            client.send({ type: 'store-takeover' });
          }}
        >
          {busy ? 'Take over here' : 'Take it back'}
        </button>
        <button type="button" onClick={() => openPlayground(newPlaygroundId())}>
          Open a separate playground
        </button>
        <button type="button" onClick={() => setDismissed(state)}>
          Continue without saving
        </button>
      </div>
    </Modal>
  );
}

/** While a shared scenario is shown: its name, and the way back to the learner's own keys. */
export function ScenarioSessionBar() {
  const client = useClient();
  const session = useApp((s) => s.session);
  if (session.kind !== 'loaded') return null;
  return (
    <span className="scenario-session">
      <span className="muted">{session.label}</span>
      <button type="button" onClick={() => client.send({ type: 'session-close', id: session.id })}>
        Close scenario
      </button>
    </span>
  );
}
