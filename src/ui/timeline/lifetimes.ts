import {
  groupRemovals,
  type KeyRemoval,
  type KeyRow,
  type RemovalGroup,
  TIMELINE_CAPACITY,
} from '../../worker/protocol.ts';

/**
 * What the timeline draws: for each key that had a TTL, when it was set, its deadline, and when and
 * how it actually left (lazy expiry on access, the active cycle, a command, a flush) or stopped
 * being volatile (PERSIST). Bounded to the most recently set lifetimes; every update is O(1), so a
 * million keys going through cost no more than the ones kept.
 */

export type Ending = 'lazy' | 'active' | 'command' | 'flush' | 'persisted' | 'replaced';

export interface Lifetime {
  readonly db: number;
  readonly key: string;
  readonly setAt: number;
  readonly deadline: number;
  /** Virtual time it ended, or null while the key is still there with this deadline. */
  end: number | null;
  how: Ending | null;
  /** "lazy, on access by GET", "active cycle #12", "DEL"… */
  cause: string;
}

export { TIMELINE_CAPACITY };

export class LifetimeStore {
  /** Oldest first; `head` skips evicted entries until the array is compacted. */
  private items: Lifetime[] = [];
  private head = 0;
  private readonly open = new Map<string, Lifetime>();
  /** Lifetimes dropped to keep the bound. */
  evicted = 0;
  /** Bumped on every change (the canvas redraws when it moves). */
  version = 0;
  /** Bumped only when lifetimes come or go (not when one ends): orders drawn from the store stay valid. */
  membership = 0;

  constructor(readonly capacity = TIMELINE_CAPACITY) {}

  get size(): number {
    return this.items.length - this.head;
  }

  at(i: number): Lifetime | undefined {
    return this.items[this.head + i];
  }

  *[Symbol.iterator](): IterableIterator<Lifetime> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as Lifetime;
  }

  reset(rows: readonly KeyRow[]): void {
    this.items = [];
    this.head = 0;
    this.open.clear();
    this.evicted = 0;
    for (const row of rows) this.upsert(row, Number.NaN);
    this.version++;
    this.membership++;
  }

  /** A key written: a new deadline starts a new lifetime; none ends the current one (PERSIST). */
  upsert(row: KeyRow, now: number): void {
    const id = `${row.db}\0${row.key}`;
    const current = this.open.get(id);
    if (row.deadline === null) {
      if (current) this.finish(id, current, Number.isNaN(now) ? current.setAt : now, 'persisted', 'PERSIST');
      return;
    }
    if (current?.deadline === row.deadline) return;
    const setAt = row.deadline - (row.ttlGiven ?? 0);
    if (current) this.finish(id, current, setAt, 'replaced', 'a new TTL');
    const life: Lifetime = {
      db: row.db,
      key: row.key,
      setAt,
      deadline: row.deadline,
      end: null,
      how: null,
      cause: '',
    };
    this.items.push(life);
    this.open.set(id, life);
    this.evict();
    this.version++;
    this.membership++;
  }

  remove(r: KeyRemoval): void {
    for (const g of groupRemovals([r])) this.removeGroup(g);
  }

  removeGroup(g: RemovalGroup): void {
    const how: Ending =
      g.reason === 'lazy' || g.reason === 'active' || g.reason === 'flush' ? g.reason : 'command';
    const cause =
      g.reason === 'active'
        ? `active cycle #${g.cycle ?? '?'}`
        : g.reason === 'lazy'
          ? `lazy, on access by ${(g.command ?? '').toUpperCase()}`
          : g.reason === 'flush'
            ? 'flush'
            : (g.command ?? g.reason).toUpperCase();
    for (let i = 0; i < g.keys.length; i++) {
      const key = g.keys[i] as string;
      const id = `${g.db}\0${key}`;
      let current = this.open.get(id);
      // Created and removed between two batches: the removal alone says when it was set. (A key
      // whose lifetime was evicted for being old is not brought back.)
      const deadline = g.deadlines[i] as number;
      if (!current && !Number.isNaN(deadline)) {
        const ttl = g.ttls[i] as number;
        const given = Number.isNaN(ttl) ? 0 : ttl;
        if (this.isRecent(deadline - given)) {
          this.upsert({ db: g.db, key, deadline, ttlGiven: given } as KeyRow, Number.NaN);
          current = this.open.get(id);
        }
      }
      if (current) this.finish(id, current, g.at, how, cause);
    }
  }

  /** Would a lifetime set at `setAt` be among those kept? */
  private isRecent(setAt: number): boolean {
    if (this.size < this.capacity) return true;
    const oldest = this.items[this.head];
    return oldest === undefined || setAt > oldest.setAt;
  }

  /** One open lifetime ends (a field that left its hash, see field-lifetimes.ts); false if none was open. */
  end(db: number, key: string, at: number, how: Ending, cause: string): boolean {
    const id = `${db}\0${key}`;
    const current = this.open.get(id);
    if (current) this.finish(id, current, at, how, cause);
    return current !== undefined;
  }

  /** The keys whose lifetime is still open. */
  openKeys(): string[] {
    return [...this.open.values()].map((l) => l.key);
  }

  flush(db: number, at: number): void {
    for (const [id, life] of this.open) if (life.db === db) this.finish(id, life, at, 'flush', 'FLUSH');
  }

  private finish(id: string, life: Lifetime, at: number, how: Ending, cause: string): void {
    life.end = at;
    life.how = how;
    life.cause = cause;
    this.open.delete(id);
    this.version++;
  }

  private evict(): void {
    while (this.size > this.capacity) {
      const old = this.items[this.head] as Lifetime;
      this.items[this.head] = undefined as unknown as Lifetime;
      this.head++;
      this.evicted++;
      if (old.end === null) this.open.delete(`${old.db}\0${old.key}`);
    }
    if (this.head > this.capacity) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export interface LifetimeCounts {
  readonly live: number;
  readonly stale: number;
  readonly removed: number;
  readonly active: number;
  readonly lazy: number;
}

/** Live: before its deadline; stale: past it but still there; removed: gone (and how). */
export function countLifetimes(store: Iterable<Lifetime>, now: number): LifetimeCounts {
  let live = 0;
  let stale = 0;
  let removed = 0;
  let active = 0;
  let lazy = 0;
  for (const l of store) {
    if (l.end === null) {
      if (now > l.deadline) stale++;
      else live++;
    } else {
      removed++;
      if (l.how === 'active') active++;
      else if (l.how === 'lazy') lazy++;
    }
  }
  return { live, stale, removed, active, lazy };
}
