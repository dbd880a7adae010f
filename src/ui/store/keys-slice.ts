import type { StateCreator } from 'zustand';
import type { Batch, KeyRemoval, KeyRow } from '../../worker/protocol.ts';
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
}

/** How long a removed row stays visible, marked with how it went. */
export const GHOST_MS = 1500;

export const rowId = (db: number, key: string): string => `${db}\0${key}`;

export const createKeysSlice: StateCreator<AppState, [], [], KeysSlice> = (set, get) => ({
  rows: new Map(),
  rowsVersion: 0,
  selectedDb: 0,
  keyCount: 0,
  usedBytes: 0,
  selectedKey: null,
  pattern: '*',
  ttlFilter: 'all',

  applyKeyDiff(batch, realNow) {
    const rows = get().rows;
    for (const db of batch.flushed) {
      for (const [id, row] of rows) {
        if (row.db === db && !row.removed)
          rows.set(id, { ...row, removed: { reason: 'flush', at: realNow } });
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
        rows.set(id, { ...row, removed });
      }
    }
    for (const row of batch.upserts) rows.set(rowId(row.db, row.key), row);
    const changed = batch.flushed.length + batch.removals.length + batch.upserts.length > 0;
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
    set({ rows, rowsVersion: get().rowsVersion + 1 });
  },

  sweepGhosts(realNow) {
    const rows = get().rows;
    let gone = 0;
    for (const [id, row] of rows) {
      if (row.removed && realNow - row.removed.at > GHOST_MS) {
        rows.delete(id);
        gone++;
      }
    }
    if (gone > 0) set({ rowsVersion: get().rowsVersion + 1 });
  },

  selectKey: (id) => set({ selectedKey: id }),
  setPattern: (pattern) => set({ pattern }),
  setTtlFilter: (ttlFilter) => set({ ttlFilter }),
});
