import { describe, expect, it } from 'vitest';
import type { Entry } from '../engine/keyspace.ts';
import { type Numbered, TimelineReach } from './timeline-reach.ts';

const entry = (key: string) => ({ key }) as unknown as Entry;

describe('TimelineReach', () => {
  it('holds the keys whose deadline was among the last `reach` set, and no older one', () => {
    const reach = new TimelineReach(3);
    const numbers: Numbered[] = [];
    for (let i = 0; i < 5; i++) {
      numbers.push(reach.started(undefined));
      reach.flushed();
    }
    expect(numbers.map((n) => reach.holds(entry('k'), n, true))).toEqual([false, false, true, true, true]);
  });

  it('numbers a key once per batch, as the page sees one upsert for it', () => {
    const reach = new TimelineReach(2);
    const a = reach.started(undefined);
    const b = reach.started(undefined);
    let busy = reach.started(undefined);
    for (let i = 0; i < 100; i++) busy = reach.started(busy);
    // Three lifetimes on the page (a, b, busy): with a reach of 2, b and busy are held.
    const held = (n: Numbered) => reach.holds(entry('k'), n, true);
    expect([held(a), held(b), held(busy)]).toEqual([false, true, true]);
    reach.flushed();
    busy = reach.started(busy);
    expect(held(b)).toBe(false);
  });

  it('tells a key that never had a deadline; not a volatile one it never numbered; a snapshot renumbers', () => {
    const reach = new TimelineReach(2);
    const [plain, restored, old] = [entry('plain'), entry('restored'), entry('old')];
    expect(reach.holds(plain, undefined, false)).toBe(true);
    expect(reach.holds(restored, undefined, true)).toBe(false);
    const oldNumber = reach.started(undefined);
    reach.started(undefined);
    reach.started(undefined);
    expect(reach.holds(old, oldNumber, true)).toBe(false);
    reach.resent(restored, undefined);
    reach.resent(old, oldNumber);
    expect(reach.holds(restored, undefined, true)).toBe(true);
    expect(reach.holds(old, oldNumber, true)).toBe(true);
  });
});
