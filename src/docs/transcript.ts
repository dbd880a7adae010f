import type { CodeLine } from './markdown.ts';
import { readScalar } from './output-reader.ts';
import { readTimingNote, type TimingNote } from './timing.ts';
import type { BlockRole, PromptKind, SourceRange } from './types.ts';

/**
 * Reads one code block as a redis-cli session: prompt lines hold commands, the lines after a command
 * are its output, `#` and `//` lines are comments (a `# ...` line means the output was cut short,
 * and a comment can be a timing note). Whether a block is an example at all is decided by prompts:
 * a block with none is only replayed when it is a `cli` block (or redis.io's redis-cli shortcode) of
 * bare commands; one under a Syntax heading or holding only reply forms is not an example.
 */

export interface TranscriptCommand {
  readonly kind: 'command';
  readonly line: string;
  readonly prompt: PromptKind;
  /** Which client runs it (`client 2> …`); absent for the page's one client. */
  readonly client?: number;
  readonly comment?: string;
  readonly range: SourceRange;
  readonly output: readonly CodeLine[];
  /** The page cut the output short with a `# ...` line. */
  readonly cut: boolean;
}

export interface TranscriptNote {
  readonly kind: 'note';
  readonly note: TimingNote;
  readonly range: SourceRange;
}

export type TranscriptEntry = TranscriptCommand | TranscriptNote;

export interface Transcript {
  readonly role: BlockRole;
  readonly entries: readonly TranscriptEntry[];
}

const PROMPTS: readonly (readonly [RegExp, PromptKind])[] = [
  // A page with several clients names each one: `client 2> SUBSCRIBE ch` (see README, lessons).
  [/^client\s+\d+>/i, 'client'],
  [/^dragonfly\$?>/, 'dragonfly'],
  [/^(?:redis|valkey)(?:-cli)?>/, 'redis'],
  // redis-cli's own prompt: host:port, an optional [db] and (TX); old versions put `redis ` first.
  [/^(?:redis\s+)?(?:[\w.-]+|\[[0-9a-fA-F:]+\]):\d+(?:\[\d+\])?(?:\(TX\))?>/, 'host-port'],
  [/^>/, 'bare-gt'],
];

/** The fence tag of a lesson's "try it yourself" check (task.ts): its commands are run on demand, never replayed. */
export const TASK_CHECK_LANG = 'check';

/** Fence tags whose prompt-less lines are commands (the redis.io shortcode is read as `redis-cli`). */
const BARE_COMMAND_LANGS = new Set(['cli', 'redis-cli']);

export function readPrompt(line: string): { prompt: PromptKind; rest: string; client?: number } | null {
  const text = line.trimStart();
  for (const [pattern, prompt] of PROMPTS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length).trim();
    return prompt === 'client' ? { prompt, rest, client: Number(/\d+/.exec(m[0])?.[0]) } : { prompt, rest };
  }
  return null;
}

/** A whole-line comment: its text without the marker, or null. */
function readComment(line: string): string | null {
  const m = /^\s*(?:#|\/\/)(.*)$/.exec(line);
  return m ? (m[1] as string).trim() : null;
}

const CUT_MARK = /^\s*(?:#|\/\/)\s*(?:\.\.\.|…)\s*$/;

/**
 * Splits a trailing `# …` or `// …` comment off a command line, outside quotes, as redis-cli would
 * otherwise send the comment's words as arguments.
 */
export function splitTrailingComment(line: string): { command: string; comment?: string } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    const atWordStart = i > 0 && /\s/.test(line[i - 1] as string);
    const after = line[i + (c === '/' ? 2 : 1)];
    const marker = c === '#' || (c === '/' && line[i + 1] === '/');
    if (atWordStart && marker && (after === undefined || /\s/.test(after))) {
      return { command: line.slice(0, i).trimEnd(), comment: line.slice(i).replace(/^(#|\/\/)\s*/, '') };
    }
  }
  return { command: line.trimEnd() };
}

export function readTranscript(
  lang: string,
  lines: readonly CodeLine[],
  underSyntaxHeading: boolean,
): Transcript {
  if (lang === TASK_CHECK_LANG) return { role: 'task-check', entries: [] };
  const hasPrompt = lines.some((l) => readPrompt(l.text) !== null);
  if (hasPrompt) return { role: 'example', entries: readPromptedLines(lines) };
  if (!BARE_COMMAND_LANGS.has(lang) || underSyntaxHeading) return { role: 'not-example', entries: [] };
  const content = lines.filter((l) => l.text.trim() !== '' && readComment(l.text) === null);
  if (content.length === 0) return { role: 'not-example', entries: [] };
  if (content.every((l) => looksLikeReply(l.text))) return { role: 'output-sample', entries: [] };
  return { role: 'example', entries: readBareLines(lines) };
}

/** A line that can only be output: `(integer) 4`, `"value"`, `1) …`. */
function looksLikeReply(text: string): boolean {
  const t = text.trim();
  if (/^\d+\)/.test(t) || t.startsWith('[')) return true;
  const scalar = readScalar(t);
  return scalar.kind !== 'text' || scalar.quoted;
}

/** The commands of a block with prompts, each with the output lines that follow it. */
export function readPromptedLines(lines: readonly CodeLine[]): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  let current: { cmd: Omit<TranscriptCommand, 'output' | 'cut'>; output: CodeLine[]; cut: boolean } | null =
    null;
  const flush = () => {
    if (current) entries.push({ ...current.cmd, output: current.output, cut: current.cut });
    current = null;
  };
  for (const line of lines) {
    if (line.text.trim() === '') continue;
    const prompted = readPrompt(line.text);
    if (prompted) {
      flush();
      // `client 2>   # nothing yet`: a read with a comment (a bare `#` word starts no command).
      const onlyComment = prompted.client !== undefined && /^(#|\/\/)/.test(prompted.rest);
      const { command, comment } = onlyComment
        ? { command: '', comment: prompted.rest.replace(/^(#|\/\/)\s*/, '') }
        : splitTrailingComment(prompted.rest);
      // A client's prompt alone is a read: the output under it is what that client received meanwhile.
      if (command === '' && prompted.client === undefined) continue;
      current = {
        cmd: {
          kind: 'command',
          line: command,
          prompt: prompted.prompt,
          range: line.range,
          ...(prompted.client === undefined ? {} : { client: prompted.client }),
          ...commentProp(comment),
        },
        output: [],
        cut: false,
      };
      continue;
    }
    if (CUT_MARK.test(line.text)) {
      if (current) current.cut = true;
      continue;
    }
    const comment = readComment(line.text);
    if (comment !== null) {
      const note = readTimingNote(comment);
      if (note) {
        flush();
        entries.push({ kind: 'note', note, range: line.range });
      }
      continue;
    }
    // Text before the first prompt is not output of anything: skip it.
    if (current) current.output.push(line);
  }
  flush();
  return entries;
}

function readBareLines(lines: readonly CodeLine[]): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const line of lines) {
    if (line.text.trim() === '' || CUT_MARK.test(line.text)) continue;
    const comment = readComment(line.text);
    if (comment !== null) {
      const note = readTimingNote(comment);
      if (note) entries.push({ kind: 'note', note, range: line.range });
      continue;
    }
    const split = splitTrailingComment(line.text.trim());
    entries.push({
      kind: 'command',
      line: split.command,
      prompt: 'none',
      range: line.range,
      output: [],
      cut: false,
      ...commentProp(split.comment),
    });
  }
  return entries;
}

function commentProp(comment: string | undefined): { comment?: string } {
  return comment === undefined ? {} : { comment };
}
