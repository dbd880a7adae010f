import { utf8ToBytes } from './bytes.ts';
import { arg } from './command.ts';

/**
 * redis-cli's line splitting (sdssplitargs) and its repeat prefix (`3 INCR k`).
 * The line is UTF-8 encoded first, as redis-cli sends the bytes of what was typed; `\xHH` inside
 * double quotes then yields a single raw byte.
 */

export type ParsedLine =
  | { readonly kind: 'empty' }
  | { readonly kind: 'command'; readonly argv: readonly string[]; readonly repeat: number }
  /** Client-side message printed instead of sending anything (no `(error)` prefix). */
  | { readonly kind: 'client-error'; readonly message: string };

export const MSG_INVALID_ARGUMENTS = 'Invalid argument(s)';
export const MSG_INVALID_REPEAT = 'Invalid redis-cli repeat command option value.';

/** Splits a line into byte-string arguments; null where redis-cli prints `Invalid argument(s)`. */
export function splitArgs(line: string): string[] | null {
  return splitPlainWords(line) ?? splitArgBytes(utf8ToBytes(line));
}

/**
 * The line most people type (printable ASCII words between spaces, no quotes) in one pass; undefined
 * for anything else, which takes the full path. Its UTF-8 form is itself and sdssplitargs would
 * only split it on spaces, so the answer is the same: this is the console's hot path.
 */
export function splitPlainWords(s: string): string[] | undefined {
  const out: string[] = [];
  let from = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (from >= 0) out.push(s.slice(from, i));
      from = -1;
    } else if (c < 0x21 || c > 0x7e || c === 0x22 || c === 0x27) {
      return undefined;
    } else if (from < 0) {
      from = i;
    }
  }
  if (from >= 0) out.push(s.slice(from));
  return out;
}

/**
 * sdssplitargs on a byte string (one char per byte): what redis-cli does to a typed line and
 * redis-server to an inline request. Null for unbalanced quotes. Runs of plain bytes are sliced, not
 * appended byte by byte: this is the console's hot path.
 */
export function splitArgBytes(s: string): string[] | null {
  // C strings end at the first zero byte.
  const nul = s.indexOf('\0');
  const n = nul < 0 ? s.length : nul;
  const out: string[] = [];
  let p = 0;
  for (;;) {
    while (p < n && isSpace(s.charCodeAt(p))) p++;
    if (p >= n) return out;
    let current = '';
    for (;;) {
      const from = p;
      while (p < n && !isPlainEnd(s.charCodeAt(p))) p++;
      current += s.slice(from, p);
      if (p >= n || isTokenEnd(s.charCodeAt(p))) break;
      // A quote starts a quoted part, which must end the token.
      const end = s.charCodeAt(p) === 0x22 ? doubleQuoted(s, p + 1, n) : singleQuoted(s, p + 1, n);
      if (end === null) return null;
      current += end.text;
      p = end.next;
      break;
    }
    out.push(current);
    if (p < n) p++;
  }
}

/** Where an unquoted run stops: the end of the token or a quote. */
function isPlainEnd(c: number): boolean {
  return c === 0x22 || c === 0x27 || isTokenEnd(c);
}

/** sdssplitargs ends a token at these four only (\v and \f inside a token are part of it). */
function isTokenEnd(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

interface Quoted {
  readonly text: string;
  /** The position after the closing quote. */
  readonly next: number;
}

/** The inside of "…" from `p` (after the quote), escapes decoded; null when unbalanced or glued. */
function doubleQuoted(s: string, p: number, n: number): Quoted | null {
  let text = '';
  for (;;) {
    const from = p;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === 0x5c || c === 0x22) break;
      p++;
    }
    text += s.slice(from, p);
    if (p >= n) return null;
    if (s.charCodeAt(p) === 0x22) return closed(s, text, p + 1, n);
    // A backslash: \xHH is one byte, \n and the like their control byte, any other the byte itself.
    if (p + 1 >= n) return null;
    const next = s.charCodeAt(p + 1);
    if (next === 0x78 && p + 3 < n && isHex(s.charCodeAt(p + 2)) && isHex(s.charCodeAt(p + 3))) {
      text += String.fromCharCode(hexValue(s.charCodeAt(p + 2)) * 16 + hexValue(s.charCodeAt(p + 3)));
      p += 4;
    } else {
      text += unescapeChar(next);
      p += 2;
    }
  }
}

/** The inside of '…' from `p`: only \' is an escape. */
function singleQuoted(s: string, p: number, n: number): Quoted | null {
  let text = '';
  for (;;) {
    const from = p;
    while (p < n) {
      const c = s.charCodeAt(p);
      if (c === 0x27 || (c === 0x5c && p + 1 < n && s.charCodeAt(p + 1) === 0x27)) break;
      p++;
    }
    text += s.slice(from, p);
    if (p >= n) return null;
    if (s.charCodeAt(p) === 0x27) return closed(s, text, p + 1, n);
    text += "'";
    p += 2;
  }
}

/** A closing quote must be followed by whitespace or the end of the line. */
function closed(s: string, text: string, next: number, n: number): Quoted | null {
  return next < n && !isSpace(s.charCodeAt(next)) ? null : { text, next };
}

/**
 * A whole console line as redis-cli's REPL reads it, including the numeric repeat prefix: typed
 * text (UTF-8 encoded here), or with `bytes` a byte string read from a pipe, taken as it is.
 */
export function parseLine(line: string, bytes = false): ParsedLine {
  const argv = bytes ? splitArgBytes(line) : splitArgs(line);
  if (argv === null) return { kind: 'client-error', message: MSG_INVALID_ARGUMENTS };
  if (argv.length === 0) return { kind: 'empty' };
  const first = arg(argv, 0);
  if (argv.length > 1) {
    const repeat = parseRepeat(first);
    if (repeat !== undefined) {
      if (repeat === null) return { kind: 'client-error', message: MSG_INVALID_REPEAT };
      return { kind: 'command', argv: argv.slice(1), repeat };
    }
  }
  return { kind: 'command', argv, repeat: 1 };
}

/**
 * strtol(argv[0], &end, 10) with the whole token consumed: undefined when the token is not a
 * number (it is then the command name), null when it is one but out of range or not positive.
 */
function parseRepeat(token: string): number | null | undefined {
  // Most lines start with a command name: strtol reads no number from a leading letter.
  const c = token.charCodeAt(0);
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return undefined;
  const m = /^[\t\n\v\f\r ]*([+-]?)([0-9]*)$/.exec(token);
  if (!m) return undefined;
  const digits = m[2] as string;
  // strtol consumes nothing when there are no digits; the end pointer is then the token's start,
  // which is only "fully consumed" for an empty token (read as 0, so rejected).
  if (digits.length === 0) return token.length === 0 ? null : undefined;
  const value = BigInt(m[1] === '-' ? `-${digits}` : digits);
  if (value <= 0n || value > 9223372036854775807n) return null;
  return Number(value);
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hexValue(c: number): number {
  if (c <= 0x39) return c - 0x30;
  if (c <= 0x46) return c - 0x41 + 10;
  return c - 0x61 + 10;
}

function unescapeChar(c: number): string {
  switch (c) {
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    case 0x62:
      return '\b';
    case 0x61:
      return '\x07';
    default:
      return String.fromCharCode(c);
  }
}
