import { bytesToUtf8 } from '../engine/bytes.ts';
import { quoteBytes } from '../engine/format.ts';
import type { RowState } from './store/keys-slice.ts';

/** Naming of keys and rows for the table (pure, so it is unit tested); the worker sorts and filters. */

/** Keys are bytes; the table shows them as UTF-8 text (invalid sequences show as U+FFFD). */
export function displayKey(key: string): string {
  return bytesToUtf8(key);
}

/** A console argument that reproduces the key's exact bytes: redis-cli's own quoting. */
export function keyArgument(key: string): string {
  return quoteBytes(key);
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
