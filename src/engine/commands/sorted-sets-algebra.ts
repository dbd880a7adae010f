import { NOT_INTEGER, optionName, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { markConverted, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE } from '../encodings.ts';
import { ERR_LIMIT_NEGATIVE } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import type { ZSet } from '../keyspace.ts';
import { error, int, type Reply } from '../reply.ts';
import { deleteStored, storeCollection } from './collections.ts';
import { withScores74 } from './scores-74.ts';
import { compareEntries, entriesReply, sortedCache, sortedEntries, ZMEMBER_OVERHEAD } from './sorted-sets.ts';
import { string2d } from './strtod.ts';

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (t_zset.c zunionInterDiffGenericCommand).
 * Sets take part as sorted sets whose members all score 1.
 */

/** One input: a sorted set or a set (scores 1), or a missing key (empty). */
interface Source {
  readonly size: number;
  /** The stored collection, so that one key given twice is recognised (Redis compares objects). */
  readonly subject: object | null;
  score(member: string): number | undefined;
  entries(): Iterable<readonly [string, number]>;
  weight: number;
}

const EMPTY: Iterable<readonly [string, number]> = [];

function zsetSource(z: ZSet): Source {
  return { size: z.size, subject: z, score: (m) => z.get(m), entries: () => sortedEntries(z), weight: 1 };
}

function setSource(s: Set<string>): Source {
  return {
    size: s.size,
    subject: s,
    score: (m) => (s.has(m) ? 1 : undefined),
    entries: () => [...s].map((m) => [m, 1] as const),
    weight: 1,
  };
}

const missingSource = (): Source => ({
  size: 0,
  subject: null,
  score: () => undefined,
  entries: () => EMPTY,
  weight: 1,
});

/** lookupKeyRead of every input key, in order; WRONGTYPE stops at the first key of another type. */
function readSources(ctx: CommandContext, keys: readonly string[]): Source[] | Reply {
  const out: Source[] = [];
  for (const key of keys) {
    const e = ctx.ks.lookupRead(ctx.db, key);
    if (e === undefined) out.push(missingSource());
    else if (e.type === 'zset') out.push(zsetSource(e.coll));
    else if (e.type === 'set') out.push(setSource(e.coll));
    else return WRONGTYPE;
  }
  return out;
}

type Aggregate = 'sum' | 'min' | 'max';
type Op = 'union' | 'inter' | 'diff';

/** zunionInterAggregate: +inf plus -inf makes 0, and a NaN operand never wins MIN or MAX. */
function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const sum = target + value;
    return Number.isNaN(sum) ? 0 : sum;
  }
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

/** A weighted score, NaN (0 × inf) counted as 0. */
function weighted(src: Source, score: number): number {
  const s = src.weight * score;
  return Number.isNaN(s) ? 0 : s;
}

function inter(sources: readonly Source[], how: Aggregate, limit: number): Map<string, number> {
  const out = new Map<string, number>();
  const [first, ...rest] = sources as [Source, ...Source[]];
  if (first.size === 0) return out;
  for (const [m, s] of first.entries()) {
    let score = weighted(first, s);
    let inAll = true;
    for (const src of rest) {
      const v = src.subject === first.subject ? s : src.score(m);
      if (v === undefined) {
        inAll = false;
        break;
      }
      score = aggregate(score, v * src.weight, how);
    }
    if (!inAll) continue;
    out.set(m, score);
    if (limit > 0 && out.size >= limit) break;
  }
  return out;
}

function union(sources: readonly Source[], how: Aggregate): Map<string, number> {
  const out = new Map<string, number>();
  for (const src of sources) {
    for (const [m, s] of src.entries()) {
      const score = weighted(src, s);
      const seen = out.get(m);
      out.set(m, seen === undefined ? score : aggregate(seen, score, how));
    }
  }
  return out;
}

function diff(sources: readonly Source[]): Map<string, number> {
  const out = new Map<string, number>();
  const [first, ...rest] = sources as [Source, ...Source[]];
  if (rest.some((src) => src.subject !== null && src.subject === first.subject)) return out;
  for (const [m, s] of first.entries()) {
    if (!rest.some((src) => src.score(m) !== undefined)) out.set(m, s);
  }
  return out;
}

/**
 * setKey for a sorted set result: listpack when it is small enough (which stores -0 as 0), else a
 * skiplist for good. An empty result deletes the destination instead (with `del` when it existed).
 */
export function storeZset(
  ctx: CommandContext,
  key: string,
  result: Map<string, number>,
  event: string,
): Reply {
  if (result.size === 0) {
    deleteStored(ctx, key);
    return int(0);
  }
  let listpack = result.size <= ZSET_MAX_LISTPACK_ENTRIES;
  let payload = 0;
  for (const m of result.keys()) {
    if (m.length > ZSET_MAX_LISTPACK_VALUE) listpack = false;
    payload += m.length + ZMEMBER_OVERHEAD;
  }
  if (listpack) {
    for (const [m, s] of result) if (s === 0) result.set(m, 0);
  } else {
    markConverted(result);
  }
  storeCollection(ctx, key, 'zset', result, payload);
  sortedCache.set(result, [...result].sort(compareEntries));
  ctx.ks.notify(ctx.db.id, key, event, 'z');
  return int(result.size);
}

interface Parsed {
  readonly sources: Source[];
  readonly how: Aggregate;
  readonly withScores: boolean;
  readonly limit: number;
}

/** numkeys, the key lookups, then the options, in Redis's order (a lookup comes before a syntax error). */
function parseCommand(
  ctx: CommandContext,
  argv: readonly string[],
  numkeysIndex: number,
  op: Op,
  mode: 'reply' | 'store' | 'card',
): Parsed | Reply {
  const n = parseInt64(arg(argv, numkeysIndex));
  if (n === null) return NOT_INTEGER;
  if (n < 1) return error(`ERR at least 1 input key is needed for '${ctx.fullName}' command`);
  if (n > argv.length - (numkeysIndex + 1)) return SYNTAX;
  const setnum = Number(n);
  let j = numkeysIndex + 1;
  const sources = readSources(ctx, argv.slice(j, j + setnum));
  if (!Array.isArray(sources)) return sources;
  j += setnum;
  let how: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  const weighable = op !== 'diff' && mode !== 'card';
  while (j < argv.length) {
    const remaining = argv.length - j;
    const opt = optionName(arg(argv, j));
    if (weighable && remaining >= setnum + 1 && opt === 'weights') {
      for (const src of sources) {
        const w = string2d(ctx.ks, arg(argv, ++j));
        if (w === null) return error('ERR weight value is not a float');
        src.weight = w;
      }
      j++;
    } else if (weighable && remaining >= 2 && opt === 'aggregate') {
      const a = optionName(arg(argv, j + 1));
      if (a !== 'sum' && a !== 'min' && a !== 'max') return SYNTAX;
      how = a;
      j += 2;
    } else if (mode === 'reply' && opt === 'withscores') {
      withScores = true;
      j++;
    } else if (mode === 'card' && remaining >= 2 && opt === 'limit') {
      const l = parseInt64(arg(argv, j + 1));
      if (l === null || l < 0) return error(ERR_LIMIT_NEGATIVE);
      limit = clampToNumber(l);
      j += 2;
    } else {
      return SYNTAX;
    }
  }
  // Smallest input first (a stable sort, as glibc's merge-sorting qsort), which also orders sums.
  if (op !== 'diff') sources.sort((a, b) => a.size - b.size);
  return { sources, how, withScores, limit };
}

function compute(op: Op, p: Parsed): Map<string, number> {
  if (op === 'inter') return inter(p.sources, p.how, p.limit);
  if (op === 'union') return union(p.sources, p.how);
  return diff(p.sources);
}

const readCommand =
  (op: Op) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const p = parseCommand(ctx, argv, 1, op, 'reply');
    if (!('sources' in p)) return p;
    const result = [...compute(op, p)].sort(compareEntries);
    return entriesReply(result, p.withScores);
  };

const storeCommand =
  (op: Op) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const p = parseCommand(ctx, argv, 2, op, 'store');
    if (!('sources' in p)) return p;
    return storeZset(ctx, arg(argv, 1), compute(op, p), `z${op}store`);
  };

const zintercard = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const p = parseCommand(ctx, argv, 1, 'inter', 'card');
  if (!('sources' in p)) return p;
  return int(inter(p.sources, 'sum', p.limit).size);
};

const zset = { group: 'sorted-set' } as const;
/** The key positions COMMAND INFO gives a numkeys command: the destination only, or none. */
const STORE_KEYS = [1, 1, 1] as const;
const NUMKEYS = [0, 0, 0] as const;
const UNION_COMPLEXITY =
  'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.';
const INTER_COMPLEXITY =
  'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.';
const DIFF_COMPLEXITY =
  'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.';

export const sortedSetAlgebraCommands: readonly CommandSpec[] = [
  {
    ...zset,
    name: 'zunionstore',
    keys: STORE_KEYS,
    arity: -4,
    flags: ['write', 'denyoom', 'movablekeys'],
    summary: 'Stores the union of multiple sorted sets in a key.',
    syntax:
      'ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]',
    since: '2.0.0',
    complexity: UNION_COMPLEXITY,
    handler: storeCommand('union'),
  },
  {
    ...zset,
    name: 'zinterstore',
    keys: STORE_KEYS,
    arity: -4,
    flags: ['write', 'denyoom', 'movablekeys'],
    summary: 'Stores the intersect of multiple sorted sets in a key.',
    syntax:
      'ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX]',
    since: '2.0.0',
    complexity: INTER_COMPLEXITY,
    handler: storeCommand('inter'),
  },
  {
    ...zset,
    name: 'zdiffstore',
    keys: STORE_KEYS,
    arity: -4,
    flags: ['write', 'denyoom', 'movablekeys'],
    summary: 'Stores the difference of multiple sorted sets in a key.',
    syntax: 'ZDIFFSTORE destination numkeys key [key ...]',
    since: '6.2.0',
    complexity: DIFF_COMPLEXITY,
    handler: storeCommand('diff'),
  },
  {
    ...zset,
    name: 'zunion',
    keys: NUMKEYS,
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    summary: 'Returns the union of multiple sorted sets.',
    syntax:
      'ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]',
    since: '6.2.0',
    complexity: UNION_COMPLEXITY,
    handler: readCommand('union'),
    versions: { 'redis-7.4': { handler: withScores74(readCommand('union'), 'pairs-withscores') } },
  },
  {
    ...zset,
    name: 'zinter',
    keys: NUMKEYS,
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    summary: 'Returns the intersect of multiple sorted sets.',
    syntax:
      'ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE SUM | MIN | MAX] [WITHSCORES]',
    since: '6.2.0',
    complexity: INTER_COMPLEXITY,
    handler: readCommand('inter'),
    versions: { 'redis-7.4': { handler: withScores74(readCommand('inter'), 'pairs-withscores') } },
  },
  {
    ...zset,
    name: 'zdiff',
    keys: NUMKEYS,
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    summary: 'Returns the difference between multiple sorted sets.',
    syntax: 'ZDIFF numkeys key [key ...] [WITHSCORES]',
    since: '6.2.0',
    complexity: DIFF_COMPLEXITY,
    handler: readCommand('diff'),
    versions: { 'redis-7.4': { handler: withScores74(readCommand('diff'), 'pairs-withscores') } },
  },
  {
    ...zset,
    name: 'zintercard',
    keys: NUMKEYS,
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    summary: 'Returns the number of members of the intersect of multiple sorted sets.',
    syntax: 'ZINTERCARD numkeys key [key ...] [LIMIT limit]',
    since: '7.0.0',
    complexity:
      'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
    handler: zintercard,
  },
];
