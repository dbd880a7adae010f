import {
  type ColumnDef,
  FlexRender,
  functionalUpdate,
  type Row,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import { memo, useEffect, useMemo, useRef } from 'react';
import { formatClockTime, formatInstant } from '../format-time.ts';
import { displayKey, removalLabel } from '../key-view.ts';
import { useRootFontPx } from '../scale.ts';
import { useApp } from '../store/index.ts';
import { type RowState, rowId, type SortColumn } from '../store/keys-slice.ts';
import { TtlCell } from './TtlCell.tsx';
import '../keys/key-table.css';
import { useRowWindow } from './use-row-window.ts';

/**
 * The live key table: one row per key of the console's database, virtualized (only visible rows are
 * in the DOM; rows are all one height, so which are on screen follows from the scroll position,
 * use-row-window.ts). The worker sorts and filters (worker/table-view.ts) and the page holds only the rows
 * it shows plus a margin: as it scrolls or resizes it asks for others (keys-slice.ts `showRange`);
 * a row not come yet is drawn empty for the moment it takes. TanStack Table owns the columns,
 * headers and the sorting state the headers toggle.
 */

const features = tableFeatures({ rowSortingFeature });
/** Row and header heights in root ems (2 em = 26 px at the 13 px default); presentation rows hold big digits. */
const ROW_EM = 2;
const PRESENT_ROW_EM = 2.5;
const HEADER_EM = 2.3;

/** `timeOfDay`: "Expires at" without the date (presentation mode: the date is today's, and wide). */
function useColumns(zone: 'local' | 'utc', timeOfDay: boolean): ColumnDef<typeof features, RowState>[] {
  return useMemo(
    () => [
      {
        id: 'key',
        header: 'Key',
        accessorFn: (r) => r.key,
        cell: (c) => <span className="key-name">{displayKey(c.row.original.key)}</span>,
      },
      {
        id: 'type',
        header: 'Type',
        accessorFn: (r) => r.type,
        cell: (c) => <span className={`type type-${c.row.original.type}`}>{c.row.original.type}</span>,
      },
      {
        id: 'value',
        header: 'Value',
        accessorFn: (r) => r.preview,
        cell: (c) => <span className="preview">{c.row.original.preview}</span>,
      },
      {
        id: 'ttl',
        header: 'TTL',
        accessorFn: (r) => r.deadline ?? Number.POSITIVE_INFINITY,
        cell: (c) => {
          const r = c.row.original;
          if (r.removed) return <span className={`gone gone-${r.removed.reason}`}>{removalLabel(r)}</span>;
          return (
            <span className="ttl-cell">
              <TtlCell label={`TTL of ${displayKey(r.key)}`} deadline={r.deadline} total={r.ttlGiven} />
              {r.fieldTtls && <FieldTtlBadge row={r} zone={zone} />}
            </span>
          );
        },
      },
      {
        id: 'expires',
        header: 'Expires at',
        accessorFn: (r) => r.deadline ?? Number.POSITIVE_INFINITY,
        cell: (c) => {
          const r = c.row.original;
          if (r.deadline === null && r.fieldTtls && !r.removed) {
            const t = r.fieldTtls.nearest;
            return (
              <span className="instant field-instant" title={`field ${formatInstant(t, zone)}`}>
                field {timeOfDay ? formatClockTime(t, zone) : formatInstant(t, zone)}
              </span>
            );
          }
          if (r.deadline === null) return <span className="instant">—</span>;
          return (
            <span className="instant" title={formatInstant(r.deadline, zone)}>
              {timeOfDay ? formatClockTime(r.deadline, zone) : formatInstant(r.deadline, zone)}
            </span>
          );
        },
      },
    ],
    [zone, timeOfDay],
  );
}

/** How many fields of a hash (members of a set) have their own TTL, and the nearest deadline. */
function FieldTtlBadge({ row, zone }: { row: RowState; zone: 'local' | 'utc' }) {
  const f = row.fieldTtls;
  if (!f) return null;
  const what = `${f.count} ${row.type === 'set' ? 'member' : 'field'}${f.count === 1 ? '' : 's'}`;
  const text = `${what} with a TTL, the nearest at ${formatInstant(f.nearest, zone)}`;
  return (
    <span className="field-ttl-badge" title={text} role="note" aria-label={`${displayKey(row.key)}: ${text}`}>
      {what}
    </span>
  );
}

/** What an empty table says: what will appear here, or that the filter hides what there is. */
function emptyText(anyKeys: boolean, pattern: string, filter: string): string {
  if (pattern !== '*' && pattern !== '') return `No keys match ${pattern}.`;
  if (filter === 'volatile') return 'No keys with a TTL.';
  if (filter === 'persistent') return 'No keys without a TTL.';
  if (anyKeys) return 'No keys in this database.';
  return 'No keys yet. Each key you create shows here with its type, value and a bar that drains as its time to live runs out; try PSETEX mykey 2000 "Hello" in the console.';
}

interface RowProps {
  id: string;
  r: RowState;
  /** TanStack's row for `r`: rebuilt with every window, so it is left out of the comparison. */
  row: Row<typeof features, RowState>;
  index: number;
  selected: boolean;
  rowHeight: number;
  /** What the cells draw with; a row renders again when they change. */
  columns: unknown;
}

const select = (id: string) => {
  const s = useApp.getState();
  s.selectKey(id === s.selectedKey ? null : id);
};

/**
 * One key's row. Memoised on the row's data (keys-slice keeps an unchanged row's object from
 * window to window): during a mass expiry a new window changes a few rows, and only those render.
 */
const KeyTableRow = memo(
  function KeyTableRow({ id, r, row, index, selected, rowHeight }: RowProps) {
    return (
      <tr
        aria-rowindex={index + 2}
        aria-selected={selected}
        tabIndex={0}
        className={`${r.removed ? `ghost ghost-${r.removed.reason}` : ''}${selected ? ' selected' : ''}`}
        style={{ height: rowHeight }}
        onClick={() => select(id)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            select(id);
          }
        }}
      >
        {row.getAllCells().map((cell, i) => (
          <td key={cell.id} className={`col-${cell.column.id}`}>
            {i === 0 && <span key={r.version} className="flash" aria-hidden="true" />}
            <FlexRender cell={cell} />
          </td>
        ))}
      </tr>
    );
  },
  (a, b) =>
    a.id === b.id &&
    a.r === b.r &&
    a.index === b.index &&
    a.selected === b.selected &&
    a.rowHeight === b.rowHeight &&
    a.columns === b.columns,
);

export function KeyTable() {
  const table = useApp((s) => s.table);
  const pattern = useApp((s) => s.pattern);
  const ttlFilter = useApp((s) => s.ttlFilter);
  const selected = useApp((s) => s.selectedKey);
  const zone = useApp((s) => s.timeZone);
  const sort = useApp((s) => s.sort);
  const anyKeys = useApp((s) => (s.stats?.dbs.length ?? 0) > 0);

  const sorting: SortingState = [{ id: sort.column, desc: sort.desc }];
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = functionalUpdate(updater, sorting)[0];
    if (next) useApp.getState().setSort({ column: next.id as SortColumn, desc: next.desc });
  };

  const rootPx = useRootFontPx();
  const presenting = useApp((s) => s.presenting);
  const rowHeight = Math.round(rootPx * (presenting ? PRESENT_ROW_EM : ROW_EM));
  const headerHeight = Math.round(rootPx * HEADER_EM);

  const scrollRef = useRef<HTMLDivElement>(null);
  const { first, count: shown } = useRowWindow(scrollRef, rowHeight, headerHeight, table.total, 10);
  // The worker holds the rest: ask for what shows (and a margin) when it is not here.
  useEffect(() => useApp.getState().showRange(first, shown), [first, shown]);
  const items = Array.from({ length: shown }, (_, n) => first + n);
  const windowRows = items.map((i) => table.rows[i - table.offset]);

  const columns = useColumns(zone, presenting);
  const rt = useTable({
    features,
    columns,
    data: windowRows.filter((r): r is RowState => r !== undefined),
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: false,
    getRowId: (r) => rowId(r.db, r.key),
  });
  const byId = new Map(rt.getRowModel().rows.map((r) => [r.id, r]));
  // Only visible rows are rendered; the wrapper keeps the full scroll height and tbody is moved
  // down to where they belong (no spacer rows, so every table row is a key).
  const padTop = first * rowHeight;

  return (
    <div className="key-table-scroll" ref={scrollRef}>
      <div style={{ height: table.total * rowHeight + headerHeight }}>
        <table
          className={`key-table zone-${zone}`}
          aria-label="Keys"
          aria-rowcount={table.total + 1}
          data-live={table.live}
        >
          <thead>
            {rt.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      className={`col-${h.column.id}`}
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                    >
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        <rt.FlexRender header={h} />
                        <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody style={{ transform: `translateY(${padTop}px)` }}>
            {items.map((index, n) => {
              const r = windowRows[n];
              const id = r && rowId(r.db, r.key);
              const row = id === undefined ? undefined : byId.get(id);
              if (!r || !row || id === undefined) {
                // Not here yet: the worker is sending it.
                return (
                  <tr
                    key={`wait-${index}`}
                    aria-rowindex={index + 2}
                    aria-busy="true"
                    style={{ height: rowHeight }}
                  >
                    <td colSpan={columns.length} />
                  </tr>
                );
              }
              return (
                <KeyTableRow
                  key={id}
                  id={id}
                  r={r}
                  row={row}
                  index={index}
                  selected={selected === id}
                  rowHeight={rowHeight}
                  columns={columns}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      {table.total === 0 && <p className="empty muted">{emptyText(anyKeys, pattern, ttlFilter)}</p>}
    </div>
  );
}
