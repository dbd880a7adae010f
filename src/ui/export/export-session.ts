import { type Compat, DEFAULT_COMPAT } from '../../engine/compat.ts';
import type { SavedLine } from '../../engine/snapshot/snapshot.ts';
import { parseLine } from '../../engine/tokenizer.ts';

/**
 * The console session as something to keep: a documentation page in the docs runner's own format
 * (prompts, replies as redis-cli prints them, the clock's moves as timing notes) that
 * `npm run -s cli -- docs check` replays step for step, or a script for `redis-cli < file`. Lines
 * redis-cli handles itself (help, a line it cannot split) are left out of both.
 */

/** The docs runner moves its clock 1 ms past a note's mark (timing.ts): a note says one ms less. */
const RUNNER_OVERSHOOT_MS = 1;

function note(ms: number): string {
  if (ms % 60_000 === 0) return `(After ${ms / 60_000} minute${ms === 60_000 ? '' : 's'})`;
  if (ms % 1000 === 0) return `(After ${ms / 1000} second${ms === 1000 ? '' : 's'})`;
  return `(After ${ms} millisecond${ms === 1 ? '' : 's'})`;
}

/** The prompt redis-cli would show; lines a docs page ran were typed at db 0's prompt. */
function promptOf(line: SavedLine): string {
  const p = line.prompt.trim();
  return /^[\w.-]+:\d+/.test(p) ? p : '127.0.0.1:6379>';
}

function fenceFor(body: string): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

export interface DocExportOptions {
  readonly title?: string;
  /** When the page was made (written into its introduction). */
  readonly date?: Date;
  /** The server the session answered as: a page for another than Redis 7.0 names it (`compat:`). */
  readonly compat?: Compat;
}

/**
 * A markdown page: one block per stretch of commands at the same moment, and between two blocks a
 * note such as `(After 2 seconds)` for the virtual time that passed, so the runner's clock reads what
 * the playground's did at every command.
 */
export function exportDocPage(lines: readonly SavedLine[], options: DocExportOptions = {}): string {
  const title = options.title ?? 'A playground session';
  const when = options.date ? ` on ${options.date.toISOString().slice(0, 10)}` : '';
  const compat = options.compat ?? DEFAULT_COMPAT;
  const parts: string[] = [
    ...(compat === DEFAULT_COMPAT ? [] : [`---\ncompat: ${compat}\n---`]),
    `# ${title}`,
    `Exported from Expiry Playground${when}. Replay it with \`npm run -s cli -- docs check <this file>\`: every reply below is what the playground printed, and the notes between the blocks move the clock as it moved.`,
  ];
  let block: string[] = [];
  const closeBlock = () => {
    if (block.length === 0) return;
    const body = block.join('\n');
    const fence = fenceFor(body);
    parts.push(`${fence}cli\n${body}\n${fence}`);
    block = [];
  };
  // Where the runner's clock is: it starts at the first command and then moves only at notes.
  let runnerAt: number | null = null;
  for (const line of lines) {
    if (line.local || line.line.trim() === '') continue;
    if (runnerAt !== null) {
      const gap = line.at - runnerAt;
      // A 1 ms gap cannot be written exactly (a note moves at least 2 ms): the runner goes 1 ms
      // ahead, which PTTL comparisons allow for, and catches up at the next longer gap.
      const written = gap >= 2 ? gap - RUNNER_OVERSHOOT_MS : gap === 1 ? 1 : 0;
      if (written > 0) {
        closeBlock();
        parts.push(note(written));
        runnerAt += written + RUNNER_OVERSHOOT_MS;
      }
    } else runnerAt = line.at;
    const output = line.text.replace(/\r\n/g, '\n').replace(/\n$/, '');
    block.push(`${promptOf(line)} ${line.line}`);
    if (output !== '') block.push(output);
    runnerAt += line.slept ?? 0;
  }
  closeBlock();
  return `${parts.join('\n\n')}\n`;
}

/**
 * One command a line, as `redis-cli < file` reads them. A repeat prefix (`3 INCR k`), which only
 * redis-cli's prompt understands, is written out as the repeated command.
 */
export function exportCliScript(lines: readonly SavedLine[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line.local || line.line.trim() === '') continue;
    const parsed = parseLine(line.line);
    if (parsed.kind !== 'command') continue;
    const text = parsed.repeat > 1 ? line.line.trim().replace(/^\d+\s+/, '') : line.line.trim();
    for (let i = 0; i < Math.min(parsed.repeat, 100_000); i++) out.push(text);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
