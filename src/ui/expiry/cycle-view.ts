import type { CycleSummary, ExpiryStats } from '../../worker/protocol.ts';

/** Words and numbers for the Expiry panel, kept apart from the components so they can be tested. */

export const STOP_WORDS = {
  'no-volatile-keys': 'no keys with a TTL',
  'stale-at-or-below-threshold': 'fewer than 10 % of the sample was stale',
  'time-limit': 'time budget used up',
} as const;

export interface CycleDetail {
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  /** Why each database's sampling stopped, for the databases that hold volatile keys. */
  readonly stops: readonly string[];
}

const pct = (n: number) => `${n.toFixed(1)} %`;

export function cycleDetail(c: CycleSummary): CycleDetail {
  // A database whose last volatile key the cycle just removed reports "no keys with a TTL" too.
  const sampledDbs = new Set(c.samples.map((s) => s.db));
  const visited = c.dbStops.filter((s) => s.stop !== 'no-volatile-keys' || sampledDbs.has(s.db));
  const stale = c.sampled > 0 ? (100 * c.expired) / c.sampled : 0;
  const loopedAgain = c.loops > visited.length;
  return {
    title: `Cycle #${c.cycle} (${c.kind})`,
    facts: [
      ['databases visited', `${c.dbStops.length} (${visited.length} with keys that have a TTL)`],
      ['keys sampled', String(c.sampled)],
      ['expired', String(c.expired)],
      ...(c.fieldsExpired > 0
        ? [['hash fields expired (7.4 field pass)', String(c.fieldsExpired)] as const]
        : []),
      ['stale share', pct(stale)],
      ['sampling loops', `${c.loops}${loopedAgain ? ' (looped again: more than 10 % stale)' : ''}`],
      ['time used', `${c.elapsedUs} of ${c.timeLimitUs} µs${c.hitTimeLimit ? ' (budget reached)' : ''}`],
      ['expired_stale_perc after it', c.stalePerc.toFixed(2)],
    ],
    stops: visited.map(
      (s) => `db${s.db}: ${s.stop === 'no-volatile-keys' ? 'no keys with a TTL left' : STOP_WORDS[s.stop]}`,
    ),
  };
}

export interface StripBar {
  readonly cycle: number;
  readonly x: number;
  readonly width: number;
  /** Heights as fractions of the strip (0–1). */
  readonly expired: number;
  readonly sampled: number;
  readonly kind: CycleSummary['kind'];
  readonly hitTimeLimit: boolean;
}

/**
 * How many cycles the strip shows: as many as fit with each bar (its hover target) at least 0.3 em
 * wide, so the targets grow with the app's scale, from 20 up to 120.
 */
export function stripSlots(widthPx: number, fontPx: number): number {
  const slot = Math.max(4, fontPx * 0.3);
  return Math.max(20, Math.min(120, Math.floor(widthPx / slot)));
}

/**
 * One bar per cycle, newest on the right; height = expired, on a square-root scale so a cycle
 * that reclaims 20 keys still shows next to one that reclaims 20,000.
 */
export function stripBars(cycles: readonly CycleSummary[], width: number, slots: number): StripBar[] {
  const recent = cycles.slice(-slots);
  const max = Math.max(1, ...recent.map((c) => c.sampled));
  const w = width / slots;
  const offset = slots - recent.length;
  return recent.map((c, i) => ({
    cycle: c.cycle,
    x: (offset + i) * w,
    width: Math.max(1, w - 1),
    expired: Math.sqrt(c.expired / max),
    sampled: Math.sqrt(c.sampled / max),
    kind: c.kind,
    hitTimeLimit: c.hitTimeLimit,
  }));
}

/** The INFO figures in INFO's own names, totals over databases for the keyspace part. */
export function statRows(s: ExpiryStats): (readonly [string, string])[] {
  const sum = (f: (d: ExpiryStats['dbs'][number]) => number) => s.dbs.reduce((n, d) => n + f(d), 0);
  return [
    ['expired_keys', String(s.expiredKeys)],
    // INFO's expired_subkeys in Redis 7.4: hash fields (and Dragonfly set members) reclaimed.
    ['fields reclaimed', String(s.expiredFields)],
    ['expired_stale_perc', s.expiredStalePerc.toFixed(2)],
    ['expired_time_cap_reached_count', String(s.expiredTimeCapReachedCount)],
    ['expire_cycle_cpu_milliseconds', String(s.expireCycleCpuMs)],
    ['keys', String(sum((d) => d.keys))],
    ['expires', String(sum((d) => d.expires))],
    ['stale keys', String(sum((d) => d.stale))],
  ];
}
