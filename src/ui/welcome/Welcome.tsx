import { PROFILES } from '../../engine/compat.ts';
import { type PageClient, useClient } from '../client-context.tsx';
import { startCourse } from '../docs/open.ts';
import { COURSE } from '../lessons.ts';
import { useApp } from '../store/index.ts';
import './welcome.css';

/**
 * The first screen: what this is, three commands to click (each runs in the console, as if typed,
 * and shows in the key table), and the way into the course. A band above the workspace, never over
 * it: the console, the key table and the clock work from the first second. Closing it is for good;
 * the Learn button in the toolbar brings it back.
 */

export const WELCOME_COMMANDS = [
  { line: 'SET session:alice "cart=3" EX 30', what: 'a key that lives 30 seconds: watch its bar drain' },
  { line: 'PSETEX flash 3000 "gone soon"', what: 'one that lives 3 seconds, then leaves the table' },
  { line: 'PERSIST session:alice', what: 'takes the lifetime away: the first key stays for good' },
] as const;

function runInConsole(client: PageClient, line: string): void {
  const app = useApp.getState();
  app.setSideTab('console');
  app.remember([line]);
  void client.exec([line]);
}

export function Welcome() {
  const client = useClient();
  const open = useApp((s) => s.welcomeOpen);
  const compat = useApp((s) => s.compat);
  if (!open) return null;
  const close = () => useApp.getState().setWelcomeOpen(false);
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <div className="welcome-text">
        <h2 id="welcome-heading">Welcome</h2>
        <p>
          This is a {PROFILES[compat].label} keyspace running in your browser. Give keys a time to live and
          watch them go: the table shows each key's bar draining, the timeline its life, and Redis removes it
          the way it really does, when something touches it or when its active expiry cycle samples it.
        </p>
        <p className="muted">Click a command to run it in the console, or type your own.</p>
      </div>
      <ul className="welcome-commands">
        {WELCOME_COMMANDS.map((c) => (
          <li key={c.line}>
            <button type="button" onClick={() => runInConsole(client, c.line)}>
              <code>{c.line}</code>
            </button>
            <span className="muted"> {c.what}</span>
          </li>
        ))}
      </ul>
      <div className="welcome-actions">
        <button
          type="button"
          className="primary"
          onClick={() => {
            close();
            void startCourse(client);
          }}
        >
          Start the course
        </button>
        <span className="muted">
          {COURSE.length} short lessons, each on a keyspace of its own: your keys are kept.
        </span>
        <button
          type="button"
          className="welcome-close"
          aria-label="Close welcome"
          title="Close (Learn brings it back)"
          onClick={close}
        >
          ×
        </button>
      </div>
    </section>
  );
}
