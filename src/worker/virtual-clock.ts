import type { Clock } from '../engine/clock.ts';

/**
 * The playground's clock: real time × rate, pausable and steppable. `realNow` is any monotonic
 * millisecond source (performance.timeOrigin + performance.now() in the worker; a counter in tests).
 *
 * `sleep` (DEBUG SLEEP) jumps instantly and remembers how far, so the host does not pretend the
 * server's cron ran during it (Redis is blocked while it sleeps). `at(t, fn)` runs `fn` with the
 * clock reading `t`: the host uses it to run the expiry cycles that fell due between two ticks, each
 * at its own time.
 */
export interface ClockState {
  /** Virtual epoch ms at `realAt`. */
  readonly virtualAt: number;
  /** `realNow()` when the state was taken. */
  readonly realAt: number;
  readonly rate: number;
  readonly paused: boolean;
}

export const CLOCK_RATES = [0.1, 0.5, 1, 2, 5, 10, 100] as const;

export class VirtualClock implements Clock {
  private base: number;
  private anchor: number;
  private override: number | null = null;
  private limit: number | null = null;
  private slept = 0;
  rate = 1;
  paused = false;

  constructor(
    private readonly realNow: () => number,
    startMs: number,
  ) {
    this.base = Math.floor(startMs);
    this.anchor = realNow();
  }

  now(): number {
    if (this.override !== null) return this.override;
    const free = this.paused ? this.base : this.base + Math.floor((this.realNow() - this.anchor) * this.rate);
    return this.limit === null ? free : Math.min(free, this.limit);
  }

  /**
   * Lets time run at `rate` up to `target` and no further (a docs page's wait, animated): `now()`
   * never passes the target, and `reached()` says when it got there.
   */
  runTo(target: number, rate: number): void {
    this.rebase();
    this.limit = target;
    this.rate = rate;
    this.paused = false;
  }

  /** True once a `runTo` target is reached; the clock then stays paused on it. */
  reached(): boolean {
    if (this.limit === null || this.now() < this.limit) return false;
    this.base = this.limit;
    this.anchor = this.realNow();
    this.limit = null;
    this.paused = true;
    return true;
  }

  /** Ends a `runTo` early where the clock is now. */
  cancelRun(): void {
    if (this.limit === null) return;
    this.rebase();
    this.limit = null;
    this.paused = true;
  }

  /** DEBUG SLEEP: time passes at once, even when paused. */
  sleep(ms: number): void {
    if (!(ms > 0)) return;
    this.jump(ms);
    // Inside `at` (a frozen command) the sleep still moves the command's own clock.
    if (this.override !== null) this.override += Math.floor(ms);
    this.slept += Math.floor(ms);
  }

  /** How far DEBUG SLEEP moved the clock since the last call (then resets). */
  takeSlept(): number {
    const s = this.slept;
    this.slept = 0;
    return s;
  }

  /** A step or "next expiry": time passes at once; the server's cron runs through it. */
  jump(ms: number): void {
    this.rebase();
    this.base += Math.floor(ms);
  }

  setRate(rate: number): void {
    this.rebase();
    this.rate = rate;
  }

  pause(): void {
    this.rebase();
    this.paused = true;
  }

  play(): void {
    this.rebase();
    this.paused = false;
  }

  /** Resumes a saved clock: at `time`, with its rate, paused or running from now on. */
  restore(time: number, rate: number, paused: boolean): void {
    this.base = Math.floor(time);
    this.anchor = this.realNow();
    this.rate = rate;
    this.paused = paused;
    this.limit = null;
    this.slept = 0;
  }

  /** How far DEBUG SLEEP has moved the clock since the last takeSlept (not reset). */
  get sleptSoFar(): number {
    return this.slept;
  }

  at<T>(t: number, fn: () => T): T {
    const saved = this.override;
    this.override = t;
    try {
      return fn();
    } finally {
      this.override = saved;
    }
  }

  state(): ClockState {
    return { virtualAt: this.now(), realAt: this.realNow(), rate: this.rate, paused: this.paused };
  }

  private rebase(): void {
    this.base = this.now();
    this.anchor = this.realNow();
  }
}

/** The virtual time a ClockState implies at real time `realNow` (the UI animates with this). */
export function virtualTimeAt(state: ClockState, realNow: number): number {
  if (state.paused) return state.virtualAt;
  return state.virtualAt + (realNow - state.realAt) * state.rate;
}
