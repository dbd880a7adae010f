import type { RowState } from './store/keys-slice.ts';

/**
 * The key table's rows kept in sorted order across diffs, grouped by database (the database is the
 * first sort key, so one database is a contiguous run). A few changes move rows by binary search;
 * a big batch (a paste) re-sorts once instead. With 100,000 keys this keeps a frame with a handful of
 * expirations cheap, where re-sorting everything would not be.
 */

export type SortColumn = 'key' | 'type' | 'value' | 'ttl' | 'expires';
export interface SortSpec {
  readonly column: SortColumn;
  readonly desc: boolean;
}

type Compare = (a: RowState, b: RowState) => number;

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// Keys without a TTL sort after every deadline.
const deadline = (r: RowState) => r.deadline ?? Number.POSITIVE_INFINITY;

const COLUMN: Record<SortColumn, Compare> = {
  key: (a, b) => byBytes(a.key, b.key),
  type: (a, b) => byBytes(a.type, b.type),
  value: (a, b) => byBytes(a.preview, b.preview),
  ttl: (a, b) => deadline(a) - deadline(b),
  expires: (a, b) => deadline(a) - deadline(b),
};

export function comparator(sort: SortSpec): Compare {
  const col = COLUMN[sort.column];
  const sign = sort.desc ? -1 : 1;
  return (a, b) => a.db - b.db || sign * (col(a, b) || byBytes(a.key, b.key));
}

/** Above this many moved rows in one batch, one pass over all rows is cheaper than splicing. */
const SPLICE_LIMIT = 500;

/** A removed row is flagged rather than looked up in a set: the compacting pass reads one field. */
type Swept = RowState & { swept?: boolean };
const isSwept = (r: RowState): boolean => (r as Swept).swept === true;

function merge(a: readonly RowState[], b: readonly RowState[], cmp: Compare): RowState[] {
  const out = new Array<RowState>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = cmp(a[i] as RowState, b[j] as RowState) <= 0 ? (a[i++] as RowState) : (b[j++] as RowState);
  }
  while (i < a.length) out[k++] = a[i++] as RowState;
  while (j < b.length) out[k++] = b[j++] as RowState;
  return out;
}

export class SortedRows {
  private items: RowState[] = [];
  /** Rows removed (flagged `swept`) but still in `items`, dropped in one pass when next read. */
  private deadCount = 0;
  private cmp: Compare;

  constructor(sort: SortSpec) {
    this.cmp = comparator(sort);
  }

  get size(): number {
    return this.items.length - this.deadCount;
  }

  rebuild(rows: Iterable<RowState>, sort?: SortSpec): void {
    if (sort) this.cmp = comparator(sort);
    this.items = [...rows].filter((r) => !isSwept(r)).sort(this.cmp);
    this.deadCount = 0;
  }

  /** Removes rows: O(1) each now, the array is compacted once when next read. */
  remove(rows: Iterable<RowState>): void {
    for (const row of rows) {
      if (isSwept(row)) continue;
      (row as Swept).swept = true;
      this.deadCount++;
    }
  }

  private compact(): void {
    if (this.deadCount === 0) return;
    this.items = this.items.filter((r) => !isSwept(r));
    this.deadCount = 0;
  }

  /**
   * Applies changes: `prev` is the row as it was (undefined when new), `next` as it is (undefined
   * when gone). A row whose sort key did not change is replaced where it stands; a few moves go by
   * binary search and splice; many (a paste, a mass expiry) go by one filtering pass and one merge of
   * the sorted newcomers, O(n + k log k), instead of re-sorting all n rows.
   */
  apply(
    changes: readonly { prev: RowState | undefined; next: RowState | undefined }[],
    _all?: () => Iterable<RowState>,
  ): void {
    this.compact();
    const removed = new Set<RowState>();
    const adding = new Set<RowState>();
    for (const { prev, next } of changes) {
      if (prev && adding.has(prev)) {
        // New in this very batch: it never reached the array.
        adding.delete(prev);
        if (next) adding.add(next);
        continue;
      }
      if (prev && next && this.cmp(prev, next) === 0) {
        const i = this.find(prev);
        if (i >= 0) {
          this.items[i] = next;
          continue;
        }
      }
      if (prev) removed.add(prev);
      if (next) adding.add(next);
    }
    const added = [...adding];
    if (removed.size + added.length <= SPLICE_LIMIT) {
      for (const prev of removed) {
        const i = this.find(prev);
        if (i >= 0) this.items.splice(i, 1);
      }
      for (const next of added) this.items.splice(this.lowerBound(next), 0, next);
      return;
    }
    // The array holds exactly the objects of the store's row map, so `prev` is found by identity.
    const kept = removed.size ? this.items.filter((r) => !removed.has(r)) : this.items;
    added.sort(this.cmp);
    this.items = added.length ? merge(kept, added, this.cmp) : kept;
  }

  /** The rows of one database, in order. */
  forDb(db: number): RowState[] {
    this.compact();
    const lo = this.boundForDb(db);
    const hi = this.boundForDb(db + 1);
    return this.items.slice(lo, hi);
  }

  private lowerBound(row: RowState): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.items[mid] as RowState, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private find(row: RowState): number {
    const i = this.lowerBound(row);
    const at = this.items[i];
    return at && at.db === row.db && at.key === row.key ? i : -1;
  }

  private boundForDb(db: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as RowState).db < db) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
