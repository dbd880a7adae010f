import type { TableRow } from '../../worker/protocol.ts';
import type { TableState } from './keys-slice.ts';

/**
 * A new table window with the previous window's objects wherever nothing changed: each row the
 * same as before stays the same object (so a memoised table row does not render again), and a
 * window equal to the last one in every row and figure is the last one (no render at all). During
 * a mass expiry most windows differ from the one before in a few rows only.
 */
export function keepRows(prev: TableState, next: TableState): TableState {
  const byId = new Map<string, TableRow>();
  for (const r of prev.rows) byId.set(idOf(r), r);
  let same = prev.rows.length === next.rows.length;
  const rows = next.rows.map((r, i) => {
    const old = byId.get(idOf(r));
    const kept = old && sameRow(old, r) ? old : r;
    if (kept !== prev.rows[i]) same = false;
    return kept;
  });
  if (
    same &&
    prev.db === next.db &&
    prev.offset === next.offset &&
    prev.total === next.total &&
    prev.live === next.live
  )
    return prev;
  return { ...next, rows };
}

const idOf = (r: TableRow): string => `${r.db}\0${r.key}`;

/** Every field the table shows or keys on. */
export function sameRow(a: TableRow, b: TableRow): boolean {
  return (
    a.db === b.db &&
    a.key === b.key &&
    a.version === b.version &&
    a.type === b.type &&
    a.size === b.size &&
    a.preview === b.preview &&
    a.encoding === b.encoding &&
    a.deadline === b.deadline &&
    a.ttlGiven === b.ttlGiven &&
    a.fieldTtls?.count === b.fieldTtls?.count &&
    a.fieldTtls?.nearest === b.fieldTtls?.nearest &&
    a.removed?.reason === b.removed?.reason &&
    a.removed?.command === b.removed?.command &&
    a.removed?.at === b.removed?.at
  );
}
