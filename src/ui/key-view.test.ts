import { describe, expect, it } from 'vitest';
import { displayKey, keyArgument, removalLabel, visibleRows } from './key-view.ts';
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

describe('key table view', () => {
  const rows = [row('user:2', 500), row('user:1', null), row('session:9', 100), row('other', 300, { db: 1 })];

  it('filters by glob (KEYS rules), by TTL and by database', () => {
    expect(visibleRows(rows, 0, 'user:*', 'all', null).map((r) => r.key)).toEqual(['user:2', 'user:1']);
    expect(visibleRows(rows, 0, '*', 'volatile', null).map((r) => r.key)).toEqual(['user:2', 'session:9']);
    expect(visibleRows(rows, 0, '*', 'persistent', null).map((r) => r.key)).toEqual(['user:1']);
    expect(visibleRows(rows, 1, '', 'all', null).map((r) => r.key)).toEqual(['other']);
    // Only ^ negates in Redis globs: [!u] means "! or u".
    expect(visibleRows(rows, 0, '[!u]*', 'all', null).map((r) => r.key)).toEqual(['user:2', 'user:1']);
    expect(visibleRows(rows, 0, '[^u]*', 'all', null).map((r) => r.key)).toEqual(['session:9']);
  });

  it('sorts by key and by time left, keys without a TTL last', () => {
    expect(visibleRows(rows, 0, '*', 'all', { column: 'key', desc: false }).map((r) => r.key)).toEqual([
      'session:9',
      'user:1',
      'user:2',
    ]);
    expect(visibleRows(rows, 0, '*', 'all', { column: 'ttl', desc: false }).map((r) => r.key)).toEqual([
      'session:9',
      'user:2',
      'user:1',
    ]);
    expect(visibleRows(rows, 0, '*', 'all', { column: 'ttl', desc: true }).map((r) => r.key)).toEqual([
      'user:1',
      'user:2',
      'session:9',
    ]);
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
