import { NOT_INTEGER, optionName, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_INVALID_STREAM_ID, ERR_TIMEOUT_NEGATIVE, ERR_TIMEOUT_NOT_INTEGER, errText } from '../errors.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, error, NIL, NO_REPLY, type NoReply, type Reply } from '../reply.ts';
import {
  type Consumer,
  type ConsumerGroup,
  compareIds,
  idText,
  incrId,
  isZeroId,
  MAX_ID,
  type Nack,
  pelOrder,
  type Stream,
  type StreamId,
  type StreamItem,
  ZERO_ID,
} from '../stream.ts';
import { entryReply, idReply, longLong, parseStreamId, streamChanged } from './stream-ids.ts';

/** XREAD and XREADGROUP (xreadCommand), the consumer-group bookkeeping they share with XCLAIM & co. */

const SCG_INVALID = null;

/** streamRangeHasTombstones: whether an XDEL may have left a hole between `start` and the end. */
export function rangeHasTombstones(s: Stream, start: StreamId): boolean {
  if (s.length === 0 || isZeroId(s.maxDeletedId)) return false;
  if (compareIds(s.firstId, s.maxDeletedId) > 0) return false;
  return compareIds(start, s.maxDeletedId) <= 0;
}

/** streamEstimateDistanceFromFirstEverEntry: how many entries precede `id` ever, or null when unknown. */
export function distanceFromFirst(s: Stream, id: StreamId): bigint | null {
  if (s.entriesAdded === 0n) return 0n;
  if (s.length === 0 && compareIds(id, s.lastId) < 1) return s.entriesAdded;
  const cmpLast = compareIds(id, s.lastId);
  if (cmpLast === 0) return s.entriesAdded;
  if (cmpLast > 0) return SCG_INVALID;
  const cmpFirst = compareIds(id, s.firstId);
  if (isZeroId(s.maxDeletedId) || compareIds(s.maxDeletedId, s.firstId) < 0) {
    if (cmpFirst < 0) return s.entriesAdded - BigInt(s.length);
    if (cmpFirst === 0) return s.entriesAdded - BigInt(s.length) + 1n;
  }
  return SCG_INVALID;
}

/** streamReplyWithCGLag's value: null when Redis cannot tell. */
export function groupLag(s: Stream, g: ConsumerGroup): bigint | null {
  if (s.entriesAdded === 0n) return 0n;
  if (g.entriesRead !== SCG_INVALID && !rangeHasTombstones(s, g.lastId))
    return s.entriesAdded - g.entriesRead;
  const read = distanceFromFirst(s, g.lastId);
  return read === SCG_INVALID ? null : s.entriesAdded - read;
}

export const now = (ctx: CommandContext): number => Math.floor(ctx.clock.now());

/** streamLookupConsumer with SLC_DEFAULT refreshes the consumer's seen time. */
export function lookupConsumer(ctx: CommandContext, g: ConsumerGroup, name: string, refresh: boolean) {
  const c = g.consumers.get(name);
  if (c !== undefined && refresh) c.seenTime = now(ctx);
  return c;
}

/** streamCreateConsumer: null when it exists; fires xgroup-createconsumer. */
export function createConsumer(
  ctx: CommandContext,
  g: ConsumerGroup,
  name: string,
  key: string,
): Consumer | null {
  if (g.consumers.has(name)) return null;
  const c: Consumer = { name, seenTime: now(ctx), pel: new Map() };
  g.consumers.set(name, c);
  ctx.ks.notify(ctx.db.id, key, 'xgroup-createconsumer', 't');
  return c;
}

export function consumerFor(ctx: CommandContext, g: ConsumerGroup, name: string, key: string): Consumer {
  return lookupConsumer(ctx, g, name, true) ?? (createConsumer(ctx, g, name, key) as Consumer);
}

/** Moves (or gives) a pending entry to `consumer`. */
export function assignNack(nack: Nack, consumer: Consumer): void {
  const key = idText(nack.id);
  if (nack.consumer !== consumer) {
    nack.consumer?.pel.delete(key);
    consumer.pel.set(key, nack);
    nack.consumer = consumer;
  }
}

export function dropNack(g: ConsumerGroup, nack: Nack): void {
  const key = idText(nack.id);
  g.pel.delete(key);
  nack.consumer?.pel.delete(key);
}

/** streamReplyWithRange for a group reading new entries: advances the group, fills the PEL. */
function deliverNew(
  ctx: CommandContext,
  s: Stream,
  g: ConsumerGroup,
  consumer: Consumer,
  start: StreamId,
  count: number,
  noack: boolean,
): Reply {
  const out: Reply[] = [];
  for (const item of s.range(start, MAX_ID, false, count)) {
    if (compareIds(item.id, g.lastId) > 0) {
      if (g.entriesRead !== SCG_INVALID && !rangeHasTombstones(s, item.id))
        g.entriesRead = g.entriesRead + 1n;
      else if (s.entriesAdded !== 0n) g.entriesRead = distanceFromFirst(s, item.id);
      g.lastId = item.id;
    }
    out.push(entryReply(item));
    if (noack) continue;
    const key = idText(item.id);
    const existing = g.pel.get(key);
    if (existing === undefined) {
      const nack: Nack = { id: item.id, deliveryTime: now(ctx), deliveryCount: 1n, consumer };
      g.pel.set(key, nack);
      consumer.pel.set(key, nack);
    } else {
      assignNack(existing, consumer);
      existing.deliveryTime = now(ctx);
      existing.deliveryCount = 1n;
    }
  }
  return array(out);
}

/** streamReplyWithRangeFromConsumerPEL: the consumer's own pending entries from `start`. */
function deliverHistory(
  ctx: CommandContext,
  s: Stream,
  consumer: Consumer,
  start: StreamId,
  count: number,
): Reply {
  const out: Reply[] = [];
  for (const nack of pelOrder(consumer.pel)) {
    if (count > 0 && out.length >= count) break;
    if (compareIds(nack.id, start) < 0) continue;
    const item: StreamItem | undefined = s.find(nack.id);
    if (item === undefined) {
      // A deleted entry: its ID and a null array (RESP2 *-1, which redis-cli prints as (nil)).
      out.push(array([idReply(nack.id), NIL]));
    } else {
      nack.deliveryTime = now(ctx);
      nack.deliveryCount = BigInt.asIntN(64, nack.deliveryCount + 1n);
      out.push(entryReply(item));
    }
  }
  return array(out);
}

const xread = (ctx: CommandContext, argv: readonly string[]): Reply | NoReply => {
  const isGroup = arg(argv, 0).length === 10;
  let count = 0;
  let streamsArg = 0;
  let streamsCount = 0;
  let groupName: string | null = null;
  let consumerName = '';
  let noack = false;
  let blockMs: bigint | null = null;
  for (let i = 1; i < argv.length; i++) {
    const more = argv.length - i - 1;
    const o = optionName(arg(argv, i));
    if (o === 'block' && more > 0) {
      if (ctx.client.script) {
        return error(errText(`${arg(argv, 0)} command is not allowed with BLOCK option from scripts`));
      }
      const t = longLong(arg(argv, ++i));
      if (t === null) return error(ERR_TIMEOUT_NOT_INTEGER);
      if (t < 0n) return error(ERR_TIMEOUT_NEGATIVE);
      blockMs = t;
    } else if (o === 'count' && more > 0) {
      const c = longLong(arg(argv, ++i));
      if (c === null) return NOT_INTEGER;
      count = c < 0n ? 0 : Number(c);
    } else if (o === 'streams' && more > 0) {
      streamsArg = i + 1;
      streamsCount = argv.length - streamsArg;
      if (streamsCount % 2 !== 0) {
        return error(
          "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
        );
      }
      streamsCount /= 2;
      break;
    } else if (o === 'group' && more >= 2) {
      if (!isGroup)
        return error('ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.');
      groupName = arg(argv, i + 1);
      consumerName = arg(argv, i + 2);
      i += 2;
    } else if (o === 'noack') {
      if (!isGroup)
        return error('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.');
      noack = true;
    } else {
      return SYNTAX;
    }
  }
  if (streamsArg === 0) return SYNTAX;
  if (isGroup && groupName === null) return error('ERR Missing GROUP option for XREADGROUP');
  const ids: StreamId[] = [];
  const groups: (ConsumerGroup | null)[] = [];
  for (let i = 0; i < streamsCount; i++) {
    const key = arg(argv, streamsArg + i);
    const found = ctx.ks.lookupRead(ctx.db, key);
    if (found !== undefined && found.type !== 'stream') return WRONGTYPE;
    const s = (found as EntryOf<'stream'> | undefined)?.coll;
    let group: ConsumerGroup | null = null;
    if (groupName !== null) {
      group = s?.groups.get(groupName) ?? null;
      if (group === null) {
        return error(
          `NOGROUP No such key '${cStr(key)}' or consumer group '${cStr(groupName)}' in XREADGROUP with GROUP option`,
        );
      }
    }
    groups.push(group);
    const idArg = arg(argv, streamsArg + streamsCount + i);
    if (idArg === '$') {
      if (isGroup) {
        return error(
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
      }
      ids.push(s?.lastId ?? ZERO_ID);
    } else if (idArg === '>') {
      if (!isGroup) {
        return error(
          'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
        );
      }
      ids.push(MAX_ID);
    } else {
      const parsed = parseStreamId(idArg, 0n, true);
      if (parsed === null) return error(ERR_INVALID_STREAM_ID);
      ids.push(parsed.id);
    }
  }
  const out: Reply[] = [];
  for (let i = 0; i < streamsCount; i++) {
    const key = arg(argv, streamsArg + i);
    const found = ctx.ks.lookupRead(ctx.db, key) as EntryOf<'stream'> | undefined;
    if (found === undefined) continue;
    const s = found.coll;
    const group = groups[i] ?? null;
    let gt = ids[i] as StreamId;
    let serve = false;
    let history = false;
    if (group !== null) {
      if (compareIds(gt, MAX_ID) !== 0) {
        serve = true;
        history = true;
      } else if (s.length > 0 && compareIds(s.edgeId(false), group.lastId) > 0) {
        serve = true;
        gt = group.lastId;
      }
    } else if (s.length > 0 && compareIds(s.edgeId(false), gt) > 0) {
      serve = true;
    }
    if (!serve) continue;
    const start = incrId(gt) ?? ZERO_ID;
    let entries: Reply;
    if (group === null) {
      entries = array(s.range(start, MAX_ID, false, count).map(entryReply));
    } else {
      const consumer = consumerFor(ctx, group, consumerName, key);
      entries = history
        ? deliverHistory(ctx, s, consumer, start, count)
        : deliverNew(ctx, s, group, consumer, start, count, noack);
      streamChanged(ctx, found);
    }
    out.push(array([bulk(key), entries]));
  }
  if (out.length > 0) return array(out);
  // Nothing to serve: a null array for a client that may not wait (server/reply-shapes.ts).
  if (blockMs === null || ctx.blocking !== 'allowed') return NIL;
  const keys = argv.slice(streamsArg, streamsArg + streamsCount);
  const wait: StreamWait = { ids: new Map(), group: groupName, consumer: consumerName, count, noack };
  keys.forEach((key, i) => {
    if (!wait.ids.has(key)) wait.ids.set(key, ids[i] as StreamId);
  });
  ctx.server.blockers.block(ctx.client, {
    kind: 'stream',
    db: ctx.db.id,
    keys: [...wait.ids.keys()],
    timeout: blockDeadline(ctx, blockMs),
    since: ctx.clock.now(),
    argv,
    fullName: ctx.fullName,
    serve: (c, key) => serveWaiting(c, key, wait),
  });
  return NO_REPLY;
};

/** What a blocked XREAD or XREADGROUP waits for: IDs past these (`$` as it was), or its group's news. */
interface StreamWait {
  readonly ids: Map<string, StreamId>;
  readonly group: string | null;
  readonly consumer: string;
  readonly count: number;
  readonly noack: boolean;
}

/** getTimeoutFromObjectOrReply in ms: 0 waits forever; the sum wraps in 64 bits as Redis's does. */
function blockDeadline(ctx: CommandContext, ms: bigint): number {
  if (ms === 0n) return 0;
  return Number(BigInt.asIntN(64, ms + BigInt(now(ctx))));
}

/**
 * serveClientsBlockedOnStreamKey: the one ready key's new entries, or null to go on waiting. A
 * group reader whose stream or group has gone gets the error Redis 7.0 sends.
 */
function serveWaiting(ctx: CommandContext, key: string, wait: StreamWait): Reply | null {
  const found = ctx.ks.lookupWrite(ctx.db, key);
  const s = found?.type === 'stream' ? found.coll : undefined;
  let gt = wait.ids.get(key) ?? ZERO_ID;
  let group: ConsumerGroup | undefined;
  if (wait.group !== null) {
    if (s === undefined) return error('UNBLOCKED the stream key no longer exists');
    group = s.groups.get(wait.group);
    if (group === undefined)
      return error('NOGROUP the consumer group this client was blocked on no longer exists');
    gt = group.lastId;
  }
  if (s === undefined || compareIds(s.lastId, gt) <= 0) return null;
  const start = incrId(gt) ?? ZERO_ID;
  let entries: Reply;
  if (group === undefined) entries = array(s.range(start, MAX_ID, false, wait.count).map(entryReply));
  else {
    const consumer = consumerFor(ctx, group, wait.consumer, key);
    entries = deliverNew(ctx, s, group, consumer, start, wait.count, wait.noack);
    streamChanged(ctx, found as EntryOf<'stream'>);
  }
  return array([array([bulk(key), entries])]);
}

function cStr(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

const NOTE =
  'BLOCK waits on the virtual clock: an XADD from another client or a script serves it (one stream per reply, as Redis 7.0); inside MULTI nothing to read is a null array at once, and the docs runner answers (nil) and moves its clock by the wait.';

export const streamReadCommands: readonly CommandSpec[] = [
  {
    name: 'xread',
    group: 'stream',
    keys: [0, 0, 0],
    arity: -4,
    flags: ['readonly', 'blocking', 'movablekeys'],
    traits: { blockingTimeout: 'block-option' },
    notes: NOTE,
    summary:
      'Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.',
    syntax: 'XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]',
    since: '5.0.0',
    complexity:
      'For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.',
    handler: xread,
  },
  {
    name: 'xreadgroup',
    group: 'stream',
    keys: [0, 0, 0],
    arity: -7,
    flags: ['write', 'blocking', 'movablekeys'],
    traits: { blockingTimeout: 'block-option' },
    notes: NOTE,
    summary:
      'Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.',
    syntax:
      'XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]',
    since: '5.0.0',
    complexity:
      'For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data.',
    handler: xread,
  },
];
