import type { Clock } from './clock.ts';

/**
 * The clock a top-level command sees: the one reading the engine takes when the command starts
 * (as redis-server 7.0 reads mstime once per call for it), so a command reads the time once, not
 * once per deadline it computes. On a system clock each reading may be a system call, costing more
 * than the command itself and varying with the machine's load. Sleeping (DEBUG SLEEP) moves it on
 * with the clock. Inside EXEC and scripts the engine hands commands the live clock instead, since
 * time may pass between their commands.
 */
export class CommandClock implements Clock {
  /** The time read when the running top-level command started. */
  at = 0;

  constructor(private readonly clock: Clock) {}

  /** Reads the underlying clock: a new top-level command starts. */
  start(): number {
    this.at = this.clock.now();
    return this.at;
  }

  now(): number {
    return this.at;
  }

  sleep(ms: number): void {
    this.clock.sleep(ms);
    this.at = this.clock.now();
  }
}
