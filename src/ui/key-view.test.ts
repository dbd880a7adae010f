import { describe, expect, it } from 'vitest';
import { displayKey, filterRows, keyArgument, removalLabel } from './key-view.ts';
import { SortedRows } from './sorted-rows.ts';
import type { RowState } from './store/keys-slice.ts';

const row = (key: string, deadline: number | null, extra: Partial<RowState> = {}): RowState => ({
  db: 0,
  key,
  type: 'string',
  size: 1,
  preview: '"v"',
  encoding: 'embstr',
  deadline,
  ttlGiven: deadline === null ? null : 1000,
  version: 1,
  ...extra,
});

const keys = (rows: readonly RowState[]) => rows.map((r) => r.key);

describe('key table rows', () => {
  const rows = [row('user:2', 500), row('user:1', null), row('session:9', 100), row('other', 300, { db: 1 })];

  it('keeps rows sorted by database, then the chosen column', () => {
    const sorted = new SortedRows({ column: 'key', desc: false });
    sorted.rebuild(rows);
    expect(keys(sorted.forDb(0))).toEqual(['session:9', 'user:1', 'user:2']);
    expect(keys(sorted.forDb(1))).toEqual(['other']);
    sorted.rebuild(rows, { column: 'ttl', desc: false });
    expect(keys(sorted.forDb(0))).toEqual(['session:9', 'user:2', 'user:1']);
    sorted.rebuild(rows, { column: 'ttl', desc: true });
    expect(keys(sorted.forDb(0))).toEqual(['user:1', 'user:2', 'session:9']);
  });

  it('moves, adds and removes rows incrementally, matching a full sort', () => {
    const sorted = new SortedRows({ column: 'ttl', desc: false });
    sorted.rebuild(rows);
    const moved = row('user:1', 50);
    sorted.apply(
      [
        { prev: rows[1], next: moved },
        { prev: undefined, next: row('new', 200) },
        { prev: rows[0], next: undefined },
      ],
      () => [],
    );
    expect(keys(sorted.forDb(0))).toEqual(['user:1', 'session:9', 'new']);
    const reference = new SortedRows({ column: 'ttl', desc: false });
    reference.rebuild([moved, row('new', 200), rows[2] as RowState, rows[3] as RowState]);
    expect(keys(sorted.forDb(0))).toEqual(keys(reference.forDb(0)));
  });

  it('filters by glob (KEYS rules) and by TTL', () => {
    const sorted = new SortedRows({ column: 'key', desc: false });
    sorted.rebuild(rows);
    const db0 = sorted.forDb(0);
    expect(keys(filterRows(db0, 'user:*', 'all'))).toEqual(['user:1', 'user:2']);
    expect(keys(filterRows(db0, '*', 'volatile'))).toEqual(['session:9', 'user:2']);
    expect(keys(filterRows(db0, '*', 'persistent'))).toEqual(['user:1']);
    // Only ^ negates in Redis globs: [!u] means "! or u".
    expect(keys(filterRows(db0, '[!u]*', 'all'))).toEqual(['user:1', 'user:2']);
    expect(keys(filterRows(db0, '[^u]*', 'all'))).toEqual(['session:9']);
  });

  it('shows bytes as UTF-8 and quotes keys so the console gets the same bytes back', () => {
    expect(displayKey('caf\xc3\xa9')).toBe('café');
    expect(keyArgument('a b"\\\xc3\xa9')).toBe('"a b\\"\\\\\\xc3\\xa9"');
  });

  it('says how a removed key went', () => {
    expect(removalLabel(row('k', 1, { removed: { reason: 'lazy', command: 'get', at: 0 } }))).toBe(
      'expired on access (GET)',
    );
    expect(removalLabel(row('k', 1, { removed: { reason: 'active', at: 0 } }))).toBe(
      'expired by the active cycle',
    );
    expect(removalLabel(row('k', 1, { removed: { reason: 'command', command: 'del', at: 0 } }))).toBe(
      'deleted by DEL',
    );
  });
});
