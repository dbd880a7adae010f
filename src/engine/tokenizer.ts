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
  return splitArgBytes(utf8ToBytes(line));
}

/**
 * sdssplitargs on a byte string (one char per byte): what redis-cli does to a typed line and
 * redis-server to an inline request. Null for unbalanced quotes.
 */
export function splitArgBytes(s: string): string[] | null {
  const n = s.length;
  const out: string[] = [];
  let p = 0;
  // C strings end at the first zero byte.
  const at = (i: number): number => (i < n ? s.charCodeAt(i) : 0);
  while (true) {
    while (at(p) !== 0 && isSpace(at(p))) p++;
    if (at(p) === 0) return out;
    let inDouble = false;
    let inSingle = false;
    let current = '';
    let done = false;
    while (!done) {
      const c = at(p);
      if (inDouble) {
        if (c === 0x5c && at(p + 1) === 0x78 && isHex(at(p + 2)) && isHex(at(p + 3))) {
          current += String.fromCharCode(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === 0x5c && at(p + 1) !== 0) {
          p++;
          current += unescapeChar(at(p));
        } else if (c === 0x22) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += String.fromCharCode(c);
        }
      } else if (inSingle) {
        if (c === 0x5c && at(p + 1) === 0x27) {
          p++;
          current += "'";
        } else if (c === 0x27) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current += String.fromCharCode(c);
        }
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0) {
        done = true;
      } else if (c === 0x22) {
        inDouble = true;
      } else if (c === 0x27) {
        inSingle = true;
      } else {
        current += String.fromCharCode(c);
      }
      if (at(p) !== 0) p++;
    }
    out.push(current);
  }
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
