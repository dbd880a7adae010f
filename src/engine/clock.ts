/**
 * The engine never reads the time itself: a Clock is injected. All times are unix epoch milliseconds.
 * `sleep` is what DEBUG SLEEP does: a manual clock jumps, a system clock really waits.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): void;
}

/** A clock that moves only when told to: tests, the docs runner, `--clock virtual`. */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs = 1_700_000_000_000) {
    this.current = Math.floor(startMs);
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): void {
    this.advance(ms);
  }

  advance(ms: number): void {
    if (ms > 0) this.current += Math.floor(ms);
  }

  set(ms: number): void {
    this.current = Math.floor(ms);
  }
}

/** A deterministic generator whose position can be saved and put back (snapshots keep it). */
export interface SeededRandom {
  (): number;
  state: number;
}

/** Deterministic PRNG (mulberry32) for the active expiry cycle's sampling and RANDOMKEY. */
export function seededRandom(seed: number): SeededRandom {
  const next = (() => {
    next.state = (next.state + 0x6d2b79f5) >>> 0;
    let t = next.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as SeededRandom;
  next.state = seed >>> 0;
  return next;
}
