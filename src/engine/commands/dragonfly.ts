import { ALL_KEYS, isReplyNotEntry, KEY1, NOT_INTEGER, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { isConverted, markConverted } from '../encodings.ts';
import {
  ERR_FIELDS_MISSING,
  ERR_NUMFIELDS_POSITIVE as ERR_NUMFIELDS,
  ERR_NUMFIELDS_MATCH,
  errInvalidExpire,
  errWrongArity,
} from '../errors.ts';
import { deadlineOf, dropExpiredOnAccess, ensureTtls, forgetMember, memberTtls } from '../field-expiry.ts';
import { parseInt64 } from '../int64.ts';
import type { Entry, EntryOf } from '../keyspace.ts';
import { array, int, type Reply } from '../reply.ts';
import { isSticky, markSticky } from '../sticky.ts';
import { createCollection, lookupTyped, MEMBER_OVERHEAD, payloadChanged } from './collections.ts';
import { hash, lookupHash } from './hashes.ts';

/**
 * Dragonfly's member expiry, read from its source (hset_family.cc, set_family.cc,
 * generic_family.cc): HSETEX, FIELDEXPIRE, FIELDTTL, SADDEX, STICK, and its own HEXPIRE, HTTL and
 * HPEXPIRETIME. Member TTLs are whole seconds on Dragonfly's second clock: a member given `ttl`
 * seconds at second `s` is gone from second `s + ttl` on, and an expired member is dropped whenever
 * its hash or set is accessed (field-expiry.ts). Arguments are parsed before the key is looked up.
 */

/** kMaxExpireDeadlineSec: 2^28 - 1 seconds, about 8.5 years. */
const MAX_TTL_SEC = 2 ** 28 - 1;

type HashEntry = EntryOf<'hash'>;

const nowSec = (ctx: CommandContext) => Math.floor(ctx.ks.now / 1000);
/** The deadline of a member given `ttl` seconds now: the last ms of the second before it goes. */
const deadlineIn = (ctx: CommandContext, ttl: number) => (nowSec(ctx) + ttl) * 1000 - 1;
/** The second a member goes at (Dragonfly's stored expiry time, as unix seconds). */
const expirySecond = (deadline: number) => Math.floor(deadline / 1000) + 1;

/** FInt<min, max>: a whole number in range, else Dragonfly's integer error. */
function intIn(text: string, min: number, max: number): number | null {
  const v = parseInt64(text);
  return v === null || v < min || v > max ? null : Number(v);
}

/** NextRange(1, …, consume_all): `numfields` then exactly that many fields, from `at`. */
function countedFields(argv: readonly string[], at: number, countError: string): string[] | Reply {
  if (at >= argv.length) return { t: 'error', s: countError };
  const n = intIn(arg(argv, at), 1, 2 ** 32 - 1);
  if (n === null) return { t: 'error', s: countError };
  if (argv.length - at - 1 !== n) return { t: 'error', s: ERR_NUMFIELDS_MATCH };
  return argv.slice(at + 1);
}

/**
 * A hash or set about to carry Dragonfly TTLs: Dragonfly moves it to its dense map or set first,
 * even when no field then gets a TTL, so the key has changed for a save either way.
 */
function dragonflyTtls(ctx: CommandContext, e: Entry) {
  if (e.type !== 'hash' && e.type !== 'set') throw new Error('member TTLs on a hash or a set only');
  if (!isConverted(e.coll) || memberTtls(e.coll) === undefined) ctx.ks.noteChanged(ctx.db, e.key);
  markConverted(e.coll);
  return ensureTtls(e.coll, 'dragonfly');
}

function deleteMember(ctx: CommandContext, e: HashEntry, field: string): void {
  const v = e.coll.get(field) as string;
  e.coll.delete(field);
  forgetMember(e.coll, field);
  payloadChanged(ctx, e, -(field.length + v.length + MEMBER_OVERHEAD));
}

/** A hash or set emptied by a command goes, as Dragonfly's DeleteIfEmpty does. */
function deleteIfEmptied(ctx: CommandContext, e: Entry): void {
  if ((e.type === 'hash' || e.type === 'set') && e.coll.size === 0 && !e.dead) {
    ctx.ks.delete(ctx.db, e);
    ctx.ks.notify(ctx.db.id, e.key, 'del', 'g');
  }
}

/** UpdateTTL: one code per field (-2 missing, 0 condition not met, 1 set, 2 deleted by a 0 TTL). */
function updateTtls(ctx: CommandContext, e: HashEntry, fields: readonly string[], ttl: number, cond: string) {
  const t = dragonflyTtls(ctx, e);
  const now = nowSec(ctx);
  let set = 0;
  let deleted = 0;
  const codes = fields.map((f) => {
    if (!e.coll.has(f)) return -2;
    const at = t.at.get(f);
    const left = at === undefined ? 2 ** 32 - 1 - now : expirySecond(at) - now;
    if ((cond === 'nx' && at !== undefined) || (cond === 'xx' && at === undefined)) return 0;
    if ((cond === 'gt' && left >= ttl) || (cond === 'lt' && left <= ttl)) return 0;
    if (ttl === 0) {
      deleteMember(ctx, e, f);
      deleted++;
      return 2;
    }
    t.at.set(f, deadlineIn(ctx, ttl));
    set++;
    return 1;
  });
  if (set > 0) ctx.ks.notify(ctx.db.id, e.key, 'hexpire', 'h');
  if (deleted > 0) ctx.ks.notify(ctx.db.id, e.key, 'hdel', 'h');
  if (set + deleted > 0) payloadChanged(ctx, e, 0);
  deleteIfEmptied(ctx, e);
  return codes;
}

/** HEXPIRE key seconds [NX | XX | GT | LT] FIELDS numfields field... (seconds 0 deletes). */
export const dragonflyHexpire = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const ttl = intIn(arg(argv, 2), 0, MAX_TTL_SEC);
  if (ttl === null) return NOT_INTEGER;
  const opt = arg(argv, 3).toLowerCase();
  const cond = ['nx', 'xx', 'gt', 'lt'].includes(opt) ? opt : '';
  const tagAt = cond ? 4 : 3;
  if (arg(argv, tagAt).toLowerCase() !== 'fields') return { t: 'error', s: ERR_FIELDS_MISSING };
  const fields = countedFields(argv, tagAt + 1, ERR_NUMFIELDS_MATCH);
  if (!Array.isArray(fields)) return fields;
  const e = lookupHash(ctx, arg(argv, 1), true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return array(fields.map(() => int(-2)));
  return array(updateTtls(ctx, e, fields, ttl, cond).map(int));
};

/** HTTL (seconds left) and HPEXPIRETIME (unix ms) key FIELDS numfields field... */
export const dragonflyHttl =
  (kind: 'ttl' | 'pexpiretime') =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    if (arg(argv, 2).toLowerCase() !== 'fields') return { t: 'error', s: ERR_FIELDS_MISSING };
    const fields = countedFields(argv, 3, ERR_NUMFIELDS);
    if (!Array.isArray(fields)) return fields;
    const e = lookupHash(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    return array(fields.map((f) => int(e === undefined ? -2 : memberTime(ctx, e, f, kind))));
  };

function memberTime(ctx: CommandContext, e: Entry, member: string, kind: 'ttl' | 'pexpiretime'): number {
  if ((e.type === 'hash' || e.type === 'set') && !e.coll.has(member)) return -2;
  const at = e.type === 'hash' || e.type === 'set' ? deadlineOf(e.coll, member) : undefined;
  if (at === undefined) return -1;
  return kind === 'ttl' ? expirySecond(at) - nowSec(ctx) : expirySecond(at) * 1000;
}

interface HsetexArgs {
  readonly mode: '' | 'nx' | 'fnx' | 'fxx';
  readonly keepTtl: boolean;
  /** Seconds, or null for no TTL (the Redis form without EX/PX/EXAT/PXAT). */
  readonly ttl: number | null;
  readonly pairs: readonly string[];
  /** Redis 8's form (FIELDS numfields …) replies 1; Dragonfly's replies the count of new fields. */
  readonly redisForm: boolean;
}

/**
 * ParseHSetEx: options in any order (NX, FNX or FXX; KEEPTTL; one of EX/PX/EXAT/PXAT), then either
 * FIELDS numfields (Redis's form) or the seconds (Dragonfly's).
 */
function parseHsetex(ctx: CommandContext, argv: readonly string[]): HsetexArgs | Reply {
  let mode: HsetexArgs['mode'] = '';
  let keepTtl = false;
  let expiry: { unit: string; value: string } | null = null;
  let i = 2;
  for (; i < argv.length; i++) {
    const opt = arg(argv, i).toLowerCase();
    if (opt === 'nx' || opt === 'fnx' || opt === 'fxx') {
      if (mode) return SYNTAX;
      mode = opt;
    } else if (opt === 'keepttl') {
      if (keepTtl) return SYNTAX;
      keepTtl = true;
    } else if (/^(ex|px|exat|pxat)$/.test(opt) && i + 1 < argv.length) {
      if (expiry) return SYNTAX;
      expiry = { unit: opt, value: arg(argv, ++i) };
    } else break;
  }
  let ttl: number | null = null;
  if (expiry) {
    const ms = expiryMs(ctx, expiry.unit, expiry.value);
    if (typeof ms !== 'number') return ms;
    ttl = Math.ceil(ms / 1000);
  }
  if (i < argv.length && arg(argv, i).toLowerCase() === 'fields') {
    if (mode === 'nx' || (keepTtl && expiry)) return SYNTAX;
    const n = i + 1 < argv.length ? intIn(arg(argv, i + 1), 1, 2 ** 32 - 1) : null;
    if (n === null || argv.length - i - 2 !== 2 * n) return { t: 'error', s: ERR_NUMFIELDS_MATCH };
    return { mode, keepTtl, ttl, pairs: argv.slice(i + 2), redisForm: true };
  }
  if (expiry) return SYNTAX;
  const seconds = i < argv.length ? intIn(arg(argv, i), 1, MAX_TTL_SEC) : null;
  if (seconds === null) return NOT_INTEGER;
  const pairs = argv.slice(i + 1);
  if (pairs.length === 0 || pairs.length % 2 !== 0) return { t: 'error', s: errWrongArity('hsetex') };
  return { mode, keepTtl, ttl: seconds, pairs, redisForm: false };
}

/** MakeFieldExpireParams: the TTL in ms of EX/PX/EXAT/PXAT, which must be positive and in range. */
function expiryMs(ctx: CommandContext, unit: string, text: string): number | Reply {
  const v = parseInt64(text);
  if (v === null) return NOT_INTEGER;
  const invalid: Reply = { t: 'error', s: errInvalidExpire('hsetex') };
  if (v < 0 || v > 2 ** 50) return invalid;
  const n = Number(v);
  const ms = { ex: n * 1000, px: n, exat: n * 1000 - ctx.ks.now, pxat: n - ctx.ks.now }[unit] ?? 0;
  return ms <= 0 || ms > MAX_TTL_SEC * 1000 ? invalid : ms;
}

/**
 * HSETEX: NX leaves existing fields alone; FNX / FXX set all or nothing (none / all of the fields
 * exist); KEEPTTL keeps an existing field's TTL (one without gets the new one).
 */
const hsetex = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const parsed = parseHsetex(ctx, argv);
  if (!('pairs' in parsed)) return parsed;
  const { mode, keepTtl, ttl, pairs } = parsed;
  const key = arg(argv, 1);
  const found = lookupHash(ctx, key, true);
  if (isReplyNotEntry(found)) return found;
  if (mode === 'fnx' || mode === 'fxx') {
    const present = (f: string) => found?.coll.has(f) === true;
    const fields = pairs.filter((_, j) => j % 2 === 0);
    if (mode === 'fnx' ? fields.some(present) : !fields.every(present)) return int(0);
  }
  const e = found ?? createCollection(ctx, key, 'hash', new Map<string, string>());
  const t = dragonflyTtls(ctx, e);
  let created = 0;
  let delta = 0;
  for (let j = 0; j < pairs.length; j += 2) {
    const [f, v] = [pairs[j] as string, pairs[j + 1] as string];
    const old = e.coll.get(f);
    if (old !== undefined && mode === 'nx') continue;
    if (old !== undefined && keepTtl && t.at.has(f)) {
      // the field keeps its deadline
    } else if (ttl === null) t.at.delete(f);
    else t.at.set(f, deadlineIn(ctx, ttl));
    e.coll.set(f, v);
    delta += old === undefined ? f.length + v.length + MEMBER_OVERHEAD : v.length - old.length;
    if (old === undefined) created++;
  }
  payloadChanged(ctx, e, delta);
  ctx.ks.notify(ctx.db.id, key, 'hset', 'h');
  return int(parsed.redisForm ? 1 : created);
};

/** FIELDEXPIRE key seconds field...: a missing key, or one neither hash nor set, gives -2 per field. */
const fieldexpire = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const ttl = intIn(arg(argv, 2), 1, MAX_TTL_SEC);
  if (ttl === null) return NOT_INTEGER;
  const members = argv.slice(3);
  const e = ctx.ks.lookupWrite(ctx.db, arg(argv, 1));
  if (e === undefined || (e.type !== 'hash' && e.type !== 'set') || dropExpiredOnAccess(ctx.ks, ctx.db, e)) {
    return array(members.map(() => int(-2)));
  }
  if (e.type === 'hash') return array(updateTtls(ctx, e, members, ttl, '').map(int));
  const t = dragonflyTtls(ctx, e);
  const codes = members.map((m) => {
    if (!e.coll.has(m)) return int(-2);
    t.at.set(m, deadlineIn(ctx, ttl));
    return int(1);
  });
  payloadChanged(ctx, e, 0);
  return array(codes);
};

/** FIELDTTL key field: seconds left, -1 without a TTL, -2 for a missing key, -3 for a missing member. */
const fieldttl = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = ctx.ks.lookupRead(ctx.db, arg(argv, 1));
  if (e === undefined) return int(-2);
  if (e.type !== 'hash' && e.type !== 'set') return WRONGTYPE;
  if (dropExpiredOnAccess(ctx.ks, ctx.db, e)) return int(-3);
  const left = memberTime(ctx, e, arg(argv, 2), 'ttl');
  return int(left === -2 ? -3 : left);
};

/** SADDEX key [KEEPTTL] seconds member...: how many members were new; KEEPTTL spares existing ones. */
const saddex = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const keepTtl = arg(argv, 2).toLowerCase() === 'keepttl';
  const at = keepTtl ? 3 : 2;
  const ttl = intIn(arg(argv, at), 1, MAX_TTL_SEC);
  if (ttl === null) return NOT_INTEGER;
  const members = argv.slice(at + 1);
  if (members.length === 0) return { t: 'error', s: errWrongArity('saddex') };
  const key = arg(argv, 1);
  const found = lookupTyped(ctx, key, 'set', true);
  if (isReplyNotEntry(found)) return found;
  const e = found ?? createCollection(ctx, key, 'set', new Set<string>());
  const t = dragonflyTtls(ctx, e);
  let added = 0;
  let delta = 0;
  for (const m of members) {
    const isNew = !e.coll.has(m);
    if (isNew) {
      e.coll.add(m);
      delta += m.length + MEMBER_OVERHEAD;
      added++;
    }
    if (isNew || !keepTtl) t.at.set(m, deadlineIn(ctx, ttl));
  }
  payloadChanged(ctx, e, delta);
  if (added > 0) ctx.ks.notify(ctx.db.id, key, 'sadd', 's');
  return int(added);
};

/** STICK key...: how many existing keys became sticky (never evicted in cache mode). */
const stick = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let n = 0;
  for (const key of argv.slice(1)) {
    const e = ctx.ks.lookupWrite(ctx.db, key);
    if (e !== undefined && !isSticky(e)) {
      markSticky(e);
      ctx.ks.noteChanged(ctx.db, key);
      n++;
    }
  }
  return int(n);
};

const dragonflyOnly = { servers: ['dragonfly'], since: 'Dragonfly' } as const;

export const dragonflyCommands: readonly CommandSpec[] = [
  {
    ...hash,
    ...dragonflyOnly,
    name: 'hsetex',
    arity: -5,
    flags: ['write', 'denyoom', 'fast'],
    notes: "Both Dragonfly's form (seconds before the fields) and Redis 8's (FIELDS numfields).",
    summary: 'Sets hash fields that expire after a number of seconds.',
    syntax: 'HSETEX key [NX | FNX | FXX] [KEEPTTL] seconds field value [field value ...]',
    complexity: 'O(N) where N is the number of fields being set.',
    handler: hsetex,
  },
  {
    ...dragonflyOnly,
    name: 'fieldexpire',
    group: 'generic',
    keys: KEY1,
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'Sets a TTL on fields of a hash or members of a set.',
    syntax: 'FIELDEXPIRE key seconds field [field ...]',
    complexity: 'O(N) where N is the number of fields.',
    handler: fieldexpire,
  },
  {
    ...dragonflyOnly,
    name: 'fieldttl',
    group: 'generic',
    keys: KEY1,
    arity: 3,
    flags: ['readonly', 'fast'],
    traits: { readsExpiry: { unitMs: 1000, absolute: false, fields: true } },
    summary: 'Returns the seconds left to a hash field or set member.',
    syntax: 'FIELDTTL key field',
    complexity: 'O(1)',
    handler: fieldttl,
  },
  {
    ...dragonflyOnly,
    name: 'saddex',
    group: 'set',
    keys: KEY1,
    arity: -4,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'Adds members to a set that expire after a number of seconds.',
    syntax: 'SADDEX key [KEEPTTL] seconds member [member ...]',
    complexity: 'O(N) where N is the number of members added.',
    handler: saddex,
  },
  {
    ...dragonflyOnly,
    name: 'stick',
    group: 'generic',
    keys: ALL_KEYS,
    arity: -2,
    flags: ['write'],
    notes: 'The playground has no eviction: keys are marked sticky and otherwise unchanged.',
    summary: 'Marks keys as never to be evicted in cache mode.',
    syntax: 'STICK key [key ...]',
    complexity: 'O(N) where N is the number of keys.',
    handler: stick,
  },
];
