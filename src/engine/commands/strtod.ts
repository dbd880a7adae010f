import type { CommandContext } from '../command.ts';
import { stringEncoding } from '../encodings.ts';
import type { Keyspace } from '../keyspace.ts';
import { parseLongDouble } from '../longdouble.ts';

/**
 * glibc strtod/strtold as Redis 7.0 calls them, including their side effect on errno.
 *
 * errno matters for replies: SORT checks `errno == ERANGE` after strtod without clearing it first,
 * so a value out of double range read by an earlier command (a ZADD score, a ZCOUNT bound, an
 * INCRBYFLOAT operand, another SORT) makes a later SORT fail with "One or more scores can't be
 * converted into double" until some call clears errno (string2d, string2ld and CONFIG SET
 * maxmemory's memtoull do). errno belongs to the server: it is `ks.errno`.
 */

/** The smallest normal double: glibc flags smaller non-zero results with ERANGE too. */
const MIN_NORMAL = 2.2250738585072014e-308;

const PREFIX =
  /^[ \t\n\v\f\r]*([+-]?)(?:(inf(?:inity)?)|(nan(?:\([0-9A-Za-z_]*\))?)|0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?|([0-9]*\.?[0-9]*(?:[eE][+-]?[0-9]+)?))/i;

interface Parsed {
  /** Characters consumed (0 when no number was found, as strtod leaves endptr at the start). */
  readonly length: number;
  readonly value: number;
  readonly range: boolean;
  /** The number's own text (sign included), for strtold. */
  readonly text: string;
}

/** strtod: the longest number at the start of `s` (a C string: the caller cuts at NUL). */
function strtodPrefix(s: string): Parsed {
  const m = PREFIX.exec(s);
  const none: Parsed = { length: 0, value: 0, range: false, text: '' };
  if (m === null) return none;
  const [whole, sign, inf, nan, hexInt, hexFrac, hexExp, dec] = m;
  const neg = sign === '-';
  if (inf !== undefined)
    return { length: whole.length, value: neg ? -Infinity : Infinity, range: false, text: '' };
  if (nan !== undefined) return { length: whole.length, value: Number.NaN, range: false, text: '' };
  if (hexInt !== undefined || hexFrac !== undefined) {
    const frac = hexFrac ?? '';
    const mant = BigInt(`0x0${hexInt ?? ''}${frac}`);
    let value = 0;
    if (mant !== 0n) {
      const exp = Math.max(-1e6, Math.min(1e6, Number(hexExp ?? '0'))) - 4 * frac.length;
      value = Number(mant);
      for (let e = exp; e !== 0; ) {
        const step = Math.max(-1000, Math.min(1000, e));
        value *= 2 ** step;
        e -= step;
      }
    }
    const v = neg ? -value : value;
    return { length: whole.length, value: v, range: isRange(v, mant !== 0n), text: whole.trimStart() };
  }
  // A decimal needs a digit; "." or "e5" alone is no number, and an exponent needs its digits.
  if (dec === undefined || !/[0-9]/.test(dec.replace(/[eE].*$/, ''))) return none;
  const value = Number(`${sign}${dec}`);
  const nonZero = /[1-9]/.test(dec.replace(/[eE].*$/, ''));
  return { length: whole.length, value, range: isRange(value, nonZero), text: `${sign}${dec}` };
}

function isRange(v: number, nonZero: boolean): boolean {
  return !Number.isFinite(v) || (nonZero && Math.abs(v) < MIN_NORMAL);
}

function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** util.c string2d (ZADD/ZINCRBY scores): clears errno first. null = `not a valid float`. */
export function string2d(ks: Keyspace, s: string): number | null {
  const r = strtodPrefix(cString(s));
  ks.errno.erange = r.range;
  if (s.length === 0 || /^[ \t\n\v\f\r]/.test(s) || r.length !== s.length || Number.isNaN(r.value))
    return null;
  if (r.range && (!Number.isFinite(r.value) || r.value === 0)) return null;
  return r.value;
}

/**
 * The errno effect of util.c string2ld (INCRBYFLOAT, HINCRBYFLOAT operands): nothing for "" or a
 * too long text, else errno is cleared and strtold may set ERANGE.
 */
export function string2ldErrno(ks: Keyspace, s: string): void {
  if (s.length === 0 || s.length >= 5 * 1024) return;
  const r = strtodPrefix(cString(s));
  if (r.length === 0 || r.text === '') {
    ks.errno.erange = false;
    return;
  }
  // Beyond the long double range strtold overflows or underflows: parseLongDouble rejects those.
  const hex = /^[+-]?0[xX]/.test(r.text);
  const mantissa = hex
    ? r.text.replace(/^[+-]?0[xX]/, '').replace(/[pP].*$/, '')
    : r.text.replace(/[eE].*$/, '');
  ks.errno.erange = parseLongDouble(r.text) === null && (hex ? /[1-9a-fA-F]/ : /[1-9]/).test(mantissa);
}

/**
 * INCRBYFLOAT's effect on errno, which its handler replays before it runs: string2ld reads the
 * current value (unless int-encoded or missing, found without expiring it), then, if that parsed,
 * the increment.
 */
export function incrByFloatErrno(ctx: CommandContext, key: string, increment: string): void {
  const e = ctx.db.dict.get(key);
  const live = e !== undefined && !ctx.ks.isExpired(e) ? e : undefined;
  if (live !== undefined && live.type !== 'string') return;
  let valueOk = true;
  if (live !== undefined && stringEncoding(live) !== 'int') {
    string2ldErrno(ctx.ks, live.str);
    valueOk = parseLongDouble(live.str) !== null;
  }
  if (valueOk) string2ldErrno(ctx.ks, increment);
}

/** zslParseRange: plain strtod (leading blanks and "" pass); errno is set, never cleared. */
export function strtodRangeBound(ks: Keyspace, s: string): number | null {
  const c = cString(s);
  const r = strtodPrefix(c);
  if (r.range) ks.errno.erange = true;
  if (r.length !== c.length || Number.isNaN(r.value)) return null;
  return r.value;
}

/** SORT's strtod of a text value: fails on trailing characters, NaN, and any ERANGE, even a stale one. */
export function sortStrtod(ks: Keyspace, s: string): number | null {
  const c = cString(s);
  const r = strtodPrefix(c);
  const errno = ks.errno;
  if (r.range) errno.erange = true;
  if (r.length !== c.length || errno.erange || Number.isNaN(r.value)) return null;
  return r.value;
}

/**
 * parseScanCursorOrReply clears errno before its strtoul, which sets ERANGE only when the digits
 * overflow an unsigned long: every SCAN-family command leaves errno so.
 */
export function scanCursorErrno(ks: Keyspace, cursor: string): void {
  const m = /^[\t\n\v\f\r ]*[+-]?([0-9]+)/.exec(cursor);
  ks.errno.erange = m !== null && BigInt(m[1] as string) > 18446744073709551615n;
}

/** Setting maxmemory goes through memtoull, which clears errno before its strtoull. */
export function memtoullErrno(ks: Keyspace): void {
  ks.errno.erange = false;
}
