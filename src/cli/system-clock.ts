import type { Clock } from '../engine/clock.ts';

/** Wall-clock time for the headless console. Sleeping blocks the thread, as DEBUG SLEEP blocks Redis. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number): void {
    if (ms <= 0) return;
    const cell = new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(cell, 0, 0, ms);
  }
}
