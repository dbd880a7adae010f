import { isReplyNotEntry, optionName, parseMpop, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_OUT_OF_RANGE } from '../errors.ts';
import { bulk, EMPTY_ARRAY, error, NIL, type Reply } from '../reply.ts';
import { zsetRangeReply } from './pops.ts';
import { MAX_RANDOM_PICKS, parseRandomCount, randomIndices, TOO_MANY_PICKS } from './random-members.ts';
import { withScores74 } from './scores-74.ts';
import { entriesReply, lookupZset, popZset, sortedEntries, type ZEntry } from './sorted-sets.ts';

/** ZMPOP and ZRANDMEMBER (t_zset.c zmpopGenericCommand, zrandmemberCommand). */

/** ZMPOP: pops from the first non-empty sorted set; the reply nests [member, score] pairs under the key. */
const zmpop = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const p = parseMpop(argv, ['min', 'max']);
  if (!('keys' in p)) return p;
  for (const key of p.keys) {
    const e = lookupZset(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) continue;
    return zsetRangeReply(key, popZset(ctx, e, p.where === 1, p.count));
  }
  // A null array in RESP2 (server/reply-shapes.ts), which redis-cli prints as (nil) too.
  return NIL;
};

const zrandmember = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length === 2) {
    const e = lookupZset(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return NIL;
    const [i] = randomIndices(e.coll.size, -1, ctx.random);
    return bulk((sortedEntries(e.coll)[i as number] as ZEntry)[0]);
  }
  const big = parseRandomCount(arg(argv, 2));
  if (typeof big !== 'bigint') return big;
  if (argv.length > 4 || (argv.length === 4 && optionName(arg(argv, 3)) !== 'withscores')) return SYNTAX;
  const withScores = argv.length === 4;
  // WITHSCORES doubles the reply length, so the count must stay within half of LONG_MAX.
  if (withScores && (big > 4611686018427387903n || big < -4611686018427387903n)) {
    return error(ERR_OUT_OF_RANGE);
  }
  const count = Number(big);
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined || count === 0) return EMPTY_ARRAY;
  if (-count > MAX_RANDOM_PICKS) return TOO_MANY_PICKS;
  // Picks with repetition (a negative count) or distinct ones; when the count covers the whole set,
  // all of it from the highest rank down, as Redis's zui iterator walks a sorted set from its tail.
  const members = [...sortedEntries(e.coll)].reverse();
  const picked = randomIndices(members.length, count, ctx.random).map((i) => members[i] as ZEntry);
  return entriesReply(picked, withScores);
};

const zset = { group: 'sorted-set' } as const;

export const sortedSetPickCommands: readonly CommandSpec[] = [
  {
    ...zset,
    name: 'zmpop',
    keys: [0, 0, 0],
    arity: -4,
    flags: ['write', 'movablekeys'],
    summary:
      'Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.',
    syntax: 'ZMPOP numkeys key [key ...] MIN | MAX [COUNT count]',
    since: '7.0.0',
    complexity:
      'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
    handler: zmpop,
    versions: { 'redis-7.4': { handler: withScores74(zmpop, 'mpop') } },
  },
  {
    ...zset,
    name: 'zrandmember',
    keys: [1, 1, 1],
    notes: 'A negative count beyond -1000000 is refused instead of streaming a huge reply.',
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { random: true },
    summary: 'Returns one or more random members from a sorted set.',
    syntax: 'ZRANDMEMBER key [count [WITHSCORES]]',
    since: '6.2.0',
    complexity: 'O(N) where N is the number of members returned',
    handler: zrandmember,
    versions: { 'redis-7.4': { handler: withScores74(zrandmember, 'pairs-withscores') } },
  },
];
