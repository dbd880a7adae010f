import type { Engine } from '../engine/engine.ts';
import type { CycleRecord } from '../engine/expiry.ts';
import { fieldState } from '../engine/field-expiry.ts';
import type { CycleSummary, ExpiryStats } from './protocol.ts';

/** What the Expiry panel is told: INFO's expiry figures and each active cycle, trimmed for the wire. */

const MAX_SAMPLES_PER_CYCLE = 24;

/** INFO stats / keyspace figures about expiry; counting stale keys walks every volatile key. */
export function expiryStatsOf(e: Engine, now: number): ExpiryStats {
  const dbs: ExpiryStats['dbs'][number][] = [];
  for (const db of e.ks.dbs) {
    if (db.dict.size === 0) continue;
    let stale = 0;
    for (const v of db.volatile) if (Number(v.expiresAt) < now) stale++;
    dbs.push({ db: db.id, keys: db.dict.size, expires: db.volatile.length, avgTtl: db.avgTtl, stale });
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
