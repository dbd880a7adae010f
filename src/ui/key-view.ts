import { bytesToUtf8, utf8ToBytes } from '../engine/bytes.ts';
import { quoteBytes } from '../engine/format.ts';
import { globMatch } from '../engine/glob.ts';
import type { RowState, TtlFilter } from './store/keys-slice.ts';

/** Sorting, filtering and naming of key rows for the table (pure, so it is unit tested). */

/** Keys are bytes; the table shows them as UTF-8 text (invalid sequences show as U+FFFD). */
export function displayKey(key: string): string {
  return bytesToUtf8(key);
}

/** A console argument that reproduces the key's exact bytes: redis-cli's own quoting. */
export function keyArgument(key: string): string {
  return quoteBytes(key);
}

/** Filters rows that are already in table order (see sorted-rows.ts). */
export function filterRows(
  rows: readonly RowState[],
  pattern: string,
  ttlFilter: TtlFilter,
): readonly RowState[] {
  const bytesPattern = utf8ToBytes(pattern);
  const all = bytesPattern === '' || bytesPattern === '*';
  if (all && ttlFilter === 'all') return rows;
  return rows.filter((r) => {
    if (ttlFilter === 'volatile' && r.deadline === null) return false;
    if (ttlFilter === 'persistent' && r.deadline !== null) return false;
    return all || globMatch(bytesPattern, r.key);
  });
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
    case 'fields':
      return 'its last field expired';
    case 'command':
      return `deleted by ${r.command ? r.command.toUpperCase() : 'a command'}`;
  }
}
