import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';

function fill(h: Harness, count: number, ttlMs: number, prefix = 'k'): void {
  for (let i = 0; i < count; i++)
    h.engine.execute(h.session.client, ['PSETEX', `${prefix}${i}`, String(ttlMs), 'v']);
}

describe('active expiry cycle', () => {
  it('reclaims stale keys without any access and fires expired with an active cause', () => {
    const h = new Harness();
    fill(h, 50, 100);
    h.run('SET keep v');
    h.advance(200);
    const record = h.engine.runExpiryCycle('slow', true);
    expect(record.expired).toBe(50);
    expect(h.run('DBSIZE')).toBe('(integer) 1');
    const expiredEvents = h.events.filter((e) => e.event === 'expired');
    expect(expiredEvents).toHaveLength(50);
    expect(expiredEvents.every((e) => e.cause.kind === 'active')).toBe(true);
    expect(h.run('INFO stats')).toContain('\r\nexpired_keys:50\r\n');
  });

  it('samples 20 keys per loop and stops when at most 10 % of a sample was stale', () => {
    const h = new Harness();
    fill(h, 1000, 1_000_000, 'live');
    fill(h, 10, 100, 'stale');
    h.advance(200);
    const record = h.engine.runExpiryCycle('slow', true);
    expect(record.loops[0]?.sampled).toBe(20);
    const db0 = record.dbStops.find((s) => s.db === 0);
    expect(db0?.stop).toBe('stale-at-or-below-threshold');
    // With 1 % stale keys the cycle almost always stops after one loop: it leaves most of them.
    expect(record.expired).toBeLessThan(10);
    for (const loop of record.loops) expect(loop.sampled).toBeLessThanOrEqual(20);
  });

  it('keeps looping while the sample is mostly stale, up to the time budget', () => {
    const h = new Harness();
    fill(h, 100_000, 100);
    h.advance(200);
    const record = h.engine.runExpiryCycle('slow');
    // Budget at hz 10: 25 ms; the cost model charges 1 µs per sampled key and checks every 16 loops.
    expect(record.timeLimitUs).toBe(25_000);
    expect(record.hitTimeLimit).toBe(true);
    expect(record.expired).toBeGreaterThan(24_000);
    expect(record.expired).toBeLessThan(26_000);
    expect(h.run('INFO stats')).toContain('\r\nexpired_time_cap_reached_count:1\r\n');
    // A fast cycle follows a slow cycle that ran out of time, with a 1 ms budget.
    const fast = h.engine.runExpiryCycle('fast');
    expect(fast.skipped).toBeUndefined();
    expect(fast.timeLimitUs).toBe(1000);
    // ...but never twice within 2 ms.
    expect(h.engine.runExpiryCycle('fast').skipped).toBe('fast-too-soon');
  });

  it('skips the fast cycle when the slow one finished in time', () => {
    const h = new Harness();
    fill(h, 10, 100);
    h.advance(200);
    h.engine.runExpiryCycle('slow');
    h.advance(10);
    expect(h.engine.runExpiryCycle('fast').skipped).toBe('fast-not-needed');
  });

  it('scales with active-expire-effort and hz', () => {
    const h = new Harness();
    fill(h, 100, 1_000_000);
    h.run('CONFIG SET active-expire-effort 10');
    h.run('CONFIG SET hz 100');
    const record = h.engine.runExpiryCycle('slow', true);
    // 20 + 20/4*9 = 65 keys per loop; (25 + 2*9) % of 1/100 s = 4300 µs.
    expect(record.loops[0]?.sampled).toBe(65);
    expect(record.timeLimitUs).toBe(4300);
  });

  it('does nothing when switched off with DEBUG SET-ACTIVE-EXPIRE 0', () => {
    const h = new Harness();
    fill(h, 10, 100);
    h.advance(200);
    h.run('DEBUG SET-ACTIVE-EXPIRE 0');
    expect(h.engine.runExpiryCycle('slow').skipped).toBe('disabled');
    expect(h.run('DBSIZE')).toBe('(integer) 10');
  });

  it('is deterministic for a given seed and clock', () => {
    const runOnce = () => {
      const h = new Harness();
      fill(h, 500, 100, 'a');
      fill(h, 500, 1_000_000, 'b');
      h.advance(200);
      return h.engine.runExpiryCycle('slow', true).samples.map((s) => s.key);
    };
    expect(runOnce()).toEqual(runOnce());
  });

  it('keeps INFO keyspace avg_ttl as a running average of sampled TTLs', () => {
    const h = new Harness();
    fill(h, 20, 100_000);
    h.engine.runExpiryCycle('slow');
    expect(h.run('INFO keyspace')).toMatch(/db0:keys=20,expires=20,avg_ttl=\d+/);
    const avg = Number(/avg_ttl=(\d+)/.exec(h.run('INFO keyspace'))?.[1]);
    expect(avg).toBeGreaterThan(90_000);
    expect(avg).toBeLessThanOrEqual(100_000);
  });

  it('records exact, hand-computed figures: loops, samples, stale estimate, cycle numbers', () => {
    const h = new Harness();
    fill(h, 50, 100);
    h.advance(200);
    // 50 stale keys, 20 per loop: 20/20, 20/20, 10/10, then the database has no volatile key left.
    const first = h.engine.runExpiryCycle('slow', true);
    expect(first).toMatchObject({ cycle: 1, sampled: 50, expired: 50, loopCount: 3, elapsedUs: 50 });
    expect(first.loops.filter((l) => l.db === 0)).toEqual([
      { db: 0, sampled: 20, expired: 20 },
      { db: 0, sampled: 20, expired: 20 },
      { db: 0, sampled: 10, expired: 10 },
    ]);
    expect(first.dbStops[0]).toEqual({ db: 0, stop: 'no-volatile-keys' });
    // expired_stale_perc = 100 % of this cycle × 0.05 + 0 × 0.95.
    expect(first.staleEstimate).toBeCloseTo(0.05, 12);
    expect(h.run('INFO stats')).toContain('\r\nexpired_stale_perc:5.00\r\n');
    // An empty cycle samples nothing and decays the estimate: 0 × 0.05 + 0.05 × 0.95.
    const second = h.engine.runExpiryCycle('slow', true);
    expect(second).toMatchObject({ cycle: 2, sampled: 0, expired: 0 });
    expect(second.staleEstimate).toBeCloseTo(0.0475, 12);
    // The events name their cycle.
    const causes = new Set(h.events.filter((e) => e.event === 'expired').map((e) => JSON.stringify(e.cause)));
    expect([...causes]).toEqual([JSON.stringify({ kind: 'active', cycle: 1 })]);
  });

  it('stops on the time budget after a whole number of 16-loop checks (hand-computed at hz 500)', () => {
    const h = new Harness();
    h.run('CONFIG SET hz 500');
    fill(h, 1000, 100);
    h.advance(200);
    // Budget: 25 % of 2 ms = 500 µs. Checked every 16 loops of 20 keys (1 µs each): 320 µs at the
    // first check, 640 µs at the second, which is over: 32 loops, 640 keys.
    const r = h.engine.runExpiryCycle('slow', true);
    expect(r).toMatchObject({
      timeLimitUs: 500,
      loopCount: 32,
      sampled: 640,
      expired: 640,
      hitTimeLimit: true,
    });
    expect(r.dbStops[0]).toEqual({ db: 0, stop: 'time-limit' });
    expect(h.run('INFO stats')).toContain('\r\nexpired_time_cap_reached_count:1\r\n');
    expect(h.run('DBSIZE')).toBe('(integer) 360');
  });
});
