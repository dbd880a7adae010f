import { CliSession } from '../engine/cli-session.ts';
import { type Clock, ManualClock } from '../engine/clock.ts';
import type { CommandTable } from '../engine/command.ts';
import type { Compat } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import type { Reply } from '../engine/reply.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';
import { blockingTimeout, NOT_IN_PLAYGROUND, unsupportedReason } from './command-traits.ts';
import { judge, judgeRead } from './judge.ts';
import { type CompatRequest, pageCompat } from './page-compat.ts';
import { PageContext } from './page-context.ts';
import { waitDuration } from './timing.ts';
import type {
  ActualOutput,
  CommandResult,
  CommandStep,
  DocPage,
  DocStep,
  StepResult,
  WaitResult,
  WaitStep,
} from './types.ts';

/**
 * Replays a parsed page on the engine, one step at a time, so a UI can show each command's reply and
 * animate each wait; `runAll` does the whole page at once for the CLI. The clock is virtual and
 * moves only at waits (and when a blocking command times out). Each section starts from a new,
 * empty server unless `carryState` is set; blocks within a section share one connection.
 */

export interface RunnerOptions {
  /** Keep the keyspace across sections (pages whose sections build on one another). */
  readonly carryState?: boolean;
  /** Virtual unix time (ms) at the start: fixed, so that runs are reproducible. */
  readonly startTime?: number;
  /** Seed of the engine's random generator (RANDOMKEY, SPOP…). */
  readonly seed?: number;
  /** Command table override, for tests. */
  readonly table?: CommandTable;
  /** The Lua interpreter for EVAL (luaScripting from src/engine/scripting); none by default. */
  readonly scripting?: ScriptVmFactory;
  /** The server to replay on (page-compat.ts): a name, `auto`, or by default the page's hint. */
  readonly compat?: CompatRequest;
  /**
   * Where the page runs: by default a private manual clock and a new engine per section. The
   * playground's worker passes its own, so the console, the key table and the clock move with it.
   */
  readonly backend?: RunnerBackend;
  /**
   * `current`: the first section continues from the server the backend holds now instead of an
   * empty one (the playground's "continue from my keys"); later sections follow `carryState`.
   */
  readonly startFrom?: 'empty' | 'current';
  /**
   * Output a client of a page with several clients received by itself (a message to a subscriber,
   * a woken BLPOP's reply), as it arrives: the playground shows it in that client's console.
   */
  readonly onClientOutput?: (client: number, text: string, isError: boolean) => void;
}

/** The clock and the servers a page runs on. */
export interface RunnerBackend {
  /** `advance` moves the clock forward at a wait or a blocking command's timeout. */
  readonly clock: Clock & { advance(ms: number): void };
  /**
   * A new, empty server on that clock answering as `compat` (each section starts on one unless state
   * is carried).
   */
  newEngine(compat: Compat): Engine;
  /**
   * The server the page runs on right now, when the host owns it (its console may write to it
   * between two steps, and it may replace it): the runner then follows it instead of keeping the
   * one `newEngine` returned.
   */
  current?(): Engine;
}

/** 2026-01-01T00:00:00Z: after the absolute timestamps the corpus uses as "in the past". */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);
const DEFAULT_SEED = 0x0d0c5;
/** Active expiry cycles run after a wait, at most (a day at hz 10 would be 864,000). */
const MAX_CYCLES_AFTER_WAIT = 10_000;

export class DocRunner {
  readonly page: DocPage;
  readonly clock: RunnerBackend['clock'];
  private readonly options: RunnerOptions;
  private readonly backend: RunnerBackend;
  /** The server this page replays on. */
  readonly compat: Compat;
  private engineNow: Engine;
  private session: CliSession;
  /**
   * A page with `client N>` prompts has several clients, each a connection that can subscribe and
   * block; what each received by itself waits here for the page's next read of that client.
   */
  private readonly multiClient: boolean;
  private readonly clients = new Map<number, { session: CliSession; received: string }>();
  private cursor = 0;
  private section = -1;
  private readonly context: PageContext;
  private readonly done: StepResult[] = [];
  /** Sum of how far this section's waits went past their marks. */
  private overshootMs = 0;

  constructor(page: DocPage, options: RunnerOptions = {}) {
    this.page = page;
    this.options = options;
    this.backend = options.backend ?? privateBackend(options);
    this.clock = this.backend.clock;
    this.compat = pageCompat(page, options.compat);
    this.engineNow = this.backend.current?.() ?? this.backend.newEngine(this.compat);
    this.multiClient = page.steps.some((s) => s.kind === 'command' && s.prompt === 'client');
    this.session = this.newSession();
    this.context = new PageContext(this.engineNow.table);
  }

  /**
   * The page's client 1 cannot block or subscribe unless the page has several clients: alone, a
   * pop on empty lists answers at once, as if it timed out (see blockIfTimedOut).
   */
  private newSession(): CliSession {
    this.clients.clear();
    return new CliSession(this.engineNow, { maxRepeat: 1000, connected: this.multiClient });
  }

  /** Client `n` of a page with several (1 is the page's own session). */
  private client(n: number): { session: CliSession; received: string } {
    let c = this.clients.get(n);
    if (c === undefined) {
      const session = n === 1 ? this.session : new CliSession(this.engineNow, { maxRepeat: 1000 });
      const entry = { session, received: '' };
      session.onEvent = (event) => {
        if (event.kind !== 'output') return;
        entry.received += event.text;
        this.options.onClientOutput?.(n, event.text, event.isError);
      };
      c = entry;
      this.clients.set(n, c);
    }
    return c;
  }

  /** The engine the next step runs on (a new one after each section reset). */
  get engine(): Engine {
    this.follow();
    return this.engineNow;
  }

  /** Picks up the backend's current server if the host replaced it since the last step. */
  private follow(): void {
    const now = this.backend.current?.();
    if (now === undefined || now === this.engineNow) return;
    this.engineNow = now;
    this.session = this.newSession();
  }

  /**
   * Moves to step `index` without starting its section afresh: the steps from there run on the
   * server as it is (a UI's "Run this block").
   */
  seek(index: number): void {
    const step = this.page.steps[index];
    if (step === undefined) return;
    this.cursor = index;
    this.section = step.section;
  }

  /** Index of the next step in `page.steps`. */
  get position(): number {
    return this.cursor;
  }

  get finished(): boolean {
    return this.cursor >= this.page.steps.length;
  }

  get results(): readonly StepResult[] {
    return this.done;
  }

  peek(): DocStep | undefined {
    return this.page.steps[this.cursor];
  }

  /** Runs the next step; null when the page is done. */
  step(): StepResult | null {
    const step = this.page.steps[this.cursor];
    if (step === undefined) return null;
    this.cursor++;
    this.follow();
    const resetBefore = this.enterSection(step.section);
    // A client waiting in BLPOP times out on the page's clock, as a server's would between steps.
    this.engineNow.timeOutBlockedClients();
    const result =
      step.kind === 'wait' ? this.runWait(step, resetBefore) : this.runCommand(step, resetBefore);
    this.done.push(result);
    return result;
  }

  runAll(): readonly StepResult[] {
    while (this.step() !== null) {}
    return this.done;
  }

  /** Starts a fresh server when the step opens a new section; true when the keyspace was emptied. */
  private enterSection(section: number): boolean {
    if (section === this.section) return false;
    const first = this.section === -1;
    this.section = section;
    if (first && this.options.startFrom === 'current') return false;
    // A page with several clients is one scene: its clients and keys carry over from part to part.
    if ((this.options.carryState || this.multiClient) && !first) return false;
    this.engineNow = this.backend.newEngine(this.compat);
    this.session = this.newSession();
    this.context.reset();
    this.overshootMs = 0;
    return true;
  }

  private runWait(step: WaitStep, resetBefore: boolean): WaitResult {
    const from = this.clock.now();
    this.clock.advance(waitDuration(step));
    this.overshootMs += waitDuration(step) - step.ms;
    const expiredKeys = this.cyclesThrough(waitDuration(step));
    return { kind: 'wait', step, resetBefore, from, to: this.clock.now(), expiredKeys };
  }

  /**
   * A real server's cron runs the active cycle `hz` times a second while the time passes: run as many
   * cycles as the wait held, and stop early once the cycles have swept every volatile key without
   * finding a stale one (no time passes between them here, so nothing more would be found).
   */
  private cyclesThrough(ms: number): number {
    const engine = this.engineNow;
    const due = Math.min(MAX_CYCLES_AFTER_WAIT, Math.max(1, Math.ceil((ms * engine.config.hz) / 1000)));
    let expired = 0;
    let sweptClean = 0;
    for (let i = 0; i < due; i++) {
      const cycle = engine.runExpiryCycle('slow');
      expired += cycle.expired;
      sweptClean = cycle.expired > 0 ? 0 : sweptClean + cycle.sampled;
      const volatile = engine.ks.dbs.reduce((n, db) => n + db.volatile.length, 0);
      if (cycle.sampled === 0 || sweptClean >= volatile) break;
    }
    return expired;
  }

  private runCommand(step: CommandStep, resetBefore: boolean): CommandResult {
    const at = this.clock.now();
    const { line, unbound } = this.context.substitute(step.line);
    const client = this.multiClient ? this.client(step.client ?? 1) : null;
    if (client && line === '') {
      // A read: what the client received since its last step, compared as printed; a read that
      // shows nothing says nothing came.
      const actual = { text: client.received };
      client.received = '';
      const verdict = judgeRead(step, actual.text);
      return { kind: 'command', step, resetBefore, at, blockedMs: 0, actual, verdict };
    }
    if (client) client.received = '';
    const session = client?.session ?? this.session;
    const outcome = session.runLine(line);
    let argv: readonly string[] | null = null;
    let actual: ActualOutput;
    if (outcome.kind === 'commands') {
      const commands = outcome.commands;
      argv = commands[0]?.argv ?? null;
      const text = commands.map((c) => c.text).join('');
      // With a repeat prefix (`3 INCR k`), or a connection now reading messages or waiting, the
      // replies are compared as printed text.
      const one = commands.length === 1 && commands[0] && session.mode === 'ready';
      actual = one && commands[0] ? { reply: commands[0].reply, text } : { text };
    } else {
      actual = { text: outcome.kind === 'client' || outcome.kind === 'help' ? outcome.text : '' };
    }
    const unsupported =
      argv !== null && isUnknownCommand(actual.reply)
        ? unsupportedReason(argv, this.compat, actual.reply)
        : null;
    const blockedMs = argv !== null && unsupported === null ? this.blockIfTimedOut(argv, actual.reply) : 0;
    const taint = unbound
      ? `the command holds a placeholder (${unbound}) that no earlier reply stood for`
      : argv === null
        ? null
        : this.context.taintFor(argv, actual.reply);
    if (argv !== null) this.context.remember(argv, step, unsupported !== null);
    this.context.bindPlaceholder(step, actual.reply);
    const verdict = judge({ step, argv, actual, taint, unsupported, overshootMs: this.overshootMs });
    return { kind: 'command', step, resetBefore, at, blockedMs, actual, verdict };
  }

  /** A blocking command that found nothing waited out its timeout: move the clock by it. */
  private blockIfTimedOut(argv: readonly string[], reply: Reply | undefined): number {
    const timeout = blockingTimeout(argv);
    if (timeout === null || reply?.t !== 'nil') return 0;
    const units = Number(argv[timeout.index]);
    if (!Number.isFinite(units) || units <= 0) return 0;
    const ms = Math.round(units * timeout.unitMs);
    this.clock.advance(ms);
    return ms;
  }
}

/** `unknown command`, or the engine's "… is not in the playground: why" (out-of-scope.ts and the like). */
function isUnknownCommand(reply: Reply | undefined): boolean {
  return (
    reply?.t === 'error' && (reply.s.startsWith('ERR unknown command') || NOT_IN_PLAYGROUND.test(reply.s))
  );
}

/** The headless default: a manual clock at a fixed start and a fresh seeded engine per section. */
function privateBackend(options: RunnerOptions): RunnerBackend {
  const clock = new ManualClock(options.startTime ?? DEFAULT_START_TIME);
  const seed = options.seed ?? DEFAULT_SEED;
  return {
    clock,
    newEngine: (compat) =>
      new Engine({
        clock,
        seed,
        compat,
        ...(options.table ? { table: options.table } : {}),
        ...(options.scripting ? { scripting: options.scripting } : {}),
      }),
  };
}
