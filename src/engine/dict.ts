import type { Entry } from './keyspace.ts';

/**
 * Entries a rebuild copies per removal or new key: with the dead at 7 times the live, the walk ends
 * before half the live entries are gone, at about a microsecond per step.
 */
const STEP = 16;

/**
 * Key → entry for one database.
 *
 * Deleting from a big JS Map costs more than all the rest of an expiry, so removal only marks the
 * entry dead (the keyspace sets `entry.dead`) and the map is rebuilt from its live entries once the
 * dead ones outnumber them 7 to 1: when a million keys expire together, the rebuilds copy only the
 * few survivors. Entries sit in the map in creation order (a re-created key goes to the end), which
 * is what SCAN's cursor walks.
 *
 * The rebuild is incremental, as Redis rehashes a dict: walking a million-entry map at once is a
 * pause of 70–250 ms, so each later removal and each new key copies a few entries more (`STEP`)
 * into the next map while the old one still answers every lookup; when the walk ends the next map
 * takes over. Entries added meanwhile are walked too (a Map iterator visits them), so the order holds.
 */
export class Dict {
  private map = new Map<string, Entry>();
  private dead = 0;
  /** During a rebuild: the live entries copied so far, in order, and the walk over `map`. */
  private next: Map<string, Entry> | null = null;
  private walk: Iterator<Entry> | null = null;
  private seq = 0;
  /** Where each handed-out SCAN cursor resumes: the live iterator and the entry it stopped at. */
  private readonly scans = new Map<bigint, { iter: Iterator<Entry>; next: Entry }>();

  get size(): number {
    return this.map.size - this.dead;
  }

  /** The creation number for a new entry (1, 2, …): SCAN cursors are these numbers. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** The last creation number handed out (a snapshot keeps it, so SCAN cursors read the same). */
  get lastSeq(): number {
    return this.seq;
  }

  /** A restored dict hands out numbers after `seq` (the entries it loaded keep theirs). */
  advanceSeq(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }

  /**
   * The last number exactly as a replayed log record says (SWAPDB can give a database a lower one);
   * never below an entry it holds.
   */
  resetSeq(seq: number): void {
    if (seq >= this.seq) {
      this.seq = seq;
      return;
    }
    let top = seq;
    for (const e of this.map.values()) if (!e.dead && e.seq > top) top = e.seq;
    this.seq = top;
  }

  get(key: string): Entry | undefined {
    const e = this.map.get(key);
    return e === undefined || e.dead ? undefined : e;
  }

  /** Stores a new entry for a key that is absent (or dead), at the end of the creation order. */
  set(key: string, e: Entry): void {
    // Without dead entries the key is not in the map at all: one hash probe instead of two.
    if (this.dead === 0) {
      this.map.set(key, e);
      return;
    }
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      if (old.dead) this.dead--;
    }
    this.map.set(key, e);
    if (this.walk !== null) this.rebuildStep();
  }

  /** Records that one entry of the map was marked dead. */
  removed(): void {
    this.dead++;
    if (this.walk !== null) {
      this.rebuildStep();
    } else if (this.dead > this.minDead && this.dead > 7 * this.size) {
      this.next = new Map();
      this.walk = this.map.values();
      this.rebuildStep();
    }
  }

  constructor(
    /** Dead entries below this many never start a rebuild (tests use small figures for both). */
    private readonly minDead = 1024,
    private readonly step = STEP,
  ) {}

  /** True while an incremental rebuild is under way. */
  get rebuilding(): boolean {
    return this.walk !== null;
  }

  /** Copies the next few live entries of the walk; at its end the next map takes over. */
  private rebuildStep(): void {
    const walk = this.walk as Iterator<Entry>;
    const next = this.next as Map<string, Entry>;
    for (let i = 0; i < this.step; i++) {
      const r = walk.next();
      if (r.done) {
        const live = this.size;
        this.map = next;
        this.dead = next.size - live;
        this.next = null;
        this.walk = null;
        return;
      }
      const e = r.value;
      if (e.dead) continue;
      // A key that died after its copy and was created again goes to the end, as in the map.
      if (next.has(e.key)) next.delete(e.key);
      next.set(e.key, e);
    }
  }

  clear(): void {
    this.map = new Map();
    this.dead = 0;
    this.next = null;
    this.walk = null;
    this.scans.clear();
  }

  *values(): IterableIterator<Entry> {
    for (const e of this.map.values()) if (!e.dead) yield e;
  }

  /**
   * A random live entry: O(n), which RANDOMKEY can afford. The pick counts live entries only, so it
   * does not depend on which deleted ones still wait for a rebuild (a restored dict has none).
   */
  random(random: () => number): Entry | undefined {
    const size = this.size;
    if (size === 0) return undefined;
    let left = Math.floor(random() * size);
    for (const e of this.map.values()) {
      if (e.dead) continue;
      if (left === 0) return e;
      left--;
    }
    return undefined;
  }

  /**
   * One SCAN step: up to `count` stored entries from `cursor` on, and the cursor to continue with
   * (0 when done). A cursor this dict handed out resumes its iterator in O(count); any other one is
   * found by walking to the first entry created at or after it. Every key that stays in the
   * database for the whole iteration is returned at least once.
   */
  scan(cursor: bigint, count: number): { next: bigint; entries: Entry[] } {
    const entries: Entry[] = [];
    let iter: Iterator<Entry>;
    let pending: Entry | undefined;
    const saved = cursor === 0n ? undefined : this.scans.get(cursor);
    if (saved) {
      this.scans.delete(cursor);
      iter = saved.iter;
      pending = saved.next;
    } else {
      iter = this.map.values();
      if (cursor > BigInt(this.seq)) return { next: 0n, entries };
      const from = Number(cursor);
      for (let r = iter.next(); !r.done; r = iter.next()) {
        if (r.value.seq >= from) {
          pending = r.value;
          break;
        }
      }
    }
    while (true) {
      let e: Entry | undefined = pending;
      pending = undefined;
      if (e === undefined) {
        const r = iter.next();
        if (r.done) return { next: 0n, entries };
        e = r.value;
      }
      if (e.dead) continue;
      if (entries.length === count) {
        const next = BigInt(e.seq);
        this.scans.set(next, { iter, next: e });
        if (this.scans.size > 64) this.scans.delete(this.scans.keys().next().value as bigint);
        return { next, entries };
      }
      entries.push(e);
    }
  }
}
