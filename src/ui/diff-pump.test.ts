import { describe, expect, it } from 'vitest';
import { type Batch, groupRemovals, type KeyRemoval, type KeyRow, removalCount } from '../worker/protocol.ts';
import { DiffPump } from './diff-pump.ts';

const batch = (seq: number, removals: number, upserts: string[]): Batch =>
  ({
    seq,
    removals: groupRemovals(
      Array.from(
        { length: removals },
        (_, i): KeyRemoval => ({ db: 0, key: `r${seq}:${i}`, reason: 'active', at: 0 }),
      ),
    ),
    upserts: upserts.map((key) => ({ db: 0, key }) as KeyRow),
    flushed: [0],
  }) as unknown as Batch;

describe('DiffPump', () => {
  it('applies small batches at once and slices big ones in order, upserts with the last slice', () => {
    let now = 0;
    const applied: { seq: number; removals: number; upserts: number; flushed: number }[] = [];
    let sweeps = 0;
    const scheduled: (() => void)[] = [];
    const pump = new DiffPump(
      () => ({
        applyKeyDiff: (b) => {
          applied.push({
            seq: b.seq,
            removals: removalCount(b.removals),
            upserts: b.upserts.length,
            flushed: b.flushed.length,
          });
          now += 3; // each slice costs 3 ms of the 4 ms frame budget: two slices a frame
        },
        sweepGhosts: () => {
          sweeps++;
          return false;
        },
      }),
      () => now,
      () => 0,
      (run) => scheduled.push(run),
    );
    pump.push(batch(1, 10, ['a']));
    expect(applied).toEqual([{ seq: 1, removals: 10, upserts: 1, flushed: 1 }]);
    pump.push(batch(2, 4500, ['b', 'c']));
    pump.push(batch(3, 1, []));
    // A big batch waits for the next frame, and what arrives after it waits behind it.
    expect(applied.length).toBe(1);
    scheduled.shift()?.();
    // Two slices fit that frame's budget; the rest waits for the next frames, in order.
    expect(applied.slice(1)).toEqual([
      { seq: 2, removals: 2000, upserts: 0, flushed: 1 },
      { seq: 2, removals: 2000, upserts: 0, flushed: 0 },
    ]);
    expect(pump.pending).toBe(2);
    while (scheduled.length) scheduled.shift()?.();
    expect(applied.slice(3)).toEqual([
      { seq: 2, removals: 500, upserts: 2, flushed: 0 },
      { seq: 3, removals: 1, upserts: 0, flushed: 1 },
    ]);
    expect(pump.pending).toBe(0);
    expect(sweeps).toBeGreaterThan(0);
  });

  it('drains on the timer when animation frames stop coming (a hidden tab)', () => {
    let now = 0;
    let applied = 0;
    const pump = new DiffPump(
      () => ({
        applyKeyDiff: () => {
          applied++;
          now += 10;
        },
        sweepGhosts: () => false,
      }),
      () => now,
      () => 0,
      () => {}, // frames never come
    );
    pump.push(batch(1, 6000, []));
    expect(applied).toBe(0);
    pump.tick();
    expect(applied).toBe(0); // the frame may still come
    now += 600;
    pump.tick();
    expect(applied).toBe(1);
  });
});
