import {
  type ColumnDef,
  functionalUpdate,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { formatClockTime, formatInstant } from '../format-time.ts';
import { displayKey, filterRows, removalLabel } from '../key-view.ts';
import { useRootFontPx } from '../scale.ts';
import type { SortColumn } from '../sorted-rows.ts';
import { useApp } from '../store/index.ts';
import { type RowState, rowId } from '../store/keys-slice.ts';
import { useThrottled } from '../use-throttled.ts';
import { TtlCell } from './TtlCell.tsx';
import '../keys/key-table.css';

/**
 * The live key table: one row per key of the console's database, virtualized (only visible rows are
 * in the DOM, and only they are handed to TanStack Table, so 100,000 keys scroll smoothly). Rows come
 * already sorted from the store (kept in order across diffs, see sorted-rows.ts) and are filtered here;
 * TanStack Table owns the columns, headers and the sorting state the headers toggle.
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
function emptyText(total: number, pattern: string, filter: string): string {
  if (pattern !== '*' && pattern !== '') return `No keys match ${pattern}.`;
  if (filter === 'volatile') return 'No keys with a TTL.';
  if (filter === 'persistent') return 'No keys without a TTL.';
  if (total > 0) return 'No keys in this database.';
  return 'No keys yet. Each key you create shows here with its type, value and a bar that drains as its time to live runs out; try PSETEX mykey 2000 "Hello" in the console.';
}

export function KeyTable() {
  const rowsVersion = useApp((s) => s.rowsVersion);
  const db = useApp((s) => s.selectedDb);
  const pattern = useApp((s) => s.pattern);
  const ttlFilter = useApp((s) => s.ttlFilter);
  const selected = useApp((s) => s.selectedKey);
  const zone = useApp((s) => s.timeZone);
  const sort = useApp((s) => s.sort);
  const total = useApp.getState().rows.size;
  const version = useThrottled(rowsVersion, total > 200_000 ? 1000 : total > 20_000 ? 200 : 0);

  const data = useMemo(() => {
    void version;
    return filterRows(useApp.getState().sorted.forDb(db), pattern, ttlFilter);
  }, [version, db, pattern, ttlFilter]);

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
  const virtualizer = useVirtualizer({
    count: data.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  // Rows are placed from their size: a new scale moves every one of them.
  useEffect(() => {
    void rowHeight;
    virtualizer.measure();
  }, [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const windowRows = items.map((i) => data[i.index] as RowState);

  const columns = useColumns(zone, presenting);
  const table = useTable({
    features,
    columns,
    data: windowRows,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: false,
    getRowId: (r) => rowId(r.db, r.key),
  });
  const rows = table.getRowModel().rows;
  // Only visible rows are rendered; the wrapper keeps the full scroll height and tbody is moved
  // down to where they belong (no spacer rows, so every table row is a key).
  const padTop = items[0]?.start ?? 0;

  const select = (id: string) => useApp.getState().selectKey(id === selected ? null : id);

  return (
    <div className="key-table-scroll" ref={scrollRef}>
      <div style={{ height: virtualizer.getTotalSize() + headerHeight }}>
        <table className={`key-table zone-${zone}`} aria-label="Keys" aria-rowcount={data.length + 1}>
          <thead>
            {table.getHeaderGroups().map((hg) => (
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
                        <table.FlexRender header={h} />
                        <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody style={{ transform: `translateY(${padTop}px)` }}>
            {items.map((item, n) => {
              const row = rows[n];
              if (!row) return null;
              const r = row.original;
              const id = row.id;
              return (
                <tr
                  key={id}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected === id}
                  tabIndex={0}
                  className={`${r.removed ? `ghost ghost-${r.removed.reason}` : ''}${selected === id ? ' selected' : ''}`}
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
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.length === 0 && <p className="empty muted">{emptyText(total, pattern, ttlFilter)}</p>}
    </div>
  );
}
