import type { Engine } from '../engine/engine.ts';
import { type Entry, type Millis, NO_EXPIRY, type RemovalReason } from '../engine/keyspace.ts';
import { EventBuffer } from './event-buffer.ts';
import { expiryStatsOf, StaleCounter } from './expiry-report.ts';
import { FieldLifetimes } from './field-rows.ts';
import {
  type Batch,
  type ConsoleEntry,
  type DocsUpdate,
  type ExpiryStats,
  type FieldLifetime,
  type KeyRemoval,
  type KeyRow,
  PROTOCOL_VERSION,
  TIMELINE_CAPACITY,
  type WorkerEvent,
} from './protocol.ts';
import { groupRemovals } from './removal-groups.ts';
import { rowOf } from './rows.ts';
import type { Session } from './sessions.ts';
import type { TableViews } from './table-view.ts';

/**
 * What goes to the page about the session it shows: the keys that changed and went (coalesced per
 * key), flushes, console replies, keyspace events, cycle records and throttled expiry figures, sent
 * as one numbered batch per flush; and a snapshot of the whole session when the page asks for one
 * or is shown another session. Every session's engine is wired here, but only the shown one's
 * changes are collected.
 */

const MAX_REMOVALS_PER_BATCH = 2500;
/** Counting stale keys walks every volatile key, so stats go out at most this often (real ms). */
const STATS_INTERVAL_MS = 250;
/** Volatile keys the throttled stats walk per batch to count stale ones (StaleCounter). */
const STALE_WALK_PER_BATCH = 25_000;

export interface OutboxIO {
  post(message: WorkerEvent): void;
  realNow(): number;
}

/** Per database, so that a flush drops a database's pending changes at once, not by a walk. */
class PerDb<T> {
  readonly dbs = new Map<number, Map<string, T>>();
  of(db: number): Map<string, T> {
    let m = this.dbs.get(db);
    if (m === undefined) {
      m = new Map();
      this.dbs.set(db, m);
    }
    return m;
  }
  get size(): number {
    let n = 0;
    for (const m of this.dbs.values()) n += m.size;
    return n;
  }
  clear(): void {
    this.dbs.clear();
  }
}

export class Outbox {
  private seq = 0;
  /** db → keys changed since the last batch. */
  private readonly dirty = new PerDb<string>();
  /**
   * db → key → how it went, for keys removed since the last batch (a mass expiry spans batches);
   * null once sent or live again (entries are not deleted one by one: a big map would shrink, a long
   * rehash, in the middle of a mass expiry; the maps go when the queue is empty).
   */
  private readonly removals = new PerDb<KeyRemoval | null>();
  /**
   * The order they go out in, a queue read from `head` (a key sent or live again is skipped): taking
   * from the front of the map instead would walk the holes its deletions leave, every frame.
   */
  private removalDbs: number[] = [];
  private removalKeys: string[] = [];
  private removalHead = 0;
  private readonly flushed = new Set<number>();
  private replies: Batch['replies'][number][] = [];
  /** The keyspace events waiting to go (the host tells it the console line being run). */
  readonly events = new EventBuffer();
  private statsDirty = true;
  private lastStatsAt = Number.NEGATIVE_INFINITY;
  private readonly stale = new StaleCounter();
  /** The clock changed (or the page needs the prompt and counts again): send a batch. */
  clockChanged = true;
  /** Hash fields' (and Dragonfly members') deadlines and the TTLs they were given, per collection. */
  private readonly fieldLives = new FieldLifetimes();

  constructor(
    private readonly io: OutboxIO,
    /** The session the page shows. */
    private readonly shown: () => Session,
    /** The key table's windows (table-view.ts), told of every change to the shown session's keys. */
    private readonly table: TableViews,
  ) {}

  private get active(): Session {
    return this.shown();
  }

  private get engine(): Engine {
    return this.active.engine;
  }

  /**
   * Console lines and what they printed, for the next batch, by console tab (id 0: lines a page
   * ran, or output that came by itself).
   */
  reply(id: number, console: number, entries: readonly ConsoleEntry[]): void {
    this.replies.push({ id, console, entries });
  }

  /** The page is shown another session: the pending changes of the previous one are void. */
  forget(): void {
    this.dirty.clear();
    this.removals.clear();
    this.removalDbs = [];
    this.removalKeys = [];
    this.removalHead = 0;
    this.flushed.clear();
    this.statsDirty = true;
    this.table.reset();
  }

  /** The shown session's server was replaced by an empty one: its keys leave as in a flush. */
  replaced(engine: Engine): void {
    for (const db of engine.ks.dbs) this.flushed.add(db.id);
    this.events.markFlush();
    this.table.reset();
  }

  /** Hooks a session's server to the page: only the active session's changes and events go out. */
  wire(session: Session, engine: Engine): void {
    const shown = () => session === this.active && engine === session.engine;
    engine.setObserver({
      changed: (db, key) => this.noteChange(session, engine, db, key, shown()),
      removed: (db, key, reason, entry, deadline) => {
        if (!shown()) return;
        this.table.removed(db, key, reason, reason === 'active' ? undefined : this.commandOf());
        this.noteRemoval(session, db, key, reason, entry, deadline);
      },
      flushed: (db) => {
        if (!shown()) return;
        this.events.markFlush();
        this.dirty.dbs.delete(db);
        this.removals.dbs.delete(db);
        this.flushed.add(db);
        this.table.flushed(db);
      },
    });
    engine.onEvent((ev) => {
      if (!shown()) return;
      this.statsDirty = true;
      this.events.add(ev, session.clock.now(), engine.config.notifyFlags);
    });
  }

  private noteChange(session: Session, engine: Engine, db: number, key: string, shown: boolean): void {
    if (shown) {
      this.dirty.of(db).set(key, key);
      const removals = this.removals.dbs.get(db);
      if (removals?.get(key)) removals.set(key, null);
      this.table.changed(db, key);
    }
    // Kept for every session, shown or not: a bar's full length when the session is shown later.
    const e = engine.ks.dbAt(db)?.dict.get(key);
    if (e) this.fieldLives.note(e, session.clock.now());
    const given = e && session.ttlGiven.get(e);
    if (e && e.expiresAt !== NO_EXPIRY && given?.deadline !== e.expiresAt) {
      session.ttlGiven.set(e, {
        deadline: e.expiresAt,
        ttl: Math.max(0, Number(e.expiresAt) - session.clock.now()),
        ...session.reach.started(given),
      });
    }
  }

  /** The command whose run removed a key (none: the active cycle). */
  private commandOf(): string | undefined {
    const cause = this.engine.ks.cause;
    return cause.kind === 'active' ? undefined : cause.command;
  }

  private noteRemoval(
    session: Session,
    db: number,
    key: string,
    reason: RemovalReason,
    entry: Entry,
    deadline: Millis,
  ): void {
    this.dirty.dbs.get(db)?.delete(key);
    // Only the timeline needs removals (the table has its own): of the keys it can be drawing, and
    // of hashes and sets, whose fields it may be drawing.
    const told =
      session.reach.holds(entry, session.ttlGiven.get(entry), deadline !== NO_EXPIRY) ||
      entry.type === 'hash' ||
      entry.type === 'set';
    if (!told) return;
    const cause = this.engine.ks.cause;
    const at = this.engine.ks.now;
    const life =
      deadline === NO_EXPIRY
        ? {}
        : {
            deadline: Number(deadline),
            ttlGiven: session.ttlGiven.get(entry)?.ttl ?? Math.max(0, Number(deadline) - at),
          };
    const removals = this.removals.of(db);
    if (!removals.get(key)) {
      this.removalDbs.push(db);
      this.removalKeys.push(key);
    }
    if (reason === 'active') {
      removals.set(key, { db, key, reason, at, cycle: this.engine.ks.activeCycle, ...life });
      return;
    }
    const command = cause.kind === 'active' ? undefined : cause.command;
    removals.set(key, { db, key, reason, at, ...(command ? { command } : {}), ...life });
  }

  /** A live entry as the page shows it; each call is a new version of the row (the page flashes it). */
  rowFor(db: number, e: Entry): KeyRow {
    const session = this.active;
    const version = (session.versions.get(e) ?? 0) + 1;
    session.versions.set(e, version);
    const given =
      e.expiresAt === NO_EXPIRY
        ? null
        : (session.ttlGiven.get(e)?.ttl ?? Math.max(0, Number(e.expiresAt) - this.active.clock.now()));
    return rowOf(db, e, given, version, this.fieldLives.summary(e), session.engine.config);
  }

  /** The members of `e` with a deadline, for the key's details (one bar each). */
  fieldLifetimes(e: Entry): FieldLifetime[] | undefined {
    return this.fieldLives.list(e, this.active.clock.now());
  }

  /** INFO's expiry figures; counting stale keys is O(volatile keys). */
  expiryStats(): ExpiryStats {
    return expiryStatsOf(this.engine, this.active.clock.now());
  }

  private takeStats(): ExpiryStats | undefined {
    if (!this.statsDirty) return undefined;
    const real = this.io.realNow();
    if (real - this.lastStatsAt < STATS_INTERVAL_MS) return undefined;
    this.lastStatsAt = real;
    this.statsDirty = false;
    const now = this.active.clock.now();
    return expiryStatsOf(this.engine, now, this.stale.step(this.engine, now, STALE_WALK_PER_BATCH));
  }

  /** One batch of what changed, if anything did; `docs` is the open page's progress. */
  flush(docs?: DocsUpdate): void {
    const cron = this.active.cron;
    const clock = this.active.clock;
    const removing = this.removalHead < this.removalKeys.length;
    if (this.dirty.size || removing || this.flushed.size || cron.pending || this.replies.length)
      this.statsDirty = true;
    // Stale counts change as time passes even when nothing else does.
    if (!clock.paused && this.engine.ks.dbs.some((db) => db.volatile.length > 0)) this.statsDirty = true;
    const stats = this.takeStats();
    const tabs = this.active.consoles;
    const consoles = tabs.changed ? tabs.info() : undefined;
    tabs.changed = false;
    const idle =
      docs === undefined &&
      this.dirty.size === 0 &&
      !removing &&
      this.flushed.size === 0 &&
      this.replies.length === 0 &&
      this.events.idle &&
      cron.pending === 0 &&
      stats === undefined &&
      consoles === undefined &&
      !this.clockChanged;
    if (idle) return;
    const upserts: KeyRow[] = [];
    for (const [db, keys] of this.dirty.dbs) {
      const dict = this.engine.ks.dbAt(db)?.dict;
      for (const key of keys.values()) {
        const e = dict?.get(key);
        if (e) upserts.push(this.rowFor(db, e));
      }
    }
    const selected = this.engine.ks.db(this.active.cli.client.db);
    // A mass expiry removes far more keys per tick than a page can take in one message: the rest
    // go out with the next frames (the map keeps each key's latest fate, so nothing goes stale).
    const removals = this.takeRemovals();
    const batch: Batch = {
      v: PROTOCOL_VERSION,
      type: 'batch',
      seq: ++this.seq,
      upserts,
      removals: groupRemovals(removals),
      flushed: [...this.flushed],
      replies: this.replies,
      clock: clock.state(),
      events: this.events.take(),
      cycles: cron.take(),
      selectedDb: selected.id,
      prompt: this.active.cli.prompt(),
      keyCount: selected.dict.size,
      ...(consoles ? { consoles } : {}),
      usedBytes: this.engine.ks.usedBytes,
      ...(docs ? { docs } : {}),
      ...(stats ? { stats } : {}),
    };
    this.dirty.clear();
    this.flushed.clear();
    this.replies = [];
    this.clockChanged = false;
    this.active.reach.flushed();
    this.io.post(batch);
  }

  /** The oldest removals waiting, at most a batch's worth. */
  private takeRemovals(): KeyRemoval[] {
    const out: KeyRemoval[] = [];
    const dbs = this.removalDbs;
    const keys = this.removalKeys;
    let head = this.removalHead;
    while (out.length < MAX_REMOVALS_PER_BATCH && head < keys.length) {
      const pending = this.removals.dbs.get(dbs[head] as number);
      const key = keys[head++] as string;
      const r = pending?.get(key);
      if (!r) continue;
      out.push(r);
      pending?.set(key, null);
    }
    if (head === keys.length) {
      this.removalDbs = [];
      this.removalKeys = [];
      this.removals.clear();
      head = 0;
    } else if (head > 65_536 && head * 2 > keys.length) {
      this.removalDbs = dbs.slice(head);
      this.removalKeys = keys.slice(head);
      head = 0;
    }
    this.removalHead = head;
    return out;
  }

  /** The whole shown session, after a batch of what was pending. */
  snapshot(docs?: DocsUpdate, mirror = false): void {
    this.flush(docs);
    const rows: KeyRow[] = [];
    const volatile: Entry[] = [];
    for (const db of this.engine.ks.dbs) {
      for (const e of db.dict.values()) {
        rows.push(this.rowFor(db.id, e));
        if (e.expiresAt !== NO_EXPIRY) volatile.push(e);
      }
    }
    // The page's timeline keeps the last lifetimes of these: their removals must reach it.
    const reach = this.active.reach;
    for (let i = Math.max(0, volatile.length - TIMELINE_CAPACITY); i < volatile.length; i++) {
      const e = volatile[i] as Entry;
      reach.resent(e, this.active.ttlGiven.get(e));
    }
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'snapshot',
      seq: this.seq,
      session: this.active.id,
      ...(mirror ? { mirror } : {}),
      rows,
      clock: this.active.clock.state(),
      stats: this.expiryStats(),
    });
  }
}
