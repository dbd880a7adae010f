import type { Clock } from './clock.ts';
import type { Engine } from './engine.ts';
import type { CycleRecord } from './expiry.ts';

/**
 * When a host runs the active expiry cycle, as Redis's event loop does: serverCron's slow cycle
 * every 1000/hz ms of the clock, then beforeSleep's fast cycle (which Redis also runs after every
 * batch of client commands). No timers here: the host calls `runDue` from its own (the worker's
 * tick, `serve`'s timer) and `beforeSleep` after handling commands.
 */
export interface ExpiryCronOptions {
  /**
   * Missed ticks one call may catch up on. A worker's virtual clock jumps and wants every cycle in
   * between (each at its own time); a real server's late timer fires once (1).
   */
  readonly maxCatchUp: number;
  /** Runs one tick with the clock reading `t` (a virtual clock can); by default it just runs it. */
  readonly at?: (t: number, run: () => void) => void;
  /** Every cycle that ran, with sampled keys when `details` (the worker reports them). */
  readonly onCycle?: (record: CycleRecord) => void;
  readonly details?: boolean;
  /**
   * Asked after each tick of a catch-up: true when the host's slice of real time is spent (the
   * worker's frame). The ticks left stay due and run at the next call, each at its own time.
   */
  readonly yieldNow?: () => boolean;
}

export class ExpiryCron {
  private lastTickAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly engine: () => Engine,
    private readonly options: ExpiryCronOptions,
  ) {
    this.lastTickAt = clock.now();
  }

  /** Runs the ticks due since the last one; returns how many ran. */
  runDue(): number {
    const now = this.clock.now();
    const period = 1000 / this.engine().config.hz;
    if (now < this.lastTickAt) this.lastTickAt = now;
    let due = Math.floor((now - this.lastTickAt) / period);
    if (due > this.options.maxCatchUp) {
      this.lastTickAt = now - this.options.maxCatchUp * period;
      due = this.options.maxCatchUp;
    }
    for (let i = 0; i < due; i++) {
      this.lastTickAt += period;
      this.tickAt(Math.floor(this.lastTickAt));
      if (i + 1 < due && this.options.yieldNow?.()) return i + 1;
    }
    return due;
  }

  /** The clock was set elsewhere (a restored playground): ticks are due from its new reading on. */
  resync(): void {
    this.lastTickAt = this.clock.now();
  }

  /** A tick right now (after a jump to a deadline, so the key that just expired can be reclaimed). */
  fireNow(): void {
    this.tickAt(this.clock.now());
    this.lastTickAt = this.clock.now();
  }

  /** DEBUG SLEEP blocks a real server: no tick falls due during the sleep. */
  slept(ms: number): void {
    if (ms > 0) this.lastTickAt = Math.min(this.clock.now(), this.lastTickAt + ms);
  }

  /** beforeSleep: the fast cycle, which decides itself whether it is needed and not too soon. */
  beforeSleep(): void {
    this.report(this.engine().runExpiryCycle('fast', this.options.details));
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

  private tickAt(t: number): void {
    const run = () => {
      const engine = this.engine();
      this.report(engine.runExpiryCycle('slow', this.options.details));
      this.report(engine.runExpiryCycle('fast', this.options.details));
    };
    if (this.options.at) this.options.at(t, run);
    else run();
  }

  private report(record: CycleRecord): void {
    if (!record.skipped) this.options.onCycle?.(record);
  }
}
