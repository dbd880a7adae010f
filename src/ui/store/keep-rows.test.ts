import { describe, expect, it } from 'vitest';
import type { TableRow } from '../../worker/protocol.ts';
import { keepRows } from './keep-rows.ts';
import type { TableState } from './keys-slice.ts';
import { tableRow } from './table-fixtures.ts';

const row = (key: string, extra: Partial<TableRow> = {}): TableRow =>
  tableRow(key, { deadline: 5000, ttlGiven: 1000, ...extra });
const table = (rows: TableRow[], extra: Partial<TableState> = {}): TableState => ({
  db: 0,
  offset: 0,
  rows,
  total: rows.length,
  live: rows.filter((r) => !r.removed).length,
  ...extra,
});

describe('keepRows', () => {
  it('keeps the objects of rows that did not change, and takes the new ones of rows that did', () => {
    const before = table([row('a'), row('b'), row('c')]);
    const next = table([
      row('a'),
      row('b', { removed: { reason: 'active', at: 7 } }),
      row('c', { version: 2 }),
      row('d'),
    ]);
    const kept = keepRows(before, next);
    expect(kept).not.toBe(before);
    expect(kept.rows[0]).toBe(before.rows[0]);
    expect(kept.rows[1]).toBe(next.rows[1]);
    expect(kept.rows[2]).toBe(next.rows[2]);
    expect(kept.rows).toEqual(next.rows);
    expect(kept.total).toBe(4);
  });

  it('gives back the same table when nothing it shows changed', () => {
    const before = table([row('a'), row('b', { removed: { reason: 'lazy', command: 'get', at: 3 } })]);
    const same = table([row('a'), row('b', { removed: { reason: 'lazy', command: 'get', at: 3 } })]);
    expect(keepRows(before, same)).toBe(before);
    expect(keepRows(before, { ...same, total: 9 })).not.toBe(before);
    expect(keepRows(before, { ...same, offset: 1 })).not.toBe(before);
  });

  it('notices a changed TTL, field TTLs or removal even when the version is the same', () => {
    const before = table([row('a', { fieldTtls: { count: 1, nearest: 9 } })]);
    for (const change of [
      { deadline: 6000 },
      { ttlGiven: 2000 },
      { fieldTtls: { count: 2, nearest: 9 } },
      { removed: { reason: 'active' as const, at: 1 } },
      { preview: '"w"' },
    ]) {
      const next = table([row('a', { fieldTtls: { count: 1, nearest: 9 }, ...change })]);
      expect(keepRows(before, next).rows[0]).toBe(next.rows[0]);
    }
  });

  it('keeps a row that moved to another place in the window', () => {
    const before = table([row('a'), row('b')]);
    const next = table([row('b'), row('a')]);
    const kept = keepRows(before, next);
    expect(kept).not.toBe(before);
    expect(kept.rows[0]).toBe(before.rows[1]);
    expect(kept.rows[1]).toBe(before.rows[0]);
  });
});
