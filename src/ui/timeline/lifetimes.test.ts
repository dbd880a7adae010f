import { describe, expect, it } from 'vitest';
import type { KeyRemoval, KeyRow } from '../../worker/protocol.ts';
import { countLifetimes, LifetimeStore } from './lifetimes.ts';

const row = (key: string, deadline: number | null, ttlGiven: number | null, db = 0): KeyRow => ({
  db,
  key,
  type: 'string',
  size: 1,
  preview: '"v"',
  encoding: 'embstr',
  deadline,
  ttlGiven,
  version: 1,
});
const gone = (
  key: string,
  reason: KeyRemoval['reason'],
  at: number,
  extra: Partial<KeyRemoval> = {},
): KeyRemoval => ({
  db: 0,
  key,
  reason,
  at,
  ...extra,
});

describe('LifetimeStore', () => {
  it('records set time, deadline, and when and how each key left', () => {
    const s = new LifetimeStore();
    s.upsert(row('a', 1100, 100), 1000);
    s.upsert(row('b', 1200, 200), 1000);
    s.upsert(row('c', 1300, 300), 1000);
    s.upsert(row('p', null, null), 1000);
    s.remove(gone('a', 'lazy', 1150, { command: 'get' }));
    s.remove(gone('b', 'active', 1210, { cycle: 12 }));
    s.remove(gone('c', 'command', 1250, { command: 'del' }));
    expect([...s].map((l) => [l.key, l.setAt, l.deadline, l.end, l.how, l.cause])).toEqual([
      ['a', 1000, 1100, 1150, 'lazy', 'lazy, on access by GET'],
      ['b', 1000, 1200, 1210, 'active', 'active cycle #12'],
      ['c', 1000, 1300, 1250, 'command', 'DEL'],
    ]);
    expect(countLifetimes(s, 1400)).toEqual({ live: 0, stale: 0, removed: 3, active: 1, lazy: 1 });
  });

  it('ends a lifetime on PERSIST, starts a new one on a new deadline, ignores value-only writes', () => {
    const s = new LifetimeStore();
    s.upsert(row('k', 2000, 1000), 1000);
    s.upsert(row('k', 2000, 1000), 1200); // APPEND: same deadline
    s.upsert(row('k', 5000, 3000), 2000); // EXPIRE again at 2000
    s.upsert(row('k', null, null), 2500); // PERSIST
    expect([...s].map((l) => [l.setAt, l.deadline, l.end, l.how])).toEqual([
      [1000, 2000, 2000, 'replaced'],
      [2000, 5000, 2500, 'persisted'],
    ]);
    expect(countLifetimes(s, 2600).removed).toBe(2);
  });

  it('tells live keys from stale ones, ends them on a flush of their database only', () => {
    const s = new LifetimeStore();
    s.upsert(row('x', 1100, 100), 1000);
    s.upsert(row('y', 5000, 4000), 1000);
    s.upsert(row('z', 5000, 4000, 1), 1000);
    expect(countLifetimes(s, 2000)).toEqual({ live: 2, stale: 1, removed: 0, active: 0, lazy: 0 });
    s.flush(0, 2100);
    expect([...s].map((l) => l.how)).toEqual(['flush', 'flush', null]);
  });

  it('draws a key created and removed between two batches from its removal alone', () => {
    const s = new LifetimeStore();
    s.remove(gone('brief', 'active', 1300, { cycle: 3, deadline: 1200, ttlGiven: 200 }));
    s.remove(gone('never-volatile', 'command', 1300, { command: 'del' }));
    expect([...s].map((l) => [l.key, l.setAt, l.deadline, l.end, l.cause])).toEqual([
      ['brief', 1000, 1200, 1300, 'active cycle #3'],
    ]);
  });

  it('keeps the most recently set lifetimes up to its bound, whatever passes through', () => {
    const s = new LifetimeStore(100);
    for (let i = 0; i < 100_000; i++) s.upsert(row(`k${i}`, 10_000 + i, 1000), 9000 + i);
    for (let i = 0; i < 100_000; i++) s.remove(gone(`k${i}`, 'active', 20_000, { cycle: 1 }));
    expect(s.size).toBe(100);
    expect(s.evicted).toBe(99_900);
    expect(s.at(0)?.key).toBe('k99900');
    // Removals of long-evicted keys, even carrying their deadline, do not come back as lifetimes.
    for (let i = 0; i < 1000; i++)
      s.remove(gone(`k${i}`, 'active', 20_000, { deadline: 10_000 + i, ttlGiven: 1000 }));
    expect(s.at(0)?.key).toBe('k99900');
    expect(countLifetimes(s, 30_000)).toMatchObject({ removed: 100, active: 100 });
  });
});
