import { download } from '../share/ShareDialogs.tsx';
import { useApp } from '../store/index.ts';
import { exportCliScript, exportDocPage } from './export-session.ts';

/** The console's lines, without the playground's own notes (a lesson opened or closed). */
function sessionLines() {
  return useApp.getState().entries.filter((e) => !e.note);
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
            exportDocPage(sessionLines(), { date: new Date() }),
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
