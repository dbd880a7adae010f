import type { Config } from './config.ts';
import { activeExpireFields } from './field-expiry.ts';
import { type Db, type Entry, type Keyspace, NO_EXPIRY } from './keyspace.ts';

/**
 * Redis 7.0's active expiry (expire.c activeExpireCycle), step for step: per database, sample up to
 * 20 volatile keys (more with a higher active-expire-effort), delete the stale ones, and go again while
 * more than 10 % of the sample was stale; check the time every 16 loops and stop past the budget
 * (25 % of 1/hz for the slow cycle, 1 ms for the fast one).
 *
 * Keys are sampled as Redis does, by walking the expires index from a persistent per-database cursor;
 * the index is kept in random order, as a hash table's buckets are. One deliberate difference,
 * invisible to clients: the budget is spent on a cost model of
 * SAMPLE_COST_US per examined key rather than measured CPU time, so that a run is deterministic given
 * the clock and the seed. The cost is calibrated on Redis 7.0 itself, which needs about 1 µs a key.
 */

export const SAMPLE_COST_US = 1;
const KEYS_PER_LOOP = 20;
const FAST_DURATION_US = 1000;
const SLOW_TIME_PERC = 25;
const ACCEPTABLE_STALE = 10;
const CRON_DBS_PER_CALL = 16;
/** Detailed per-key samples kept in one record (the totals are always exact). */
const MAX_RECORDED_SAMPLES = 400;

export type CycleKind = 'slow' | 'fast';

export interface SampleRecord {
  readonly db: number;
  readonly key: string;
  /** Deadline minus now, in ms: negative means the key was stale and got deleted. */
  readonly ttlMs: number;
  readonly expired: boolean;
}

export interface LoopRecord {
  readonly db: number;
  readonly sampled: number;
  readonly expired: number;
}

export type DbStop = 'no-volatile-keys' | 'stale-at-or-below-threshold' | 'time-limit';

export interface CycleRecord {
  readonly kind: CycleKind;
  /** 1, 2, 3… over the engine's life for cycles that ran; 0 when skipped. */
  readonly cycle: number;
  /** Clock time (ms) at which the cycle ran. */
  readonly at: number;
  /** Set when the cycle did not run at all. */
  readonly skipped?: 'disabled' | 'fast-not-needed' | 'fast-too-soon';
  readonly timeLimitUs: number;
  readonly elapsedUs: number;
  readonly sampled: number;
  readonly expired: number;
  /** Hash fields the 7.4 field pass deleted (0 where the server has none). */
  readonly fieldsExpired: number;
  /** Sampling loops run, over all databases. */
  readonly loopCount: number;
  /** Each loop's counts, when details were asked for. */
  readonly loops: readonly LoopRecord[];
  readonly dbStops: readonly { readonly db: number; readonly stop: DbStop }[];
  /** The first MAX_RECORDED_SAMPLES samples, when details were asked for. */
  readonly samples: readonly SampleRecord[];
  readonly hitTimeLimit: boolean;
  /** Running estimate of stale keys among volatile ones (INFO expired_stale_perc / 100). */
  readonly staleEstimate: number;
}

/** State Redis keeps in static variables and server stats across cycles. */
export class ExpiryState {
  currentDb = 0;
  timeLimitExit = false;
  lastFastCycleUs = -Infinity;
  staleEstimate = 0;
  timeCapReachedCount = 0;
  cycleTimeUsedUs = 0;
  /** Cycles that ran (slow and fast). */
  cyclesRun = 0;
  /**
   * A host's own limit in real time (the worker's frame), injected since the engine reads no clock:
   * when it says so the cycle stops as at its time limit, as Redis's does when the real clock says
   * its time is up. Absent, only the cost model limits a cycle (deterministic: tests, replays).
   */
  overBudget: (() => boolean) | null = null;

  /** CONFIG RESETSTAT zeroes the stats INFO shows (the stale estimate steers the fast cycle, too). */
  resetStats(): void {
    this.staleEstimate = 0;
    this.timeCapReachedCount = 0;
    this.cycleTimeUsedUs = 0;
  }
}

export interface CycleOptions {
  /** Keep per-key samples in the record (for the UI); totals are recorded either way. */
  readonly details?: boolean;
  /**
   * Redis 7.4 interleaves a hash-field pass (field-expiry.ts) with the keys, one call per database
   * visited, before its keys are sampled; each field it deletes costs as a sampled key does.
   */
  readonly fieldPass?: boolean;
}

export function activeExpireCycle(
  ks: Keyspace,
  config: Config,
  state: ExpiryState,
  kind: CycleKind,
  options: CycleOptions,
): CycleRecord {
  const effort = config.activeExpireEffort - 1;
  const keysPerLoop = KEYS_PER_LOOP + Math.floor(KEYS_PER_LOOP / 4) * effort;
  const fastDuration = FAST_DURATION_US + Math.floor(FAST_DURATION_US / 4) * effort;
  const slowTimePerc = SLOW_TIME_PERC + 2 * effort;
  const acceptableStale = ACCEPTABLE_STALE - effort;
  const startUs = ks.now * 1000;

  const skipped = (why: NonNullable<CycleRecord['skipped']>): CycleRecord => ({
    kind,
    cycle: 0,
    at: ks.now,
    skipped: why,
    timeLimitUs: 0,
    elapsedUs: 0,
    sampled: 0,
    expired: 0,
    fieldsExpired: 0,
    loopCount: 0,
    loops: [],
    dbStops: [],
    samples: [],
    hitTimeLimit: false,
    staleEstimate: state.staleEstimate,
  });

  if (!config.activeExpireEnabled) return skipped('disabled');
  if (kind === 'fast') {
    // Redis 7.0 compares the 0..1 stale estimate with a percentage here, so in practice a fast
    // cycle only follows a slow cycle that ran out of time. Reproduced as is.
    if (!state.timeLimitExit && state.staleEstimate < acceptableStale) return skipped('fast-not-needed');
    if (startUs < state.lastFastCycleUs + fastDuration * 2) return skipped('fast-too-soon');
    state.lastFastCycleUs = startUs;
  }

  state.cyclesRun++;
  ks.activeCycle = state.cyclesRun;
  const dbCount = ks.dbs.length;
  const dbsPerCall = CRON_DBS_PER_CALL > dbCount || state.timeLimitExit ? dbCount : CRON_DBS_PER_CALL;
  let timeLimit = Math.floor(Math.floor((slowTimePerc * 1000000) / config.hz) / 100);
  if (timeLimit <= 0) timeLimit = 1;
  if (kind === 'fast') timeLimit = fastDuration;
  state.timeLimitExit = false;

  let elapsed = 0;
  let iteration = 0;
  let totalSampled = 0;
  let totalExpired = 0;
  let fieldsExpired = 0;
  let loopCount = 0;
  const loops: LoopRecord[] = [];
  const dbStops: { db: number; stop: DbStop }[] = [];
  const samples: SampleRecord[] = [];
  const picks: Entry[] = [];

  for (let j = 0; j < dbsPerCall && !state.timeLimitExit; j++) {
    const db = ks.dbs[state.currentDb % dbCount] as Db;
    state.currentDb++;
    if (options.fieldPass) {
      const n = activeExpireFields(ks, kind, config.hz);
      fieldsExpired += n;
      elapsed += n * SAMPLE_COST_US;
    }
    let stop: DbStop;
    while (true) {
      iteration++;
      const num = db.volatile.length;
      if (num === 0) {
        db.avgTtl = 0;
        stop = 'no-volatile-keys';
        break;
      }
      const now = ks.now;
      takeRun(db, Math.min(num, keysPerLoop), picks);
      let sampled = 0;
      let expired = 0;
      let ttlSum = 0;
      let ttlSamples = 0;
      for (const e of picks) {
        const ttl = ttlOf(e, now);
        const stale = ttl < 0;
        if (stale) {
          ks.expireEntry(db, e, 'active');
          expired++;
        } else if (ttl > 0) {
          ttlSum += ttl;
          ttlSamples++;
        }
        sampled++;
        if (options.details && samples.length < MAX_RECORDED_SAMPLES) {
          samples.push({ db: db.id, key: e.key, ttlMs: ttl, expired: stale });
        }
      }
      elapsed += sampled * SAMPLE_COST_US;
      totalSampled += sampled;
      totalExpired += expired;
      loopCount++;
      if (options.details) loops.push({ db: db.id, sampled, expired });
      if (ttlSamples > 0) {
        const avg = Math.trunc(ttlSum / ttlSamples);
        if (db.avgTtl === 0) db.avgTtl = avg;
        db.avgTtl = Math.trunc(db.avgTtl / 50) * 49 + Math.trunc(avg / 50);
      }
      if ((iteration & 0xf) === 0 && (elapsed > timeLimit || state.overBudget?.() === true)) {
        state.timeLimitExit = true;
        state.timeCapReachedCount++;
        stop = 'time-limit';
        break;
      }
      if (!(sampled === 0 || Math.floor((expired * 100) / sampled) > acceptableStale)) {
        stop = 'stale-at-or-below-threshold';
        break;
      }
    }
    dbStops.push({ db: db.id, stop });
  }

  state.cycleTimeUsedUs += elapsed;
  const currentPerc = totalSampled ? totalExpired / totalSampled : 0;
  state.staleEstimate = currentPerc * 0.05 + state.staleEstimate * 0.95;
  return {
    kind,
    cycle: state.cyclesRun,
    at: ks.now,
    timeLimitUs: timeLimit,
    elapsedUs: elapsed,
    sampled: totalSampled,
    expired: totalExpired,
    fieldsExpired,
    loopCount,
    loops,
    dbStops,
    samples,
    hitTimeLimit: state.timeLimitExit,
    staleEstimate: state.staleEstimate,
  };
}

/** Deadline minus now; volatile entries always have a deadline. Exact enough for huge deadlines. */
function ttlOf(e: Entry, now: number): number {
  const at = e.expiresAt;
  if (at === NO_EXPIRY) return Number.POSITIVE_INFINITY;
  return typeof at === 'number' ? at - now : Number(at - BigInt(now));
}

/**
 * The next `n` entries of the expires index from the database's cursor (wrapping). The index is kept
 * in random order, so this is a uniform sample without repeats, read from contiguous memory.
 */
function takeRun(db: Db, n: number, out: Entry[]): void {
  out.length = 0;
  const pool = db.volatile;
  let at = db.expiresCursor % pool.length;
  for (let i = 0; i < n; i++) {
    out.push(pool[at] as Entry);
    at = at + 1 === pool.length ? 0 : at + 1;
  }
  db.expiresCursor = at;
}
