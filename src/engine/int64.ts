/**
 * Redis's strict integer rules (util.c string2ll): optional '-', digits, no '+', no leading zeros,
 * no "-0", no blanks, must fit a signed 64-bit integer.
 *
 * Values come back as a `number` while they are safe JS integers and as a `bigint` beyond that, so
 * the hot paths (TTLs, small counters) stay on doubles and the int64 edges stay exact.
 */

export type Int = number | bigint;

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;
export const UINT64_MAX = 18446744073709551615n;

/** Longest valid int64 text: "-9223372036854775808". */
const MAX_INT64_CHARS = 20;

/** Returns the integer, or null where Redis says `value is not an integer or out of range`. */
export function parseInt64(s: string): Int | null {
  const len = s.length;
  if (len === 0 || len > MAX_INT64_CHARS) return null;
  if (len === 1 && s.charCodeAt(0) === 48) return 0;
  let i = 0;
  const negative = s.charCodeAt(0) === 45;
  if (negative) {
    i = 1;
    if (len === 1) return null;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null;
  let value = first - 48;
  for (i++; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    value = value * 10 + (c - 48);
  }
  // 15 digits always fit exactly in a double; longer texts get an exact BigInt check.
  if (len - (negative ? 1 : 0) <= 15) return negative ? -value : value;
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) return null;
  return normalizeInt(big);
}

/** A bigint that fits in a safe double becomes a number, so equal values have one representation. */
export function normalizeInt(v: bigint): Int {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/**
 * For byte offsets and indices: a double that orders the same as `v` against any string length.
 * Values beyond ±2^53 are clamped; no string can be that long.
 */
export function clampToNumber(v: Int): number {
  if (typeof v === 'number') return v;
  if (v > 9007199254740991n) return Number.MAX_SAFE_INTEGER;
  if (v < -9007199254740991n) return -Number.MAX_SAFE_INTEGER;
  return Number(v);
}

/**
 * SCAN's cursor is read with strtoul: a leading '+' or '-' is accepted ('-' wraps modulo 2^64) and
 * an empty string reads as 0, but Redis rejects a leading blank, trailing garbage and overflow.
 * Returns null for `ERR invalid cursor`.
 */
export function parseCursor(s: string): bigint | null {
  if (s.length === 0) return 0n;
  if (isCSpace(s.charCodeAt(0))) return null;
  let digits = s;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    digits = s.slice(1);
  }
  if (!/^[0-9]+$/.test(digits)) return null;
  const v = BigInt(digits);
  if (v > UINT64_MAX) return null;
  return neg && v !== 0n ? UINT64_MAX + 1n - v : v;
}

/** C isspace() in the "C" locale. */
export function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** getIntFromObject: a strict int64 that must also fit a C int. */
export function parseInt32(s: string): number | null {
  const v = parseInt64(s);
  if (v === null || typeof v === 'bigint' || v < -2147483648 || v > 2147483647) return null;
  return v;
}
