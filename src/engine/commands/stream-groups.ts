import { NOT_INTEGER, optionName, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_INVALID_STREAM_ID, errSubcommandSyntax } from '../errors.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, error, int, NIL, OK, type Reply, status } from '../reply.ts';
import {
  type ConsumerGroup,
  compareIds,
  idText,
  type Nack,
  pelOrder,
  raxOrder,
  Stream,
  type StreamId,
  ZERO_ID,
} from '../stream.ts';
import { createCollection } from './collections.ts';
import { idReply, intervalId, isId, longLong, parseStreamId, streamChanged, strictId } from './stream-ids.ts';
import { createConsumer, dropNack, lookupConsumer, now } from './stream-read.ts';

/** XGROUP, XACK, XPENDING, XCLAIM and XAUTOCLAIM (t_stream.c). */

const cStr = (s: string) => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

const XGROUP_HELP = [
  'XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
  'HELP',
  '    Prints this help.',
];

/** addReplySubcommandSyntaxError. */
export const subcommandSyntax = (argv: readonly string[]) => error(errSubcommandSyntax(argv));

/** xgroupCommand: options, the key and group checks, then the subcommand. */
const xgroup = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const sub = optionName(arg(argv, 1));
  if (argv.length === 2 && sub === 'help') return array(XGROUP_HELP.map(status));
  let mkstream = false;
  let entriesRead: bigint | null = null;
  let e: EntryOf<'stream'> | undefined;
  let group: ConsumerGroup | undefined;
  const key = arg(argv, 2);
  const name = arg(argv, 3);
  for (let i = 5; i < argv.length; ) {
    const o = optionName(arg(argv, i));
    if (sub === 'create' && o === 'mkstream') {
      mkstream = true;
      i++;
    } else if ((sub === 'create' || sub === 'setid') && o === 'entriesread' && i + 1 < argv.length) {
      const n = longLong(arg(argv, i + 1));
      if (n === null) return NOT_INTEGER;
      if (n < 0n && n !== -1n) return error('ERR value for ENTRIESREAD must be positive or -1');
      entriesRead = n === -1n ? null : n;
      i += 2;
    } else {
      return subcommandSyntax(argv);
    }
  }
  const found = ctx.ks.lookupWrite(ctx.db, key);
  if (found !== undefined) {
    if (found.type !== 'stream') return WRONGTYPE;
    e = found as EntryOf<'stream'>;
  }
  if (!mkstream) {
    if (e === undefined) {
      return error(
        'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
      );
    }
    group = e.coll.groups.get(name);
    if (group === undefined && (sub === 'setid' || sub === 'createconsumer' || sub === 'delconsumer')) {
      return error(`NOGROUP No such consumer group '${cStr(name)}' for key name '${cStr(key)}'`);
    }
  }
  const n = argv.length;
  if (sub === 'create' && n >= 5 && n <= 8) {
    let id: StreamId;
    if (arg(argv, 4) === '$') id = e?.coll.lastId ?? ZERO_ID;
    else {
      const parsed = strictId(arg(argv, 4));
      if (!isId(parsed)) return parsed;
      id = parsed;
    }
    if (e === undefined) e = createCollection(ctx, key, 'stream', new Stream());
    if (e.coll.groups.has(name)) return error('BUSYGROUP Consumer Group name already exists');
    e.coll.groups.set(name, { lastId: id, entriesRead, pel: new Map(), consumers: new Map() });
    ctx.ks.notify(ctx.db.id, key, 'xgroup-create', 't');
    streamChanged(ctx, e);
    return OK;
  }
  if (sub === 'setid' && (n === 5 || n === 7)) {
    const g = group as ConsumerGroup;
    const s = (e as EntryOf<'stream'>).coll;
    let id: StreamId;
    if (arg(argv, 4) === '$') id = s.lastId;
    else {
      const parsed = parseStreamId(arg(argv, 4), 0n, false);
      if (parsed === null) return error(ERR_INVALID_STREAM_ID);
      id = parsed.id;
    }
    g.lastId = id;
    g.entriesRead = entriesRead;
    ctx.ks.notify(ctx.db.id, key, 'xgroup-setid', 't');
    return OK;
  }
  if (sub === 'destroy' && n === 4) {
    if (group === undefined) return int(0);
    (e as EntryOf<'stream'>).coll.groups.delete(name);
    ctx.ks.notify(ctx.db.id, key, 'xgroup-destroy', 't');
    // Its blocked XREADGROUP clients get NOGROUP.
    ctx.server.blockers.signalStream(ctx.db.id, key);
    streamChanged(ctx, e as EntryOf<'stream'>);
    return int(1);
  }
  if (sub === 'createconsumer' && n === 5) {
    const created = createConsumer(ctx, group as ConsumerGroup, arg(argv, 4), key);
    streamChanged(ctx, e as EntryOf<'stream'>);
    return int(created ? 1 : 0);
  }
  if (sub === 'delconsumer' && n === 5) {
    const g = group as ConsumerGroup;
    const consumer = lookupConsumer(ctx, g, arg(argv, 4), false);
    if (consumer === undefined) return int(0);
    const pending = consumer.pel.size;
    for (const key2 of consumer.pel.keys()) g.pel.delete(key2);
    g.consumers.delete(consumer.name);
    ctx.ks.notify(ctx.db.id, key, 'xgroup-delconsumer', 't');
    streamChanged(ctx, e as EntryOf<'stream'>);
    return int(pending);
  }
  return subcommandSyntax(argv);
};

/** A stream and group for XACK/XCLAIM/XAUTOCLAIM; undefined when either is missing. */
export function streamGroup(ctx: CommandContext, key: string, name: string) {
  const found = ctx.ks.lookupRead(ctx.db, key);
  if (found === undefined) return undefined;
  if (found.type !== 'stream') return WRONGTYPE;
  const e = found as EntryOf<'stream'>;
  const g = e.coll.groups.get(name);
  return g === undefined ? undefined : { e, g };
}

export const noGroup = (key: string, name: string) =>
  error(`NOGROUP No such key '${cStr(key)}' or consumer group '${cStr(name)}'`);

const xack = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const sg = streamGroup(ctx, arg(argv, 1), arg(argv, 2));
  if (sg !== undefined && 't' in sg) return sg;
  if (sg === undefined) return int(0);
  const ids: StreamId[] = [];
  for (let j = 3; j < argv.length; j++) {
    const id = strictId(arg(argv, j));
    if (!isId(id)) return id;
    ids.push(id);
  }
  let acked = 0;
  for (const id of ids) {
    const nack = sg.g.pel.get(idText(id));
    if (nack === undefined) continue;
    dropNack(sg.g, nack);
    acked++;
  }
  if (acked > 0) streamChanged(ctx, sg.e);
  return int(acked);
};

const xpending = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const n = argv.length;
  if (n !== 3 && (n < 6 || n > 9)) return SYNTAX;
  let start: StreamId = ZERO_ID;
  let end: StreamId = ZERO_ID;
  let count = 0n;
  let minIdle = 0n;
  let consumerName: string | null = null;
  if (n >= 6) {
    let at = 3;
    if (optionName(arg(argv, 3)) === 'idle') {
      const idle = longLong(arg(argv, 4));
      if (idle === null) return NOT_INTEGER;
      minIdle = idle;
      if (n < 8) return SYNTAX;
      at += 2;
    }
    const c = longLong(arg(argv, at + 2));
    if (c === null) return NOT_INTEGER;
    count = c < 0n ? 0n : c;
    const s = intervalId(arg(argv, at), 0n, true);
    if (!isId(s)) return s;
    const en = intervalId(arg(argv, at + 1), 0xffffffffffffffffn, false);
    if (!isId(en)) return en;
    start = s;
    end = en;
    if (at + 3 < n) consumerName = arg(argv, at + 3);
  }
  const key = arg(argv, 1);
  const name = arg(argv, 2);
  const found = ctx.ks.lookupRead(ctx.db, key);
  if (found !== undefined && found.type !== 'stream') return WRONGTYPE;
  const g = (found as EntryOf<'stream'> | undefined)?.coll.groups.get(name);
  if (g === undefined) return noGroup(key, name);
  if (n === 3) {
    const pel = pelOrder(g.pel);
    const first = pel[0];
    const last = pel[pel.length - 1];
    if (first === undefined || last === undefined) return array([int(0), NIL, NIL, NIL]);
    const owners = raxOrder(g.consumers)
      .filter(([, c]) => c.pel.size > 0)
      .map(([cname, c]) => array([bulk(cname), bulk(String(c.pel.size))]));
    return array([int(pel.length), idReply(first.id), idReply(last.id), array(owners)]);
  }
  let pel: Nack[];
  if (consumerName !== null) {
    const c = lookupConsumer(ctx, g, consumerName, false);
    if (c === undefined) return array([]);
    pel = pelOrder(c.pel);
  } else {
    pel = pelOrder(g.pel);
  }
  const t = now(ctx);
  const out: Reply[] = [];
  for (const nack of pel) {
    if (count === 0n) break;
    if (compareIds(nack.id, start) < 0) continue;
    if (compareIds(nack.id, end) > 0) break;
    if (minIdle !== 0n && BigInt(t - nack.deliveryTime) < minIdle) continue;
    count--;
    const elapsed = Math.max(0, t - nack.deliveryTime);
    out.push(
      array([idReply(nack.id), bulk(nack.consumer?.name ?? ''), int(elapsed), int(nack.deliveryCount)]),
    );
  }
  return array(out);
};

const stream = { group: 'stream' } as const;
const groupSub = (
  name: string,
  arity: number,
  flags: CommandSpec['flags'],
  syntax: string,
  summary: string,
  complexity = 'O(1)',
): CommandSpec => ({
  ...stream,
  name,
  arity,
  flags,
  keys: name === 'help' ? [0, 0, 0] : [2, 2, 1],
  syntax,
  summary,
  since: name === 'createconsumer' ? '6.2.0' : name === 'help' ? '5.0.0' : '5.0.0',
  complexity,
  handler: xgroup,
});

export const streamGroupCommands: readonly CommandSpec[] = [
  {
    ...stream,
    name: 'xgroup',
    arity: -2,
    flags: [],
    keys: [0, 0, 0],
    summary: 'A container for consumer groups commands.',
    syntax: 'XGROUP subcommand',
    since: '5.0.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      groupSub(
        'create',
        -5,
        ['write', 'denyoom'],
        'XGROUP CREATE key group id | $ [MKSTREAM] [ENTRIESREAD entries-read]',
        'Creates a consumer group.',
      ),
      groupSub(
        'createconsumer',
        5,
        ['write', 'denyoom'],
        'XGROUP CREATECONSUMER key group consumer',
        'Creates a consumer in a consumer group.',
      ),
      groupSub(
        'delconsumer',
        5,
        ['write'],
        'XGROUP DELCONSUMER key group consumer',
        'Deletes a consumer from a consumer group.',
      ),
      groupSub(
        'destroy',
        4,
        ['write'],
        'XGROUP DESTROY key group',
        'Destroys a consumer group.',
        "O(N) where N is the number of entries in the group's pending entries list (PEL).",
      ),
      groupSub(
        'help',
        2,
        ['loading', 'stale'],
        'XGROUP HELP',
        'Returns helpful text about the different subcommands.',
      ),
      groupSub(
        'setid',
        -5,
        ['write'],
        'XGROUP SETID key group id | $ [ENTRIESREAD entries-read]',
        'Sets the last-delivered ID of a consumer group.',
      ),
    ],
  },
  {
    ...stream,
    name: 'xack',
    keys: [1, 1, 1],
    arity: -4,
    flags: ['write', 'fast'],
    summary:
      'Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.',
    syntax: 'XACK key group id [id ...]',
    since: '5.0.0',
    complexity: 'O(1) for each message ID processed.',
    handler: xack,
  },
  {
    ...stream,
    name: 'xpending',
    keys: [1, 1, 1],
    arity: -3,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: {
      serverDependent: "idle times are measured on the server's clock",
      serverDependentWhen: (argv) => argv.length > 3,
    },
    summary: "Returns the information and entries from a stream consumer group's pending entries list.",
    syntax: 'XPENDING key group [[IDLE min-idle-time] start end count [consumer]]',
    since: '5.0.0',
    complexity:
      'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer.',
    handler: xpending,
  },
];
