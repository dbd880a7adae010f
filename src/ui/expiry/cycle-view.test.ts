import { describe, expect, it } from 'vitest';
import type { CycleSummary, ExpiryStats } from '../../worker/protocol.ts';
import { cycleDetail, statRows, stripBars, stripSlots } from './cycle-view.ts';

const cycle = (over: Partial<CycleSummary>): CycleSummary => ({
  kind: 'slow',
  cycle: 7,
  stalePerc: 12.5,
  at: 0,
  sampled: 40,
  expired: 10,
  loops: 2,
  fieldsExpired: 0,
  elapsedUs: 40,
  timeLimitUs: 25000,
  hitTimeLimit: false,
  dbStops: [
    { db: 0, stop: 'stale-at-or-below-threshold' },
    { db: 1, stop: 'no-volatile-keys' },
  ],
  samples: [],
  ...over,
});

describe('cycle detail', () => {
  it('says what the cycle did and why each database stopped', () => {
    const d = cycleDetail(cycle({}));
    expect(d.title).toBe('Cycle #7 (slow)');
    expect(Object.fromEntries(d.facts)).toMatchObject({
      'databases visited': '2 (1 with keys that have a TTL)',
      'stale share': '25.0 %',
      'sampling loops': '2 (looped again: more than 10 % stale)',
      'time used': '40 of 25000 µs',
    });
    expect(d.stops).toEqual(['db0: fewer than 10 % of the sample was stale']);
    const capped = cycleDetail(
      cycle({ loops: 1, hitTimeLimit: true, dbStops: [{ db: 0, stop: 'time-limit' }] }),
    );
    expect(Object.fromEntries(capped.facts)['sampling loops']).toBe('1');
    expect(capped.stops).toEqual(['db0: time budget used up']);
    // The cycle removed db0's last volatile key: db0 still counts as visited.
    const emptied = cycleDetail(
      cycle({
        loops: 1,
        dbStops: [{ db: 0, stop: 'no-volatile-keys' }],
        samples: [{ db: 0, key: 'b', ttlMs: -5 }],
      }),
    );
    expect(emptied.stops).toEqual(['db0: no keys with a TTL left']);
    expect(Object.fromEntries(emptied.facts)['sampling loops']).toBe('1');
  });
});

describe('cycle strip', () => {
  it('puts the newest cycle on the right, heights on a square-root scale of the busiest sample', () => {
    const bars = stripBars(
      [cycle({ cycle: 1, sampled: 100, expired: 100 }), cycle({ cycle: 2, sampled: 25, expired: 0 })],
      400,
      4,
    );
    expect(bars.map((b) => [b.cycle, b.x])).toEqual([
      [1, 200],
      [2, 300],
    ]);
    expect(bars[0]?.expired).toBe(1);
    expect(bars[1]?.sampled).toBe(0.5);
    expect(bars[1]?.expired).toBe(0);
  });
});

describe('stat rows', () => {
  it('uses INFO names and totals the keyspace over databases', () => {
    const s: ExpiryStats = {
      expiredKeys: 3,
      expiredStalePerc: 4.256,
      expiredTimeCapReachedCount: 1,
      expireCycleCpuMs: 2,
      cyclesRun: 9,
      hz: 10,
      activeExpireEffort: 1,
      activeExpireEnabled: true,
      expiredFields: 7,
      dbs: [
        { db: 0, keys: 5, expires: 3, avgTtl: 100, stale: 1 },
        { db: 2, keys: 1, expires: 1, avgTtl: 0, stale: 1 },
      ],
    };
    expect(Object.fromEntries(statRows(s))).toEqual({
      expired_keys: '3',
      'fields reclaimed': '7',
      expired_stale_perc: '4.26',
      expired_time_cap_reached_count: '1',
      expire_cycle_cpu_milliseconds: '2',
      keys: '6',
      expires: '4',
      'stale keys': '2',
    });
  });
});

describe('the strip at any scale', () => {
  it('keeps every bar at least 0.3 em wide, so hover targets grow with the font', () => {
    expect(stripSlots(480, 13)).toBe(120);
    expect(stripSlots(480, 28)).toBe(57);
    expect(480 / stripSlots(480, 28)).toBeGreaterThanOrEqual(28 * 0.3);
    // Never fewer than 20, never more than 120.
    expect(stripSlots(100, 40)).toBe(20);
    expect(stripSlots(4000, 13)).toBe(120);
  });
});
