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
});
