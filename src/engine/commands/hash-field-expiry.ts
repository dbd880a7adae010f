import { isReplyNotEntry, NOT_INTEGER } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { isConverted } from '../encodings.ts';
import {
  ERR_FIELDS_MISSING,
  ERR_NUMFIELDS_POSITIVE as ERR_NUMFIELDS_GET,
  ERR_NUMFIELDS_MATCH,
  errInvalidExpire,
} from '../errors.ts';
import {
  deadlineOf,
  earliestDeadline,
  ensureTtls,
  fieldState,
  forgetMember,
  memberTtls,
  register,
  registeredAt,
  setFieldDeadline,
} from '../field-expiry.ts';
import { parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, error, int, type Reply } from '../reply.ts';
import { MEMBER_OVERHEAD, payloadChanged } from './collections.ts';
import { dragonflyHexpire, dragonflyHttl } from './dragonfly.ts';
import { hash, lookupHash } from './hashes.ts';

/**
 * Redis 7.4's hash-field expiry (t_hash.c): HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT, HTTL, HPTTL,
 * HEXPIRETIME, HPEXPIRETIME and HPERSIST, each answering one code per field. Dragonfly has HEXPIRE,
 * HTTL and HPEXPIRETIME of its own (dragonfly.ts).
 */

type HashEntry = EntryOf<'hash'>;

/** HFE_MAX_ABS_TIME_MSEC: EB_EXPIRE_TIME_MAX (2^48 - 1) >> 2. */
const MAX_ABS_MS = 70368744177663;
/** EB_EXPIRE_TIME_INVALID: what "no deadline" compares as when the registration is updated. */
const NO_TIME = 2 ** 48;
/** HASH_NEW_EXPIRE_DIFF_THRESHOLD: a hash's registration is left alone for smaller moves. */
const REGISTER_DIFF_MS = 4000;

const ERR_NUMFIELDS_SET = 'ERR Parameter `numFields` should be greater than 0';
const ERR_NEGATIVE = 'ERR invalid expire time, must be >= 0';

type Cond = 'nx' | 'xx' | 'gt' | 'lt' | null;

/** `FIELDS numfields field...` from `at`: the fields, or the error Redis gives. */
function fieldsFrom(argv: readonly string[], at: number, countError: string): string[] | Reply {
  if (arg(argv, at - 1).toLowerCase() !== 'fields') return error(ERR_FIELDS_MISSING);
  const n = parseInt64(arg(argv, at));
  if (n === null || n < 1) return error(countError);
  if (BigInt(n) !== BigInt(argv.length - at - 1)) return error(ERR_NUMFIELDS_MATCH);
  return argv.slice(at + 1);
}

/** The absolute deadline of H(P)EXPIRE(AT)'s time argument, or its error. */
function deadlineArg(ctx: CommandContext, text: string, unitMs: 1 | 1000, relative: boolean): number | Reply {
  const v = parseInt64(text);
  if (v === null) return NOT_INTEGER;
  if (v < 0) return error(ERR_NEGATIVE);
  const base = relative ? ctx.ks.now : 0;
  if (unitMs === 1000 && v > Math.floor(MAX_ABS_MS / 1000)) return error(errInvalidExpire(ctx.fullName));
  const ms = Number(v) * unitMs;
  if (ms > MAX_ABS_MS - base) return error(errInvalidExpire(ctx.fullName));
  return ms + base;
}

const hexpireGeneric =
  (unitMs: 1 | 1000, relative: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = lookupHash(ctx, arg(argv, 1), true);
    if (isReplyNotEntry(e)) return e;
    const at = deadlineArg(ctx, arg(argv, 2), unitMs, relative);
    if (typeof at !== 'number') return at;
    const opt = arg(argv, 3).toLowerCase();
    const cond: Cond = opt === 'nx' || opt === 'xx' || opt === 'gt' || opt === 'lt' ? opt : null;
    const fields = fieldsFrom(argv, cond ? 5 : 4, ERR_NUMFIELDS_SET);
    if (!Array.isArray(fields)) return fields;
    if (e === undefined) return array(fields.map(() => int(-2)));
    return setDeadlines(ctx, e, fields, at, cond);
  };

/** hashTypeSetExInit … hashTypeSetEx per field … hashTypeSetExDone. */
function setDeadlines(
  ctx: CommandContext,
  e: HashEntry,
  fields: readonly string[],
  at: number,
  cond: Cond,
): Reply {
  const h = e.coll;
  // hashTypeSetExInit makes a listpack a listpackex before it looks at any field: a save sees it.
  if (memberTtls(h) === undefined) ctx.ks.noteChanged(ctx.db, e.key);
  ensureTtls(h, 'redis');
  const minExpire = registeredAt(ctx.ks, h) ?? NO_TIME;
  let minTouched = NO_TIME;
  let updated = 0;
  let deleted = 0;
  const codes = fields.map((f) => {
    if (!h.has(f)) return int(-2);
    const prev = deadlineOf(h, f);
    if (prev === undefined ? cond === 'xx' || cond === 'gt' : refused(cond, prev, at)) return int(0);
    if (prev !== undefined) minTouched = Math.min(minTouched, prev);
    if (at <= ctx.ks.now) {
      deleteField(ctx, e, f);
      deleted++;
      return int(2);
    }
    minTouched = Math.min(minTouched, at);
    setFieldDeadline(h, f, at);
    updated++;
    return int(1);
  });
  if (updated + deleted > 0) finish(ctx, e, deleted > 0, minExpire, minTouched);
  return array(codes);
}

function refused(cond: Cond, prev: number, at: number): boolean {
  return (cond === 'gt' && prev >= at) || (cond === 'lt' && prev <= at) || cond === 'nx';
}

function deleteField(ctx: CommandContext, e: HashEntry, field: string): void {
  const v = e.coll.get(field) as string;
  e.coll.delete(field);
  forgetMember(e.coll, field);
  payloadChanged(ctx, e, -(field.length + v.length + MEMBER_OVERHEAD));
  fieldState(ctx.ks).expiredSubkeys++;
}

/** hashTypeSetExDone: the event, and the registration moved only when it is off by 4 s or more. */
function finish(
  ctx: CommandContext,
  e: HashEntry,
  deleted: boolean,
  minExpire: number,
  minTouched: number,
): void {
  const { ks, db } = ctx;
  if (deleted && e.coll.size === 0) {
    ks.delete(db, e);
    ks.notify(db.id, e.key, 'hdel', 'h');
    ks.notify(db.id, e.key, 'del', 'g');
    return;
  }
  ks.notify(db.id, e.key, deleted ? 'hdel' : 'hexpire', 'h');
  // The deadlines (and a listpackex's order) changed: the key table's row shows them.
  payloadChanged(ctx, e, 0);
  if (minExpire < minTouched) return;
  const next = earliestDeadline(e.coll) ?? NO_TIME;
  if (Math.abs(minExpire - next) < REGISTER_DIFF_MS) return;
  register(ks, db, e.key, e.coll, next === NO_TIME ? null : next);
}

/** H(P)TTL and H(P)EXPIRETIME: per field -2 (no such field, or expired), -1 (no TTL), or the time. */
const httlGeneric =
  (unitMs: 1 | 1000, absolute: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = lookupHash(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    const fields = fieldsFrom(argv, 3, ERR_NUMFIELDS_GET);
    if (!Array.isArray(fields)) return fields;
    const now = ctx.ks.now;
    const base = absolute ? 0 : now;
    return array(
      fields.map((f) => {
        if (e === undefined || !e.coll.has(f)) return int(-2);
        const at = deadlineOf(e.coll, f);
        if (at === undefined) return int(-1);
        // A listpack's check is `<=`, a hashtable's `<` (t_hash.c httlGenericCommand).
        if (isConverted(e.coll) ? at < now : at <= now) return int(-2);
        return int(unitMs === 1000 ? Math.floor((at + 999 - base) / 1000) : at - base);
      }),
    );
  };

const hpersist = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupHash(ctx, arg(argv, 1), true);
  if (isReplyNotEntry(e)) return e;
  const fields = fieldsFrom(argv, 3, ERR_NUMFIELDS_GET);
  if (!Array.isArray(fields)) return fields;
  let changed = false;
  const codes = fields.map((f) => {
    if (e === undefined || !e.coll.has(f)) return int(-2);
    const at = deadlineOf(e.coll, f);
    if (at === undefined) return int(-1);
    if (at < ctx.ks.now) return int(-2);
    setFieldDeadline(e.coll, f, null);
    changed = true;
    return int(1);
  });
  if (changed && e) {
    ctx.ks.notify(ctx.db.id, e.key, 'hpersist', 'h');
    payloadChanged(ctx, e, 0);
  }
  return array(codes);
};

const W = ['write', 'denyoom', 'fast'] as const;
const R = ['readonly', 'fast'] as const;
const SINCE = '7.4.0';
const EXPIRE_SUMMARY = 'Set expiry for hash field using';
const CONDITIONS = '[NX | XX | GT | LT] FIELDS numfields field [field ...]';
const N = 'O(N) where N is the number of specified fields';
const redisOnly = { ...hash, servers: ['redis-7.4'] } as const;
const withDragonfly = { ...hash, servers: ['redis-7.4', 'dragonfly'] } as const;

export const hashFieldExpiryCommands: readonly CommandSpec[] = [
  {
    ...withDragonfly,
    name: 'hexpire',
    arity: -6,
    flags: W,
    traits: { setsExpiry: 'relative' },
    summary: `${EXPIRE_SUMMARY} relative time to expire (seconds)`,
    syntax: `HEXPIRE key seconds ${CONDITIONS}`,
    since: SINCE,
    complexity: N,
    handler: hexpireGeneric(1000, true),
    versions: {
      dragonfly: {
        arity: -5,
        syntax: 'HEXPIRE key seconds [NX | XX | GT | LT] FIELDS numfields field [field ...]',
        notes: 'Dragonfly: whole seconds, 0 deletes the field (2); a missing key gives -2 per field.',
        handler: dragonflyHexpire,
      },
    },
  },
  {
    ...redisOnly,
    name: 'hpexpire',
    arity: -6,
    flags: W,
    traits: { setsExpiry: 'relative' },
    summary: `${EXPIRE_SUMMARY} relative time to expire (milliseconds)`,
    syntax: `HPEXPIRE key milliseconds ${CONDITIONS}`,
    since: SINCE,
    complexity: N,
    handler: hexpireGeneric(1, true),
  },
  {
    ...redisOnly,
    name: 'hexpireat',
    arity: -6,
    flags: W,
    traits: { setsExpiry: 'absolute' },
    summary: `${EXPIRE_SUMMARY} an absolute Unix timestamp (seconds)`,
    syntax: `HEXPIREAT key unix-time-seconds ${CONDITIONS}`,
    since: SINCE,
    complexity: N,
    handler: hexpireGeneric(1000, false),
  },
  {
    ...redisOnly,
    name: 'hpexpireat',
    arity: -6,
    flags: W,
    traits: { setsExpiry: 'absolute' },
    summary: `${EXPIRE_SUMMARY} an absolute Unix timestamp (milliseconds)`,
    syntax: `HPEXPIREAT key unix-time-milliseconds ${CONDITIONS}`,
    since: SINCE,
    complexity: N,
    handler: hexpireGeneric(1, false),
  },
  {
    ...withDragonfly,
    name: 'httl',
    arity: -5,
    flags: R,
    traits: { readsExpiry: { unitMs: 1000, absolute: false, fields: true } },
    summary: 'Returns the TTL in seconds of a hash field.',
    syntax: 'HTTL key FIELDS numfields field [field ...]',
    since: SINCE,
    complexity: N,
    handler: httlGeneric(1000, false),
    versions: { dragonfly: { arity: -4, handler: dragonflyHttl('ttl') } },
  },
  {
    ...redisOnly,
    name: 'hpttl',
    arity: -5,
    flags: R,
    traits: { readsExpiry: { unitMs: 1, absolute: false, fields: true } },
    summary: 'Returns the TTL in milliseconds of a hash field.',
    syntax: 'HPTTL key FIELDS numfields field [field ...]',
    since: SINCE,
    complexity: N,
    handler: httlGeneric(1, false),
  },
  {
    ...redisOnly,
    name: 'hexpiretime',
    arity: -5,
    flags: R,
    traits: { readsExpiry: { unitMs: 1000, absolute: true, fields: true } },
    summary: 'Returns the expiration time of a hash field as a Unix timestamp, in seconds.',
    syntax: 'HEXPIRETIME key FIELDS numfields field [field ...]',
    since: SINCE,
    complexity: N,
    handler: httlGeneric(1000, true),
  },
  {
    ...withDragonfly,
    name: 'hpexpiretime',
    arity: -5,
    flags: R,
    traits: { readsExpiry: { unitMs: 1, absolute: true, fields: true } },
    summary: 'Returns the expiration time of a hash field as a Unix timestamp, in msec.',
    syntax: 'HPEXPIRETIME key FIELDS numfields field [field ...]',
    since: SINCE,
    complexity: N,
    handler: httlGeneric(1, true),
    versions: { dragonfly: { arity: -4, handler: dragonflyHttl('pexpiretime') } },
  },
  {
    ...redisOnly,
    name: 'hpersist',
    arity: -5,
    flags: ['write', 'fast'],
    summary: 'Removes the expiration time for each specified field',
    syntax: 'HPERSIST key FIELDS numfields field [field ...]',
    since: SINCE,
    complexity: N,
    handler: hpersist,
  },
];
