import { useEffect, useState } from 'react';
import { useClient } from '../client-context.tsx';
import { clockOp, PlayButton, VirtualTime } from '../clock/ClockBar.tsx';
import { ConsolePanel } from '../console/ConsolePanel.tsx';
import { KeyTable } from '../panels/KeyTable.tsx';
import { useApp } from '../store/index.ts';
import { TimelinePanel } from '../timeline/TimelinePanel.tsx';
import './classroom.css';
import { LessonStep, PresenterNotes } from './LessonStep.tsx';
import { setPresentation } from './presentation.ts';
import { openAudienceWindow } from './presenter-link.ts';

/**
 * The projector layout: one scale for everything (the root font size follows the window, see
 * scale.ts), high contrast, and only what the room needs: the clock, the lesson step, the key table
 * with its bars (and the lifetimes under it) and the console. The presenter's window adds the
 * controls, and, while an audience window is open, the next step and the notes; the audience
 * window (`audience`) shows the same without either.
 */

function KeysHeading() {
  const count = useApp((s) => s.keyCount);
  const db = useApp((s) => s.selectedDb);
  const session = useApp((s) => s.session);
  return (
    <h2 className="present-heading">
      Keys{' '}
      <span className="muted">
        db{db} · {count} {count === 1 ? 'key' : 'keys'}
        {session.kind !== 'learner' && ` · ${session.label}`}
      </span>
    </h2>
  );
}

function AudienceButton() {
  const client = useClient();
  const state = useApp((s) => s.audience);
  return (
    <>
      <button
        type="button"
        title="A second window for the projector, mirroring this one; notes and the next step stay here"
        onClick={() => openAudienceWindow(client)}
      >
        Open audience window
      </button>
      {state === 'blocked' && (
        <span role="alert" className="present-alert">
          The browser blocked the window: allow pop-ups for this site.
        </span>
      )}
    </>
  );
}

/** The audience window's corner: whether the presenter is there, and full screen. */
function AudienceStatus() {
  const here = useApp((s) => s.presenterHere);
  const [full, setFull] = useState(false);
  useEffect(() => {
    const changed = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);
  return (
    <div className="present-actions">
      <span role="status" className="muted">
        {here ? 'Audience view' : "Waiting for the presenter's window…"}
      </span>
      {!full && document.fullscreenEnabled && (
        <button type="button" onClick={() => void document.documentElement.requestFullscreen()}>
          Full screen
        </button>
      )}
    </div>
  );
}

export function PresentationView({ audience = false }: { audience?: boolean }) {
  const connected = useApp((s) => s.audience === 'connected');
  const notes = !audience && connected;
  const client = useClient();
  return (
    <div className={`present${notes ? ' with-notes' : ''}${audience ? ' audience' : ''}`}>
      <header className="present-bar">
        <div className="clock-bar" role="toolbar" aria-label="Clock">
          {!audience && <PlayButton />}
          {!audience && (
            <button
              type="button"
              aria-keyshortcuts="N"
              onClick={() => clockOp(client, { kind: 'next-expiry' })}
              title="Jump to just after the next key's deadline (N)"
            >
              Next expiry
            </button>
          )}
          <VirtualTime />
        </div>
        {audience ? (
          <AudienceStatus />
        ) : (
          <div className="present-actions">
            <AudienceButton />
            <button type="button" aria-keyshortcuts="Escape" onClick={() => setPresentation(false)}>
              Leave presentation
            </button>
          </div>
        )}
      </header>
      <LessonStep controls={!audience} />
      <main className="present-main">
        <section className="present-keys" aria-label="Key browser">
          <KeysHeading />
          <KeyTable />
          <div className="present-timeline">
            <TimelinePanel />
          </div>
        </section>
        <div className="present-console">
          <ConsolePanel docked={false} input={!audience} />
        </div>
        {notes && <PresenterNotes />}
      </main>
    </div>
  );
}
