import { parseDocPage } from '../docs/page.ts';
import { DocRunner, type RunnerBackend } from '../docs/runner.ts';
import { checkTask, type LessonTask, readTasks, type TaskResult } from '../docs/task.ts';
import { type WaitMode, waitDuration, waitPlayRate } from '../docs/timing.ts';
import type { StepResult } from '../docs/types.ts';
import type { Compat } from '../engine/compat.ts';
import type { Engine } from '../engine/engine.ts';
import type { ConsoleEntry, DocsUpdate } from './protocol.ts';
import type { VirtualClock } from './virtual-clock.ts';

/**
 * Replays a docs page on the worker's own engine and clock, so the console, the key table and the
 * clock move with it. While the page runs, the clock is held still and moves only at the page's
 * waits, which play paced (at most ~3 s of real time each), in real time, or jump, with the server's
 * cron running through the time either way. Once the run is over (the page finished, Stop, Reset, or
 * another page) the clock is given back as it was: running at its rate if it ran. Between two Steps
 * the clock stays held, so that a step reads the TTLs the page expects.
 */
export interface DocsHostApi {
  readonly clock: VirtualClock;
  /** The server the playground answers as now (a page without a hint runs as it). */
  compat(): Compat;
  /**
   * Replaces the worker's engine with a fresh, empty one answering as `compat` and returns it; a
   * lesson written for another server switches the whole playground to it.
   */
  resetEngine(compat: Compat): Engine;
  /** Runs the expiry cycles due since the last ones (after the clock jumped). */
  runCron(): void;
  /** Console lines the page ran, shown like typed ones. */
  echo(entries: readonly ConsoleEntry[]): void;
}

export const DOCS_PROMPT = 'docs › ';

export class DocsSession {
  private runner: DocRunner | null = null;
  private pending: StepResult[] = [];
  private running = false;
  private waiting: { from: number; to: number; rate: number } | null = null;
  /** The wait animation already moved the clock: the runner's own advance must not move it again. */
  private covered = false;
  private restarted = false;
  private changed = false;
  private waitMode: WaitMode = 'paced';
  private source: { path: string; text: string } | null = null;
  private pageTasks: LessonTask[] = [];
  /** The clock as it was before the run took hold of it, to give back afterwards. */
  private held: { paused: boolean; rate: number } | null = null;

  constructor(private readonly api: DocsHostApi) {}

  open(path: string, text: string): ReturnType<typeof parseDocPage> {
    this.source = { path, text };
    const page = parseDocPage(text, path);
    this.pageTasks = readTasks(text);
    this.start(page);
    return page;
  }

  /** The open page's "try it yourself" tasks. */
  get tasks(): readonly LessonTask[] {
    return this.pageTasks;
  }

  /** Checks task `index` of the open page against `engine` as it is now (without changing it). */
  checkTask(index: number, engine: Engine): TaskResult {
    const task = this.pageTasks[index];
    if (task === undefined) {
      return { task: index, passed: false, reason: 'The open page has no such task.', probes: [] };
    }
    return checkTask(task, engine);
  }

  reset(): void {
    if (this.source) this.open(this.source.path, this.source.text);
  }

  step(waitMode: WaitMode): void {
    this.running = false;
    this.waitMode = waitMode;
    this.hold();
    this.advance();
  }

  run(waitMode: WaitMode): void {
    this.running = true;
    this.waitMode = waitMode;
    this.hold();
    this.advance();
  }

  /** Stops a "Run all" after the current step; a wait being played completes at once. */
  stop(): void {
    this.running = false;
    this.finishWaitNow();
    this.release();
    this.changed = true;
  }

  private finishWaitNow(): void {
    if (!this.waiting) return;
    const { to } = this.waiting;
    this.api.clock.cancelRun();
    this.api.clock.jump(Math.max(0, to - this.api.clock.now()));
    this.api.runCron();
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
      else this.releaseIfFinished();
    }
  }

  /** Takes the clock for the run: still, at its own rate, until release() gives it back. */
  private hold(): void {
    if (this.held) return;
    const clock = this.api.clock;
    clock.cancelRun();
    this.held = { paused: clock.paused, rate: clock.rate };
    clock.pause();
  }

  private release(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    const clock = this.api.clock;
    clock.cancelRun();
    clock.setRate(held.rate);
    if (held.paused) clock.pause();
    else clock.play();
  }

  private releaseIfFinished(): void {
    if (this.runner?.finished && !this.waiting) this.release();
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
    this.release();
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
          else {
            clock.jump(ms);
            this.api.runCron();
          }
        },
      },
      newEngine: (compat) => this.api.resetEngine(compat),
    };
    // The runner starts a new server at once, which flushes a batch: mark the restart after that.
    this.runner = new DocRunner(page, { backend, compat: page.compat ?? this.api.compat() });
    this.pending = [];
    this.restarted = true;
    this.changed = true;
  }

  /** Runs steps until a wait has to be animated, or one step when not running. */
  private advance(): void {
    const runner = this.runner;
    // Asked to go on while a wait plays: with waits skipped it ends now, otherwise it keeps playing.
    if (this.waiting && this.waitMode === 'skip') this.finishWaitNow();
    if (!runner || this.waiting) return;
    do {
      const next = runner.peek();
      if (next === undefined) {
        this.running = false;
        break;
      }
      const rate = next.kind === 'wait' ? waitPlayRate(waitDuration(next), this.waitMode) : 0;
      if (next.kind === 'wait' && rate > 0) {
        const from = this.api.clock.now();
        const to = from + waitDuration(next);
        this.waiting = { from, to, rate };
        this.api.clock.runTo(to, rate);
        break;
      }
      this.runOne();
    } while (this.running);
    this.releaseIfFinished();
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
