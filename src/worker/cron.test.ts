import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { CRON_SLICE_MS, Cron } from './cron.ts';
import { VirtualClock } from './virtual-clock.ts';

/**
 * The worker's cron on a real clock that moves as work is done: each reading of it costs 0.01 ms,
 * so a catch-up that deletes many keys (many readings between the cycle's checks) runs long.
 */
function setup(keys: number) {
  let real = 0;
  const realNow = () => {
    real += 0.01;
    return real;
  };
  const clock = new VirtualClock(() => 0, 1_700_000_000_000);
  clock.pause();
  const engine = new Engine({ clock, seed: 1 });
  const client = engine.createClient();
  for (let i = 0; i < keys; i++) engine.execute(client, ['SET', `k:${i}`, 'v', 'PX', '10']);
  // Every key's deletion reads the real clock once, as the worker's hooks do.
  engine.setObserver({ changed: () => {}, removed: () => void realNow(), flushed: () => {} });
  const cron = new Cron(clock, () => engine, realNow);
  return { engine, clock, cron, elapsed: () => real, left: () => engine.ks.db(0).dict.size };
}

describe('the worker cron', () => {
  it('stops a frame’s catch-up when its slice of real time is spent, and goes on next frame', () => {
    const t = setup(50_000);
    t.clock.jump(5_000);
    const start = t.elapsed();
    t.cron.runSlice();
    const first = t.elapsed() - start;
    // It stopped near its slice (a cycle checks every 16 loops of 20 keys), with keys still stale.
    expect(first).toBeLessThan(CRON_SLICE_MS * 2);
    expect(t.left()).toBeGreaterThan(0);
    for (let i = 0; i < 1000 && t.left() > 0; i++) t.cron.runSlice();
    expect(t.left()).toBe(0);
    // Sliced cycles hit the time limit as Redis's do when the clock says so.
    expect(t.engine.expiry.timeCapReachedCount).toBeGreaterThan(0);
    expect(t.engine.expiry.overBudget).toBeNull();
  });

  it('runs every due cycle at once when asked for all of them (a clock step, a docs wait)', () => {
    const t = setup(2_000);
    t.clock.jump(5_000);
    t.cron.runDue();
    expect(t.left()).toBe(0);
  });
});
