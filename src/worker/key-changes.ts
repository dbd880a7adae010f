import type { Engine } from '../engine/engine.ts';
import { type Entry, type Millis, NO_EXPIRY, type RemovalReason } from '../engine/keyspace.ts';
import type { KeyRemoval, KeyRow } from './protocol.ts';
import { rowOf } from './rows.ts';

/**
 * What the key table needs to hear since the last batch: keys changed (sent as rows), keys removed
 * (with how, and the lifetime they had), databases flushed. Each key keeps only its latest fate.
 * Also remembers the TTL each deadline was given (a bar's full length) and a version per row.
 */
export class KeyChanges {
  readonly dirty = new Map<string, { db: number; key: string }>();
  readonly removals = new Map<string, KeyRemoval>();
  readonly flushed = new Set<number>();
  private ttlGiven = new WeakMap<Entry, { deadline: Millis; ttl: number }>();
  private versions = new WeakMap<Entry, number>();

  constructor(private readonly now: () => number) {}

  get pending(): boolean {
    return this.dirty.size > 0 || this.removals.size > 0 || this.flushed.size > 0;
  }

  /** A new engine: nothing pending about the old one matters (its databases are marked flushed by the caller). */
  reset(): void {
    this.ttlGiven = new WeakMap();
    this.versions = new WeakMap();
    this.dirty.clear();
    this.removals.clear();
  }

  changed(engine: Engine, db: number, key: string): void {
    const id = `${db}\0${key}`;
    this.dirty.set(id, { db, key });
    this.removals.delete(id);
    const e = engine.ks.dbAt(db)?.dict.get(key);
    if (e && e.expiresAt !== NO_EXPIRY && this.ttlGiven.get(e)?.deadline !== e.expiresAt) {
      this.ttlGiven.set(e, {
        deadline: e.expiresAt,
        ttl: Math.max(0, Number(e.expiresAt) - this.now()),
      });
    }
  }

  removed(
    engine: Engine,
    db: number,
    key: string,
    reason: RemovalReason,
    entry: Entry,
    deadline: Millis,
  ): void {
    const id = `${db}\0${key}`;
    this.dirty.delete(id);
    const cause = engine.ks.cause;
    const at = engine.ks.now;
    const life =
      deadline === NO_EXPIRY
        ? {}
        : {
            deadline: Number(deadline),
            ttlGiven: this.ttlGiven.get(entry)?.ttl ?? Math.max(0, Number(deadline) - at),
          };
    if (reason === 'active') {
      this.removals.set(id, { db, key, reason, at, cycle: engine.ks.activeCycle, ...life });
      return;
    }
    const command = cause.kind === 'active' ? undefined : cause.command;
    this.removals.set(id, { db, key, reason, at, ...(command ? { command } : {}), ...life });
  }

  flushedDb(db: number): void {
    for (const [k, v] of this.dirty) if (v.db === db) this.dirty.delete(k);
    for (const [k, v] of this.removals) if (v.db === db) this.removals.delete(k);
    this.flushed.add(db);
  }

  rowFor(db: number, e: Entry): KeyRow {
    const version = (this.versions.get(e) ?? 0) + 1;
    this.versions.set(e, version);
    const given =
      e.expiresAt === NO_EXPIRY
        ? null
        : (this.ttlGiven.get(e)?.ttl ?? Math.max(0, Number(e.expiresAt) - this.now()));
    return rowOf(db, e, given, version);
  }

  /** The rows of the changed keys that still exist. */
  takeUpserts(engine: Engine): KeyRow[] {
    const upserts: KeyRow[] = [];
    for (const { db, key } of this.dirty.values()) {
      const e = engine.ks.dbAt(db)?.dict.get(key);
      if (e) upserts.push(this.rowFor(db, e));
    }
    this.dirty.clear();
    return upserts;
  }

  /** Up to `max` removals, oldest first; the rest wait for the next batch. */
  takeRemovals(max: number): KeyRemoval[] {
    const removals: KeyRemoval[] = [];
    for (const [id, r] of this.removals) {
      if (removals.length >= max) break;
      removals.push(r);
      this.removals.delete(id);
    }
    return removals;
  }

  takeFlushed(): number[] {
    const out = [...this.flushed];
    this.flushed.clear();
    return out;
  }
}
