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

/** Above this many changes in one batch, sorting everything again is cheaper than moving rows. */
const REBUILD_THRESHOLD = 2000;

export class SortedRows {
  private items: RowState[] = [];
  private cmp: Compare;

  constructor(sort: SortSpec) {
    this.cmp = comparator(sort);
  }

  get size(): number {
    return this.items.length;
  }

  rebuild(rows: Iterable<RowState>, sort?: SortSpec): void {
    if (sort) this.cmp = comparator(sort);
    this.items = [...rows].sort(this.cmp);
  }

  /** Applies changes: `prev` is the row as it was (undefined when new), `next` as it is (undefined when gone). */
  apply(
    changes: readonly { prev: RowState | undefined; next: RowState | undefined }[],
    all: () => Iterable<RowState>,
  ): void {
    if (changes.length > REBUILD_THRESHOLD) {
      this.rebuild(all());
      return;
    }
    for (const { prev, next } of changes) {
      if (prev && next && this.cmp(prev, next) === 0) {
        const i = this.find(prev);
        if (i >= 0) {
          this.items[i] = next;
          continue;
        }
      }
      if (prev) {
        const i = this.find(prev);
        if (i >= 0) this.items.splice(i, 1);
      }
      if (next) this.items.splice(this.lowerBound(next), 0, next);
    }
  }

  /** The rows of one database, in order. */
  forDb(db: number): RowState[] {
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
