import { DOCS_PROMPT } from '../../worker/protocol.ts';
import { download } from '../share/ShareDialogs.tsx';
import { useApp } from '../store/index.ts';
import { exportCliScript, exportDocPage } from './export-session.ts';

/**
 * The lines of the session shown (the learner's, a lesson's or a scenario's: each has its own
 * server), without the playground's own notes. Lines restored from a saved transcript do not say
 * their session: they count as the learner's, except those a page ran.
 */
function sessionLines() {
  const { entries, session } = useApp.getState();
  return entries.filter(
    (e) =>
      !e.note &&
      (e.session === undefined
        ? session.kind === 'learner' && e.prompt !== DOCS_PROMPT
        : e.session === session.id),
  );
}

/** Downloads the console session as a docs page or a redis-cli script. */
export function ExportButtons() {
  const count = useApp((s) => s.entries.length);
  const dropped = useApp((s) => s.droppedEntries);
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
