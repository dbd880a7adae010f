import { isReplyNotEntry, KEY1, NOT_INTEGER, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_LEX_RANGE, ERR_SCORE_RANGE, ERR_ZRANGE_LIMIT, ERR_ZRANGE_WITHSCORES_LEX } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import type { Keyspace } from '../keyspace.ts';
import { EMPTY_ARRAY, error, int, type Reply } from '../reply.ts';
import { withScores74 } from './scores-74.ts';
import {
  deleteIfEmptyZset,
  entriesReply,
  lookupZset,
  removeMembers,
  sortedEntries,
  type ZEntry,
} from './sorted-sets.ts';
import { strtodRangeBound } from './strtod.ts';

/** Range queries and range deletions on sorted sets (t_zset.c zrangeGenericCommand and friends). */

interface ScoreRange {
  readonly min: number;
  readonly max: number;
  readonly minEx: boolean;
  readonly maxEx: boolean;
}

/** One bound: a leading `(` makes it exclusive. */
function parseBound(ks: Keyspace, arg: string): { value: number; exclusive: boolean } | null {
  const exclusive = arg.startsWith('(');
  const value = strtodRangeBound(ks, exclusive ? arg.slice(1) : arg);
  return value === null ? null : { value, exclusive };
}

/** zslParseRange (min first, max only if min parsed); null means `ERR min or max is not a float`. */
function parseScoreRange(ks: Keyspace, minArg: string, maxArg: string): ScoreRange | null {
  const min = parseBound(ks, minArg);
  const max = min === null ? null : parseBound(ks, maxArg);
  if (min === null || max === null) return null;
  return { min: min.value, max: max.value, minEx: min.exclusive, maxEx: max.exclusive };
}

const gteMin = (s: number, r: ScoreRange) => (r.minEx ? s > r.min : s >= r.min);
const lteMax = (s: number, r: ScoreRange) => (r.maxEx ? s < r.max : s <= r.max);

/** A lex bound: `-` and `+` are the extremes, `(` exclusive, `[` inclusive. */
type LexBound = { kind: 'min' } | { kind: 'max' } | { kind: 'value'; value: string; ex: boolean };

function parseLexBound(arg: string): LexBound | null {
  const c = arg[0];
  if (c === '+' || c === '-') {
    if (arg.length > 1 && arg[1] !== '\0') return null;
    return { kind: c === '+' ? 'max' : 'min' };
  }
  if (c === '(' || c === '[') return { kind: 'value', value: arg.slice(1), ex: c === '(' };
  return null;
}

function lexGteMin(m: string, b: LexBound): boolean {
  if (b.kind === 'min') return true;
  if (b.kind === 'max') return false;
  return b.ex ? m > b.value : m >= b.value;
}

function lexLteMax(m: string, b: LexBound): boolean {
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
function walkRange(
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

function scoreRangeEntries(
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
function lexRangeEntries(
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
function rankWindow(startArg: number, endArg: number, len: number): [number, number] | null {
  let start = startArg < 0 ? len + startArg : startArg;
  let end = endArg < 0 ? len + endArg : endArg;
  if (start < 0) start = 0;
  if (start > end || start >= len) return null;
  if (end >= len) end = len - 1;
  return [start, end];
}

type RangeType = 'auto' | 'rank' | 'score' | 'lex';

const zrangeGeneric =
  (fixedType: RangeType, fixedReverse: boolean | undefined) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    let type = fixedType;
    let reverse = fixedReverse;
    let withScores = false;
    let offset = 0;
    let limit = -1;
    let limitGiven = false;
    for (let j = 4; j < argv.length; j++) {
      const opt = optionName(arg(argv, j));
      if (opt === 'withscores') {
        withScores = true;
      } else if (opt === 'limit' && argv.length - j - 1 >= 2) {
        const o = parseInt64(arg(argv, j + 1));
        const l = o === null ? null : parseInt64(arg(argv, j + 2));
        if (o === null || l === null) return NOT_INTEGER;
        offset = clampToNumber(o);
        limit = clampToNumber(l);
        limitGiven = true;
        j += 2;
      } else if (reverse === undefined && opt === 'rev') {
        reverse = true;
      } else if (type === 'auto' && opt === 'bylex') {
        type = 'lex';
      } else if (type === 'auto' && opt === 'byscore') {
        type = 'score';
      } else {
        return SYNTAX;
      }
    }
    reverse ??= false;
    if (type === 'auto') type = 'rank';
    // Redis tests `limit != -1`, so an explicit LIMIT with count -1 is accepted on a rank range.
    if (limitGiven && limit !== -1 && type === 'rank') return error(ERR_ZRANGE_LIMIT);
    if (withScores && type === 'lex') return error(ERR_ZRANGE_WITHSCORES_LEX);
    let minArg = arg(argv, 2);
    let maxArg = arg(argv, 3);
    if (reverse && type !== 'rank') [minArg, maxArg] = [maxArg, minArg];
    let select: (sorted: readonly ZEntry[]) => ZEntry[];
    if (type === 'rank') {
      const start = parseInt64(minArg);
      const end = start === null ? null : parseInt64(maxArg);
      if (start === null || end === null) return NOT_INTEGER;
      select = (sorted) => {
        const w = rankWindow(clampToNumber(start), clampToNumber(end), sorted.length);
        if (w === null) return [];
        if (!reverse) return sorted.slice(w[0], w[1] + 1);
        const n = sorted.length;
        return sorted.slice(n - 1 - w[1], n - w[0]).reverse();
      };
    } else if (type === 'score') {
      const r = parseScoreRange(ctx.ks, minArg, maxArg);
      if (r === null) return error(ERR_SCORE_RANGE);
      select = (sorted) => scoreRangeEntries(sorted, r, reverse, offset, limit);
    } else {
      const min = parseLexBound(minArg);
      const max = parseLexBound(maxArg);
      if (min === null || max === null) return error(ERR_LEX_RANGE);
      select = (sorted) => lexRangeEntries(sorted, min, max, reverse, offset, limit);
    }
    const e = lookupZset(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return EMPTY_ARRAY;
    return entriesReply(select(sortedEntries(e.coll)), withScores);
  };

const zcount = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const r = parseScoreRange(ctx.ks, arg(argv, 2), arg(argv, 3));
  if (r === null) return error(ERR_SCORE_RANGE);
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  let n = 0;
  for (const s of e.coll.values()) if (gteMin(s, r) && lteMax(s, r)) n++;
  return int(n);
};

const zremrange =
  (byScore: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    let select: (sorted: readonly ZEntry[]) => ZEntry[];
    if (byScore) {
      const r = parseScoreRange(ctx.ks, arg(argv, 2), arg(argv, 3));
      if (r === null) return error(ERR_SCORE_RANGE);
      select = (sorted) => scoreRangeEntries(sorted, r, false);
    } else {
      const start = parseInt64(arg(argv, 2));
      const end = start === null ? null : parseInt64(arg(argv, 3));
      if (start === null || end === null) return NOT_INTEGER;
      select = (sorted) => {
        const w = rankWindow(clampToNumber(start), clampToNumber(end), sorted.length);
        return w === null ? [] : sorted.slice(w[0], w[1] + 1);
      };
    }
    const key = arg(argv, 1);
    const e = lookupZset(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return int(0);
    const victims = select(sortedEntries(e.coll));
    const removed = removeMembers(
      ctx,
      e,
      victims.map(([m]) => m),
    );
    if (removed > 0) {
      ctx.ks.notify(ctx.db.id, key, byScore ? 'zremrangebyscore' : 'zremrangebyrank', 'z');
      deleteIfEmptyZset(ctx, e);
    }
    return int(removed);
  };

const zset = { group: 'sorted-set', keys: KEY1 } as const;
const RANGE_COMPLEXITY =
  'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.';

export const sortedSetRangeCommands: readonly CommandSpec[] = [
  {
    ...zset,
    name: 'zcount',
    arity: 4,
    flags: ['readonly', 'fast'],
    summary: 'Returns the count of members in a sorted set that have scores within a range.',
    syntax: 'ZCOUNT key min max',
    since: '2.0.0',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    handler: zcount,
  },
  {
    ...zset,
    name: 'zrange',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns members in a sorted set within a range of indexes, scores or lexicographical order.',
    syntax: 'ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]',
    since: '1.2.0',
    complexity: RANGE_COMPLEXITY,
    handler: zrangeGeneric('auto', undefined),
    versions: {
      'redis-7.4': { handler: withScores74(zrangeGeneric('auto', undefined), 'pairs-withscores') },
    },
  },
  {
    ...zset,
    name: 'zrangebyscore',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns members in a sorted set within a range of scores.',
    syntax: 'ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]',
    since: '1.0.5',
    complexity: RANGE_COMPLEXITY,
    handler: zrangeGeneric('score', false),
    versions: { 'redis-7.4': { handler: withScores74(zrangeGeneric('score', false), 'pairs-withscores') } },
  },
  {
    ...zset,
    name: 'zrevrange',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns members in a sorted set within a range of indexes in reverse order.',
    syntax: 'ZREVRANGE key start stop [WITHSCORES]',
    since: '1.2.0',
    complexity: RANGE_COMPLEXITY,
    handler: zrangeGeneric('rank', true),
    versions: { 'redis-7.4': { handler: withScores74(zrangeGeneric('rank', true), 'pairs-withscores') } },
  },
  {
    ...zset,
    name: 'zrevrangebyscore',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns members in a sorted set within a range of scores in reverse order.',
    syntax: 'ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]',
    since: '2.2.0',
    complexity: RANGE_COMPLEXITY,
    handler: zrangeGeneric('score', true),
    versions: { 'redis-7.4': { handler: withScores74(zrangeGeneric('score', true), 'pairs-withscores') } },
  },
  {
    ...zset,
    name: 'zremrangebyscore',
    arity: 4,
    flags: ['write'],
    summary:
      'Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.',
    syntax: 'ZREMRANGEBYSCORE key min max',
    since: '1.2.0',
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
    handler: zremrange(true),
  },
  {
    ...zset,
    name: 'zremrangebyrank',
    arity: 4,
    flags: ['write'],
    summary:
      'Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.',
    syntax: 'ZREMRANGEBYRANK key start stop',
    since: '2.0.0',
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
    handler: zremrange(false),
  },
];
