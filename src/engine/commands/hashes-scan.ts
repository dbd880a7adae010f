import { isReplyNotEntry, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_OUT_OF_RANGE } from '../errors.ts';
import { array, bulk, bulkArray, EMPTY_ARRAY, error, NIL, type Reply } from '../reply.ts';
import {
  type CursorCheck,
  scanCursor,
  scanCursor74,
  scanOptions,
  scanOptions74,
  wholeScanReply,
} from './collections.ts';
import { liveFields, reclaimAllExpired } from './hash-fields.ts';
import { hash, lookupHash } from './hashes.ts';
import { MAX_RANDOM_PICKS, parseRandomCount, randomIndices, TOO_MANY_PICKS } from './random-members.ts';

/** Whole-hash reads with their own rules: HSCAN and HRANDFIELD (t_hash.c). */

/** HSCAN; Redis 7.4's reads its cursor by other rules and takes NOVALUES (`modern`). */
const hscanWith =
  (cursor: CursorCheck, modern: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const bad = cursor(ctx.ks, arg(argv, 2));
    if (bad) return bad;
    const e = lookupHash(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return array([bulk('0'), EMPTY_ARRAY]);
    const opts = modern ? scanOptions74(argv, 3, 'hash') : scanOptions(argv, 3);
    if ('t' in opts) return opts;
    const fields = liveFields(ctx, e);
    if ('noValues' in opts && opts.noValues)
      return wholeScanReply(
        fields.map(([f]) => f),
        opts.pattern,
        false,
      );
    return wholeScanReply(fields.flat(), opts.pattern, true);
  };

const hrandfield = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length === 2) {
    const e = lookupHash(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined || reclaimAllExpired(ctx, e)) return NIL;
    const h = e.coll;
    const [i] = randomIndices(h.size, -1, ctx.random);
    return bulk([...h.keys()][i as number] as string);
  }
  const big = parseRandomCount(arg(argv, 2));
  if (typeof big !== 'bigint') return big;
  if (argv.length > 4 || (argv.length === 4 && optionName(arg(argv, 3)) !== 'withvalues')) return SYNTAX;
  const withValues = argv.length === 4;
  // WITHVALUES doubles the reply length, so the count must stay within half of LONG_MAX.
  if (withValues && (big > 4611686018427387903n || big < -4611686018427387903n)) {
    return error(ERR_OUT_OF_RANGE);
  }
  const count = Number(big);
  const e = lookupHash(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined || reclaimAllExpired(ctx, e) || count === 0) return EMPTY_ARRAY;
  if (-count > MAX_RANDOM_PICKS) return TOO_MANY_PICKS;
  const entries = [...e.coll];
  const out: string[] = [];
  for (const i of randomIndices(entries.length, count, ctx.random)) {
    const [f, v] = entries[i] as [string, string];
    out.push(f);
    if (withValues) out.push(v);
  }
  return bulkArray(out);
};

export const hashScanCommands: readonly CommandSpec[] = [
  {
    ...hash,
    name: 'hscan',
    arity: -3,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { scan: 'pairs' },
    notes:
      'Returns the whole hash in one call with cursor 0 (Redis does so for listpack-encoded hashes only).',
    summary: 'Iterates over fields and values of a hash.',
    syntax: 'HSCAN key cursor [MATCH pattern] [COUNT count]',
    since: '2.8.0',
    complexity: 'O(1) for every call. O(N) for a complete iteration.',
    handler: hscanWith(scanCursor, false),
    versions: {
      'redis-7.4': {
        syntax: 'HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES]',
        handler: hscanWith(scanCursor74, true),
      },
    },
  },
  {
    ...hash,
    name: 'hrandfield',
    notes: 'A negative count beyond -1000000 is refused instead of streaming a huge reply.',
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { random: true },
    summary: 'Returns one or more random fields from a hash.',
    syntax: 'HRANDFIELD key [count [WITHVALUES]]',
    since: '6.2.0',
    complexity: 'O(N) where N is the number of fields returned',
    handler: hrandfield,
  },
];
