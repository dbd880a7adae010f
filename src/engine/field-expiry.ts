import { MEMBER_OVERHEAD } from './commands/collections.ts';
import { isConverted } from './encodings.ts';
import type { EventCause } from './events.ts';
import {
  type Collection,
  type Db,
  type DbIndex,
  ENTRY_OVERHEAD_BYTES,
  type Entry,
  type Hash,
  type Keyspace,
} from './keyspace.ts';

/**
 * Deadlines of single members: hash fields (Redis 7.4's HEXPIRE family; Dragonfly's HSETEX and
 * FIELDEXPIRE) and set members (Dragonfly's SADDEX). A member is expired when now > its deadline,
 * as a key is. The deadlines live beside the collection, keyed by it, so that RENAME and MOVE (which
 * hand the same collection to another key) keep them, and COPY copies them with the payload.
 *
 * Which accesses reclaim an expired member depends on who set the deadline (its `flavour`): Redis
 * 7.4's rules are per command (HGET deletes the field it finds expired, HGETALL skips expired fields
 * without deleting them, HLEN counts them) and its active cycle sweeps hashes registered by their
 * earliest deadline; Dragonfly drops every expired member of a collection whenever it is accessed.
 */

export type TtlFlavour = 'redis' | 'dragonfly';

export interface MemberTtls {
  /** Member → absolute deadline in unix ms. */
  readonly at: Map<string, number>;
  readonly flavour: TtlFlavour;
}

const ttls = new WeakMap<Collection, MemberTtls>();

export function memberTtls(c: Collection): MemberTtls | undefined {
  return ttls.get(c);
}

/**
 * The member deadlines of `c`, created with `flavour` when it has none yet. For a Redis hash this is
 * its conversion to listpackex (or hashtable with HFE metadata), which stays after the last TTL goes.
 */
export function ensureTtls(c: Collection, flavour: TtlFlavour): MemberTtls {
  let t = ttls.get(c);
  if (!t) {
    t = { at: new Map(), flavour };
    ttls.set(c, t);
  }
  return t;
}

/** COPY and the task checker's frozen copy: the deadlines go with the duplicate. */
export function copyTtls(from: Collection, to: Collection): void {
  const t = ttls.get(from);
  if (t) ttls.set(to, { at: new Map(t.at), flavour: t.flavour });
}

export function deadlineOf(c: Collection, member: string): number | undefined {
  return ttls.get(c)?.at.get(member);
}

/** Whether the member has a deadline that has passed (false for a member without one). */
export function isMemberExpired(c: Collection, member: string, now: number): boolean {
  const at = ttls.get(c)?.at.get(member);
  return at !== undefined && now > at;
}

/** The earliest deadline of the collection's members, or null when none has one. */
export function earliestDeadline(c: Collection): number | null {
  const t = ttls.get(c);
  let min: number | null = null;
  if (t) for (const at of t.at.values()) if (min === null || at < min) min = at;
  return min;
}

/** How many members have a deadline. */
export function volatileMemberCount(c: Collection): number {
  return ttls.get(c)?.at.size ?? 0;
}

/** A listpack-encoded hash whose fields carry TTLs (OBJECT ENCODING `listpackex`). */
export function isListpackEx(h: Hash): boolean {
  return ttls.get(h)?.flavour === 'redis' && !isConverted(h);
}

/**
 * Gives `field` of hash `h` the deadline `at` (null: none). A listpackex keeps its fields ordered
 * by deadline, fields without one last (t_hash.c listpackExAddInternal): a field given a deadline
 * goes before the first field whose deadline is later or equal, or that has none; a field losing
 * its deadline moves to the end. Only the order of HGETALL and friends shows this.
 */
export function setFieldDeadline(h: Hash, field: string, at: number | null): void {
  const t = ttls.get(h);
  if (!t) return;
  if (at === null) {
    if (!t.at.delete(field)) return;
  } else {
    t.at.set(field, at);
  }
  if (isListpackEx(h)) reorder(h, t, field, at);
}

function reorder(h: Hash, t: MemberTtls, field: string, at: number | null): void {
  const value = h.get(field);
  if (value === undefined) return;
  const entries = [...h].filter(([f]) => f !== field);
  let i = entries.length;
  if (at !== null) {
    i = entries.findIndex(([f]) => {
      const other = t.at.get(f);
      return other === undefined || other >= at;
    });
    if (i < 0) i = entries.length;
  }
  entries.splice(i, 0, [field, value]);
  h.clear();
  for (const [f, v] of entries) h.set(f, v);
}

/** A member left the collection (HDEL, SREM, overwritten by HSET…): its deadline goes with it. */
export function forgetMember(c: Collection, member: string): void {
  ttls.get(c)?.at.delete(member);
}

/**
 * Per-keyspace state of Redis 7.4's hash-field expiry: the hashes registered for the active cycle
 * (db->hexpires: each hash under its earliest deadline, which may lag the true one by up to 4 s),
 * the active pass's place, and the count INFO reports as expired_subkeys.
 */
export interface Registration {
  db: DbIndex;
  key: string;
  at: number;
}

export class FieldExpiryState {
  /** Per database: each registered hash (by its collection) and where it is registered. */
  readonly registered: Map<Collection, Registration>[] = Array.from({ length: 16 }, () => new Map());
  expiredSubkeys = 0;
  /** activeExpireHashFieldCycle's static currentDb and activeExpirySequence. */
  currentDb = 0;
  sequence = 0;
}

const states = new WeakMap<Keyspace, FieldExpiryState>();

export function fieldState(ks: Keyspace): FieldExpiryState {
  let s = states.get(ks);
  if (!s) {
    s = new FieldExpiryState();
    states.set(ks, s);
  }
  return s;
}

/** The hash's registered deadline, or null (EB_EXPIRE_TIME_INVALID) when it is not registered. */
export function registeredAt(ks: Keyspace, c: Collection): number | null {
  for (const reg of fieldState(ks).registered) {
    const r = reg.get(c);
    if (r) return r.at;
  }
  return null;
}

/** Registers the hash `c`, stored under `key` in `db`, at `at` (null: takes it out). */
export function register(ks: Keyspace, db: Db, key: string, c: Collection, at: number | null): void {
  const all = fieldState(ks).registered;
  for (const reg of all) reg.delete(c);
  if (at !== null) all[db.id]?.set(c, { db: db.id, key, at });
}

/**
 * `e` now holds a Redis hash that may carry deadlines under its own name: it is registered there at
 * `at`, which RENAME, MOVE and COPY take from the source's registration (a lagging one stays as it
 * was) and RESTORE from the earliest deadline.
 */
export function adoptTtls(ks: Keyspace, db: Db, e: Entry, at: number | null): void {
  if (e.type !== 'hash' || ttls.get(e.coll)?.flavour !== 'redis') return;
  register(ks, db, e.key, e.coll, at);
}

/** Hashes registered in `db` that are still their key's value: INFO's subexpiry. */
export function registeredCount(ks: Keyspace, db: Db): number {
  const reg = fieldState(ks).registered[db.id];
  let n = 0;
  if (reg) for (const [c, r] of reg) if (isLive(db, r.key, c)) n++;
  return n;
}

/** Whether `c` is still the collection stored under `key` (not deleted or replaced since). */
export function isLive(db: Db, key: string, c: Collection): boolean {
  const e = db.dict.get(key);
  return e !== undefined && !e.dead && e.type !== 'string' && e.coll === c;
}

/** What reclaiming expired members was caused by, for the events' cause. */
export type ReclaimCause = { readonly kind: 'lazy'; readonly command: string } | EventCause;

export interface ReclaimOptions {
  /** Only this member (a lazy lookup of one field). */
  readonly only?: string;
  /** At most this many (the active pass's quota). */
  readonly max?: number;
  /** No events (HMGET publishes one `hexpired` for all the fields it reclaimed). */
  readonly quiet?: boolean;
  /** The active pass also takes a field whose deadline is exactly now (listpackExExpire). */
  readonly active?: boolean;
  /** Receives how many members went. */
  readonly out?: { count: number };
}

/**
 * Deletes expired members of `e` (all of them, or just `only`), as hashTypeExpire and a lazy
 * hashTypeGetValue do: the count goes to expired_subkeys, `hexpired` is published for a hash (once,
 * unless `quiet`), and a collection left empty is deleted with `del` (true is returned then).
 * `max` bounds how many go (the active pass's quota); the number deleted is in `out.count`.
 */
export function reclaimExpired(
  ks: Keyspace,
  db: Db,
  e: Entry,
  cause: ReclaimCause,
  options: ReclaimOptions = {},
): boolean {
  if (e.type !== 'hash' && e.type !== 'set') return false;
  const t = ttls.get(e.coll);
  if (!t) return false;
  const now = ks.now;
  let count = 0;
  let delta = 0;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const due = options.only === undefined ? [...t.at] : [[options.only, t.at.get(options.only)] as const];
  for (const [member, at] of due) {
    if (count >= max) break;
    if (at === undefined || !(now > at || (options.active === true && now === at))) continue;
    const bytes = removeMember(e, member);
    t.at.delete(member);
    // A deadline left by a member that went another way (SREM, SPOP) is only tidied up.
    if (bytes === 0) continue;
    delta -= bytes;
    count++;
  }
  if (options.out) options.out.count = count;
  if (count === 0) return false;
  fieldState(ks).expiredSubkeys += count;
  const size = e.coll.size;
  ks.collectionChanged(db, e, e.bytes - ENTRY_OVERHEAD_BYTES - e.key.length + delta);
  const emit = ks.emit;
  if (emit && !options.quiet && e.type === 'hash') emit(db.id, e.key, 'hexpired', 'h', cause);
  if (size > 0) return false;
  if (emit && !options.quiet) emit(db.id, e.key, 'del', 'g', cause);
  ks.delete(db, e, 'fields');
  return true;
}

/** Removes a member from a hash or set; returns the payload bytes it took. */
function removeMember(e: Entry, member: string): number {
  if (e.type === 'hash') {
    const v = e.coll.get(member);
    if (v === undefined) return 0;
    e.coll.delete(member);
    return member.length + v.length + MEMBER_OVERHEAD;
  }
  if (e.type === 'set' && e.coll.delete(member)) return member.length + MEMBER_OVERHEAD;
  return 0;
}

/** The cause of a reclaim on access by the command now running. */
export function lazyCause(ks: Keyspace): ReclaimCause {
  const c = ks.cause;
  return { kind: 'lazy', command: c.kind === 'active' ? '' : c.command };
}

/**
 * Dragonfly drops a collection's expired members whenever it is accessed: any lookup of a hash or
 * set whose deadlines Dragonfly set. True when the collection was left empty and deleted.
 */
export function dropExpiredOnAccess(ks: Keyspace, db: Db, e: Entry): boolean {
  if (e.type !== 'hash' && e.type !== 'set') return false;
  if (ttls.get(e.coll)?.flavour !== 'dragonfly') return false;
  return reclaimExpired(ks, db, e, lazyCause(ks));
}

/** HFE_DB_BASE_ACTIVE_EXPIRE_FIELDS_PER_SEC: the field pass's quota is this over hz. */
const FIELDS_PER_SECOND = 10_000;
/** After this many fields in a row without finishing a database, the quota grows (up to 32x). */
const SEQUENCE_THRESHOLD = 1_000_000;

/**
 * One call of Redis 7.4's activeExpireHashFieldCycle, which the active cycle makes for each database
 * it visits: in the database whose turn it is, the hashes registered at or before now lose their
 * expired fields (at most 10000/hz fields per call), each hash is registered again under its next
 * deadline or dropped, and the turn passes on once a call finishes the database. Returns the
 * number of fields deleted.
 */
export function activeExpireFields(ks: Keyspace, kind: 'slow' | 'fast', hz: number): number {
  const s = fieldState(ks);
  const db = ks.dbs[s.currentDb] as Db;
  const reg = s.registered[db.id] as Map<Collection, Registration>;
  // dbDelete and dbOverwrite take a hash out when it leaves the keyspace; here that is found now.
  for (const [c, r] of reg) if (!isLive(db, r.key, c)) reg.delete(c);
  if (reg.size === 0) {
    s.sequence = 0;
    s.currentDb = (s.currentDb + 1) % ks.dbs.length;
    return 0;
  }
  let max = Math.floor(FIELDS_PER_SECOND / hz);
  if (s.sequence > SEQUENCE_THRESHOLD && kind === 'slow') {
    max *= Math.min(Math.floor(s.sequence / SEQUENCE_THRESHOLD), 32);
  }
  const expired = expireRegistered(ks, db, reg, max);
  if (expired === max) {
    s.sequence += max;
  } else {
    s.sequence = 0;
    s.currentDb = (s.currentDb + 1) % ks.dbs.length;
  }
  return expired;
}

/** hashTypeDbActiveExpire: the due hashes in deadline order, within the quota. */
function expireRegistered(ks: Keyspace, db: Db, reg: Map<Collection, Registration>, max: number): number {
  const now = ks.now;
  const due = [...reg].filter(([, r]) => r.at <= now).sort((a, b) => a[1].at - b[1].at);
  const cause: EventCause = { kind: 'active', cycle: ks.activeCycle };
  let quota = max;
  for (const [c, r] of due) {
    if (quota === 0) break;
    const e = db.dict.get(r.key) as Entry;
    const out = { count: 0 };
    const deleted = reclaimExpired(ks, db, e, cause, { max: quota, out, active: true });
    quota -= out.count;
    const next = deleted ? null : earliestDeadline(c);
    if (next === null) reg.delete(c);
    else r.at = next;
  }
  return max - quota;
}
