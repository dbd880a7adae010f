import { type EventColumns, eventAt } from '../../worker/event-columns.ts';
import type { EventRecord, FieldLifetime, KeyRow, RemovalGroup } from '../../worker/protocol.ts';
import { causeText } from '../events/event-log.ts';
import { type Ending, LifetimeStore } from './lifetimes.ts';

/**
 * The timeline's view of one key's fields (Redis 7.4's hash fields, Dragonfly's hash fields and set
 * members): each field with a TTL is a lane, from when its deadline was set to when it left. The
 * key's details say which fields have a deadline; a field that drops out of them ended, and the key's
 * keyspace events since the last details say how (`hexpired` lazy or active, HDEL, HPERSIST…):
 * Redis's events name the key, not the field, so a field past its deadline takes the `hexpired`
 * that came after it, any other the last other event.
 */

/** A key has few fields with TTLs worth a lane each; more than this keeps the most recent. */
const FIELD_CAPACITY = 2000;
/** Events kept between two reads of the details (a flood on the key keeps the newest). */
const PENDING_CAP = 256;

interface Fallback {
  readonly how: Ending;
  readonly cause: string;
}

const EXPIRED: Fallback = { how: 'lazy', cause: 'expired, on access' };

export class FieldTimeline {
  store = new LifetimeStore(FIELD_CAPACITY);
  db = -1;
  key: string | null = null;
  private readonly deadlines = new Map<string, number>();
  private pending: EventRecord[] = [];

  /** Follow this key's fields (a no-op if it is already the one followed). */
  track(db: number, key: string): void {
    if (this.db === db && this.key === key) return;
    this.clear();
    this.db = db;
    this.key = key;
  }

  clear(): void {
    this.store = new LifetimeStore(FIELD_CAPACITY);
    this.deadlines.clear();
    this.pending = [];
    this.db = -1;
    this.key = null;
  }

  noteEvents(cols: EventColumns): void {
    if (this.key === null) return;
    for (let i = 0; i < cols.length; i++)
      if (cols.db[i] === this.db && cols.key[i] === this.key) this.pending.push(eventAt(cols, i));
    if (this.pending.length > PENDING_CAP) this.pending = this.pending.slice(-PENDING_CAP);
  }

  /** The key's details were read at `now`: fields gone from them ended, new deadlines start lifetimes. */
  update(fields: readonly FieldLifetime[] | undefined, now: number): void {
    if (this.key === null) return;
    const present = new Set((fields ?? []).map((f) => f.field));
    for (const [field, deadline] of [...this.deadlines])
      if (!present.has(field))
        // No event says why (a Dragonfly set member goes without one): past its deadline, it expired.
        this.ended(field, now, now >= deadline ? EXPIRED : { how: 'command', cause: 'gone' });
    for (const f of fields ?? []) {
      const row = { db: this.db, key: f.field, deadline: f.deadline, ttlGiven: f.ttlGiven };
      this.store.upsert(row as KeyRow, now);
      this.deadlines.set(f.field, f.deadline);
    }
    this.pending = [];
  }

  /** The key itself left (its last field expired, DEL, a flush): every field still open ends with it. */
  keyRemoved(g: RemovalGroup): void {
    if (this.key === null || g.db !== this.db || !g.keys.includes(this.key)) return;
    const fallback: Fallback =
      g.reason === 'lazy'
        ? { how: 'lazy', cause: `lazy, on access by ${(g.command ?? '').toUpperCase()}` }
        : g.reason === 'active'
          ? { how: 'active', cause: `active cycle #${g.cycle ?? '?'}` }
          : g.reason === 'fields'
            ? { how: 'command', cause: 'its last field expired' }
            : {
                how: g.reason === 'flush' ? 'flush' : 'command',
                cause: (g.command ?? g.reason).toUpperCase(),
              };
    for (const field of [...this.deadlines.keys()]) this.ended(field, g.at, fallback);
    this.pending = [];
  }

  flushed(db: number, at: number): void {
    if (this.key === null || db !== this.db) return;
    for (const field of [...this.deadlines.keys()]) this.ended(field, at, { how: 'flush', cause: 'FLUSH' });
    this.pending = [];
  }

  private ended(field: string, at: number, fallback: Fallback): void {
    const deadline = this.deadlines.get(field) ?? Number.POSITIVE_INFINITY;
    this.deadlines.delete(field);
    const expired = this.pending.find((e) => e.event === 'hexpired' && e.at >= deadline);
    const other = this.pending.findLast((e) => e.event !== 'hexpired' && e.event !== 'del');
    const e = expired ?? (at < deadline ? other : undefined);
    if (e) this.store.end(this.db, field, e.at, howOf(e), causeText(e));
    else this.store.end(this.db, field, at, fallback.how, fallback.cause);
  }
}

function howOf(e: EventRecord): Ending {
  if (e.cause.kind === 'lazy' || e.cause.kind === 'active') return e.cause.kind;
  // The field stays without its TTL (HPERSIST; HSET and HSETEX overwrite it without one).
  return e.event === 'hpersist' || e.event === 'hset' ? 'persisted' : 'command';
}

/** The timeline's field view: the selected key's, fed by KeyDetails and the worker's batches. */
export const fieldTimeline = new FieldTimeline();
