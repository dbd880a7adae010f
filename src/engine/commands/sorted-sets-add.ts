import { isReplyNotEntry, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import {
  isConverted,
  markConverted,
  ZSET_MAX_LISTPACK_ENTRIES,
  ZSET_MAX_LISTPACK_VALUE,
} from '../encodings.ts';
import {
  ERR_NOT_FLOAT,
  ERR_ZADD_GT_LT_NX,
  ERR_ZADD_INCR_PAIRS,
  ERR_ZADD_NX_XX,
  ERR_ZSCORE_NAN,
} from '../errors.ts';
import type { ZSet } from '../keyspace.ts';
import { error, int, NIL, type Reply } from '../reply.ts';
import { createCollection, payloadChanged } from './collections.ts';
import { withScores74 } from './scores-74.ts';
import { lookupZset, scoreReply, sortedCache, ZMEMBER_OVERHEAD, zset } from './sorted-sets.ts';
import { string2d } from './strtod.ts';

/** ZADD and ZINCRBY (t_zset.c zaddGenericCommand and zsetAdd). */

/** A listpack keeps a score as text and reads "-0" back as the integer 0; a skiplist keeps -0. */
function storedScore(z: ZSet, score: number): number {
  return score === 0 && !isConverted(z) ? 0 : score;
}

const zadd = (ctx: CommandContext, argv: readonly string[]): Reply =>
  zaddGeneric(ctx, argv, ctx.fullName === 'zincrby');

export function zaddGeneric(ctx: CommandContext, argv: readonly string[], incrCommand: boolean): Reply {
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrCommand;
  let idx = 2;
  for (; idx < argv.length; idx++) {
    const opt = optionName(arg(argv, idx));
    if (opt === 'nx') nx = true;
    else if (opt === 'xx') xx = true;
    else if (opt === 'ch') ch = true;
    else if (opt === 'incr') incr = true;
    else if (opt === 'gt') gt = true;
    else if (opt === 'lt') lt = true;
    else break;
  }
  const elements = argv.length - idx;
  if (elements === 0 || elements % 2 === 1) return SYNTAX;
  if (nx && xx) return error(ERR_ZADD_NX_XX);
  if ((gt && nx) || (lt && nx) || (gt && lt)) return error(ERR_ZADD_GT_LT_NX);
  if (incr && elements > 2) return error(ERR_ZADD_INCR_PAIRS);
  const scores: number[] = [];
  for (let j = idx; j < argv.length; j += 2) {
    const s = string2d(ctx.ks, arg(argv, j));
    if (s === null) return error(ERR_NOT_FLOAT);
    scores.push(s);
  }
  const key = arg(argv, 1);
  let e = lookupZset(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  let added = 0;
  let updated = 0;
  let processed = 0;
  let last = 0;
  let failed: Reply | undefined;
  if (e !== undefined || !xx) {
    if (e === undefined) {
      e = createCollection(ctx, key, 'zset', new Map<string, number>());
      if (arg(argv, idx + 1).length > ZSET_MAX_LISTPACK_VALUE) markConverted(e.coll);
    }
    const z = e.coll;
    let delta = 0;
    for (let j = 0; j < scores.length; j++) {
      const member = arg(argv, idx + 1 + j * 2);
      let score = scores[j] as number;
      const current = z.get(member);
      if (current !== undefined) {
        if (nx) continue;
        if (incr) {
          score += current;
          if (Number.isNaN(score)) {
            failed = error(ERR_ZSCORE_NAN);
            break;
          }
        }
        if ((lt && score >= current) || (gt && score <= current)) continue;
        last = score;
        processed++;
        if (score !== current) {
          z.set(member, storedScore(z, score));
          updated++;
        }
      } else if (!xx) {
        if (z.size + 1 > ZSET_MAX_LISTPACK_ENTRIES || member.length > ZSET_MAX_LISTPACK_VALUE)
          markConverted(z);
        z.set(member, storedScore(z, score));
        delta += member.length + ZMEMBER_OVERHEAD;
        last = score;
        processed++;
        added++;
      }
    }
    if (added + updated > 0) sortedCache.delete(z);
    payloadChanged(ctx, e, delta);
  }
  if (added + updated > 0) ctx.ks.notify(ctx.db.id, key, incr ? 'zincr' : 'zadd', 'z');
  if (failed) return failed;
  if (incr) return processed > 0 ? scoreReply(last) : NIL;
  return int(ch ? added + updated : added);
}

export const sortedSetAddCommands: readonly CommandSpec[] = [
  {
    ...zset,
    name: 'zadd',
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    summary:
      "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.",
    syntax: 'ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]',
    since: '1.2.0',
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    handler: zadd,
    versions: { 'redis-7.4': { handler: withScores74(zadd, 'all') } },
  },
  {
    ...zset,
    name: 'zincrby',
    arity: 4,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'Increments the score of a member in a sorted set.',
    syntax: 'ZINCRBY key increment member',
    since: '1.2.0',
    complexity: 'O(log(N)) where N is the number of elements in the sorted set.',
    handler: zadd,
    versions: { 'redis-7.4': { handler: withScores74(zadd, 'all') } },
  },
];
