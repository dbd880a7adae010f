import type { Engine } from '../engine/engine.ts';
import type { CycleRecord } from '../engine/expiry.ts';
import { cycleSummaryOf } from './expiry-report.ts';
import type { CycleSummary } from './protocol.ts';
import type { VirtualClock } from './virtual-clock.ts';

/**
 * The server's cron on virtual time: the active expiry cycles that fell due at `hz` (a slow cycle,
 * then a fast one when Redis would run it), their records for the next batch, and the real time
 * they took (for `npm run bench:ui`).
 */

/** Cycles one tick may catch up on after a jump; older ones are skipped (the cron cannot keep up). */
const MAX_CYCLES_PER_TICK = 200;
const MAX_CYCLES_PER_BATCH = 50;

export class Cron {
  private lastCycleAt: number;
  private cycles: CycleSummary[] = [];
  readonly perf = { cronRuns: 0, cronMs: 0, maxCronMs: 0 };

  constructor(
    private readonly clock: VirtualClock,
    private readonly engine: () => Engine,
    private readonly realNow: () => number,
  ) {
    this.lastCycleAt = clock.now();
  }

  /** Runs every cycle due since the last one. */
  runDue(): void {
    const now = this.clock.now();
    const period = 1000 / this.engine().config.hz;
    if (now < this.lastCycleAt) this.lastCycleAt = now;
    let due = Math.floor((now - this.lastCycleAt) / period);
    if (due > MAX_CYCLES_PER_TICK) {
      this.lastCycleAt = now - MAX_CYCLES_PER_TICK * period;
      due = MAX_CYCLES_PER_TICK;
    }
    for (let i = 0; i < due; i++) {
      this.lastCycleAt += period;
      this.runAt(Math.floor(this.lastCycleAt));
    }
  }

  /** Fires right now (after a jump to a deadline, so the key that just expired can be reclaimed). */
  fireNow(): void {
    this.runAt(this.clock.now());
    this.lastCycleAt = this.clock.now();
  }

  /** DEBUG SLEEP blocks a real server: its cron does not run during the sleep. */
  slept(ms: number): void {
    if (ms > 0) this.lastCycleAt = Math.min(this.clock.now(), this.lastCycleAt + ms);
  }

  /** The records since the last call. */
  take(): CycleSummary[] {
    const out = this.cycles;
    this.cycles = [];
    return out;
  }

  get pending(): number {
    return this.cycles.length;
  }

  /** The earliest deadline still in the future, over every database. */
  nextDeadline(): number | null {
    const now = this.clock.now();
    let best: number | null = null;
    for (const db of this.engine().ks.dbs) {
      for (const e of db.volatile) {
        const d = Number(e.expiresAt);
        if (d >= now && (best === null || d < best)) best = d;
      }
    }
    return best;
  }

  private runAt(t: number): void {
    const started = this.realNow();
    const engine = this.engine();
    this.clock.at(t, () => {
      this.record(engine.runExpiryCycle('slow', true));
      const fast = engine.runExpiryCycle('fast', true);
      if (!fast.skipped) this.record(fast);
    });
    const ms = this.realNow() - started;
    this.perf.cronRuns++;
    this.perf.cronMs += ms;
    this.perf.maxCronMs = Math.max(this.perf.maxCronMs, ms);
  }

  private record(r: CycleRecord): void {
    if (r.skipped || r.sampled === 0 || this.cycles.length >= MAX_CYCLES_PER_BATCH) return;
    this.cycles.push(cycleSummaryOf(r));
  }
}
