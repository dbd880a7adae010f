import { isReplyNotEntry, KEY1, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { isConverted } from '../encodings.ts';
import { ERR_NOT_POSITIVE, errWrongArity } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import type { EntryOf, ZSet } from '../keyspace.ts';
import { array, bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, type Reply } from '../reply.ts';
import {
  type CursorCheck,
  deleteIfEmpty,
  lookupTyped,
  payloadChanged,
  scanCursor,
  scanCursor74,
  scanOptions,
  scanOptions74,
  wholeScanReply,
} from './collections.ts';
import { withScores74 } from './scores-74.ts';
import { d2string, formatScore } from './zset-score.ts';

/**
 * Sorted sets (t_zset.c) as a member → score Map; the order (score, then member bytes) is computed
 * on demand and cached until the next edit.
 */

export type ZEntry = readonly [member: string, score: number];

/** Bytes per member beyond its text (score, skiplist node share). */
export const ZMEMBER_OVERHEAD = 16;

export const sortedCache = new WeakMap<ZSet, ZEntry[]>();

export function compareEntries(a: ZEntry, b: ZEntry): number {
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Members in rank order. */
export function sortedEntries(z: ZSet): ZEntry[] {
  let sorted = sortedCache.get(z);
  if (sorted === undefined) {
    sorted = [...z].sort(compareEntries);
    sortedCache.set(z, sorted);
  }
  return sorted;
}

export const lookupZset = (ctx: CommandContext, key: string, write: boolean) =>
  lookupTyped(ctx, key, 'zset', write);

/** Removes members, keeping the byte estimate and the order cache right (the caller deletes an emptied key after its event). */
export function removeMembers(ctx: CommandContext, e: EntryOf<'zset'>, members: Iterable<string>): number {
  const z = e.coll;
  let removed = 0;
  let delta = 0;
  for (const m of members) {
    if (z.delete(m)) {
      removed++;
      delta -= m.length + ZMEMBER_OVERHEAD;
    }
  }
  if (removed > 0) {
    sortedCache.delete(z);
    payloadChanged(ctx, e, delta);
  }
  return removed;
}

/** After a removal command's event: the `del` of an emptied key. */
export function deleteIfEmptyZset(ctx: CommandContext, e: EntryOf<'zset'>): void {
  deleteIfEmpty(ctx, e, e.coll.size);
}

/**
 * Pops up to `count` lowest (or highest) members of a non-empty sorted set (genericZpopCommand):
 * ZPOPMIN/ZPOPMAX, ZMPOP and the blocking pops, with `zpopmin`/`zpopmax` and `del` when emptied.
 */
export function popZset(ctx: CommandContext, e: EntryOf<'zset'>, max: boolean, count: number): ZEntry[] {
  const sorted = sortedEntries(e.coll);
  const n = Math.min(count, sorted.length);
  const taken = max ? sorted.slice(sorted.length - n).reverse() : sorted.slice(0, n);
  removeMembers(
    ctx,
    e,
    taken.map(([m]) => m),
  );
  ctx.ks.notify(ctx.db.id, e.key, max ? 'zpopmax' : 'zpopmin', 'z');
  deleteIfEmptyZset(ctx, e);
  return taken;
}

export function scoreReply(score: number): Reply {
  return bulk(formatScore(score));
}

/** member, score, member, score… as WITHSCORES prints them. */
export function entriesReply(entries: readonly ZEntry[], withScores: boolean): Reply {
  const out: string[] = [];
  for (const [m, s] of entries) {
    out.push(m);
    if (withScores) out.push(formatScore(s));
  }
  return bulkArray(out);
}

const zscore = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  const s = e?.coll?.get(arg(argv, 2));
  return s === undefined ? NIL : scoreReply(s);
};

const zmscore = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  const z = e?.coll;
  return array(
    argv.slice(2).map((m) => {
      const s = z?.get(m);
      return s === undefined ? NIL : scoreReply(s);
    }),
  );
};

const zcard = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(e === undefined ? 0 : e.coll.size);
};

/** ZRANK and ZREVRANK; Redis 7.2 added WITHSCORE (`withScore`: the command takes it). */
const zrank =
  (reverse: boolean, withScore = false) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    if (withScore && argv.length > 4) return error(errWrongArity(ctx.fullName));
    if (withScore && argv.length === 4 && arg(argv, 3).toLowerCase() !== 'withscore') return SYNTAX;
    const scored = argv.length === 4;
    const e = lookupZset(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return NIL;
    const z = e.coll;
    const member = arg(argv, 2);
    const score = z.get(member);
    if (score === undefined) return NIL;
    const found = sortedEntries(z).findIndex(([m]) => m === member);
    const rank = int(reverse ? z.size - 1 - found : found);
    return scored ? array([rank, scoreReply(score)]) : rank;
  };

const zrem = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = lookupZset(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const removed = removeMembers(ctx, e, argv.slice(2));
  if (removed > 0) {
    ctx.ks.notify(ctx.db.id, key, 'zrem', 'z');
    deleteIfEmptyZset(ctx, e);
  }
  return int(removed);
};

const zpop =
  (max: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    if (argv.length > 3) return SYNTAX;
    let count = 1;
    if (argv.length === 3) {
      const n = parseInt64(arg(argv, 2));
      if (n === null || n < 0) return error(ERR_NOT_POSITIVE);
      count = Number(n);
    }
    const key = arg(argv, 1);
    const e = lookupZset(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined || count === 0) return EMPTY_ARRAY;
    return entriesReply(popZset(ctx, e, max, count), true);
  };

/** ZSCAN; Redis 7.4's reads its cursor by other rules and refuses NOVALUES by name (`modern`). */
const zscanWith =
  (cursor: CursorCheck, modern: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const bad = cursor(ctx.ks, arg(argv, 2));
    if (bad) return bad;
    const e = lookupZset(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return array([bulk('0'), EMPTY_ARRAY]);
    const opts = modern ? scanOptions74(argv, 3, 'other') : scanOptions(argv, 3);
    if ('t' in opts) return opts;
    const z = e.coll;
    // A listpack holds scores as d2string text; a skiplist's dict scan prints them with %.17Lg.
    const fmt = isConverted(z) ? formatScore : d2string;
    return wholeScanReply(
      sortedEntries(z).flatMap(([m, s]) => [m, fmt(s)]),
      opts.pattern,
      true,
    );
  };

export const zset = { group: 'sorted-set', keys: KEY1 } as const;

export const sortedSetCommands: readonly CommandSpec[] = [
  {
    ...zset,
    name: 'zscore',
    arity: 3,
    flags: ['readonly', 'fast'],
    summary: 'Returns the score of a member in a sorted set.',
    syntax: 'ZSCORE key member',
    since: '1.2.0',
    complexity: 'O(1)',
    handler: zscore,
    versions: { 'redis-7.4': { handler: withScores74(zscore, 'all') } },
  },
  {
    ...zset,
    name: 'zmscore',
    arity: -3,
    flags: ['readonly', 'fast'],
    summary: 'Returns the score of one or more members in a sorted set.',
    syntax: 'ZMSCORE key member [member ...]',
    since: '6.2.0',
    complexity: 'O(N) where N is the number of members being requested.',
    handler: zmscore,
    versions: { 'redis-7.4': { handler: withScores74(zmscore, 'all') } },
  },
  {
    ...zset,
    name: 'zcard',
    arity: 2,
    flags: ['readonly', 'fast'],
    summary: 'Returns the number of members in a sorted set.',
    syntax: 'ZCARD key',
    since: '1.2.0',
    complexity: 'O(1)',
    handler: zcard,
  },
  {
    ...zset,
    name: 'zrank',
    arity: 3,
    flags: ['readonly', 'fast'],
    summary: 'Returns the index of a member in a sorted set ordered by ascending scores.',
    syntax: 'ZRANK key member',
    since: '2.0.0',
    complexity: 'O(log(N))',
    handler: zrank(false),
    versions: {
      'redis-7.4': {
        arity: -3,
        syntax: 'ZRANK key member [WITHSCORE]',
        handler: withScores74(zrank(false, true), 'second-withscore'),
      },
    },
  },
  {
    ...zset,
    name: 'zrevrank',
    arity: 3,
    flags: ['readonly', 'fast'],
    summary: 'Returns the index of a member in a sorted set ordered by descending scores.',
    syntax: 'ZREVRANK key member',
    since: '2.0.0',
    complexity: 'O(log(N))',
    handler: zrank(true),
    versions: {
      'redis-7.4': {
        arity: -3,
        syntax: 'ZREVRANK key member [WITHSCORE]',
        handler: withScores74(zrank(true, true), 'second-withscore'),
      },
    },
  },
  {
    ...zset,
    name: 'zrem',
    arity: -3,
    flags: ['write', 'fast'],
    summary:
      'Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.',
    syntax: 'ZREM key member [member ...]',
    since: '1.2.0',
    complexity:
      'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
    handler: zrem,
  },
  {
    ...zset,
    name: 'zpopmin',
    arity: -2,
    flags: ['write', 'fast'],
    summary:
      'Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.',
    syntax: 'ZPOPMIN key [count]',
    since: '5.0.0',
    complexity:
      'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
    handler: zpop(false),
    versions: { 'redis-7.4': { handler: withScores74(zpop(false), 'pairs') } },
  },
  {
    ...zset,
    name: 'zpopmax',
    arity: -2,
    flags: ['write', 'fast'],
    summary:
      'Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.',
    syntax: 'ZPOPMAX key [count]',
    since: '5.0.0',
    complexity:
      'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
    handler: zpop(true),
    versions: { 'redis-7.4': { handler: withScores74(zpop(true), 'pairs') } },
  },
  {
    ...zset,
    name: 'zscan',
    arity: -3,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { scan: 'pairs' },
    notes:
      'Returns the whole sorted set in one call with cursor 0 (Redis does so for listpack-encoded sorted sets only).',
    summary: 'Iterates over members and scores of a sorted set.',
    syntax: 'ZSCAN key cursor [MATCH pattern] [COUNT count]',
    since: '2.8.0',
    complexity: 'O(1) for every call. O(N) for a complete iteration.',
    handler: zscanWith(scanCursor, false),
    versions: { 'redis-7.4': { handler: withScores74(zscanWith(scanCursor74, true), 'scan') } },
  },
];
