import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dict } from './dict.ts';
import type { Entry } from './keyspace.ts';

/**
 * The dict against a plain model (an ordered list of live keys): whatever mix of new keys,
 * re-created keys and removals, and wherever an incremental rebuild stands, lookups, the size and
 * the creation order are the model's.
 */

interface FakeEntry {
  readonly key: string;
  readonly seq: number;
  dead: boolean;
}

type Op = { readonly add: number } | { readonly remove: number };

function apply(dict: Dict, model: FakeEntry[], op: Op): void {
  if ('add' in op) {
    const key = `k${op.add}`;
    if (model.some((e) => e.key === key)) return;
    const e: FakeEntry = { key, seq: dict.nextSeq(), dead: false };
    dict.set(key, e as unknown as Entry);
    model.push(e);
    return;
  }
  if (model.length === 0) return;
  const at = op.remove % model.length;
  const [e] = model.splice(at, 1) as [FakeEntry];
  e.dead = true;
  dict.removed();
}

function check(dict: Dict, model: readonly FakeEntry[], keys: number): void {
  expect(dict.size).toBe(model.length);
  expect([...dict.values()].map((e) => e.key)).toEqual(model.map((e) => e.key));
  for (let k = 0; k < keys; k++) {
    const live = model.find((e) => e.key === `k${k}`);
    expect(dict.get(`k${k}`)).toBe(live);
  }
}

describe('Dict', () => {
  it('keeps lookups, size and creation order through incremental rebuilds', () => {
    const keys = 40;
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ add: fc.nat(keys - 1) }),
      fc.record({ remove: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        // One entry a step: rebuilds last long enough for keys to die and come back during them.
        const dict = new Dict(2, 1);
        const model: FakeEntry[] = [];
        for (const o of ops) {
          apply(dict, model, o);
          check(dict, model, keys);
        }
      }),
    );
  });

  it('puts a key that died and came back during a rebuild after the keys created before it', () => {
    const dict = new Dict(2, 2);
    const make = (key: string): FakeEntry => {
      const e: FakeEntry = { key, seq: dict.nextSeq(), dead: false };
      dict.set(key, e as unknown as Entry);
      return e;
    };
    const kill = (e: FakeEntry) => {
      e.dead = true;
      dict.removed();
    };
    const all = Array.from({ length: 40 }, (_, i) => make(`k${i}`));
    for (const e of all.slice(2)) kill(e);
    expect(dict.rebuilding).toBe(true);
    // k0 was copied before it died; it comes back as a new key, after k1.
    kill(all[0] as FakeEntry);
    const again = make('k0');
    for (let i = 0; i < 20 && dict.rebuilding; i++) kill(make(`x${i}`));
    expect(dict.rebuilding).toBe(false);
    expect([...dict.values()]).toEqual([all[1], again]);
  });

  it('walks a big map a few entries per removal instead of all at once', () => {
    const dict = new Dict();
    const entries: FakeEntry[] = [];
    for (let i = 0; i < 80_000; i++) {
      const e: FakeEntry = { key: `k${i}`, seq: dict.nextSeq(), dead: false };
      entries.push(e);
      dict.set(e.key, e as unknown as Entry);
    }
    // Remove all but one in ten: the rebuild starts near the end, and is still under way after.
    let removed = 0;
    let started = -1;
    for (const e of entries) {
      if (e.seq % 10 === 0) continue;
      e.dead = true;
      dict.removed();
      removed++;
      if (started < 0 && dict.rebuilding) started = removed;
    }
    expect(started).toBe(70_001);
    expect(dict.rebuilding).toBe(true);
    const live = entries.filter((e) => !e.dead);
    expect(removed).toBe(72_000);
    expect(dict.size).toBe(8_000);
    expect([...dict.values()]).toEqual(live);
    // Remove half of the rest: the walk (16 entries a removal) has ended and the map is compact.
    for (const e of live.slice(0, 4_000)) {
      e.dead = true;
      dict.removed();
    }
    expect(dict.rebuilding).toBe(false);
    expect(dict.size).toBe(4_000);
    expect([...dict.values()]).toEqual(live.slice(4_000));
  });
});
