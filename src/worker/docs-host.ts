import { withLiveHint } from '../docs/diagnose.ts';
import type { ParsedDocument } from '../docs/document.ts';
import { blockStepRange } from '../docs/page.ts';
import { DocRunner, type RunnerBackend } from '../docs/runner.ts';
import { checkTask, type LessonTask, type TaskResult } from '../docs/task.ts';
import { type WaitMode, waitDuration, waitPlayRate } from '../docs/timing.ts';
import type { DocPage, StepResult } from '../docs/types.ts';
import type { Compat } from '../engine/compat.ts';
import type { Engine } from '../engine/engine.ts';
import { type ConsoleEntry, DOCS_PROMPT, type DocsUpdate } from './protocol.ts';
import type { VirtualClock } from './virtual-clock.ts';

/**
 * Replays a docs page on a session of the worker (sessions.ts: the page's own, never the learner's),
 * so the console, the key table and the clock move with it. While the page runs, the clock is held
 * still and moves only at the page's waits, which play paced (at most ~3 s of real time each), in
 * real time, or jump, with the server's cron running through the time either way. Once the run is
 * over (the page or the block finished, or Stop) the clock is given back as it was: running at its
 * rate if it ran. Between two Steps the clock stays held, so that a step reads the TTLs the page
 * expects.
 */
export interface DocsHostApi {
  readonly clock: VirtualClock;
  /** Replaces the session's engine with a fresh, empty one and returns it. */
  resetEngine(): Engine;
  /** The session's engine now (the console may have written to it between two steps). */
  current(): Engine;
  /** The server the session answers as (a page without a hint runs as it). */
  compat(): Compat;
  /** A page written for another server switches its session to it (the keyspace stays). */
  setCompat(compat: Compat): void;
  /** Runs the expiry cycles due since the last ones (after the clock jumped). */
  runCron(): void;
  /**
   * Console lines the page ran, shown like typed ones, in console tab `console` (a page with
   * `client N>` prompts runs in several).
   */
  echo(entries: readonly ConsoleEntry[], console?: number): void;
}

export { DOCS_PROMPT } from './protocol.ts';

/**
 * Where a page's examples start: each section on an empty keyspace (as `docs check` does), the
 * keys carried from section to section (`--carry-state`), or a copy of the learner's keys, carried.
 */
export type DocsKeyspace = 'fresh' | 'carry' | 'continue';

export class DocsSession {
  private runner: DocRunner | null = null;
  /** Set while one block runs ("Run" on it): the index of its last step. */
  private limit: number | null = null;
  private pending: StepResult[] = [];
  private running = false;
  private waiting: { from: number; to: number; rate: number } | null = null;
  /** The wait animation already moved the clock: the runner's own advance must not move it again. */
  private covered = false;
  private restarted = false;
  private changed = false;
  private waitMode: WaitMode = 'paced';
  /** Set while replaying to an earlier step: the console is told once, not line by line. */
  private quiet = false;
  private source: { path: string; text: string } | null = null;
  /** The page as read (docs-parser.ts), kept so that Reset need not read it again. */
  doc: ParsedDocument | null = null;
  /** The clock as it was before the run took hold of it, to give back afterwards. */
  private held: { paused: boolean; rate: number } | null = null;

  constructor(
    private readonly api: DocsHostApi,
    readonly keyspace: DocsKeyspace = 'fresh',
  ) {}

  /** Starts replaying a page read by docs-parser.ts from `text`. */
  open(path: string, text: string, doc: ParsedDocument): DocPage {
    this.source = { path, text };
    this.doc = doc;
    this.start(doc.page);
    return doc.page;
  }

  get path(): string {
    return this.source?.path ?? '';
  }

  get text(): string {
    return this.source?.text ?? '';
  }

  /** The next step to run (a saved playground remembers it). */
  get position(): number {
    return this.runner?.position ?? 0;
  }

  get finished(): boolean {
    return this.runner?.finished ?? true;
  }

  /** Goes on from step `index` on the server as it is (a shared scenario was taken there). */
  seek(index: number): void {
    this.runner?.seek(index);
    this.changed = true;
  }

  /** The open page's "try it yourself" tasks. */
  get tasks(): readonly LessonTask[] {
    return this.doc?.tasks ?? [];
  }

  /** Checks task `index` of the open page against `engine` as it is now (without changing it). */
  checkTask(index: number, engine: Engine): TaskResult {
    const task = this.doc?.tasks[index];
    if (task === undefined) {
      return { task: index, passed: false, reason: 'The open page has no such task.', probes: [] };
    }
    return checkTask(task, engine);
  }

  step(waitMode: WaitMode): void {
    this.running = false;
    this.limit = null;
    this.waitMode = waitMode;
    this.hold();
    this.advance();
  }

  run(waitMode: WaitMode): void {
    this.running = true;
    this.limit = null;
    this.waitMode = waitMode;
    this.hold();
    this.advance();
  }

  /**
   * Runs the first `position` steps at once (waits jump, the cron running through them) without
   * echoing each line, then says so in one note: how a presenter goes back a step, on a page
   * reopened from its start. The clock stays held, as between two Steps.
   */
  replayTo(position: number): void {
    const runner = this.runner;
    if (!runner) return;
    this.running = false;
    this.limit = null;
    this.hold();
    this.quiet = true;
    try {
      while (runner.position < position && !runner.finished) this.runOne();
    } finally {
      this.quiet = false;
    }
    this.changed = true;
    const total = runner.page.steps.length;
    this.echo([
      {
        line: '',
        text:
          runner.position === 0
            ? `Back to the start of the page (step 1 of ${total}).`
            : `Back to step ${runner.position + 1} of ${total}: the page was replayed from its start (steps 1–${runner.position}, waits skipped).`,
        isError: false,
        at: this.api.clock.now(),
        prompt: '',
        note: true,
      },
    ]);
  }

  private echo(entries: readonly ConsoleEntry[], console?: number): void {
    if (!this.quiet) this.api.echo(entries, console);
  }

  /** Runs only the steps of code block `block` (and the waits before it), on the server as it is. */
  runBlock(block: number, waitMode: WaitMode): void {
    const runner = this.runner;
    const range = runner && blockStepRange(runner.page, block);
    if (!runner || !range || this.waiting) return;
    runner.seek(range.first);
    this.limit = range.last;
    this.running = true;
    this.waitMode = waitMode;
    this.hold();
    this.advance();
  }

  /** The run reached its end: the page's, or the block's. */
  private get atEnd(): boolean {
    const runner = this.runner;
    if (!runner) return true;
    return runner.finished || (this.limit !== null && runner.position > this.limit);
  }

  /** Stops a "Run all" after the current step; a wait being played completes at once. */
  stop(): void {
    this.running = false;
    this.limit = null;
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
    if (this.atEnd && !this.waiting) {
      this.limit = null;
      this.running = false;
      this.release();
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

  private start(page: DocPage): void {
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
      newEngine: () => this.freshEngine(),
      current: () => this.api.current(),
    };
    const compat = page.compat ?? this.api.compat();
    this.api.setCompat(compat);
    this.runner = new DocRunner(page, {
      backend,
      compat,
      carryState: this.keyspace !== 'fresh',
      startFrom: this.keyspace === 'continue' ? 'current' : 'empty',
      // A message or a woken reply shows in that client's console as it arrives.
      onClientOutput: (client, text, isError) =>
        this.echo(
          [{ line: '', text, isError, at: clock.now(), prompt: DOCS_PROMPT, continues: true }],
          client,
        ),
    });
    this.pending = [];
    this.restarted = true;
    this.changed = true;
  }

  /**
   * A section starts on an empty keyspace: say so in the console when that drops keys (ones the
   * learner typed into the lesson's keyspace, or an earlier section's), so no flush goes unseen.
   */
  private freshEngine(): Engine {
    const before = this.api.current();
    const dropped = before.ks.dbs.reduce((n, db) => n + db.dict.size, 0);
    const engine = this.api.resetEngine();
    if (dropped > 0) {
      this.echo([
        {
          line: '# the next example starts on an empty keyspace',
          text: `(${dropped} ${dropped === 1 ? 'key' : 'keys'} of this page's keyspace dropped)\n`,
          isError: false,
          at: this.api.clock.now(),
          prompt: DOCS_PROMPT,
        },
      ]);
    }
    return engine;
  }

  /** Runs steps until a wait has to be animated, or one step when not running. */
  private advance(): void {
    const runner = this.runner;
    // Asked to go on while a wait plays: with waits skipped it ends now, otherwise it keeps playing.
    if (this.waiting && this.waitMode === 'skip') this.finishWaitNow();
    if (!runner || this.waiting) return;
    do {
      const next = this.atEnd ? undefined : runner.peek();
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
    const runner = this.runner;
    const raw = runner?.step();
    if (!runner || !raw) return;
    const result = withLiveHint(raw, runner.results.slice(0, -1));
    this.pending.push(result);
    this.changed = true;
    // A read of a client (`client 2>` alone) shows nothing new: its output was shown as it came.
    if (result.kind === 'command' && result.step.line !== '') {
      const isError = result.actual.reply?.t === 'error' || /^\(error\)/m.test(result.actual.text);
      this.echo(
        [{ line: result.step.line, text: result.actual.text, isError, at: result.at, prompt: DOCS_PROMPT }],
        result.step.client ?? 1,
      );
    }
  }
}
