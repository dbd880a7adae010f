import { isReplyNotEntry, KEY1, NOT_INTEGER, optionName, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NO_SUCH_KEY, errWrongArity } from '../errors.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, EMPTY_ARRAY, error, int, NIL, OK, type Reply } from '../reply.ts';
import {
  compareIds,
  incrId,
  isZeroId,
  MAX_ID,
  Stream,
  type StreamId,
  UINT64_MAX,
  ZERO_ID,
} from '../stream.ts';
import { createCollection } from './collections.ts';
import {
  ERR_INVALID_ID,
  entryReply,
  idReply,
  intervalId,
  isId,
  longLong,
  lookupStream,
  parseStreamId,
  streamChanged,
  strictId,
} from './stream-ids.ts';

/** XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM and XSETID (t_stream.c). */

type Strategy = { maxlen: bigint } | { minid: StreamId };

interface AddTrimArgs {
  /** Where the ID is (XADD): the fields follow it. */
  idPos: number;
  id: StreamId | null;
  seqGiven: boolean;
  noMkStream: boolean;
  strategy: Strategy | null;
  approx: boolean;
  limit: bigint;
}

const ERR_MAXLEN_MINID = error(
  'ERR syntax error, MAXLEN and MINID options at the same time are not compatible',
);

/** streamParseAddOrTrimArgsOrReply. */
function parseAddTrim(argv: readonly string[], xadd: boolean): AddTrimArgs | Reply {
  const a: AddTrimArgs = {
    idPos: 2,
    id: null,
    seqGiven: true,
    noMkStream: false,
    strategy: null,
    approx: false,
    limit: 0n,
  };
  let limitGiven = false;
  let i = 2;
  for (; i < argv.length; i++) {
    const more = argv.length - 1 - i;
    const raw = arg(argv, i);
    const opt = optionName(raw);
    if (xadd && opt === '*') break;
    if ((opt === 'maxlen' || opt === 'minid') && more > 0) {
      if (a.strategy !== null) return ERR_MAXLEN_MINID;
      a.approx = false;
      const next = optionName(arg(argv, i + 1));
      if (more >= 2 && next === '~') {
        a.approx = true;
        i++;
      } else if (more >= 2 && next === '=') {
        i++;
      }
      const value = arg(argv, i + 1);
      if (opt === 'maxlen') {
        const n = longLong(value);
        if (n === null) return NOT_INTEGER;
        if (n < 0n) return error('ERR The MAXLEN argument must be >= 0.');
        a.strategy = { maxlen: n };
      } else {
        const id = strictId(value);
        if (!isId(id)) return id;
        a.strategy = { minid: id };
      }
      i++;
    } else if (opt === 'limit' && more > 0) {
      const n = longLong(arg(argv, i + 1));
      if (n === null) return NOT_INTEGER;
      if (n < 0n) return error('ERR The LIMIT argument must be >= 0.');
      a.limit = n;
      limitGiven = true;
      i++;
    } else if (xadd && opt === 'nomkstream') {
      a.noMkStream = true;
    } else if (xadd) {
      const parsed = parseStreamId(raw, 0n, true, true);
      if (parsed === null) return ERR_INVALID_ID;
      a.id = parsed.id;
      a.seqGiven = parsed.seqGiven;
      break;
    } else {
      return SYNTAX;
    }
  }
  a.idPos = i;
  if (a.limit !== 0n && a.strategy === null) {
    return error('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy');
  }
  if (!xadd && a.strategy === null)
    return error('ERR syntax error, XTRIM must be called with a trimming strategy');
  if (limitGiven) {
    if (!a.approx) return error('ERR syntax error, LIMIT cannot be used without the special ~ option');
  } else {
    // 100 nodes of stream-node-max-entries (100) at most per approximate trim.
    a.limit = a.approx ? 10000n : 0n;
  }
  return a;
}

/** The ID XADD gives the new entry (streamAppendItem's ID choice); null when none can be made. */
function nextId(ctx: CommandContext, s: Stream, a: AddTrimArgs): StreamId | null {
  const last = s.lastId;
  if (a.id !== null) {
    if (a.seqGiven) return a.id;
    if (last.ms !== a.id.ms) return { ms: a.id.ms, seq: 0n };
    return last.seq === UINT64_MAX ? null : { ms: last.ms, seq: last.seq + 1n };
  }
  const ms = BigInt(Math.floor(ctx.clock.now()));
  return ms > last.ms ? { ms, seq: 0n } : incrId(last);
}

const xadd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const a = parseAddTrim(argv, true);
  if (!('idPos' in a)) return a;
  const fieldPos = a.idPos + 1;
  const n = argv.length - fieldPos;
  if (n < 2 || n % 2 === 1) return error(errWrongArity(ctx.fullName));
  if (a.id !== null && a.seqGiven && isZeroId(a.id)) {
    return error('ERR The ID specified in XADD must be greater than 0-0');
  }
  const key = arg(argv, 1);
  let e = lookupStream(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) {
    if (a.noMkStream) return NIL;
    e = createCollection(ctx, key, 'stream', new Stream());
  }
  const s = e.coll;
  if (compareIds(s.lastId, MAX_ID) === 0) {
    return error('ERR The stream has exhausted the last possible ID, unable to add more items');
  }
  const id = nextId(ctx, s, a);
  // errno is not EDOM when the ms-* sequence would overflow: Redis then blames the size.
  if (id === null) return error('ERR Elements are too large to be stored');
  if (compareIds(id, s.lastId) <= 0) {
    return error('ERR The ID specified in XADD is equal or smaller than the target stream top item');
  }
  s.append(id, argv.slice(fieldPos));
  ctx.ks.notify(ctx.db.id, key, 'xadd', 't');
  ctx.server.blockers.signalStream(ctx.db.id, key);
  if (a.strategy !== null && s.trim(a.strategy, a.approx, a.limit) > 0) {
    ctx.ks.notify(ctx.db.id, key, 'xtrim', 't');
  }
  streamChanged(ctx, e);
  return idReply(id);
};

const xrange =
  (rev: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const start = intervalId(arg(argv, rev ? 3 : 2), 0n, true);
    if (!isId(start)) return start;
    const end = intervalId(arg(argv, rev ? 2 : 3), UINT64_MAX, false);
    if (!isId(end)) return end;
    let count = -1n;
    for (let j = 4; j < argv.length; j++) {
      if (optionName(arg(argv, j)) === 'count' && argv.length - j - 1 >= 1) {
        const c = longLong(arg(argv, ++j));
        if (c === null) return NOT_INTEGER;
        count = c < 0n ? 0n : c;
      } else {
        return SYNTAX;
      }
    }
    const e = lookupStream(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return EMPTY_ARRAY;
    // COUNT 0 answers a null array (server/reply-shapes.ts); redis-cli prints (nil).
    if (count === 0n) return NIL;
    const items = e.coll.range(start, end, rev, count < 0n ? 0 : Number(count));
    return array(items.map(entryReply));
  };

const xlen = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupStream(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(e === undefined ? 0 : e.coll.length);
};

const xdel = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = lookupStream(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const ids: StreamId[] = [];
  for (let j = 2; j < argv.length; j++) {
    const id = strictId(arg(argv, j));
    if (!isId(id)) return id;
    ids.push(id);
  }
  const s = e.coll;
  let deleted = 0;
  let firstEntry = false;
  for (const id of ids) {
    if (!s.delete(id)) continue;
    if (compareIds(id, s.firstId) === 0) firstEntry = true;
    if (compareIds(id, s.maxDeletedId) > 0) s.maxDeletedId = id;
    deleted++;
  }
  if (deleted > 0) {
    if (s.length === 0) s.firstId = ZERO_ID;
    else if (firstEntry) s.firstId = s.edgeId(true);
    ctx.ks.notify(ctx.db.id, key, 'xdel', 't');
    streamChanged(ctx, e);
  }
  return int(deleted);
};

const xtrim = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const a = parseAddTrim(argv, false);
  if (!('idPos' in a)) return a;
  const key = arg(argv, 1);
  const e = lookupStream(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const deleted = e.coll.trim(a.strategy as Strategy, a.approx, a.limit);
  if (deleted > 0) {
    ctx.ks.notify(ctx.db.id, key, 'xtrim', 't');
    streamChanged(ctx, e);
  }
  return int(deleted);
};

const xsetid = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const id = strictId(arg(argv, 2));
  if (!isId(id)) return id;
  let entriesAdded = -1n;
  let maxDeleted: StreamId = ZERO_ID;
  for (let i = 3; i < argv.length; i += 2) {
    const opt = optionName(arg(argv, i));
    const more = argv.length - 1 - i;
    if (opt === 'entriesadded' && more > 0) {
      const n = longLong(arg(argv, i + 1));
      if (n === null) return NOT_INTEGER;
      if (n < 0n) return error('ERR entries_added must be positive');
      entriesAdded = n;
    } else if (opt === 'maxdeletedid' && more > 0) {
      const d = strictId(arg(argv, i + 1));
      if (!isId(d)) return d;
      if (compareIds(id, d) < 0) {
        return error('ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id');
      }
      maxDeleted = d;
    } else {
      return SYNTAX;
    }
  }
  const key = arg(argv, 1);
  const found = ctx.ks.lookupWrite(ctx.db, key);
  if (found === undefined) return error(ERR_NO_SUCH_KEY);
  if (found.type !== 'stream') return WRONGTYPE;
  const e = found as EntryOf<'stream'>;
  const s = e.coll;
  if (s.length > 0) {
    if (compareIds(id, s.edgeId(false)) < 0) {
      return error('ERR The ID specified in XSETID is smaller than the target stream top item');
    }
    if (entriesAdded !== -1n && BigInt(s.length) > entriesAdded) {
      return error('ERR The entries_added specified in XSETID is smaller than the target stream length');
    }
  }
  s.lastId = id;
  if (entriesAdded !== -1n) s.entriesAdded = entriesAdded;
  if (!isZeroId(maxDeleted)) s.maxDeletedId = maxDeleted;
  ctx.ks.notify(ctx.db.id, key, 'xsetid', 't');
  streamChanged(ctx, e);
  return OK;
};

export const stream = { group: 'stream', keys: KEY1 } as const;

export const streamCommands: readonly CommandSpec[] = [
  {
    ...stream,
    name: 'xadd',
    arity: -5,
    flags: ['write', 'denyoom', 'fast'],
    tips: ['nondeterministic_output'],
    traits: {
      serverDependent: 'an ID given as * comes from the server clock',
      serverDependentWhen: (argv) => argv.slice(2).includes('*'),
    },
    summary: "Appends a new message to a stream. Creates the key if it doesn't exist.",
    syntax:
      'XADD key [NOMKSTREAM] [MAXLEN | MINID [= | ~] threshold [LIMIT count]] * | id field value [field value ...]',
    since: '5.0.0',
    complexity:
      'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
    handler: xadd,
  },
  {
    ...stream,
    name: 'xrange',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns the messages from a stream within a range of IDs.',
    syntax: 'XRANGE key start end [COUNT count]',
    since: '5.0.0',
    complexity:
      'O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    handler: xrange(false),
  },
  {
    ...stream,
    name: 'xrevrange',
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns the messages from a stream within a range of IDs in reverse order.',
    syntax: 'XREVRANGE key end start [COUNT count]',
    since: '5.0.0',
    complexity:
      'O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).',
    handler: xrange(true),
  },
  {
    ...stream,
    name: 'xlen',
    arity: 2,
    flags: ['readonly', 'fast'],
    summary: 'Return the number of messages in a stream.',
    syntax: 'XLEN key',
    since: '5.0.0',
    complexity: 'O(1)',
    handler: xlen,
  },
  {
    ...stream,
    name: 'xdel',
    arity: -3,
    flags: ['write', 'fast'],
    summary: 'Returns the number of messages after removing them from a stream.',
    syntax: 'XDEL key id [id ...]',
    since: '5.0.0',
    complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.',
    handler: xdel,
  },
  {
    ...stream,
    name: 'xtrim',
    arity: -4,
    flags: ['write'],
    tips: ['nondeterministic_output'],
    traits: {
      serverDependent:
        "with ~ what is trimmed follows the server's node sizes (the playground has Redis's defaults)",
      serverDependentWhen: (argv) => argv.includes('~'),
    },
    summary: 'Deletes messages from the beginning of a stream.',
    syntax: 'XTRIM key MAXLEN | MINID [= | ~] threshold [LIMIT count]',
    since: '5.0.0',
    complexity: 'O(N), with N being the number of evicted entries. Constant times are very small however.',
    handler: xtrim,
  },
  {
    ...stream,
    name: 'xsetid',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'An internal command for replicating stream values.',
    syntax: 'XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]',
    since: '5.0.0',
    complexity: 'O(1)',
    handler: xsetid,
  },
];
