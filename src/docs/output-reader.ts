import { utf8ToBytes } from '../engine/bytes.ts';
import { quoteBytes } from '../engine/format.ts';
import type { ExpectedReply } from './types.ts';

/**
 * Reads what a page prints after a command back into a reply tree. Every form redis-cli (--no-raw)
 * prints is understood: `OK`, `"OK"`, `(nil)`, `(integer) n`, `(double) x`, `(error) …`, quoted
 * strings with redis-cli's escapes, `(empty array)` / `(empty list or set)`, and numbered arrays,
 * nested on one line (`2) 1) "a"`), with right-aligned indices (` 9)`, `10)`) and indented
 * continuation lines. Trailing `# …` and `// …` comments after a value are dropped. A line in no
 * known form becomes an `unreadable` node, so a typo in a page shows up as a failure, not a crash.
 */

interface Marker {
  readonly num: number;
  /** Column of the `)`: right-aligned indices of one array share it. */
  readonly col: number;
}

interface ParsedLine {
  readonly markers: readonly Marker[];
  readonly value: ExpectedReply;
}

interface Level {
  readonly col: number;
  readonly items: ExpectedReply[];
}

const EMPTY_FORMS = /^\((?:empty array|empty list or set|empty set|empty list|empty hash)\)/;
/** A `#` or `//` comment after a value: the first marker with blank space before it and after it. */
const COMMENT_MARK = /\s(?:#|\/\/)(?=\s|$)/;

/** `text` without its trailing comment (one regex step per character: no backtracking on long lines). */
function withoutComment(text: string): string {
  const m = COMMENT_MARK.exec(text);
  return m ? text.slice(0, m.index + 1).trimEnd() : text;
}

/** Reads the output lines of one command (blank and comment lines already removed). */
export function readOutput(lines: readonly string[], cut = false): ExpectedReply {
  const parsed = lines.map(parseLine);
  const first = parsed[0];
  if (first === undefined) return { kind: 'array', items: [], cut };
  if (first.markers.length === 0) {
    if (parsed.length === 1) return first.value;
    return { kind: 'unreadable', text: lines.join('\n') };
  }
  const stack: Level[] = [];
  const top: ExpectedReply[] = [];
  for (const [i, line] of parsed.entries()) {
    const [head, ...nested] = line.markers;
    if (head === undefined) return { kind: 'unreadable', text: lines.join('\n') };
    if (stack.length === 0) {
      if (i > 0) return { kind: 'unreadable', text: lines.join('\n') };
      stack.push({ col: head.col, items: top });
    } else {
      const depth = levelFor(stack, head);
      if (depth < 0) return { kind: 'unreadable', text: lines.join('\n') };
      stack.length = depth + 1;
    }
    let level = stack[stack.length - 1] as Level;
    if (head.num !== level.items.length + 1) return { kind: 'unreadable', text: lines.join('\n') };
    for (const marker of nested) {
      if (marker.num !== 1) return { kind: 'unreadable', text: lines.join('\n') };
      const items: ExpectedReply[] = [];
      level.items.push({ kind: 'array', items, cut: false });
      level = { col: marker.col, items };
      stack.push(level);
    }
    level.items.push(line.value);
  }
  return { kind: 'array', items: top, cut };
}

/**
 * Which open array a line's first index continues: the one whose `)` is in the same column; failing
 * that (a page that did not right-align `10)`), the nearest one expecting that index.
 */
function levelFor(stack: readonly Level[], marker: Marker): number {
  // Columns grow with depth (a nested index sits right of its parent's): search, do not scan, so that
  // a hostile line of 100,000 nested indices costs each later line a few steps, not 100,000.
  let lo = 0;
  let hi = stack.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((stack[mid] as Level).col < marker.col - 2) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < stack.length && (stack[end] as Level).col <= marker.col + 2) end++;
  for (let d = end - 1; d >= lo; d--) if ((stack[d] as Level).col === marker.col) return d;
  let best = -1;
  for (let d = end - 1; d >= lo; d--) {
    const level = stack[d] as Level;
    if (level.items.length + 1 !== marker.num || Math.abs(level.col - marker.col) > 2) continue;
    if (best < 0 || Math.abs(level.col - marker.col) < Math.abs((stack[best] as Level).col - marker.col)) {
      best = d;
    }
  }
  return best;
}

function parseLine(line: string): ParsedLine {
  const markers: Marker[] = [];
  const marker = /(\d+)\)(?: +|$)/y;
  let p = line.length - line.trimStart().length;
  for (;;) {
    marker.lastIndex = p;
    const m = marker.exec(line);
    if (!m) break;
    markers.push({ num: Number(m[1]), col: p + (m[1] as string).length });
    p = marker.lastIndex;
  }
  return { markers, value: readScalar(line.slice(p).trimEnd()) };
}

/** One value in redis-cli form, possibly followed by a comment. */
export function readScalar(text: string): ExpectedReply {
  if (text.startsWith('"')) return readQuoted(text);
  if (EMPTY_FORMS.test(text) && onlyComment(text.replace(EMPTY_FORMS, ''))) {
    return { kind: 'array', items: [], cut: false };
  }
  if (/^\(nil\)/.test(text) && onlyComment(text.slice(5))) return { kind: 'nil' };
  const int = /^\(integer\) (-?\d+)(.*)$/.exec(text);
  if (int && onlyComment(int[2] as string)) return { kind: 'int', value: int[1] as string };
  const double = /^\(double\) (\S+)(.*)$/.exec(text);
  if (double && onlyComment(double[2] as string)) return { kind: 'double', value: double[1] as string };
  if (text.startsWith('(error) ')) {
    return { kind: 'error', text: withoutComment(text.slice(8)).trim() };
  }
  const bare = withoutComment(text).trim();
  // A bracketed value is no redis-cli form: `(integer 2)` is a typo, `[2,6]` another notation.
  if (bare === '' || bare.startsWith('(') || bare.startsWith('[')) return { kind: 'unreadable', text };
  return { kind: 'text', text: utf8ToBytes(bare), quoted: false };
}

function onlyComment(rest: string): boolean {
  const r = rest.trim();
  return r === '' || r.startsWith('#') || r.startsWith('//');
}

/** A quoted string in sdscatrepr's escapes; characters outside ASCII are taken as UTF-8 bytes. */
function readQuoted(text: string): ExpectedReply {
  let out = '';
  let i = 1;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') break;
    if (c !== '\\') {
      out += c.charCodeAt(0) > 0x7f ? utf8ToBytes(c) : c;
      continue;
    }
    const next = text[i + 1];
    const hex = next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4));
    if (hex) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (next !== undefined) {
      out += ESCAPES[next] ?? next;
      i += 1;
    }
  }
  if (i >= text.length || !onlyComment(text.slice(i + 1))) return { kind: 'unreadable', text };
  return { kind: 'text', text: out, quoted: true };
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  '\\': '\\',
  '"': '"',
};

/** Renders an expected reply the way redis-cli would print it (for diffs and reports). */
export function renderExpected(reply: ExpectedReply): string {
  return renderWithPrefix(reply, '');
}

function renderWithPrefix(reply: ExpectedReply, prefix: string): string {
  switch (reply.kind) {
    case 'text':
      return `${reply.quoted ? quoteBytes(reply.text) : reply.text}\n`;
    case 'int':
      return `(integer) ${reply.value}\n`;
    case 'double':
      return `(double) ${reply.value}\n`;
    case 'nil':
      return '(nil)\n';
    case 'error':
      return `(error) ${reply.text}\n`;
    case 'unreadable':
      return `${reply.text}\n`;
    case 'array': {
      const n = reply.items.length;
      if (n === 0) return reply.cut ? '# ...\n' : '(empty array)\n';
      const width = String(n).length;
      const childPrefix = prefix + ' '.repeat(width + 2);
      let out = '';
      reply.items.forEach((item, i) => {
        out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) ${renderWithPrefix(item, childPrefix)}`;
      });
      return reply.cut ? `${out}${prefix}# ...\n` : out;
    }
  }
}
