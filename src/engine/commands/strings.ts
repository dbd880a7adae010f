import { isReplyNotEntry, optionName, readString, SYNTAX, stringCommandDeadline } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NOT_INTEGER, errInvalidExpire, errWrongArity } from '../errors.ts';
import { isEntry, type Millis } from '../keyspace.ts';
import { array, bulk, error, int, NIL, OK, type Reply } from '../reply.ts';
import { dragonflySetex } from './dragonfly-expire.ts';

/** SET and its relatives: the commands that store, fetch and replace whole string values. */

const FLAG_NX = 1;
const FLAG_XX = 2;
const FLAG_GET = 4;
const FLAG_KEEPTTL = 8;
const FLAG_PERSIST = 16;
const FLAG_EX = 32;
const FLAG_PX = 64;
const FLAG_EXAT = 128;
const FLAG_PXAT = 256;
const ANY_EXPIRE = FLAG_EX | FLAG_PX | FLAG_EXAT | FLAG_PXAT;

interface ParsedOptions {
  flags: number;
  expireArg: string | undefined;
}

/**
 * t_string.c parseExtendedStringArgumentsOrReply: walks left to right, failing on the first token
 * that is unknown or conflicts with one already seen; repeating the same option is allowed.
 */
function parseStringOptions(argv: readonly string[], first: number, forSet: boolean): ParsedOptions | null {
  let flags = 0;
  let expireArg: string | undefined;
  for (let j = first; j < argv.length; j++) {
    const opt = optionName(arg(argv, j));
    const hasNext = j < argv.length - 1;
    const expiryKind: Record<string, number> = { ex: FLAG_EX, px: FLAG_PX, exat: FLAG_EXAT, pxat: FLAG_PXAT };
    if (opt === 'nx' && forSet && !(flags & FLAG_XX)) flags |= FLAG_NX;
    else if (opt === 'xx' && forSet && !(flags & FLAG_NX)) flags |= FLAG_XX;
    else if (opt === 'get' && forSet) flags |= FLAG_GET;
    else if (opt === 'keepttl' && forSet && !(flags & (FLAG_PERSIST | ANY_EXPIRE))) flags |= FLAG_KEEPTTL;
    else if (opt === 'persist' && !forSet && !(flags & (ANY_EXPIRE | FLAG_KEEPTTL))) flags |= FLAG_PERSIST;
    else if (opt in expiryKind && hasNext) {
      const kind = expiryKind[opt] as number;
      if (flags & (FLAG_KEEPTTL | FLAG_PERSIST | (ANY_EXPIRE & ~kind))) return null;
      flags |= kind;
      expireArg = argv[++j];
    } else return null;
  }
  return { flags, expireArg };
}

/** Resolves the parsed expire option to a deadline, or the error reply Redis gives. */
function resolveDeadline(ctx: CommandContext, o: ParsedOptions): Millis | Reply | undefined {
  if (o.expireArg === undefined) return undefined;
  const unitMs = o.flags & (FLAG_EX | FLAG_EXAT) ? 1000 : 1;
  const relative = (o.flags & (FLAG_EX | FLAG_PX)) !== 0;
  const d = stringCommandDeadline(o.expireArg, unitMs, relative, ctx.clock.now());
  if (d === 'not-int') return error(ERR_NOT_INTEGER);
  if (d === 'invalid') return error(errInvalidExpire(ctx.fullName));
  return d;
}

function isReply(x: Millis | Reply | undefined): x is Reply {
  return typeof x === 'object';
}

/** setGenericCommand: SET, SETEX, PSETEX and SETNX all end here. */
function setGeneric(
  ctx: CommandContext,
  key: string,
  value: string,
  o: ParsedOptions,
  okReply: Reply,
  abortReply: Reply,
): Reply {
  const deadline = resolveDeadline(ctx, o);
  if (isReply(deadline)) return deadline;
  let reply: Reply | undefined;
  if (o.flags & FLAG_GET) {
    const old = readString(ctx, key);
    if (isReplyNotEntry(old)) return old;
    reply = isEntry(old) ? bulk(old.str) : NIL;
  }
  const found = ctx.ks.lookupWrite(ctx.db, key) !== undefined;
  if ((o.flags & FLAG_NX && found) || (o.flags & FLAG_XX && !found)) return reply ?? abortReply;
  const { ks, db } = ctx;
  // A new deadline replaces the old one in place, so a key that stays volatile keeps its slot.
  const e = ks.setString(db, key, value, (o.flags & FLAG_KEEPTTL) !== 0 || deadline !== undefined);
  ks.notify(db.id, key, 'set', '$');
  if (deadline !== undefined) {
    ks.setExpire(db, e, deadline);
    ks.notify(db.id, key, 'expire', 'g');
  }
  return reply ?? okReply;
}

const set = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const o = parseStringOptions(argv, 3, true);
  if (o === null) return SYNTAX;
  return setGeneric(ctx, arg(argv, 1), arg(argv, 2), o, OK, NIL);
};

const setex =
  (flag: number) =>
  (ctx: CommandContext, argv: readonly string[]): Reply =>
    setGeneric(ctx, arg(argv, 1), arg(argv, 3), { flags: flag, expireArg: argv[2] }, OK, NIL);

const DRAGONFLY_SETEX = "Dragonfly: TTLs capped at 2^28-1 s; an overflowing one is refused as SET's.";

const get = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = readString(ctx, arg(argv, 1));
  return isEntry(e) ? bulk(e.str) : (e ?? NIL);
};

const getex = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const o = parseStringOptions(argv, 2, false);
  if (o === null) return SYNTAX;
  const key = arg(argv, 1);
  const e = readString(ctx, key);
  if (!isEntry(e)) return e ?? NIL;
  const deadline = resolveDeadline(ctx, o);
  if (isReply(deadline)) return deadline;
  const reply = bulk(e.str);
  const { ks, db } = ctx;
  if (o.flags & (FLAG_EXAT | FLAG_PXAT) && deadline !== undefined && deadline <= ctx.clock.now()) {
    ks.delete(db, e);
    ks.notify(db.id, key, 'del', 'g');
  } else if (deadline !== undefined) {
    ks.setExpire(db, e, deadline);
    ks.notify(db.id, key, 'expire', 'g');
  } else if (o.flags & FLAG_PERSIST && ks.persist(db, e)) {
    ks.notify(db.id, key, 'persist', 'g');
  }
  return reply;
};

const getdel = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = readString(ctx, key);
  if (!isEntry(e)) return e ?? NIL;
  const reply = bulk(e.str);
  ctx.ks.delete(ctx.db, e);
  ctx.ks.notify(ctx.db.id, key, 'del', 'g');
  return reply;
};

const getset = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const old = readString(ctx, key);
  if (isReplyNotEntry(old)) return old;
  const reply = isEntry(old) ? bulk(old.str) : NIL;
  ctx.ks.setString(ctx.db, key, arg(argv, 2), false);
  ctx.ks.notify(ctx.db.id, key, 'set', '$');
  return reply;
};

const mget = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const out: Reply[] = [];
  for (let i = 1; i < argv.length; i++) {
    const e = ctx.ks.lookupRead(ctx.db, arg(argv, i));
    out.push(e !== undefined && e.type === 'string' ? bulk(e.str) : NIL);
  }
  return array(out);
};

const msetGeneric = (nx: boolean) => (ctx: CommandContext, argv: readonly string[]) => {
  if (argv.length % 2 === 0) return error(errWrongArity(ctx.fullName));
  const { ks, db } = ctx;
  if (nx) {
    for (let i = 1; i < argv.length; i += 2) {
      if (ks.lookupWrite(db, arg(argv, i)) !== undefined) return int(0);
    }
  }
  for (let i = 1; i < argv.length; i += 2) {
    const key = arg(argv, i);
    ks.lookupWrite(db, key);
    ks.setString(db, key, arg(argv, i + 1), false);
    ks.notify(db.id, key, 'set', '$');
  }
  return nx ? int(1) : OK;
};

const setnx = (ctx: CommandContext, argv: readonly string[]): Reply =>
  setGeneric(ctx, arg(argv, 1), arg(argv, 2), { flags: FLAG_NX, expireArg: undefined }, int(1), int(0));

const key1 = [1, 1, 1] as const;
const allKeys = [1, -1, 1] as const;

export const stringCommands: readonly CommandSpec[] = [
  {
    name: 'set',
    arity: -3,
    flags: ['write', 'denyoom'],
    traits: { setsExpiry: { optionsFrom: 3 } },
    group: 'string',
    summary: 'Sets the string value of a key, ignoring its type. The key is created if it does not exist.',
    syntax:
      'SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: key1,
    handler: set,
  },
  {
    name: 'get',
    arity: 2,
    flags: ['readonly', 'fast'],
    group: 'string',
    summary: 'Returns the string value of a key.',
    syntax: 'GET key',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: key1,
    handler: get,
  },
  {
    name: 'setex',
    arity: 4,
    flags: ['write', 'denyoom'],
    traits: { setsExpiry: 'relative' },
    group: 'string',
    summary: 'Sets the string value and expiration time of a key. Creates the key if it does not exist.',
    syntax: 'SETEX key seconds value',
    since: '2.0.0',
    complexity: 'O(1)',
    keys: key1,
    handler: setex(FLAG_EX),
    versions: { dragonfly: { notes: DRAGONFLY_SETEX, handler: dragonflySetex(1000, setex(FLAG_PX)) } },
  },
  {
    name: 'psetex',
    arity: 4,
    flags: ['write', 'denyoom'],
    traits: { setsExpiry: 'relative' },
    group: 'string',
    summary:
      'Sets both string value and expiration time in milliseconds of a key. The key is created if it does not exist.',
    syntax: 'PSETEX key milliseconds value',
    since: '2.6.0',
    complexity: 'O(1)',
    keys: key1,
    handler: setex(FLAG_PX),
    versions: { dragonfly: { notes: DRAGONFLY_SETEX, handler: dragonflySetex(1, setex(FLAG_PX)) } },
  },
  {
    name: 'setnx',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    group: 'string',
    summary: 'Set the string value of a key only when the key does not exist.',
    syntax: 'SETNX key value',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: key1,
    handler: setnx,
  },
  {
    name: 'getset',
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    group: 'string',
    summary: 'Returns the previous string value of a key after setting it to a new value.',
    syntax: 'GETSET key value',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: key1,
    handler: getset,
  },
  {
    name: 'getdel',
    arity: 2,
    flags: ['write', 'fast'],
    group: 'string',
    summary: 'Returns the string value of a key after deleting the key.',
    syntax: 'GETDEL key',
    since: '6.2.0',
    complexity: 'O(1)',
    keys: key1,
    handler: getdel,
  },
  {
    name: 'getex',
    arity: -2,
    flags: ['write', 'fast'],
    traits: { setsExpiry: { optionsFrom: 2 } },
    group: 'string',
    summary: 'Returns the string value of a key after setting its expiration time.',
    syntax:
      'GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]',
    since: '6.2.0',
    complexity: 'O(1)',
    keys: key1,
    handler: getex,
  },
  {
    name: 'mset',
    arity: -3,
    flags: ['write', 'denyoom'],
    tips: ['request_policy:multi_shard', 'response_policy:all_succeeded'],
    group: 'string',
    summary: 'Atomically creates or modifies the string values of one or more keys.',
    syntax: 'MSET key value [key value ...]',
    since: '1.0.1',
    complexity: 'O(N) where N is the number of keys to set.',
    keys: [1, -1, 2],
    handler: msetGeneric(false),
  },
  {
    name: 'msetnx',
    arity: -3,
    flags: ['write', 'denyoom'],
    tips: ['request_policy:multi_shard', 'response_policy:agg_min'],
    versions: { 'redis-7.4': { tips: [] } },
    group: 'string',
    summary: "Atomically modifies the string values of one or more keys only when all keys don't exist.",
    syntax: 'MSETNX key value [key value ...]',
    since: '1.0.1',
    complexity: 'O(N) where N is the number of keys to set.',
    keys: [1, -1, 2],
    handler: msetGeneric(true),
  },
  {
    name: 'mget',
    arity: -2,
    flags: ['readonly', 'fast'],
    tips: ['request_policy:multi_shard'],
    group: 'string',
    summary: 'Atomically returns the string values of one or more keys.',
    syntax: 'MGET key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of keys to retrieve.',
    keys: allKeys,
    handler: mget,
  },
];
