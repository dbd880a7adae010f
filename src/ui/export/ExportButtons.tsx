import { DOCS_PROMPT } from '../../worker/protocol.ts';
import { download } from '../share/ShareDialogs.tsx';
import type { AppState } from '../store/index.ts';
import { useApp } from '../store/index.ts';
import { exportCliScript, exportDocPage } from './export-session.ts';
import './export.css';

/** The console tab shown (the left one when split): its client's lines are what is exported. */
const shownTab = (s: AppState) => s.consoles.find((t) => t.id === s.activeConsole) ?? s.consoles[0];

/**
 * The lines of the session shown (the learner's, a lesson's or a scenario's: each has its own
 * server) typed in the console tab shown, without the playground's own notes. Lines restored from a
 * saved transcript do not say their session: they count as the learner's, except those a page ran.
 */
function sessionLines() {
  const state = useApp.getState();
  const { session } = state;
  return (shownTab(state)?.entries ?? []).filter(
    (e) =>
      !e.note &&
      (e.session === undefined
        ? session.kind === 'learner' && e.prompt !== DOCS_PROMPT
        : e.session === session.id),
  );
}

/** Downloads the console session as a docs page or a redis-cli script. */
export function ExportButtons() {
  const count = useApp((s) => shownTab(s)?.entries.length ?? 0);
  const dropped = useApp((s) => shownTab(s)?.dropped ?? 0);
  const title =
    dropped > 0
      ? 'The console kept only its latest entries: the export starts there, and may not replay'
      : undefined;
  return (
    <div className="console-toolbar">
      <button
        type="button"
        disabled={count === 0}
        title={title ?? 'A markdown page that npm run -s cli -- docs check replays'}
        onClick={() =>
          download(
            'playground-session.md',
            exportDocPage(sessionLines(), { date: new Date(), compat: useApp.getState().compat }),
            'text/markdown',
          )
        }
      >
        Export as doc page
      </button>
      <button
        type="button"
        disabled={count === 0}
        title={title ?? 'The commands, one a line, for redis-cli < file (the clock’s moves are not in it)'}
        onClick={() => download('playground-session.redis', exportCliScript(sessionLines()))}
      >
        Export as redis-cli script
      </button>
    </div>
  );
}
