import type { StateCreator } from 'zustand';
import type { Batch, KeyRemoval, KeyRow } from '../../worker/protocol.ts';
import { SortedRows, type SortSpec } from '../sorted-rows.ts';
import type { AppState } from './index.ts';

/** A key as the table holds it: live, or just removed and about to leave (a "ghost"). */
export interface RowState extends KeyRow {
  readonly removed?: {
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
  sweepGhosts(realNow: number): void;
  selectKey(id: string | null): void;
  setPattern(pattern: string): void;
  setTtlFilter(filter: TtlFilter): void;
  setSort(sort: SortSpec): void;
}

/** How long a removed row stays visible, marked with how it went. */
export const GHOST_MS = 1500;

export const rowId = (db: number, key: string): string => `${db}\0${key}`;

const DEFAULT_SORT: SortSpec = { column: 'key', desc: false };

type Change = { prev: RowState | undefined; next: RowState | undefined };

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
    const put = (id: string, next: RowState) => {
      changes.push({ prev: rows.get(id), next });
      rows.set(id, next);
    };
    for (const db of batch.flushed) {
      for (const [id, row] of rows) {
        if (row.db === db && !row.removed) {
          put(id, { ...row, removed: { reason: 'flush', at: realNow } });
          ghosts.add(id);
        }
      }
    }
    for (const r of batch.removals) {
      const id = rowId(r.db, r.key);
      const row = rows.get(id);
      if (row) {
        const removed =
          r.command === undefined
            ? { reason: r.reason, at: realNow }
            : { reason: r.reason, command: r.command, at: realNow };
        put(id, { ...row, removed });
        ghosts.add(id);
      }
    }
    for (const row of batch.upserts) {
      const id = rowId(row.db, row.key);
      put(id, row);
      ghosts.delete(id);
    }
    if (changes.length > 0) sorted.apply(changes, () => rows.values());
    set({
      rowsVersion: changes.length > 0 ? get().rowsVersion + 1 : get().rowsVersion,
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

  sweepGhosts(realNow) {
    const { rows, ghosts, sorted } = get();
    const changes: Change[] = [];
    for (const id of ghosts) {
      const row = rows.get(id);
      if (!row?.removed) {
        ghosts.delete(id);
      } else if (realNow - row.removed.at > GHOST_MS) {
        changes.push({ prev: row, next: undefined });
        rows.delete(id);
        ghosts.delete(id);
      }
    }
    if (changes.length > 0) {
      sorted.apply(changes, () => rows.values());
      set({ rowsVersion: get().rowsVersion + 1 });
    }
  },

  selectKey: (id) => set({ selectedKey: id }),
  setPattern: (pattern) => set({ pattern }),
  setTtlFilter: (ttlFilter) => set({ ttlFilter }),
  setSort(sort) {
    get().sorted.rebuild(get().rows.values(), sort);
    set({ sort, rowsVersion: get().rowsVersion + 1 });
  },
});
