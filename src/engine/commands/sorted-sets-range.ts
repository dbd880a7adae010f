import { isReplyNotEntry, KEY1, NOT_INTEGER, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_LEX_RANGE, ERR_SCORE_RANGE, ERR_ZRANGE_LIMIT, ERR_ZRANGE_WITHSCORES_LEX } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
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
import { storeZset } from './sorted-sets-algebra.ts';
import {
  gteMin,
  lexRangeEntries,
  lteMax,
  parseLexBound,
  parseScoreRange,
  rankWindow,
  scoreRangeEntries,
} from './zset-ranges.ts';

/**
 * Range queries and range deletions on sorted sets (t_zset.c zrangeGenericCommand and friends).
 * Lex ranges follow the listpack walk (zset-ranges.ts) whatever the encoding.
 */

type RangeType = 'auto' | 'rank' | 'score' | 'lex';

/** Z[REV]RANGE[BYSCORE|BYLEX] and ZRANGESTORE (`store`: destination first, no WITHSCORES). */
const zrangeGeneric =
  (fixedType: RangeType, fixedReverse: boolean | undefined, store = false) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const at = store ? 2 : 1;
    let type = fixedType;
    let reverse = fixedReverse;
    let withScores = false;
    let offset = 0;
    let limit = -1;
    let limitGiven = false;
    for (let j = at + 3; j < argv.length; j++) {
      const opt = optionName(arg(argv, j));
      if (!store && opt === 'withscores') {
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
    let minArg = arg(argv, at + 1);
    let maxArg = arg(argv, at + 2);
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
    const e = lookupZset(ctx, arg(argv, at), false);
    if (isReplyNotEntry(e)) return e;
    const picked = e === undefined ? [] : select(sortedEntries(e.coll));
    if (store) return storeZset(ctx, arg(argv, 1), new Map(picked), 'zrangestore');
    return e === undefined ? EMPTY_ARRAY : entriesReply(picked, withScores);
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

const zlexcount = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const min = parseLexBound(arg(argv, 2));
  const max = min === null ? null : parseLexBound(arg(argv, 3));
  if (min === null || max === null) return error(ERR_LEX_RANGE);
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  return int(lexRangeEntries(sortedEntries(e.coll), min, max, false, 0, -1).length);
};

/** ZREMRANGEBYRANK/BYSCORE/BYLEX (zremrangeGenericCommand): the range is parsed before the lookup. */
const zremrange =
  (by: 'rank' | 'score' | 'lex') =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    let select: (sorted: readonly ZEntry[]) => ZEntry[];
    if (by === 'score') {
      const r = parseScoreRange(ctx.ks, arg(argv, 2), arg(argv, 3));
      if (r === null) return error(ERR_SCORE_RANGE);
      select = (sorted) => scoreRangeEntries(sorted, r, false);
    } else if (by === 'lex') {
      const min = parseLexBound(arg(argv, 2));
      const max = min === null ? null : parseLexBound(arg(argv, 3));
      if (min === null || max === null) return error(ERR_LEX_RANGE);
      select = (sorted) => lexRangeEntries(sorted, min, max, false, 0, -1);
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
      ctx.ks.notify(ctx.db.id, key, `zremrangeby${by}`, 'z');
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
    handler: zremrange('score'),
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
    handler: zremrange('rank'),
  },
  {
    ...zset,
    name: 'zremrangebylex',
    arity: 4,
    flags: ['write'],
    summary:
      'Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.',
    syntax: 'ZREMRANGEBYLEX key min max',
    since: '2.8.9',
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
    handler: zremrange('lex'),
  },
  {
    ...zset,
    name: 'zlexcount',
    arity: 4,
    flags: ['readonly', 'fast'],
    summary: 'Returns the number of members in a sorted set within a lexicographical range.',
    syntax: 'ZLEXCOUNT key min max',
    since: '2.8.9',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    handler: zlexcount,
  },
  {
    ...zset,
    name: 'zrangebylex',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns members in a sorted set within a lexicographical range.',
    syntax: 'ZRANGEBYLEX key min max [LIMIT offset count]',
    since: '2.8.9',
    complexity: RANGE_COMPLEXITY,
    handler: zrangeGeneric('lex', false),
  },
  {
    ...zset,
    name: 'zrevrangebylex',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns members in a sorted set within a lexicographical range in reverse order.',
    syntax: 'ZREVRANGEBYLEX key max min [LIMIT offset count]',
    since: '2.8.9',
    complexity: RANGE_COMPLEXITY,
    handler: zrangeGeneric('lex', true),
  },
  {
    ...zset,
    name: 'zrangestore',
    keys: [1, 2, 1],
    arity: -5,
    flags: ['write', 'denyoom'],
    summary: 'Stores a range of members from sorted set in a key.',
    syntax: 'ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]',
    since: '6.2.0',
    complexity:
      'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
    handler: zrangeGeneric('auto', undefined, true),
  },
];
