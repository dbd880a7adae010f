import { describe, expect, it } from 'vitest';
import type { Entry } from '../engine/keyspace.ts';
import { TimelineReach } from './timeline-reach.ts';

const entry = (key: string) => ({ key }) as unknown as Entry;

describe('TimelineReach', () => {
  it('holds the keys whose deadline was among the last `reach` set, and no older one', () => {
    const reach = new TimelineReach(3);
    const keys = ['a', 'b', 'c', 'd', 'e'].map(entry);
    for (const e of keys) {
      reach.started(e);
      reach.flushed();
    }
    expect(keys.map((e) => reach.holds(e, true))).toEqual([false, false, true, true, true]);
  });

  it('numbers a key once per batch, as the page sees one upsert for it', () => {
    const reach = new TimelineReach(2);
    const [a, b, busy] = ['a', 'b', 'busy'].map(entry) as [Entry, Entry, Entry];
    reach.started(a);
    reach.started(b);
    for (let i = 0; i < 100; i++) reach.started(busy);
    // Three lifetimes on the page (a, b, busy): with a reach of 2, b and busy are held.
    expect([reach.holds(a, true), reach.holds(b, true), reach.holds(busy, true)]).toEqual([
      false,
      true,
      true,
    ]);
    reach.flushed();
    reach.started(busy);
    expect(reach.holds(b, true)).toBe(false);
  });

  it('tells a key that never had a deadline; not a volatile one it never numbered; a snapshot renumbers', () => {
    const reach = new TimelineReach(2);
    const [plain, restored] = [entry('plain'), entry('restored')];
    expect(reach.holds(plain, false)).toBe(true);
    expect(reach.holds(restored, true)).toBe(false);
    reach.resent(restored);
    expect(reach.holds(restored, true)).toBe(true);
  });
});
