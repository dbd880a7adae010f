import { Dict } from './dict.ts';
import type { EventCause, EventClass } from './events.ts';

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

export type ValueType = 'string' | 'list' | 'set' | 'zset' | 'hash';

/**
 * How OBJECT ENCODING will describe a string: `auto` is "int" when the text is a canonical int64,
 * else embstr/raw by length; `raw` after APPEND/SETRANGE; `nonint` for INCRBYFLOAT results, which
 * Redis never turns into an int.
 */
export type StringEncoding = 'auto' | 'raw' | 'nonint';

/** Absolute unix ms; a bigint only beyond 2^53 (deadlines go up to 2^63-1). */
export type Millis = number | bigint;
export const NO_EXPIRY = -1;

export type Collection = string[] | Map<string, string> | Set<string> | Map<string, number>;

export type RemovalReason = 'command' | 'lazy' | 'active' | 'flush';

/** Receives every change to the keyspace (the worker turns these into diffs for the UI). */
export interface KeyspaceObserver {
  changed(db: number, key: string): void;
  /** `entry` is the removed entry; `deadline` the deadline it had (NO_EXPIRY for none). */
  removed(db: number, key: string, reason: RemovalReason, entry: Entry, deadline: Millis): void;
  flushed(db: number): void;
}

/** Rough bytes per key beyond its key and value (dict entry, object header, expires entry). */
export const ENTRY_OVERHEAD_BYTES = 64;

export class Entry {
  type: ValueType = 'string';
  str = '';
  enc: StringEncoding = 'auto';
  coll: Collection | null = null;
  expiresAt: Millis = NO_EXPIRY;
  /** Index in `db.volatile`, or -1. */
  slot = -1;
  dead = false;
  bytes = 0;
  constructor(
    readonly key: string,
    readonly seq: number,
  ) {}
}

export class Db {
  readonly dict = new Dict();
  /** The entries that have a deadline, in random order (see Keyspace.setExpire). */
  readonly volatile: Entry[] = [];
  /** Where the active cycle's next sample starts, like Redis's expires_cursor. */
  expiresCursor = 0;
  /** Running average TTL of sampled volatile keys (INFO keyspace avg_ttl), updated by the active cycle. */
  avgTtl = 0;
  constructor(readonly id: number) {}
}

export interface KeyspaceStats {
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

export type EmitFn = (db: number, key: string, event: string, cls: EventClass, cause: EventCause) => void;

export class Keyspace {
  readonly dbs: Db[];
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
  observer: KeyspaceObserver | null = null;
  emit: EmitFn | null = null;

  constructor(
    /** Seeded randomness for the order of the expires index. */
    private readonly random: () => number,
    dbCount = 16,
  ) {
    this.dbs = [];
    for (let i = 0; i < dbCount; i++) this.dbs.push(new Db(i));
  }

  db(index: number): Db {
    return this.dbs[index] as Db;
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
  lookupRead(db: Db, key: string, notify = true): Entry | undefined {
    const e = this.lookupWrite(db, key);
    if (e) {
      this.stats.keyspaceHits++;
    } else {
      this.stats.keyspaceMisses++;
      if (notify && this.emit) this.notify(db.id, key, 'keymiss', 'm');
    }
    return e;
  }

  /** Lookup for commands that write (and for reads that must not count, like TTL's own stats). */
  lookupWrite(db: Db, key: string): Entry | undefined {
    const e = db.dict.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt !== NO_EXPIRY && this.now > e.expiresAt) {
      this.expireEntry(db, e, 'lazy');
      return undefined;
    }
    return e;
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

  /** Creates a key that does not exist (dbAdd): fires `new`. */
  add(db: Db, key: string, type: ValueType): Entry {
    const e = new Entry(key, db.dict.nextSeq());
    e.type = type;
    e.bytes = ENTRY_OVERHEAD_BYTES + key.length;
    this.usedBytes += e.bytes;
    db.dict.set(key, e);
    if (this.emit) this.notify(db.id, key, 'new', 'n');
    return e;
  }

  /** Creates `key` holding `src`'s value (RENAME/MOVE share it; COPY passes a duplicate collection). */
  addWithValueOf(db: Db, key: string, src: Entry, coll: Collection | null): Entry {
    const e = this.add(db, key, src.type);
    e.str = src.str;
    e.enc = src.enc;
    e.coll = coll;
    this.resize(e, src.bytes - src.key.length + key.length);
    if (this.observer) this.observer.changed(db.id, key);
    return e;
  }

  /**
   * setKey: store a string whatever was there (any type), creating the key if needed. The TTL is
   * cleared unless `keepTtl`. The caller has already looked the key up (expiring it if stale).
   */
  setString(db: Db, key: string, value: string, keepTtl: boolean, enc: StringEncoding = 'auto'): Entry {
    let e = db.dict.get(key);
    if (e === undefined) {
      e = this.add(db, key, 'string');
    } else {
      e.type = 'string';
      e.coll = null;
      if (!keepTtl && e.expiresAt !== NO_EXPIRY) this.dropExpire(db, e);
    }
    this.writeString(db, e, value, enc);
    return e;
  }

  /** In-place string update (APPEND, INCR, SETRANGE…): the TTL stays. */
  writeString(db: Db, e: Entry, value: string, enc: StringEncoding): void {
    e.str = value;
    e.enc = enc;
    this.resize(e, ENTRY_OVERHEAD_BYTES + e.key.length + value.length);
    if (this.observer) this.observer.changed(db.id, e.key);
  }

  /** A collection was edited in place; `bytes` is its new estimated payload size. */
  collectionChanged(db: Db, e: Entry, bytes: number): void {
    this.resize(e, ENTRY_OVERHEAD_BYTES + e.key.length + bytes);
    if (this.observer) this.observer.changed(db.id, e.key);
  }

  private resize(e: Entry, bytes: number): void {
    this.usedBytes += bytes - e.bytes;
    e.bytes = bytes;
  }

  setExpire(db: Db, e: Entry, when: Millis): void {
    if (e.slot < 0) {
      // Insert at a random position (inside-out shuffle), so `volatile` is always in random order
      // and any run of it is a uniform sample, as a run of Redis's hash buckets is.
      const v = db.volatile;
      const j = Math.floor(this.random() * (v.length + 1));
      const displaced = v[j];
      if (displaced === undefined) {
        e.slot = v.length;
        v.push(e);
      } else {
        displaced.slot = v.length;
        v.push(displaced);
        e.slot = j;
        v[j] = e;
      }
    }
    e.expiresAt = when;
    if (this.observer) this.observer.changed(db.id, e.key);
  }

  /** Removes the deadline; false when there was none. */
  persist(db: Db, e: Entry): boolean {
    if (e.expiresAt === NO_EXPIRY) return false;
    this.dropExpire(db, e);
    if (this.observer) this.observer.changed(db.id, e.key);
    return true;
  }

  private dropExpire(db: Db, e: Entry): void {
    const last = db.volatile.pop() as Entry;
    if (last !== e) {
      db.volatile[e.slot] = last;
      last.slot = e.slot;
    }
    e.slot = -1;
    e.expiresAt = NO_EXPIRY;
  }

  /** Deletes a live key (DEL, GETDEL, RENAME's source, EXPIRE in the past…). */
  delete(db: Db, e: Entry): void {
    this.unlink(db, e, 'command');
  }

  private unlink(db: Db, e: Entry, reason: RemovalReason): void {
    const deadline = e.expiresAt;
    if (e.slot >= 0) this.dropExpire(db, e);
    e.dead = true;
    // A dead entry lingers in the dict until it is compacted: let its value go now.
    e.str = '';
    e.coll = null;
    db.dict.removed();
    this.usedBytes -= e.bytes;
    if (this.observer) this.observer.removed(db.id, e.key, reason, e, deadline);
  }

  flush(db: Db): void {
    for (const e of db.dict.values()) {
      e.dead = true;
      this.usedBytes -= e.bytes;
    }
    db.dict.clear();
    db.volatile.length = 0;
    db.avgTtl = 0;
    if (this.observer) this.observer.flushed(db.id);
  }

  /** A uniformly random stored entry (stale ones included: RANDOMKEY expires them and retries). */
  randomEntry(db: Db, random: () => number): Entry | undefined {
    return db.dict.random(random);
  }
}

function commandOf(cause: EventCause): string {
  return cause.kind === 'active' ? '' : cause.command;
}
