import { parseDocPage } from '../docs/page.ts';
import { DocRunner, type RunnerBackend } from '../docs/runner.ts';
import { waitDuration } from '../docs/timing.ts';
import type { StepResult } from '../docs/types.ts';
import type { Engine } from '../engine/engine.ts';
import type { ConsoleEntry, DocsUpdate, WaitRate } from './protocol.ts';
import type { VirtualClock } from './virtual-clock.ts';

/**
 * Replays a docs page on the worker's own engine and clock, so the console, the key table and the
 * clock move with it. The clock is paused for the run and moves only at the page's waits, which either
 * jump or play at a chosen rate until they are over (the host's tick notices the end).
 */
export interface DocsHostApi {
  readonly clock: VirtualClock;
  /** Replaces the worker's engine with a fresh, empty one and returns it. */
  resetEngine(): Engine;
  /** Console lines the page ran, shown like typed ones. */
  echo(entries: readonly ConsoleEntry[]): void;
}

export const DOCS_PROMPT = 'docs › ';

export class DocsSession {
  private runner: DocRunner | null = null;
  private pending: StepResult[] = [];
  private running = false;
  private waiting: { from: number; to: number } | null = null;
  /** The wait animation already moved the clock: the runner's own advance must not move it again. */
  private covered = false;
  private restarted = false;
  private changed = false;
  private waitRate: WaitRate = 0;
  private source: { path: string; text: string } | null = null;

  constructor(private readonly api: DocsHostApi) {}

  open(path: string, text: string): ReturnType<typeof parseDocPage> {
    this.source = { path, text };
    const page = parseDocPage(text, path);
    this.start(page);
    return page;
  }

  reset(): void {
    if (this.source) this.open(this.source.path, this.source.text);
  }

  step(waitRate: WaitRate): void {
    this.running = false;
    this.waitRate = waitRate;
    this.advance();
  }

  run(waitRate: WaitRate): void {
    this.running = true;
    this.waitRate = waitRate;
    this.advance();
  }

  /** Stops a "Run all" after the current step; a wait being played completes at once. */
  stop(): void {
    this.running = false;
    this.finishWaitNow();
    this.changed = true;
  }

  private finishWaitNow(): void {
    if (!this.waiting) return;
    const { to } = this.waiting;
    this.api.clock.cancelRun();
    this.api.clock.jump(Math.max(0, to - this.api.clock.now()));
    this.waiting = null;
    this.covered = true;
    this.runOne();
  }

  /** Called every tick: finishes an animated wait once the clock got there, and goes on running. */
  tick(): void {
    if (this.waiting && this.api.clock.reached()) {
      this.waiting = null;
      this.covered = true;
      this.runOne();
      if (this.running) this.advance();
    }
  }

  /** What changed since the last call, for the next batch. */
  take(): DocsUpdate | undefined {
    if (!this.changed || !this.runner) return undefined;
    const update: DocsUpdate = {
      results: this.pending,
      position: this.runner.position,
      finished: this.runner.finished,
      running: this.running,
      waiting: this.waiting,
      restarted: this.restarted,
    };
    this.pending = [];
    this.restarted = false;
    this.changed = false;
    return update;
  }

  private start(page: ReturnType<typeof parseDocPage>): void {
    this.api.clock.cancelRun();
    this.api.clock.pause();
    this.running = false;
    this.waiting = null;
    this.covered = false;
    const clock = this.api.clock;
    const backend: RunnerBackend = {
      clock: {
        now: () => clock.now(),
        sleep: (ms) => clock.sleep(ms),
        advance: (ms) => {
          if (this.covered) this.covered = false;
          else clock.jump(ms);
        },
      },
      newEngine: () => this.api.resetEngine(),
    };
    // The runner starts a new server at once, which flushes a batch: mark the restart after that.
    this.runner = new DocRunner(page, { backend });
    this.pending = [];
    this.restarted = true;
    this.changed = true;
  }

  /** Runs steps until a wait has to be animated, or one step when not running. */
  private advance(): void {
    const runner = this.runner;
    // Asked to go on while a wait plays: with waits skipped it ends now, otherwise it keeps playing.
    if (this.waiting && this.waitRate === 0) this.finishWaitNow();
    if (!runner || this.waiting) return;
    do {
      const next = runner.peek();
      if (next === undefined) {
        this.running = false;
        break;
      }
      if (next.kind === 'wait' && this.waitRate > 0) {
        const from = this.api.clock.now();
        const to = from + waitDuration(next);
        this.waiting = { from, to };
        this.api.clock.runTo(to, this.waitRate);
        break;
      }
      this.runOne();
    } while (this.running);
    this.changed = true;
  }

  private runOne(): void {
    const result = this.runner?.step();
    if (!result) return;
    this.pending.push(result);
    this.changed = true;
    if (result.kind === 'command') {
      this.api.echo([
        {
          line: result.step.line,
          text: result.actual.text,
          isError: result.actual.reply?.t === 'error' || result.actual.reply === undefined,
          at: result.at,
          prompt: DOCS_PROMPT,
        },
      ]);
    }
  }
}
