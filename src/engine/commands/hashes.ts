import { addInt64, isReplyNotEntry, KEY1, NOT_INTEGER } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import {
  HASH_MAX_LISTPACK_ENTRIES,
  HASH_MAX_LISTPACK_VALUE,
  isConverted,
  isIntMember,
  markConverted,
} from '../encodings.ts';
import {
  ERR_HASH_NOT_FLOAT,
  ERR_HASH_NOT_INTEGER,
  ERR_NAN_OR_INFINITY,
  ERR_NOT_FLOAT,
  ERR_OVERFLOW,
  ERR_VALUE_NAN_OR_INF,
  errWrongArity,
} from '../errors.ts';
import { forgetMember } from '../field-expiry.ts';
import { parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { addLongDouble, formatLongDoubleHuman, isFiniteLongDouble, parseLongDouble } from '../longdouble.ts';
import { array, bulk, bulkArray, bulkOrNil, EMPTY_ARRAY, error, int, OK, type Reply } from '../reply.ts';
import {
  createCollection,
  deleteIfEmpty,
  lookupTyped,
  MEMBER_OVERHEAD,
  payloadChanged,
} from './collections.ts';
import { type FieldRead, liveFields, overwriteTtl, readField, readFields } from './hash-fields.ts';
import { string2ldErrno } from './strtod.ts';

/** Hashes (t_hash.c), stored as a Map in insertion order, which is listpack order. */

type HashEntry = EntryOf<'hash'>;

export const lookupHash = (ctx: CommandContext, key: string, write: boolean) =>
  lookupTyped(ctx, key, 'hash', write);

/** hashTypeLookupWriteOrCreate. */
function hashForWrite(ctx: CommandContext, key: string): HashEntry | Reply {
  const e = lookupHash(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  return e ?? createCollection(ctx, key, 'hash', new Map<string, string>());
}

/**
 * hashTypeSet: sets a field, converting to a hashtable when a text or the size outgrows listpack. An
 * overwritten field loses its TTL unless `keepTtl` (HINCRBY, HINCRBYFLOAT).
 */
function setField(ctx: CommandContext, e: HashEntry, field: string, value: string, keepTtl = false): boolean {
  const h = e.coll;
  if (field.length > HASH_MAX_LISTPACK_VALUE || value.length > HASH_MAX_LISTPACK_VALUE) markConverted(h);
  const old = h.get(field);
  h.set(field, value);
  overwriteTtl(e, field, old !== undefined, keepTtl);
  if (h.size > HASH_MAX_LISTPACK_ENTRIES) markConverted(h);
  const delta = old === undefined ? field.length + value.length + MEMBER_OVERHEAD : value.length - old.length;
  payloadChanged(ctx, e, delta);
  return old !== undefined;
}

/** hashTypeTryConversion: any argument longer than a listpack value converts the hash up front. */
function tryConversion(e: HashEntry, argv: readonly string[], from: number, to: number): void {
  for (let i = from; i <= to; i++) {
    if (arg(argv, i).length > HASH_MAX_LISTPACK_VALUE) markConverted(e.coll);
  }
}

const hset = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length % 2 === 1) return error(errWrongArity(ctx.fullName));
  const key = arg(argv, 1);
  const e = hashForWrite(ctx, key);
  if (isReplyNotEntry(e)) return e;
  tryConversion(e, argv, 2, argv.length - 1);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) {
    if (!setField(ctx, e, arg(argv, i), arg(argv, i + 1))) created++;
  }
  ctx.ks.notify(ctx.db.id, key, 'hset', 'h');
  return ctx.fullName === 'hmset' ? OK : int(created);
};

/** After a field read: the hash itself is gone when its last field expired, so a write starts a new one. */
function stillThere(ctx: CommandContext, e: HashEntry, read: FieldRead): HashEntry {
  return read.res === 'expired-hash' ? createCollection(ctx, e.key, 'hash', new Map<string, string>()) : e;
}

const hsetnx = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const found = hashForWrite(ctx, key);
  if (isReplyNotEntry(found)) return found;
  const read = readField(ctx, found, arg(argv, 2));
  if (read.res === 'ok') return int(0);
  const e = stillThere(ctx, found, read);
  tryConversion(e, argv, 2, 3);
  setField(ctx, e, arg(argv, 2), arg(argv, 3));
  ctx.ks.notify(ctx.db.id, key, 'hset', 'h');
  return int(1);
};

/** A field's value, or undefined when it is missing or expired (deleting it then). */
function fieldValue(ctx: CommandContext, e: HashEntry | undefined, field: string): string | undefined {
  if (e === undefined) return undefined;
  const read = readField(ctx, e, field);
  return read.res === 'ok' ? read.value : undefined;
}

const hget = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupHash(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return bulkOrNil(fieldValue(ctx, e, arg(argv, 2)));
};

const hmget = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = lookupHash(ctx, key, false);
  if (isReplyNotEntry(e)) return e;
  return array(readFields(ctx, key, e, argv.slice(2)).map(bulkOrNil));
};

const hgetallGeneric =
  (fields: boolean, values: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = lookupHash(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return EMPTY_ARRAY;
    const out: string[] = [];
    for (const [f, v] of liveFields(ctx, e)) {
      if (fields) out.push(f);
      if (values) out.push(v);
    }
    return bulkArray(out);
  };

const hdel = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = lookupHash(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const h = e.coll;
  let deleted = 0;
  let delta = 0;
  for (let i = 2; i < argv.length && h.size > 0; i++) {
    const f = arg(argv, i);
    const v = h.get(f);
    if (v === undefined) continue;
    h.delete(f);
    forgetMember(h, f);
    delta -= f.length + v.length + MEMBER_OVERHEAD;
    deleted++;
  }
  if (deleted > 0) {
    payloadChanged(ctx, e, delta);
    ctx.ks.notify(ctx.db.id, key, 'hdel', 'h');
    deleteIfEmpty(ctx, e, h.size);
  }
  return int(deleted);
};

const hlen = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupHash(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(e === undefined ? 0 : e.coll.size);
};

const hexists = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupHash(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(fieldValue(ctx, e, arg(argv, 2)) === undefined ? 0 : 1);
};

const hstrlen = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupHash(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(fieldValue(ctx, e, arg(argv, 2))?.length ?? 0);
};

const hincrby = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const by = parseInt64(arg(argv, 3));
  if (by === null) return NOT_INTEGER;
  const key = arg(argv, 1);
  const found = hashForWrite(ctx, key);
  if (isReplyNotEntry(found)) return found;
  const field = arg(argv, 2);
  const read = readField(ctx, found, field);
  const e = stillThere(ctx, found, read);
  const current = read.res === 'ok' ? parseInt64(read.value) : 0;
  if (current === null) return error(ERR_HASH_NOT_INTEGER);
  const next = addInt64(current, by);
  if (next === null) return error(ERR_OVERFLOW);
  setField(ctx, e, field, String(next), true);
  ctx.ks.notify(ctx.db.id, key, 'hincrby', 'h');
  return int(next);
};

const hincrbyfloat = (ctx: CommandContext, argv: readonly string[]): Reply => {
  string2ldErrno(ctx.ks, arg(argv, 3));
  const incr = parseLongDouble(arg(argv, 3));
  if (incr === null) return error(ERR_NOT_FLOAT);
  if (!isFiniteLongDouble(incr)) return error(ERR_VALUE_NAN_OR_INF);
  const key = arg(argv, 1);
  const found = hashForWrite(ctx, key);
  if (isReplyNotEntry(found)) return found;
  const field = arg(argv, 2);
  const read = readField(ctx, found, field);
  const e = stillThere(ctx, found, read);
  const h = e.coll;
  const old = read.res === 'ok' ? read.value : undefined;
  // A listpack keeps integer values as integers, which are read without string2ld.
  if (old !== undefined && (isConverted(h) || !isIntMember(old))) string2ldErrno(ctx.ks, old);
  const current = parseLongDouble(old ?? '0');
  if (current === null) return error(ERR_HASH_NOT_FLOAT);
  const sum = addLongDouble(current, incr);
  if (!isFiniteLongDouble(sum)) return error(ERR_NAN_OR_INFINITY);
  const text = formatLongDoubleHuman(sum);
  setField(ctx, e, field, text, true);
  ctx.ks.notify(ctx.db.id, key, 'hincrbyfloat', 'h');
  return bulk(text);
};

export const hash = { group: 'hash', keys: KEY1 } as const;
const W = ['write', 'denyoom', 'fast'] as const;
const R = ['readonly', 'fast'] as const;

export const hashCommands: readonly CommandSpec[] = [
  {
    ...hash,
    name: 'hset',
    arity: -4,
    flags: W,
    summary: "Creates or modifies the value of a field in a hash. Creates the key if it doesn't exist.",
    syntax: 'HSET key field value [field value ...]',
    since: '2.0.0',
    complexity: 'O(1) for each field/value pair added.',
    handler: hset,
  },
  {
    ...hash,
    name: 'hsetnx',
    arity: 4,
    flags: W,
    summary: "Sets the value of a field in a hash only when the field doesn't exist.",
    syntax: 'HSETNX key field value',
    since: '2.0.0',
    complexity: 'O(1)',
    handler: hsetnx,
  },
  {
    ...hash,
    name: 'hmset',
    arity: -4,
    flags: W,
    summary: 'Sets the values of multiple fields (deprecated: use HSET).',
    syntax: 'HMSET key field value [field value ...]',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of fields being set.',
    handler: hset,
  },
  {
    ...hash,
    name: 'hget',
    arity: 3,
    flags: R,
    summary: 'Returns the value of a field in a hash.',
    syntax: 'HGET key field',
    since: '2.0.0',
    complexity: 'O(1)',
    handler: hget,
  },
  {
    ...hash,
    name: 'hmget',
    arity: -3,
    flags: R,
    summary: 'Returns the values of all fields in a hash.',
    syntax: 'HMGET key field [field ...]',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of fields being requested.',
    handler: hmget,
  },
  {
    ...hash,
    name: 'hgetall',
    arity: 2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'pairs' },
    summary: 'Returns all fields and values in a hash.',
    syntax: 'HGETALL key',
    since: '2.0.0',
    complexity: 'O(N) where N is the size of the hash.',
    handler: hgetallGeneric(true, true),
  },
  {
    ...hash,
    name: 'hkeys',
    arity: 2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns all fields in a hash.',
    syntax: 'HKEYS key',
    since: '2.0.0',
    complexity: 'O(N) where N is the size of the hash.',
    handler: hgetallGeneric(true, false),
  },
  {
    ...hash,
    name: 'hvals',
    arity: 2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns all values in a hash.',
    syntax: 'HVALS key',
    since: '2.0.0',
    complexity: 'O(N) where N is the size of the hash.',
    handler: hgetallGeneric(false, true),
  },
  {
    ...hash,
    name: 'hdel',
    arity: -3,
    flags: ['write', 'fast'],
    summary: 'Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.',
    syntax: 'HDEL key field [field ...]',
    since: '2.0.0',
    complexity: 'O(N) where N is the number of fields to be removed.',
    handler: hdel,
  },
  {
    ...hash,
    name: 'hlen',
    arity: 2,
    flags: R,
    summary: 'Returns the number of fields in a hash.',
    syntax: 'HLEN key',
    since: '2.0.0',
    complexity: 'O(1)',
    handler: hlen,
  },
  {
    ...hash,
    name: 'hexists',
    arity: 3,
    flags: R,
    summary: 'Determines whether a field exists in a hash.',
    syntax: 'HEXISTS key field',
    since: '2.0.0',
    complexity: 'O(1)',
    handler: hexists,
  },
  {
    ...hash,
    name: 'hstrlen',
    arity: 3,
    flags: R,
    summary: 'Returns the length of the value of a field.',
    syntax: 'HSTRLEN key field',
    since: '3.2.0',
    complexity: 'O(1)',
    handler: hstrlen,
  },
  {
    ...hash,
    name: 'hincrby',
    arity: 4,
    flags: W,
    summary:
      "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.",
    syntax: 'HINCRBY key field increment',
    since: '2.0.0',
    complexity: 'O(1)',
    handler: hincrby,
  },
  {
    ...hash,
    name: 'hincrbyfloat',
    arity: 4,
    flags: W,
    summary:
      "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.",
    syntax: 'HINCRBYFLOAT key field increment',
    since: '2.6.0',
    complexity: 'O(1)',
    handler: hincrbyfloat,
  },
];
