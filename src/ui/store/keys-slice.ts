import type { StateCreator } from 'zustand';
import type { Batch, SortSpec, TableQuery, TableRow, TableWindow, TtlFilter } from '../../worker/protocol.ts';
import { keepRows } from './keep-rows.ts';

/**
 * The key table's state on the page: the filter, sort and selection the user chose, and the window
 * of rows the worker sorted and filtered for it (worker/table-view.ts). The page never holds the
 * whole keyspace: it says which rows it shows (plus a margin) and the worker sends them, and sends
 * them again whenever they change, so a million keys expiring together cost the page one message a
 * frame of a hundred rows.
 */

export type { SortColumn, SortSpec, TtlFilter } from '../../worker/protocol.ts';

/** A key as the table shows it: live, or just removed and about to leave (a "ghost"). */
export type RowState = TableRow;

/** Where the page's table requests go (the worker client binds it; tests bind a fake). */
export interface TableRequests {
  view(query: TableQuery): void;
}

export interface TableState {
  readonly db: number;
  /** Rows `offset…offset+rows.length` of `total`, in table order. */
  readonly offset: number;
  readonly rows: readonly RowState[];
  /** Rows matching the filter (removed ones on show included) and, of those, the live keys. */
  readonly total: number;
  readonly live: number;
}

export interface KeysSlice {
  table: TableState;
  /** The rows asked for: the visible ones plus a margin. */
  range: { readonly offset: number; readonly limit: number };
  /** db\0key of the selected key, and its row as the worker last sent it (null: it is gone). */
  selectedKey: string | null;
  selectedRow: RowState | null;
  sort: SortSpec;
  pattern: string;
  ttlFilter: TtlFilter;
  selectedDb: number;
  keyCount: number;
  usedBytes: number;
  tableRequests: TableRequests | null;
  /** Connects the slice to a worker (sending the current query at once). */
  bindTable(requests: TableRequests | null): void;
  /** Sends the current query again (a worker that lost it: a reloaded presenter). */
  requestTable(): void;
  applyTable(window: TableWindow): void;
  /** What `applyTable` would set (null: the window is older than what the table asked for since). */
  tablePatch(window: TableWindow): Partial<KeysSlice> | null;
  /** The figures of a batch the table's status needs (database, key count, memory). */
  applyFigures(batch: Pick<Batch, 'selectedDb' | 'keyCount' | 'usedBytes'>): void;
  /** The table shows rows `first…first+count`: asks for them (with a margin) unless it has them. */
  showRange(first: number, count: number): void;
  selectKey(id: string | null): void;
  setPattern(pattern: string): void;
  setTtlFilter(filter: TtlFilter): void;
  setSort(sort: SortSpec): void;
}

export const rowId = (db: number, key: string): string => `${db}\0${key}`;

/** The selected key's row, if the worker's latest word on it is about the key selected now. */
export function selectedRowOf(s: Pick<KeysSlice, 'selectedKey' | 'selectedRow'>): RowState | undefined {
  const r = s.selectedRow;
  return r && s.selectedKey === rowId(r.db, r.key) ? r : undefined;
}

function parseId(id: string | null): { db: number; key: string } | null {
  if (id === null) return null;
  const cut = id.indexOf('\0');
  return { db: Number(id.slice(0, cut)), key: id.slice(cut + 1) };
}

const DEFAULT_SORT: SortSpec = { column: 'key', desc: false };
/** Rows asked for beyond each edge of what shows, at least (so a scroll rarely waits). */
const MIN_MARGIN = 40;
const EMPTY: TableState = { db: 0, offset: 0, rows: [], total: 0, live: 0 };

export const createKeysSlice: StateCreator<KeysSlice, [], [], KeysSlice> = (set, get) => {
  let seq = 0;
  /** The query numbers from which on a window's rows, and its selected row, are current. */
  let rowsFrom = 0;
  let selectionFrom = 0;

  const request = (what: { rows?: boolean; selection?: boolean } = {}) => {
    const s = get();
    seq++;
    if (what.rows) rowsFrom = seq;
    if (what.selection) selectionFrom = seq;
    s.tableRequests?.view({
      seq,
      pattern: s.pattern,
      ttlFilter: s.ttlFilter,
      sort: s.sort,
      offset: s.range.offset,
      limit: s.range.limit,
      selected: parseId(s.selectedKey),
    });
  };

  return {
    table: EMPTY,
    range: { offset: 0, limit: 100 },
    selectedKey: null,
    selectedRow: null,
    sort: DEFAULT_SORT,
    pattern: '*',
    ttlFilter: 'all',
    selectedDb: 0,
    keyCount: 0,
    usedBytes: 0,
    tableRequests: null,

    bindTable(tableRequests) {
      set({ tableRequests });
      request({ rows: true, selection: true });
    },
    requestTable: () => request({ rows: true, selection: true }),

    applyTable(w) {
      const patch = get().tablePatch(w);
      if (patch) set(patch);
    },
    tablePatch(w) {
      const fresh = w.seq >= rowsFrom;
      const selection = w.seq >= selectionFrom;
      if (!fresh && !selection) return null;
      return {
        ...(fresh
          ? {
              table: keepRows(get().table, {
                db: w.db,
                offset: w.offset,
                rows: w.rows,
                total: w.total,
                live: w.live,
              }),
            }
          : {}),
        ...(selection ? { selectedRow: w.selected } : {}),
      };
    },

    applyFigures: (b) => set({ selectedDb: b.selectedDb, keyCount: b.keyCount, usedBytes: b.usedBytes }),

    showRange(first, count) {
      const { range } = get();
      const covered = first >= range.offset && first + count <= range.offset + range.limit;
      // Asked for far more than shows (the table shrank): fine, until the view leaves it.
      if (covered) return;
      const margin = Math.max(MIN_MARGIN, count);
      const offset = Math.max(0, first - margin);
      set({ range: { offset, limit: first - offset + count + margin } });
      request();
    },

    selectKey(id) {
      const row = get().table.rows.find((r) => rowId(r.db, r.key) === id) ?? null;
      set({ selectedKey: id, selectedRow: id === null ? null : row });
      request({ selection: true });
    },
    setPattern(pattern) {
      set({ pattern });
      request({ rows: true });
    },
    setTtlFilter(ttlFilter) {
      set({ ttlFilter });
      request({ rows: true });
    },
    setSort(sort) {
      set({ sort });
      request({ rows: true });
    },
  };
};
