import type { Keyspace } from '../keyspace.ts';
import type { ZEntry } from './sorted-sets.ts';
import { strtodRangeBound } from './strtod.ts';

/**
 * The ranges of t_zset.c: score ranges (zslParseRange), lex ranges (zslParseLexRange) and rank
 * windows, and the listpack walk that selects a range from the ranked members.
 */

export interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minEx: boolean;
  readonly maxEx: boolean;
}

/** One bound: a leading `(` makes it exclusive. */
export function parseBound(ks: Keyspace, arg: string): { value: number; exclusive: boolean } | null {
  const exclusive = arg.startsWith('(');
  const value = strtodRangeBound(ks, exclusive ? arg.slice(1) : arg);
  return value === null ? null : { value, exclusive };
}

/** zslParseRange (min first, max only if min parsed); null means `ERR min or max is not a float`. */
export function parseScoreRange(ks: Keyspace, minArg: string, maxArg: string): ScoreRange | null {
  const min = parseBound(ks, minArg);
  const max = min === null ? null : parseBound(ks, maxArg);
  if (min === null || max === null) return null;
  return { min: min.value, max: max.value, minEx: min.exclusive, maxEx: max.exclusive };
}

export const gteMin = (s: number, r: ScoreRange) => (r.minEx ? s > r.min : s >= r.min);
export const lteMax = (s: number, r: ScoreRange) => (r.maxEx ? s < r.max : s <= r.max);

/** A lex bound: `-` and `+` are the extremes, `(` exclusive, `[` inclusive. */
export type LexBound = { kind: 'min' } | { kind: 'max' } | { kind: 'value'; value: string; ex: boolean };

export function parseLexBound(arg: string): LexBound | null {
  const c = arg[0];
  if (c === '+' || c === '-') {
    if (arg.length > 1 && arg[1] !== '\0') return null;
    return { kind: c === '+' ? 'max' : 'min' };
  }
  if (c === '(' || c === '[') return { kind: 'value', value: arg.slice(1), ex: c === '(' };
  return null;
}

export function lexGteMin(m: string, b: LexBound): boolean {
  if (b.kind === 'min') return true;
  if (b.kind === 'max') return false;
  return b.ex ? m > b.value : m >= b.value;
}

export function lexLteMax(m: string, b: LexBound): boolean {
  if (b.kind === 'max') return true;
  if (b.kind === 'min') return false;
  return b.ex ? m < b.value : m <= b.value;
}

/**
 * Walks the ranked members from one end, skipping until the first member inside the lower (or, in
 * reverse, upper) bound and taking members while they stay inside the other one, after `offset`
 * skipped members and for at most `limit` (negative = no limit). This is the listpack walk; with
 * equal scores it is exactly the lexicographic or score range.
 */
export function walkRange(
  sorted: readonly ZEntry[],
  reverse: boolean,
  startsIn: (e: ZEntry) => boolean,
  staysIn: (e: ZEntry) => boolean,
  offset: number,
  limit: number,
): ZEntry[] {
  const out: ZEntry[] = [];
  if (offset < 0 || (offset > 0 && offset >= sorted.length)) return out;
  const n = sorted.length;
  let i = 0;
  while (i < n && !startsIn(sorted[reverse ? n - 1 - i : i] as ZEntry)) i++;
  if (i < n && !staysIn(sorted[reverse ? n - 1 - i : i] as ZEntry)) return out;
  i += offset;
  for (; i < n && limit !== 0; i++, limit--) {
    const e = sorted[reverse ? n - 1 - i : i] as ZEntry;
    if (!staysIn(e)) break;
    out.push(e);
  }
  return out;
}

export function scoreRangeEntries(
  sorted: readonly ZEntry[],
  r: ScoreRange,
  reverse: boolean,
  offset = 0,
  limit = -1,
) {
  const lower = (e: ZEntry) => gteMin(e[1], r);
  const upper = (e: ZEntry) => lteMax(e[1], r);
  return reverse
    ? walkRange(sorted, true, upper, lower, offset, limit)
    : walkRange(sorted, false, lower, upper, offset, limit);
}

/** zslIsInLexRange's emptiness check, then the walk. */
export function lexRangeEntries(
  sorted: readonly ZEntry[],
  min: LexBound,
  max: LexBound,
  reverse: boolean,
  offset: number,
  limit: number,
): ZEntry[] {
  if (min.kind === 'max' || max.kind === 'min') return [];
  if (min.kind === 'value' && max.kind === 'value') {
    if (min.value > max.value || (min.value === max.value && (min.ex || max.ex))) return [];
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return [];
  if (!lexGteMin(last[0], min) || !lexLteMax(first[0], max)) return [];
  const lower = (e: ZEntry) => lexGteMin(e[0], min);
  const upper = (e: ZEntry) => lexLteMax(e[0], max);
  return reverse
    ? walkRange(sorted, true, upper, lower, offset, limit)
    : walkRange(sorted, false, lower, upper, offset, limit);
}

/** Rank indices as LRANGE/ZRANGE sanitise them; null for an empty range. */
export function rankWindow(startArg: number, endArg: number, len: number): [number, number] | null {
  let start = startArg < 0 ? len + startArg : startArg;
  let end = endArg < 0 ? len + endArg : endArg;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}
