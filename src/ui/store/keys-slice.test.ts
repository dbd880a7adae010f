import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { TableQuery } from '../../worker/protocol.ts';
import { createKeysSlice, type KeysSlice, rowId, selectedRowOf } from './keys-slice.ts';
import { tableRow, tableWindow } from './table-fixtures.ts';

/** The slice alone, with a fake worker that records every window asked for. */
function setup() {
  const store = create<KeysSlice>()(createKeysSlice);
  const asked: TableQuery[] = [];
  store.getState().bindTable({ view: (q) => asked.push(q) });
  const last = () => asked.at(-1) as TableQuery;
  return { store, s: () => store.getState(), asked, last };
}

const row = tableRow;
const windowOf = tableWindow;

describe('keys slice', () => {
  it('asks the worker for its window as soon as it is bound', () => {
    const t = setup();
    expect(t.asked).toEqual([
      {
        seq: 1,
        pattern: '*',
        ttlFilter: 'all',
        sort: { column: 'key', desc: false },
        offset: 0,
        limit: 100,
        selected: null,
      },
    ]);
  });

  it('sends a new query when the filter or sort changes, and ignores windows of the old one', () => {
    const t = setup();
    t.s().applyTable(windowOf(1, [row('a'), row('b')]));
    t.s().setPattern('user:*');
    expect(t.last()).toMatchObject({ seq: 2, pattern: 'user:*' });
    // A window sent before the worker saw the new pattern says nothing about it.
    t.s().applyTable(windowOf(1, [row('a'), row('b'), row('c')]));
    expect(t.s().table.rows.map((r) => r.key)).toEqual(['a', 'b']);
    t.s().applyTable(windowOf(2, [row('user:1')], { total: 7, live: 6 }));
    expect(t.s().table).toMatchObject({ total: 7, live: 6, offset: 0 });
    t.s().setTtlFilter('volatile');
    t.s().setSort({ column: 'ttl', desc: true });
    expect(t.last()).toMatchObject({ seq: 4, ttlFilter: 'volatile', sort: { column: 'ttl', desc: true } });
  });

  it('asks for rows only when what shows leaves what it asked for, with a margin each side', () => {
    const t = setup();
    const before = t.asked.length;
    t.s().showRange(0, 30);
    t.s().showRange(50, 30);
    expect(t.asked.length).toBe(before);
    t.s().showRange(5000, 30);
    expect(t.last()).toMatchObject({ offset: 4960, limit: 110 });
    t.s().showRange(5010, 30);
    expect(t.asked.length).toBe(before + 1);
    // A taller table asks for a margin as tall as itself.
    t.s().showRange(5000, 200);
    expect(t.last()).toMatchObject({ offset: 4800, limit: 600 });
  });

  it('a window for an earlier scroll still places its rows where they belong', () => {
    const t = setup();
    t.s().showRange(5000, 30);
    t.s().applyTable(windowOf(1, [row('x')], { offset: 0, total: 9000 }));
    expect(t.s().table).toMatchObject({ offset: 0, total: 9000 });
  });

  it('keeps the selected row the worker sends, even scrolled away, and only for that key', () => {
    const t = setup();
    t.s().applyTable(windowOf(1, [row('a'), row('b')]));
    t.s().selectKey(rowId(0, 'b'));
    expect(t.last().selected).toEqual({ db: 0, key: 'b' });
    expect(selectedRowOf(t.s())?.key).toBe('b');
    const gone = row('b', { removed: { reason: 'lazy', command: 'get', at: 0 }, version: 2 });
    t.s().applyTable(windowOf(t.last().seq, [row('a'), gone], { selected: gone }));
    expect(selectedRowOf(t.s())?.removed?.command).toBe('get');
    // Another key selected: a late word about the old one is not taken for it.
    t.s().selectKey(rowId(0, 'a'));
    t.s().applyTable(windowOf(t.last().seq - 1, [], { selected: gone }));
    expect(selectedRowOf(t.s())?.key).toBe('a');
    t.s().selectKey(null);
    expect(selectedRowOf(t.s())).toBeUndefined();
    expect(t.last().selected).toBeNull();
  });

  it('takes the database, key count and memory from each batch', () => {
    const t = setup();
    t.s().applyFigures({ selectedDb: 3, keyCount: 12, usedBytes: 900 });
    expect([t.s().selectedDb, t.s().keyCount, t.s().usedBytes]).toEqual([3, 12, 900]);
  });
});
