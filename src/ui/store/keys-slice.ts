import type { StateCreator } from 'zustand';
import type { Batch, KeyRemoval, KeyRow } from '../../worker/protocol.ts';
import { SortedRows, type SortSpec } from '../sorted-rows.ts';
import type { AppState } from './index.ts';

/**
 * A key as the table holds it: live, or just removed and about to leave (a "ghost"). `removed` is
 * set on the row in place: a mass expiry marks hundreds of thousands of rows, and copying each one
 * (and moving it in the sorted array) would stall the page.
 */
export interface RowState extends KeyRow {
  removed?: {
    readonly reason: KeyRemoval['reason'];
    readonly command?: string;
    readonly at: number;
  };
}

export type TtlFilter = 'all' | 'volatile' | 'persistent';

export interface KeysSlice {
  /** db\0key → row. Mutated in place; `rowsVersion` says when it changed. */
  rows: Map<string, RowState>;
  /** The same rows in table order, maintained across diffs. */
  sorted: SortedRows;
  sort: SortSpec;
  /** Ids of removed rows still on show. */
  ghosts: Set<string>;
  rowsVersion: number;
  selectedDb: number;
  keyCount: number;
  usedBytes: number;
  selectedKey: string | null;
  pattern: string;
  ttlFilter: TtlFilter;
  applyKeyDiff(batch: Batch, realNow: number): void;
  replaceRows(rows: readonly KeyRow[]): void;
  /** Drops removed rows shown long enough; stops early once performance.now() passes `deadline`. */
  sweepGhosts(realNow: number, deadline?: number): boolean;
  selectKey(id: string | null): void;
  setPattern(pattern: string): void;
  setTtlFilter(filter: TtlFilter): void;
  setSort(sort: SortSpec): void;
}

/** How long a removed row stays visible, marked with how it went. */
export const GHOST_MS = 1500;

export const rowId = (db: number, key: string): string => `${db}\0${key}`;

const DEFAULT_SORT: SortSpec = { column: 'key', desc: false };

type Change = { prev: RowState | undefined; next: RowState };

export const createKeysSlice: StateCreator<AppState, [], [], KeysSlice> = (set, get) => ({
  rows: new Map(),
  sorted: new SortedRows(DEFAULT_SORT),
  sort: DEFAULT_SORT,
  ghosts: new Set(),
  rowsVersion: 0,
  selectedDb: 0,
  keyCount: 0,
  usedBytes: 0,
  selectedKey: null,
  pattern: '*',
  ttlFilter: 'all',

  applyKeyDiff(batch, realNow) {
    const { rows, ghosts, sorted } = get();
    const changes: Change[] = [];
    let marked = 0;
    const markGone = (id: string, row: RowState, removed: NonNullable<RowState['removed']>) => {
      row.removed = removed;
      ghosts.add(id);
      marked++;
    };
    for (const db of batch.flushed) {
      for (const [id, row] of rows) {
        if (row.db === db && !row.removed) markGone(id, row, { reason: 'flush', at: realNow });
      }
    }
    // One shared mark per group of removals with the same cause (a mass expiry is one big group).
    for (const g of batch.removals) {
      const mark: NonNullable<RowState['removed']> =
        g.command === undefined
          ? { reason: g.reason, at: realNow }
          : { reason: g.reason, command: g.command, at: realNow };
      for (const key of g.keys) {
        const id = rowId(g.db, key);
        const row = rows.get(id);
        if (row === undefined || row.removed) continue;
        markGone(id, row, mark);
      }
    }
    for (const row of batch.upserts) {
      const id = rowId(row.db, row.key);
      changes.push({ prev: rows.get(id), next: row });
      rows.set(id, row);
      ghosts.delete(id);
    }
    if (changes.length > 0) sorted.apply(changes);
    const changed = changes.length > 0 || marked > 0;
    set({
      rowsVersion: changed ? get().rowsVersion + 1 : get().rowsVersion,
      selectedDb: batch.selectedDb,
      keyCount: batch.keyCount,
      usedBytes: batch.usedBytes,
    });
  },

  replaceRows(list) {
    const rows = new Map<string, RowState>();
    for (const row of list) rows.set(rowId(row.db, row.key), row);
    get().sorted.rebuild(rows.values());
    set({ rows, ghosts: new Set(), rowsVersion: get().rowsVersion + 1 });
  },

  sweepGhosts(realNow, deadline = Number.POSITIVE_INFINITY) {
    const { rows, ghosts, sorted } = get();
    const gone: RowState[] = [];
    let more = false;
    // Ghosts are added in removal order, so the sweep stops at the first one still on show.
    for (const id of ghosts) {
      if ((gone.length & 1023) === 1023 && performance.now() > deadline) {
        more = true;
        break;
      }
      const row = rows.get(id);
      if (!row?.removed) {
        ghosts.delete(id);
      } else if (realNow - row.removed.at > GHOST_MS) {
        gone.push(row);
        rows.delete(id);
        ghosts.delete(id);
      } else break;
    }
    if (gone.length > 0) {
      sorted.remove(gone);
      set({ rowsVersion: get().rowsVersion + 1 });
    }
    return more;
  },

  selectKey: (id) => set({ selectedKey: id }),
  setPattern: (pattern) => set({ pattern }),
  setTtlFilter: (ttlFilter) => set({ ttlFilter }),
  setSort(sort) {
    get().sorted.rebuild(get().rows.values(), sort);
    set({ sort, rowsVersion: get().rowsVersion + 1 });
  },
});
