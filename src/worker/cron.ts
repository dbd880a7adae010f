import { ExpiryCron } from '../engine/cron.ts';
import type { Engine } from '../engine/engine.ts';
import type { CycleRecord } from '../engine/expiry.ts';
import { cycleSummaryOf } from './expiry-report.ts';
import type { CycleSummary } from './protocol.ts';
import type { VirtualClock } from './virtual-clock.ts';

/**
 * The server's cron on virtual time (the shared ExpiryCron, each due cycle run at its own virtual
 * time), the records of the cycles for the next batch, and the real time they took (for
 * `npm run bench:ui`).
 */

/** Cycles one tick may catch up on after a jump; older ones are skipped (the cron cannot keep up). */
const MAX_CYCLES_PER_TICK = 200;
const MAX_CYCLES_PER_BATCH = 50;
/**
 * Real ms the cycles of one frame may take. A cycle's own limit is a cost model (so replays are
 * deterministic), which a mass expiry's deletions (events, rows, the log) overrun many times: past
 * this slice the cycle stops as at its time limit and the ticks left run next frame, so no worker
 * task runs long (the page waits on the worker for every reply and window).
 */
export const CRON_SLICE_MS = 12;

export class Cron {
  private readonly expiry: ExpiryCron;
  private cycles: CycleSummary[] = [];

  /** When the running slice ends (real ms). */
  private sliceEnd = Number.POSITIVE_INFINITY;

  constructor(
    clock: VirtualClock,
    private readonly engine: () => Engine,
    private readonly realNow: () => number,
    readonly perf = { cronRuns: 0, cronMs: 0, maxCronMs: 0 },
  ) {
    this.expiry = new ExpiryCron(clock, engine, {
      maxCatchUp: MAX_CYCLES_PER_TICK,
      details: true,
      yieldNow: () => this.realNow() > this.sliceEnd,
      at: (t, run) => {
        const started = realNow();
        clock.at(t, run);
        const ms = realNow() - started;
        this.perf.cronRuns++;
        this.perf.cronMs += ms;
        this.perf.maxCronMs = Math.max(this.perf.maxCronMs, ms);
      },
      onCycle: (r) => this.record(r),
    });
  }

  /**
   * Runs every cycle due since the last one: after a user's clock step or a docs page's wait, whose
   * result is looked at right after.
   */
  runDue(): void {
    this.expiry.runDue();
  }

  /** The frame's tick: the cycles due, as many as fit in a slice of real time (the rest next frame). */
  runSlice(): void {
    this.sliced(() => this.expiry.runDue());
  }

  /** Fires right now (after a jump to a deadline, so the key that just expired can be reclaimed). */
  fireNow(): void {
    this.expiry.fireNow();
  }

  private sliced(run: () => void): void {
    const state = this.engine().expiry;
    this.sliceEnd = this.realNow() + CRON_SLICE_MS;
    state.overBudget = () => this.realNow() > this.sliceEnd;
    try {
      run();
    } finally {
      state.overBudget = null;
      this.sliceEnd = Number.POSITIVE_INFINITY;
    }
  }

  resync(): void {
    this.expiry.resync();
  }

  /** DEBUG SLEEP blocks a real server: its cron does not run during the sleep. */
  slept(ms: number): void {
    this.expiry.slept(ms);
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
    return this.expiry.nextDeadline();
  }

  private record(r: CycleRecord): void {
    if ((r.sampled === 0 && r.fieldsExpired === 0) || this.cycles.length >= MAX_CYCLES_PER_BATCH) return;
    this.cycles.push(cycleSummaryOf(r));
  }
}
