import { useEffect } from 'react';
import { LessonStep } from '../classroom/LessonStep.tsx';
import { useClient } from '../client-context.tsx';
import '../classroom/classroom.css';
import { PlayButton, VirtualTime } from '../clock/ClockBar.tsx';
import { ConsolePanel } from '../console/ConsolePanel.tsx';
import { pageMode } from '../mode.ts';
import { KeyTable } from '../panels/KeyTable.tsx';
import { useApp } from '../store/index.ts';
import './embed.css';
import { startEmbed } from './embed-link.ts';

/**
 * `?embed`: a compact playground for an iframe in a doc page or a slide. The key table and the
 * console (with the lesson's step, when it opens one), no toolbar, status bar or side panels; it
 * fills its box, side by side when wide, the table above the console when narrow.
 * `?embed&readonly` has no command line: only the lesson's or scenario's steps run.
 */
export function EmbedApp() {
  const page = useApp((s) => s.docPage);
  const error = useApp((s) => s.docError);
  const client = useClient();
  useEffect(() => {
    const root = document.documentElement;
    const theme = new URLSearchParams(window.location.search).get('theme') === 'light' ? 'light' : 'dark';
    root.dataset.theme = theme;
    root.classList.add('embedded');
    useApp.setState({ theme });
    startEmbed(client);
    // Only now: the host's `ready` is posted on the first snapshot, which the link must see.
    client.start();
  }, [client]);
  return (
    <div className={`embed${pageMode.readonly ? ' readonly' : ''}`}>
      <header className="embed-bar">
        <div className="clock-bar" role="toolbar" aria-label="Clock">
          <PlayButton />
          <VirtualTime short />
        </div>
        {error && (
          <p className="doc-error" role="alert">
            {error}
          </p>
        )}
      </header>
      {page && <LessonStep controls />}
      <div className="embed-main">
        <section className="embed-keys" aria-label="Key browser">
          <KeyTable />
        </section>
        <div className="embed-console">
          <ConsolePanel docked={false} input={!pageMode.readonly} />
        </div>
      </div>
    </div>
  );
}
