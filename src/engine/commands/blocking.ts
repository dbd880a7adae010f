import type { BlockedOn, BlockKind } from '../blocking.ts';
import { isReplyNotEntry, NO_KEYS, parseMpop, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec, type Handler } from '../command.ts';
import { ERR_TIMEOUT_NEGATIVE } from '../errors.ts';
import { ceilTimesThousand, parseLongDouble } from '../longdouble.ts';
import { array, bulk, error, NIL, NO_REPLY, type NoReply, type Reply } from '../reply.ts';
import { listEnd, lookupList, move } from './lists.ts';
import { listRangeReply, popList, popZset, zsetKeyedReply, zsetRangeReply } from './pops.ts';
import { lookupZset, type ZEntry } from './sorted-sets.ts';

/**
 * The blocking pops (t_list.c, t_zset.c): when a key has data they answer at once like their
 * non-blocking forms; otherwise the client waits (blocking.ts) until a push creates one of its keys
 * or its timeout passes on the engine's clock. Inside EXEC, in a script, or for a client that cannot
 * wait, an empty wait answers nil at once, "treating it as a timeout".
 */

const INT64_WRAP = 1n << 64n;

/**
 * getTimeoutFromObjectOrReply in seconds: the clock ms the wait ends after, 0 for none. Like Redis
 * it adds the current time in 64-bit arithmetic, so an absurd timeout wraps (and ends at once).
 */
function parseTimeout(ctx: CommandContext, text: string): number | Reply {
  const seconds = parseLongDouble(text);
  if (seconds === null) return error('ERR timeout is not a float or out of range');
  const ms = ceilTimesThousand(seconds);
  if (ms < 0n) return error(ERR_TIMEOUT_NEGATIVE);
  if (ms === 0n) return 0;
  let at = ms + BigInt(ctx.clock.now());
  if (at >= INT64_WRAP / 2n) at -= INT64_WRAP;
  return Number(at);
}

/** blockForKeys, or nil at once for a client that may not block. */
function block(
  ctx: CommandContext,
  argv: readonly string[],
  kind: BlockKind,
  keys: readonly string[],
  timeout: number,
  serve: BlockedOn['serve'],
): Reply | NoReply {
  if (ctx.blocking !== 'allowed') return NIL;
  ctx.server.blockers.block(ctx.client, {
    kind,
    db: ctx.db.id,
    keys: [...new Set(keys)],
    timeout,
    since: ctx.clock.now(),
    argv,
    fullName: ctx.fullName,
    serve,
  });
  return NO_REPLY;
}

/** The first of `keys` holding a non-empty value of `kind`; WRONGTYPE stops the search. */
function firstReady(ctx: CommandContext, keys: readonly string[], kind: BlockKind) {
  for (const key of keys) {
    const e = kind === 'list' ? lookupList(ctx, key, true) : lookupZset(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    if (e !== undefined) return e;
  }
  return undefined;
}

const listPopper =
  (left: boolean, count: number | null): Pop =>
  (ctx, key) => {
    const e = lookupList(ctx, key, true);
    if (isReplyNotEntry(e) || e === undefined) return NIL;
    const taken = popList(ctx, e, left, count ?? 1);
    return count === null ? array([bulk(key), bulk(taken[0] as string)]) : listRangeReply(key, taken);
  };

const zsetPopper =
  (max: boolean, count: number | null): Pop =>
  (ctx, key) => {
    const e = lookupZset(ctx, key, true);
    if (isReplyNotEntry(e) || e === undefined) return NIL;
    const taken = popZset(ctx, e, max, count ?? 1);
    return count === null ? zsetKeyedReply(key, taken[0] as ZEntry) : zsetRangeReply(key, taken);
  };

/** A woken client pops from the key that became ready, as its command would have; the pop also answers at once. */
type Pop = (ctx: CommandContext, key: string) => Reply;

/** BLPOP/BRPOP and BZPOPMIN/BZPOPMAX: keys, then the timeout last. */
const keysThenTimeout =
  (kind: BlockKind, first: boolean): Handler =>
  (ctx, argv) => {
    const timeout = parseTimeout(ctx, arg(argv, argv.length - 1));
    if (typeof timeout !== 'number') return timeout;
    const keys = argv.slice(1, -1);
    const pop = kind === 'list' ? listPopper(first, null) : zsetPopper(!first, null);
    const found = firstReady(ctx, keys, kind);
    if (isReplyNotEntry(found)) return found;
    if (found !== undefined) return pop(ctx, found.key);
    return block(ctx, argv, kind, keys, timeout, pop);
  };

/** BLMPOP/BZMPOP timeout numkeys key… LEFT|RIGHT (MIN|MAX) [COUNT n]. */
const mpop =
  (kind: BlockKind): Handler =>
  (ctx, argv) => {
    // LMPOP's and ZMPOP's arguments after the timeout (numkeys at 1 once it is dropped).
    const parsed = parseMpop(argv.slice(1), kind === 'list' ? ['left', 'right'] : ['min', 'max']);
    if ('t' in parsed) return parsed;
    const timeout = parseTimeout(ctx, arg(argv, 1));
    if (typeof timeout !== 'number') return timeout;
    const pop =
      kind === 'list'
        ? listPopper(parsed.where === 0, parsed.count)
        : zsetPopper(parsed.where === 1, parsed.count);
    const found = firstReady(ctx, parsed.keys, kind);
    if (isReplyNotEntry(found)) return found;
    if (found !== undefined) return pop(ctx, found.key);
    return block(ctx, argv, kind, parsed.keys, timeout, pop);
  };

/** BLMOVE / BRPOPLPUSH: a missing source blocks; a woken client moves into `destination` then. */
function blmove(
  ctx: CommandContext,
  argv: readonly string[],
  popLeft: boolean,
  pushLeft: boolean,
  at: number,
) {
  const timeout = parseTimeout(ctx, arg(argv, at));
  if (typeof timeout !== 'number') return timeout;
  const from = arg(argv, 1);
  const to = arg(argv, 2);
  const src = lookupList(ctx, from, true);
  if (isReplyNotEntry(src)) return src;
  if (src !== undefined) return move(ctx, from, to, popLeft, pushLeft);
  // Refused at once, BLMOVE answers a plain nil; a timeout later is a null array, as for BLPOP.
  if (ctx.blocking !== 'allowed') return NIL;
  return block(ctx, argv, 'list', [from], timeout, (sctx, key) => move(sctx, key, to, popLeft, pushLeft));
}

const blmoveHandler: Handler = (ctx, argv) => {
  const from = listEnd(arg(argv, 3));
  const to = from === null ? null : listEnd(arg(argv, 4));
  if (from === null || to === null) return SYNTAX;
  return blmove(ctx, argv, from === 'left', to === 'left', 5);
};

const list = { group: 'list', complexity: 'O(N) where N is the number of provided keys.' } as const;
const zset = { group: 'sorted-set' } as const;
const popFlags = ['write', 'noscript', 'blocking'] as const;
const BLOCKING_NOTE =
  'Timeouts run on the engine clock: a virtual clock that jumps wakes the client at once.';

export const blockingCommands: readonly CommandSpec[] = [
  {
    ...list,
    name: 'blpop',
    traits: { blockingTimeout: -1 },
    arity: -3,
    flags: popFlags,
    // 7.4 lets a script call them (they answer at once there).
    versions: { 'redis-7.4': { flags: ['write', 'blocking'] } },
    keys: [1, -2, 1],
    notes: BLOCKING_NOTE,
    summary: 'Remove and get the first element in a list, or block until one is available',
    syntax: 'BLPOP key [key ...] timeout',
    since: '2.0.0',
    handler: keysThenTimeout('list', true),
  },
  {
    ...list,
    name: 'brpop',
    traits: { blockingTimeout: -1 },
    arity: -3,
    flags: popFlags,
    // 7.4 lets a script call them (they answer at once there).
    versions: { 'redis-7.4': { flags: ['write', 'blocking'] } },
    keys: [1, -2, 1],
    summary: 'Remove and get the last element in a list, or block until one is available',
    syntax: 'BRPOP key [key ...] timeout',
    since: '2.0.0',
    handler: keysThenTimeout('list', false),
  },
  {
    ...list,
    name: 'blmove',
    traits: { blockingTimeout: -1 },
    arity: 6,
    flags: ['write', 'denyoom', 'noscript', 'blocking'],
    // 7.4 lets a script call them (they answer at once there).
    versions: { 'redis-7.4': { flags: ['write', 'denyoom', 'blocking'] } },
    keys: [1, 2, 1],
    summary:
      'Pop an element from a list, push it to another list and return it; or block until one is available',
    syntax: 'BLMOVE source destination LEFT | RIGHT LEFT | RIGHT timeout',
    since: '6.2.0',
    complexity: 'O(1)',
    handler: blmoveHandler,
  },
  {
    ...list,
    name: 'brpoplpush',
    traits: { blockingTimeout: -1 },
    arity: 4,
    flags: ['write', 'denyoom', 'noscript', 'blocking'],
    // 7.4 lets a script call them (they answer at once there).
    versions: { 'redis-7.4': { flags: ['write', 'denyoom', 'blocking'] } },
    keys: [1, 2, 1],
    summary:
      'Pop an element from a list, push it to another list and return it; or block until one is available',
    syntax: 'BRPOPLPUSH source destination timeout',
    since: '2.2.0',
    complexity: 'O(1)',
    handler: (ctx, argv) => blmove(ctx, argv, false, true, 3),
  },
  {
    ...list,
    name: 'blmpop',
    traits: { blockingTimeout: 1 },
    arity: -5,
    flags: ['write', 'blocking', 'movablekeys'],
    keys: NO_KEYS,
    summary: 'Pop elements from a list, or block until one is available',
    syntax: 'BLMPOP timeout numkeys key [key ...] LEFT | RIGHT [COUNT count]',
    since: '7.0.0',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    handler: mpop('list'),
  },
  {
    ...zset,
    name: 'bzpopmin',
    traits: { blockingTimeout: -1 },
    arity: -3,
    flags: ['write', 'noscript', 'blocking', 'fast'],
    // 7.4 lets a script call them (they answer at once there).
    versions: { 'redis-7.4': { flags: ['write', 'blocking', 'fast'] } },
    keys: [1, -2, 1],
    summary:
      'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available',
    syntax: 'BZPOPMIN key [key ...] timeout',
    since: '5.0.0',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    handler: keysThenTimeout('zset', true),
  },
  {
    ...zset,
    name: 'bzpopmax',
    traits: { blockingTimeout: -1 },
    arity: -3,
    flags: ['write', 'noscript', 'blocking', 'fast'],
    // 7.4 lets a script call them (they answer at once there).
    versions: { 'redis-7.4': { flags: ['write', 'blocking', 'fast'] } },
    keys: [1, -2, 1],
    summary:
      'Remove and return the member with the highest score from one or more sorted sets, or block until one is available',
    syntax: 'BZPOPMAX key [key ...] timeout',
    since: '5.0.0',
    complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
    handler: keysThenTimeout('zset', false),
  },
  {
    ...zset,
    name: 'bzmpop',
    traits: { blockingTimeout: 1 },
    arity: -5,
    flags: ['write', 'blocking', 'movablekeys'],
    keys: NO_KEYS,
    summary: 'Remove and return members with scores in a sorted set or block until one is available',
    syntax: 'BZMPOP timeout numkeys key [key ...] MIN | MAX [COUNT count]',
    since: '7.0.0',
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    handler: mpop('zset'),
  },
];
