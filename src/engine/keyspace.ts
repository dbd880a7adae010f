import { DB_COUNT, Db, type DbIndex, isDbIndex } from './db.ts';
import type { Dict } from './dict.ts';
import {
  ENTRY_OVERHEAD_BYTES,
  type Entry,
  type EntryOf,
  StoredEntry,
  type StringEntry,
  stored,
} from './entry.ts';
import type { EventCause, EventClass } from './events.ts';
import type { EmitFn, KeyspaceHooks, KeyspaceObserver, RemovalReason } from './keyspace-hooks.ts';
import {
  type Collection,
  type Collections,
  type CollectionType,
  type Millis,
  NO_EXPIRY,
  type StringEncoding,
  type Value,
  type ValueType,
} from './value.ts';

/**
 * The keyspace: 16 databases, each a dict of entries plus an expires index.
 *
 * - `volatile` holds exactly the entries that have a deadline, in an array kept in random order, so
 *   the active cycle samples it uniformly by walking it from a cursor, as Redis walks its expires
 *   hash table (swap-remove keeps deletion O(1)).
 * - `dict` (dict.ts) maps keys to entries and gives SCAN a cursor that survives inserts and deletes.
 * - Lazy expiry follows db.c: a key is expired when now > deadline; any lookup of such a key deletes
 *   it, fires `expired` and counts in `expired_keys`.
 */

export { DB_COUNT, Db, type DbIndex, isDbIndex } from './db.ts';
export { ENTRY_OVERHEAD_BYTES, type Entry, type EntryOf, isEntry, type StringEntry } from './entry.ts';
export type { EmitFn, KeyspaceHooks, KeyspaceObserver, RemovalReason } from './keyspace-hooks.ts';
export type {
  Collection,
  Collections,
  CollectionType,
  CollectionValue,
  Hash,
  List,
  Millis,
  RSet,
  StringEncoding,
  StringValue,
  Value,
  ValueType,
  ZSet,
} from './value.ts';
export { NO_EXPIRY } from './value.ts';

export interface KeyspaceStats {
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

export class Keyspace {
  readonly dbs: readonly Db[];
  /**
   * The time lazy expiry compares deadlines with, frozen for a whole command (a whole EXEC), as
   * Redis 7.0's server.mstime. Deadlines and TTLs themselves are computed from the live clock,
   * as Redis does with mstime(): the two differ only when time passes inside a transaction.
   */
  now = 0;
  usedBytes = 0;
  readonly stats: KeyspaceStats = { expiredKeys: 0, keyspaceHits: 0, keyspaceMisses: 0 };
  /** What the current mutations are attributed to. */
  cause: EventCause = { kind: 'command', command: '' };
  /** The number of the active expiry cycle running now (or that ran last). */
  activeCycle = 0;
  /** glibc's errno as Redis's number parsing leaves it (ERANGE only; see commands/strtod.ts). */
  readonly errno = { erange: false };
  observer: KeyspaceObserver | null = null;
  emit: EmitFn | null = null;
  hooks: KeyspaceHooks | null = null;

  constructor(
    /** Seeded randomness for the order of the expires index. */
    private readonly random: () => number,
  ) {
    const dbs: Db[] = [];
    for (let i = 0; i < DB_COUNT; i++) dbs.push(new Db(i as DbIndex));
    this.dbs = dbs;
  }

  db(index: DbIndex): Db {
    // Every DbIndex is below DB_COUNT, the length of `dbs`.
    return this.dbs[index] as Db;
  }

  /** The database numbered `index` when there is one (for numbers from outside the engine). */
  dbAt(index: number): Db | undefined {
    return isDbIndex(index) ? this.db(index) : undefined;
  }

  notify(db: number, key: string, event: string, cls: EventClass): void {
    if (this.emit) this.emit(db, key, event, cls, this.cause);
  }

  isExpired(e: Entry): boolean {
    return e.expiresAt !== NO_EXPIRY && this.now > e.expiresAt;
  }

  /**
   * Lookup for commands that read: counts hits/misses and fires `keymiss`, unless `notify` is false
   * (LOOKUP_NONOTIFY: OBJECT's lookup counts the miss but publishes nothing).
   */
  lookupRead(db: Db, key: string, notify = true, touch = true): Entry | undefined {
    const e = this.lookupWrite(db, key, touch);
    if (e) {
      this.stats.keyspaceHits++;
    } else {
      this.stats.keyspaceMisses++;
      if (notify && this.emit) this.notify(db.id, key, 'keymiss', 'm');
    }
    return e;
  }

  /**
   * Lookup for commands that write (and for reads that must not count, like TTL's own stats).
   * `touch` false is LOOKUP_NOTOUCH (TYPE, EXISTS, TTL, OBJECT): the access time stays.
   */
  lookupWrite(db: Db, key: string, touch = true): Entry | undefined {
    const e = db.dict.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt !== NO_EXPIRY && this.now > e.expiresAt) {
      this.expireEntry(db, e, 'lazy');
      return undefined;
    }
    if (touch) stored(e).lru = this.now;
    return e;
  }

  /** Sets when a key was last accessed (RENAME keeps it, RESTORE … IDLETIME sets it). */
  setLastAccess(e: Entry, ms: number): void {
    stored(e).lru = ms;
  }

  /**
   * SWAPDB: the two databases exchange their keys, deadlines and cycle state. Observers see both
   * flushed, then every key of each as changed.
   */
  swapDbs(a: Db, b: Db): void {
    type Contents = { dict: Dict; volatile: Entry[]; expiresCursor: number; avgTtl: number };
    // WATCHers of both databases are touched, and blocked clients are served after (dbSwapDatabases).
    this.hooks?.swapping(a, b);
    const x = a as unknown as Contents;
    const y = b as unknown as Contents;
    [x.dict, y.dict] = [y.dict, x.dict];
    [x.volatile, y.volatile] = [y.volatile, x.volatile];
    [x.expiresCursor, y.expiresCursor] = [y.expiresCursor, x.expiresCursor];
    [x.avgTtl, y.avgTtl] = [y.avgTtl, x.avgTtl];
    this.hooks?.swapped(a, b);
    if (this.observer) {
      for (const db of [a, b]) {
        this.observer.flushed(db.id);
        for (const e of db.dict.values()) this.observer.changed(db.id, e.key);
      }
    }
  }

  /** Deletes an expired entry as lazy or active expiry does. */
  expireEntry(db: Db, e: Entry, how: 'lazy' | 'active'): void {
    this.unlink(db, e, how);
    this.stats.expiredKeys++;
    if (this.emit) {
      const cause: EventCause =
        how === 'active'
          ? { kind: 'active', cycle: this.activeCycle }
          : { kind: 'lazy', command: commandOf(this.cause) };
      this.emit(db.id, e.key, 'expired', 'x', cause);
    }
  }

  /** Creates a key that does not exist (dbAdd), holding an empty string: fires `new`. */
  private addEntry(db: Db, key: string): StoredEntry {
    const e = new StoredEntry(key, db.dict.nextSeq());
    e.bytes = ENTRY_OVERHEAD_BYTES + key.length;
    e.lru = this.now;
    this.usedBytes += e.bytes;
    db.dict.set(key, e as unknown as Entry);
    if (this.emit) this.notify(db.id, key, 'new', 'n');
    return e;
  }

  /** Creates a key that does not exist holding `coll` (its payload not yet counted): fires `new`. */
  addCollection<T extends CollectionType>(db: Db, key: string, type: T, coll: Collections[T]): EntryOf<T> {
    const e = this.addEntry(db, key);
    e.type = type;
    e.coll = coll;
    if (this.hooks) this.created(db, key, type);
    return e as unknown as EntryOf<T>;
  }

  /**
   * Creates `key` holding `src`'s value: RENAME and MOVE share the collection, COPY passes `coll`, a
   * duplicate of it.
   */
  addWithValueOf<E extends Entry>(db: Db, key: string, src: E, coll?: Collection): E {
    const from = stored(src);
    const e = this.addEntry(db, key);
    e.type = from.type;
    e.str = from.str;
    e.enc = from.enc;
    e.coll = coll ?? from.coll;
    this.resize(e, src.bytes - src.key.length + key.length);
    if (this.observer) this.observer.changed(db.id, key);
    if (this.hooks) this.created(db, key, from.type);
    return e as unknown as E;
  }

  /**
   * setKey: store a string whatever was there (any type), creating the key if needed. The TTL is
   * cleared unless `keepTtl`. The caller has already looked the key up (expiring it if stale).
   */
  setString(db: Db, key: string, value: string, keepTtl: boolean, enc: StringEncoding = 'auto'): StringEntry {
    const found = db.dict.get(key);
    let e: StoredEntry;
    if (found === undefined) {
      e = this.addEntry(db, key);
    } else {
      e = stored(found);
      e.type = 'string';
      e.coll = null;
      if (!keepTtl && e.expiresAt !== NO_EXPIRY) this.dropExpire(db, e);
    }
    const entry = e as unknown as StringEntry;
    this.writeString(db, entry, value, enc);
    return entry;
  }

  /** In-place string update (APPEND, INCR, SETRANGE…): the TTL stays. */
  writeString(db: Db, e: StringEntry, value: string, enc: StringEncoding): void {
    e.str = value;
    e.enc = enc;
    this.resize(e, ENTRY_OVERHEAD_BYTES + e.key.length + value.length);
    if (this.observer) this.observer.changed(db.id, e.key);
    if (this.hooks) this.hooks.modified(db, e.key);
  }

  /**
   * An existing key now holds `coll` whatever it held, without a TTL (setKey for the *STORE
   * commands: an overwrite in place, no `new` event). Its payload is counted by collectionChanged.
   */
  overwrite<T extends CollectionType>(db: Db, found: Entry, type: T, coll: Collections[T]): EntryOf<T> {
    this.persist(db, found);
    const e = stored(found);
    e.type = type;
    e.str = '';
    e.enc = 'auto';
    e.coll = coll;
    if (this.hooks) this.hooks.modified(db, e.key);
    return found as unknown as EntryOf<T>;
  }

  /** A collection was edited in place; `bytes` is its new estimated payload size. */
  collectionChanged(db: Db, e: Entry, bytes: number): void {
    this.resize(e, ENTRY_OVERHEAD_BYTES + e.key.length + bytes);
    if (this.observer) this.observer.changed(db.id, e.key);
    if (this.hooks) this.hooks.modified(db, e.key);
  }

  private resize(e: Entry | StoredEntry, bytes: number): void {
    this.usedBytes += bytes - e.bytes;
    stored(e as Entry).bytes = bytes;
  }

  setExpire(db: Db, entry: Entry, when: Millis): void {
    const e = stored(entry);
    if (e.slot < 0) {
      // Insert at a random position (inside-out shuffle), so `volatile` is always in random order
      // and any run of it is a uniform sample, as a run of Redis's hash buckets is.
      const v = db.volatile;
      const j = Math.floor(this.random() * (v.length + 1));
      const displaced = v[j];
      if (displaced === undefined) {
        e.slot = v.length;
        v.push(entry);
      } else {
        stored(displaced).slot = v.length;
        v.push(displaced);
        e.slot = j;
        v[j] = entry;
      }
    }
    e.expiresAt = when;
    if (this.observer) this.observer.changed(db.id, e.key);
    if (this.hooks) this.hooks.modified(db, e.key);
  }

  /** A key changed in a way only a save sees (STICK): the journal writes it again. */
  noteChanged(db: Db, key: string): void {
    if (this.observer) this.observer.changed(db.id, key);
  }

  /** Removes the deadline; false when there was none. */
  persist(db: Db, e: Entry): boolean {
    if (e.expiresAt === NO_EXPIRY) return false;
    this.dropExpire(db, e);
    if (this.observer) this.observer.changed(db.id, e.key);
    if (this.hooks) this.hooks.modified(db, e.key);
    return true;
  }

  private dropExpire(db: Db, entry: Entry | StoredEntry): void {
    const e = stored(entry as Entry);
    const last = db.volatile.pop() as Entry;
    if (stored(last) !== e) {
      db.volatile[e.slot] = last;
      stored(last).slot = e.slot;
    }
    e.slot = -1;
    e.expiresAt = NO_EXPIRY;
  }

  /** Deletes a live key (DEL, GETDEL, RENAME's source, EXPIRE in the past…). */
  delete(db: Db, e: Entry, reason: 'command' | 'fields' = 'command'): void {
    this.unlink(db, e, reason);
  }

  private unlink(db: Db, entry: Entry, reason: RemovalReason): void {
    const e = stored(entry);
    const deadline = e.expiresAt;
    if (e.slot >= 0) this.dropExpire(db, e);
    e.dead = true;
    // A dead entry lingers in the dict until it is compacted: let its value go now.
    e.str = '';
    e.coll = null;
    db.dict.removed();
    this.usedBytes -= e.bytes;
    if (this.observer) this.observer.removed(db.id, e.key, reason, entry, deadline);
    if (this.hooks) this.hooks.modified(db, e.key);
  }

  /** A new key of `type` (dbAdd): blocked clients may be served, watchers see a change. */
  private created(db: Db, key: string, type: ValueType): void {
    const hooks = this.hooks as KeyspaceHooks;
    hooks.added(db, key, type);
    hooks.modified(db, key);
  }

  flush(db: Db): void {
    if (this.hooks) this.hooks.flushing(db);
    for (const e of db.dict.values()) {
      stored(e).dead = true;
      this.usedBytes -= e.bytes;
    }
    db.dict.clear();
    db.volatile.length = 0;
    db.avgTtl = 0;
    if (this.observer) this.observer.flushed(db.id);
  }

  /**
   * Puts back a key as a saved snapshot held it, with no events and no observer, under the creation
   * number it had (`seq`, by default the next one). Keys come in their creation order; the caller
   * then lays out the expires index with `loadVolatile`. Its access time is now, as for a key Redis
   * loads from an RDB saved without an LRU policy (OBJECT IDLETIME 0).
   */
  load(db: Db, key: string, value: Value, expiresAt: Millis, bytes: number, seq = db.dict.nextSeq()): Entry {
    const e = new StoredEntry(key, seq);
    e.lru = this.now;
    db.dict.advanceSeq(seq);
    this.fill(e, value, bytes);
    e.expiresAt = expiresAt;
    db.dict.set(key, e as unknown as Entry);
    return e as unknown as Entry;
  }

  /** A replayed log record's new state for a key that kept its entry (no events). */
  reload(db: Db, entry: Entry, value: Value, expiresAt: Millis, bytes: number): void {
    const e = stored(entry);
    this.usedBytes -= e.bytes;
    e.coll = null;
    e.str = '';
    this.fill(e, value, bytes);
    if (expiresAt === NO_EXPIRY) {
      if (e.slot >= 0) this.dropExpire(db, e);
    } else this.setExpire(db, entry, expiresAt);
  }

  private fill(e: StoredEntry, value: Value, bytes: number): void {
    e.type = value.type;
    if (value.type === 'string') {
      e.str = value.str;
      e.enc = value.enc;
    } else e.coll = value.coll;
    e.bytes = bytes;
    this.usedBytes += bytes;
  }

  /** The expires index in the order given (the order the active cycle samples; each has a deadline). */
  loadVolatile(db: Db, entries: readonly Entry[]): void {
    db.volatile.length = 0;
    for (const e of entries) {
      stored(e).slot = db.volatile.length;
      db.volatile.push(e);
    }
  }

  /** A uniformly random stored entry (stale ones included: RANDOMKEY expires them and retries). */
  randomEntry(db: Db, random: () => number): Entry | undefined {
    return db.dict.random(random);
  }
}

function commandOf(cause: EventCause): string {
  return cause.kind === 'active' ? '' : cause.command;
}
