import { bytesToUtf8, utf8ToBytes } from '../engine/bytes.ts';
import { quoteBytes } from '../engine/format.ts';
import { globMatch } from '../engine/glob.ts';
import type { RowState, TtlFilter } from './store/keys-slice.ts';

/** Sorting, filtering and naming of key rows for the table (pure, so it is unit tested). */

export type SortColumn = 'key' | 'type' | 'value' | 'ttl' | 'expires';
export interface SortSpec {
  readonly column: SortColumn;
  readonly desc: boolean;
}

/** Keys are bytes; the table shows them as UTF-8 text (invalid sequences show as U+FFFD). */
export function displayKey(key: string): string {
  return bytesToUtf8(key);
}

/** A console argument that reproduces the key's exact bytes: redis-cli's own quoting. */
export function keyArgument(key: string): string {
  return quoteBytes(key);
}

const byDeadline = (a: RowState, b: RowState) => {
  // Keys without a TTL sort after every deadline.
  const da = a.deadline ?? Number.POSITIVE_INFINITY;
  const db = b.deadline ?? Number.POSITIVE_INFINITY;
  return da - db;
};

const COMPARE: Record<SortColumn, (a: RowState, b: RowState) => number> = {
  key: (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  type: (a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  value: (a, b) => (a.preview < b.preview ? -1 : a.preview > b.preview ? 1 : 0),
  ttl: byDeadline,
  expires: byDeadline,
};

export function visibleRows(
  rows: Iterable<RowState>,
  db: number,
  pattern: string,
  ttlFilter: TtlFilter,
  sort: SortSpec | null,
): RowState[] {
  const bytesPattern = utf8ToBytes(pattern);
  const all = bytesPattern === '' || bytesPattern === '*';
  const out: RowState[] = [];
  for (const r of rows) {
    if (r.db !== db) continue;
    if (ttlFilter === 'volatile' && r.deadline === null) continue;
    if (ttlFilter === 'persistent' && r.deadline !== null) continue;
    if (!all && !globMatch(bytesPattern, r.key)) continue;
    out.push(r);
  }
  if (sort) {
    const cmp = COMPARE[sort.column];
    const keyTie = COMPARE.key;
    out.sort((a, b) => {
      const c = cmp(a, b) || keyTie(a, b);
      return sort.desc ? -c : c;
    });
  }
  return out;
}

/** What a removed row says about how it went. */
export function removalLabel(row: RowState): string {
  const r = row.removed;
  if (!r) return '';
  switch (r.reason) {
    case 'lazy':
      return `expired on access${r.command ? ` (${r.command.toUpperCase()})` : ''}`;
    case 'active':
      return 'expired by the active cycle';
    case 'flush':
      return 'flushed';
    case 'command':
      return `deleted by ${r.command ? r.command.toUpperCase() : 'a command'}`;
  }
}
