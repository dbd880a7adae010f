import type { Engine } from '../engine/engine.ts';
import type { CycleRecord } from '../engine/expiry.ts';
import { fieldState } from '../engine/field-expiry.ts';
import type { CycleSummary, ExpiryStats } from './protocol.ts';

/** What the Expiry panel is told: INFO's expiry figures and each active cycle, trimmed for the wire. */

const MAX_SAMPLES_PER_CYCLE = 24;

/**
 * INFO stats / keyspace figures about expiry. Counting stale keys walks every volatile key, unless
 * `stale` gives the counts (a StaleCounter's, spread over frames).
 */
export function expiryStatsOf(e: Engine, now: number, stale?: ReadonlyMap<number, number>): ExpiryStats {
  const dbs: ExpiryStats['dbs'][number][] = [];
  for (const db of e.ks.dbs) {
    if (db.dict.size === 0) continue;
    let n = stale?.get(db.id) ?? 0;
    if (stale === undefined) for (const v of db.volatile) if (Number(v.expiresAt) < now) n++;
    dbs.push({ db: db.id, keys: db.dict.size, expires: db.volatile.length, avgTtl: db.avgTtl, stale: n });
  }
  return {
    expiredKeys: e.ks.stats.expiredKeys,
    expiredFields: fieldState(e.ks).expiredSubkeys,
    expiredStalePerc: e.expiry.staleEstimate * 100,
    expiredTimeCapReachedCount: e.expiry.timeCapReachedCount,
    expireCycleCpuMs: Math.floor(e.expiry.cycleTimeUsedUs / 1000),
    cyclesRun: e.expiry.cyclesRun,
    hz: e.config.hz,
    activeExpireEffort: e.config.activeExpireEffort,
    activeExpireEnabled: e.config.activeExpireEnabled,
    dbs,
  };
}

/**
 * Stale keys counted a slice at a time: each `step` walks at most `budget` volatile keys from where
 * the last stopped, and the counts are those of the last complete pass (with a million volatile
 * keys, one walk is a long task; the figure then trails by a few steps). When every volatile key
 * fits in one step it is an exact count, as before.
 */
export class StaleCounter {
  private counts = new Map<number, number>();
  private partial = new Map<number, number>();
  private db = 0;
  private at = 0;

  step(e: Engine, now: number, budget: number): ReadonlyMap<number, number> {
    const dbs = e.ks.dbs;
    let total = 0;
    for (const db of dbs) total += db.volatile.length;
    if (total <= budget) {
      this.db = 0;
      this.at = 0;
      this.partial = new Map();
      this.counts = new Map();
      for (const db of dbs) this.counts.set(db.id, countStale(db.volatile, 0, db.volatile.length, now));
      return this.counts;
    }
    let left = budget;
    while (left > 0) {
      const db = dbs[this.db];
      if (db === undefined) {
        this.counts = this.partial;
        this.partial = new Map();
        this.db = 0;
        this.at = 0;
        break;
      }
      const end = Math.min(db.volatile.length, this.at + left);
      const n = countStale(db.volatile, this.at, end, now);
      this.partial.set(db.id, (this.partial.get(db.id) ?? 0) + n);
      left -= end - this.at;
      this.at = end;
      if (this.at >= db.volatile.length) {
        this.db++;
        this.at = 0;
      }
    }
    return this.counts;
  }
}

function countStale(
  volatile: readonly { expiresAt: number | bigint }[],
  from: number,
  to: number,
  now: number,
): number {
  let n = 0;
  for (let i = from; i < to; i++)
    if (Number((volatile[i] as { expiresAt: number | bigint }).expiresAt) < now) n++;
  return n;
}

export function cycleSummaryOf(r: CycleRecord): CycleSummary {
  return {
    kind: r.kind,
    cycle: r.cycle,
    stalePerc: r.staleEstimate * 100,
    at: r.at,
    sampled: r.sampled,
    expired: r.expired,
    loops: r.loopCount,
    elapsedUs: r.elapsedUs,
    timeLimitUs: r.timeLimitUs,
    hitTimeLimit: r.hitTimeLimit,
    dbStops: r.dbStops,
    samples: r.samples.slice(0, MAX_SAMPLES_PER_CYCLE).map((s) => ({ db: s.db, key: s.key, ttlMs: s.ttlMs })),
    fieldsExpired: r.fieldsExpired,
  };
}
