import { optionName, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_COUNT_POSITIVE, ERR_INVALID_STREAM_ID } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, error, type Reply } from '../reply.ts';
import { type Consumer, compareIds, idText, type Nack, pelOrder, type StreamId } from '../stream.ts';
import { noGroup, streamGroup } from './stream-groups.ts';
import {
  entryReply,
  idReply,
  intervalId,
  isId,
  longLong,
  parseStreamId,
  streamChanged,
} from './stream-ids.ts';
import { assignNack, consumerFor, dropNack, now } from './stream-read.ts';

/** XCLAIM and XAUTOCLAIM (t_stream.c): pending entries change owner once idle long enough. */

const xclaim = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const sg = streamGroup(ctx, key, arg(argv, 2));
  if (sg === WRONGTYPE) return sg;
  if (sg === undefined || 't' in sg) return noGroup(key, arg(argv, 2));
  const idle = longLong(arg(argv, 4));
  if (idle === null) return error('ERR Invalid min-idle-time argument for XCLAIM');
  const minIdle = idle < 0n ? 0n : idle;
  // The IDs run until the first argument that is not one; options follow.
  const ids: StreamId[] = [];
  let j = 5;
  for (; j < argv.length; j++) {
    const parsed = parseStreamId(arg(argv, j), 0n, true);
    if (parsed === null) break;
    ids.push(parsed.id);
  }
  const t = now(ctx);
  let force = false;
  let justId = false;
  let deliveryTime: bigint | null = null;
  let retryCount: bigint | null = null;
  let lastId: StreamId = { ms: 0n, seq: 0n };
  for (; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = optionName(arg(argv, j));
    if (opt === 'force') force = true;
    else if (opt === 'justid') justId = true;
    else if ((opt === 'idle' || opt === 'time' || opt === 'retrycount') && more > 0) {
      const v = longLong(arg(argv, ++j));
      if (v === null) return error(`ERR Invalid ${opt.toUpperCase()} option argument for XCLAIM`);
      if (opt === 'idle') deliveryTime = BigInt(t) - v;
      else if (opt === 'time') deliveryTime = v;
      else retryCount = v;
    } else if (opt === 'lastid' && more > 0) {
      const parsed = parseStreamId(arg(argv, ++j), 0n, true);
      if (parsed === null) return error(ERR_INVALID_STREAM_ID);
      lastId = parsed.id;
    } else {
      return error(`ERR Unrecognized XCLAIM option '${cStr(arg(argv, j))}'`);
    }
  }
  const { e, g } = sg;
  if (compareIds(lastId, g.lastId) > 0) g.lastId = lastId;
  const when =
    deliveryTime === null || deliveryTime < 0n || deliveryTime > BigInt(t) ? t : Number(deliveryTime);
  let consumer: Consumer | null = null;
  const out: Reply[] = [];
  for (const id of ids) {
    let nack: Nack | undefined = g.pel.get(idText(id));
    const item = e.coll.find(id);
    if (item === undefined) {
      if (nack !== undefined) dropNack(g, nack);
      continue;
    }
    if (force && nack === undefined) {
      nack = { id, deliveryTime: t, deliveryCount: 1n, consumer: null };
      g.pel.set(idText(id), nack);
    }
    if (nack === undefined) continue;
    if (nack.consumer !== null && minIdle !== 0n && BigInt(t - nack.deliveryTime) < minIdle) continue;
    consumer ??= consumerFor(ctx, g, arg(argv, 3), key);
    nack.deliveryTime = when;
    if (retryCount !== null && retryCount >= 0n) nack.deliveryCount = retryCount;
    else if (!justId) nack.deliveryCount = BigInt.asIntN(64, nack.deliveryCount + 1n);
    assignNack(nack, consumer);
    out.push(justId ? idReply(id) : entryReply(item));
  }
  streamChanged(ctx, e);
  return array(out);
};

const xautoclaim = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const found = ctx.ks.lookupRead(ctx.db, key);
  const idle = longLong(arg(argv, 4));
  if (idle === null) return error('ERR Invalid min-idle-time argument for XAUTOCLAIM');
  const minIdle = idle < 0n ? 0n : idle;
  const start = intervalId(arg(argv, 5), 0n, true);
  if (!isId(start)) return start;
  let count = 100;
  let justId = false;
  for (let j = 6; j < argv.length; j++) {
    const opt = optionName(arg(argv, j));
    if (opt === 'count' && argv.length - 1 - j > 0) {
      // getRangeLongFromObjectOrReply(1, LONG_MAX / 16): anything else is "COUNT must be > 0".
      const n = parseInt64(arg(argv, ++j));
      if (n === null || n < 1 || BigInt(n) > 576460752303423487n) return error(ERR_COUNT_POSITIVE);
      count = Number(n);
    } else if (opt === 'justid') {
      justId = true;
    } else {
      return SYNTAX;
    }
  }
  if (found !== undefined && found.type !== 'stream') return WRONGTYPE;
  const e = found as EntryOf<'stream'> | undefined;
  const g = e?.coll.groups.get(arg(argv, 2));
  if (e === undefined || g === undefined) return noGroup(key, arg(argv, 2));
  const t = now(ctx);
  let attempts = count * 10;
  let consumer: Consumer | null = null;
  const claimed: Reply[] = [];
  const deleted: Reply[] = [];
  const pel = pelOrder(g.pel).filter((n) => compareIds(n.id, start) >= 0);
  let next = 0;
  while (attempts-- > 0 && count > 0 && next < pel.length) {
    const nack = pel[next++] as Nack;
    const item = e.coll.find(nack.id);
    if (item === undefined) {
      dropNack(g, nack);
      deleted.push(idReply(nack.id));
      count--;
      continue;
    }
    if (minIdle !== 0n && BigInt(t - nack.deliveryTime) < minIdle) continue;
    consumer ??= consumerFor(ctx, g, arg(argv, 3), key);
    nack.deliveryTime = t;
    if (!justId) nack.deliveryCount = BigInt.asIntN(64, nack.deliveryCount + 1n);
    assignNack(nack, consumer);
    claimed.push(justId ? idReply(nack.id) : entryReply(item));
    count--;
  }
  const cursor = pel[next];
  streamChanged(ctx, e);
  return array([idReply(cursor?.id ?? { ms: 0n, seq: 0n }), array(claimed), array(deleted)]);
};

function cStr(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

const claimTraits = {
  serverDependent: "whether an entry has been idle long enough depends on the server's clock",
  serverDependentWhen: (argv: readonly string[]) => argv[4] !== '0',
} as const;

export const streamClaimCommands: readonly CommandSpec[] = [
  {
    name: 'xclaim',
    group: 'stream',
    keys: [1, 1, 1],
    arity: -6,
    flags: ['write', 'fast'],
    tips: ['nondeterministic_output'],
    traits: claimTraits,
    summary:
      'Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.',
    syntax:
      'XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]',
    since: '5.0.0',
    complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.',
    handler: xclaim,
  },
  {
    name: 'xautoclaim',
    group: 'stream',
    keys: [1, 1, 1],
    arity: -6,
    flags: ['write', 'fast'],
    tips: ['nondeterministic_output'],
    traits: claimTraits,
    summary:
      'Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.',
    syntax: 'XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]',
    since: '6.2.0',
    complexity: 'O(1) if COUNT is small.',
    handler: xautoclaim,
  },
];
