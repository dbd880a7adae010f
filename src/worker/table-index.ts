import type { Entry } from '../engine/keyspace.ts';
import type { KeyRow, RemovedMark, SortSpec } from './protocol-keys.ts';

/**
 * The key table of one database under one filter and sort, kept in order on the worker across
 * changes, so that the page asks for rows `offset…offset+limit` and gets them without holding the
 * rest. A removal only flags its item (O(1)); flagged items go in one filtering pass when the table
 * is next read, and new items are sorted among themselves and merged in, O(n + k log k) per frame
 * however many keys a frame created or removed. A million keys expiring together cost one pass.
 */

/** One key in the index; the fields it sorts by are copied, since an entry changes in place. */
export interface IndexItem {
  readonly key: string;
  readonly type: string;
  /** The deadline, or +Infinity without one (keys without a TTL sort after every deadline). */
  readonly deadline: number;
  /** The preview, only when sorting by value (it costs a walk of the value). */
  readonly preview: string;
  /** The entry it shows (a dead one once removed: the row cached below is then what is shown). */
  entry: Entry;
  /** The row as last sent, computed when it first enters a window. */
  row?: KeyRow;
  /** Removed, on show until the sweep takes it. */
  removed?: RemovedMark;
  /** Left the index; dropped at the next `settle`. */
  dead?: boolean;
}

type Compare = (a: IndexItem, b: IndexItem) => number;

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const COLUMN: Record<SortSpec['column'], Compare> = {
  key: (a, b) => byBytes(a.key, b.key),
  type: (a, b) => byBytes(a.type, b.type),
  value: (a, b) => byBytes(a.preview, b.preview),
  ttl: (a, b) => a.deadline - b.deadline,
  expires: (a, b) => a.deadline - b.deadline,
};

/** The table's order: the column, then the key (keys are unique in a database, so it is total). */
export function comparator(sort: SortSpec): Compare {
  const col = COLUMN[sort.column];
  const sign = sort.desc ? -1 : 1;
  if (sort.column === 'key') return (a, b) => sign * byBytes(a.key, b.key);
  return (a, b) => sign * (col(a, b) || byBytes(a.key, b.key));
}

/** Whether two items of one key sort to the same place (a value changed, its TTL did not). */
export function sameOrder(a: IndexItem, b: IndexItem, sort: SortSpec): boolean {
  return COLUMN[sort.column](a, b) === 0;
}

/** At most this many newcomers are spliced in one by one; more are merged in one pass. */
const SPLICE_LIMIT = 8;

function merge(a: readonly IndexItem[], b: readonly IndexItem[], cmp: Compare): IndexItem[] {
  const out = new Array<IndexItem>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as IndexItem;
    const y = b[j] as IndexItem;
    if (cmp(x, y) <= 0) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as IndexItem;
  while (j < b.length) out[k++] = b[j++] as IndexItem;
  return out;
}

export class SortedIndex {
  private items: IndexItem[] = [];
  private pending: IndexItem[] = [];
  /** Items flagged dead but still in `items` or `pending`. */
  private deadCount = 0;
  private readonly cmp: Compare;

  constructor(sort: SortSpec) {
    this.cmp = comparator(sort);
  }

  /** Items after the next `settle` (dead ones not counted). */
  get size(): number {
    return this.items.length + this.pending.length - this.deadCount;
  }

  add(item: IndexItem): void {
    this.pending.push(item);
  }

  /** Drops `item` at the next settle; idempotent. */
  kill(item: IndexItem): void {
    if (item.dead) return;
    item.dead = true;
    this.deadCount++;
  }

  /** Every item, in no particular order (a flush marks them all). */
  *all(): Generator<IndexItem> {
    for (const i of this.items) if (!i.dead) yield i;
    for (const i of this.pending) if (!i.dead) yield i;
  }

  /** Brings `items` up to date: one pass for removals, one merge for newcomers. */
  settle(): void {
    if (this.deadCount > 0) {
      this.items = this.items.filter((i) => !i.dead);
      this.pending = this.pending.filter((i) => !i.dead);
      this.deadCount = 0;
    }
    const adding = this.pending;
    if (adding.length === 0) return;
    this.pending = [];
    if (adding.length <= SPLICE_LIMIT) {
      for (const item of adding) this.items.splice(this.lowerBound(item), 0, item);
      return;
    }
    adding.sort(this.cmp);
    this.items = this.items.length === 0 ? adding : merge(this.items, adding, this.cmp);
  }

  /** Items `offset…offset+limit` (call `settle` first). */
  slice(offset: number, limit: number): IndexItem[] {
    return this.items.slice(offset, offset + limit);
  }

  private lowerBound(item: IndexItem): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.items[mid] as IndexItem, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
