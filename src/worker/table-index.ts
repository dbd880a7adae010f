import type { Entry } from '../engine/keyspace.ts';
import type { KeyRow, RemovedMark, SortSpec } from './protocol-keys.ts';

/**
 * The key table of one database under one filter and sort, kept in order on the worker across
 * changes, so that the page asks for rows `offset…offset+limit` and gets them without holding the
 * rest. A removal only flags its item and takes it out of a Fenwick tree of live items (O(log n)),
 * through which the k-th live row is found in O(log n); flagged items are dropped when the next
 * newcomers are merged in (one pass per frame that created any: they are sorted among themselves
 * and merged) or all at once when none is left live. So a million keys expiring together cost
 * O(log n) each, spread over the frames they go in, and no frame walks the whole table.
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
  /** Left the index; dropped when the index is next compacted. */
  dead?: boolean;
  /** Its place in the sorted array (-1: not merged in yet). */
  at?: number;
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
  /** Sorted; dead items stay until compacted. */
  private items: IndexItem[] = [];
  /** Fenwick tree over `items`: 1 for each live item. */
  private tree = new Int32Array(1);
  private live = 0;
  private deadInItems = 0;
  private pending: IndexItem[] = [];
  private pendingDead = 0;
  private readonly cmp: Compare;

  constructor(sort: SortSpec) {
    this.cmp = comparator(sort);
  }

  /** Live items (newcomers not merged yet included). */
  get size(): number {
    return this.live + this.pending.length - this.pendingDead;
  }

  add(item: IndexItem): void {
    item.at = -1;
    this.pending.push(item);
  }

  /** Takes `item` out; idempotent. */
  kill(item: IndexItem): void {
    if (item.dead) return;
    item.dead = true;
    const at = item.at ?? -1;
    if (at < 0) {
      this.pendingDead++;
      return;
    }
    this.live--;
    this.deadInItems++;
    for (let i = at + 1; i < this.tree.length; i += i & -i) (this.tree[i] as number)--;
  }

  /** Every live item, in no particular order (a flush marks them all). */
  *all(): Generator<IndexItem> {
    for (const i of this.items) if (!i.dead) yield i;
    for (const i of this.pending) if (!i.dead) yield i;
  }

  /**
   * Merges the newcomers in (one pass, dropping the flagged items on the way); with none, nothing,
   * since a removal is already out of the tree (an index left with no live item is emptied).
   */
  settle(): void {
    const adding = this.pending.length > this.pendingDead;
    if (!adding) {
      this.pending = [];
      this.pendingDead = 0;
      if (this.live === 0 && this.items.length > 0) {
        this.items = [];
        this.rebuild();
      }
      return;
    }
    const kept = this.deadInItems > 0 ? this.items.filter((i) => !i.dead) : this.items;
    const fresh = this.pendingDead > 0 ? this.pending.filter((i) => !i.dead) : this.pending;
    this.pending = [];
    this.pendingDead = 0;
    fresh.sort(this.cmp);
    this.items = fresh.length === 0 ? kept : kept.length === 0 ? fresh : merge(kept, fresh, this.cmp);
    this.rebuild();
  }

  /** Live items `offset…offset+limit`, in order. */
  slice(offset: number, limit: number): IndexItem[] {
    const out: IndexItem[] = [];
    const end = Math.min(this.live, offset + limit);
    for (let k = offset; k < end; k++) out.push(this.items[this.find(k)] as IndexItem);
    return out;
  }

  /** The place in `items` of the k-th live item (0-based), by descending the tree. */
  private find(k: number): number {
    const n = this.tree.length - 1;
    let pos = 0;
    let rest = k + 1;
    for (let step = 1 << Math.floor(Math.log2(Math.max(1, n))); step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= n && (this.tree[next] as number) < rest) {
        pos = next;
        rest -= this.tree[next] as number;
      }
    }
    return pos;
  }

  private rebuild(): void {
    const n = this.items.length;
    const tree = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      (this.items[i] as IndexItem).at = i;
      tree[i + 1] = 1;
    }
    for (let i = 1; i <= n; i++) {
      const j = i + (i & -i);
      if (j <= n) tree[j] = (tree[j] as number) + (tree[i] as number);
    }
    this.tree = tree;
    this.live = n;
    this.deadInItems = 0;
  }
}
