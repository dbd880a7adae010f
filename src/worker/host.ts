import { forkEngine } from '../docs/fork.ts';
import { readingPage } from '../docs/reading.ts';
import { outcomeText } from '../engine/cli-session.ts';
import type { Compat } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';
import type { Cron } from './cron.ts';
import { type DocsKeyspace, DocsSession } from './docs-host.ts';
import { commandInfo, isErrorOutcome } from './host-info.ts';
import { Outbox } from './outbox.ts';
import {
  type ClockOp,
  type ConsoleEntry,
  type DocsUpdate,
  type ExpiryStats,
  PROTOCOL_VERSION,
  type RequestOf,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';
import { detailsOf } from './rows.ts';
import { type Session, type SessionEnv, type SessionSpec, Sessions } from './sessions.ts';
import type { VirtualClock } from './virtual-clock.ts';

/**
 * Owns the sessions on the worker side (sessions.ts: the learner's server and clock, and one per
 * open lesson or loaded scenario) and shows the page the active one: runs console lines on it, runs
 * its expiry cycles at `hz` of its virtual time, and turns everything that changed into one batch
 * per flush. Switching sessions sends the page a `sessions` message and a snapshot of the new one.
 * It has no timers of its own: the worker calls `tick()` every frame, so tests drive it directly.
 */

export interface HostIO {
  post(message: WorkerEvent): void;
  /** Monotonic real ms, comparable between worker and page (timeOrigin + performance.now()). */
  realNow(): number;
  /** Where the virtual clock starts (epoch ms). */
  readonly startMs: number;
  /** Loads the Lua interpreter (a separate chunk, fetched after start-up so the first paint waits not). */
  loadScripting?(): Promise<ScriptVmFactory>;
}

/** Lines that may need the interpreter wait for it while it loads (a few ms after start-up). */
const NEEDS_SCRIPTING = /\b(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;

export class WorkerHost {
  readonly sessions: Sessions;
  /** Real time spent running the expiry cron (both cycles of one hz tick), for `npm run bench:ui`. */
  readonly perf: Cron['perf'] = { cronRuns: 0, cronMs: 0, maxCronMs: 0 };
  /** The session the Docs panel's page runs on, while a page is open. */
  private docsSession: Session | null = null;
  private readonly out: Outbox;
  private scripting: ScriptVmFactory | null = null;
  private scriptingLoad: Promise<void> | null = null;

  private readonly handlers = {
    hello: () => {
      this.postReady();
      this.postSessions();
    },
    compat: (req: RequestOf<'compat'>) => {
      this.active.setCompat(req.compat);
      this.postReady();
      this.out.clockChanged = true;
      this.flush();
    },
    exec: (req: RequestOf<'exec'>) =>
      this.afterScripting(
        req.lines.some((l) => NEEDS_SCRIPTING.test(l)),
        () => this.exec(req.id, req.lines),
      ),
    clock: (req: RequestOf<'clock'>) => this.clockOp(req.op),
    snapshot: () => this.sendSnapshot(),
    inspect: (req: RequestOf<'inspect'>) => this.inspect(req.db, req.key),
    reset: () => {
      this.resetEngine(this.active);
      this.sendSnapshot();
    },
    'docs-open': (req: RequestOf<'docs-open'>) =>
      this.openDocs(req.path, req.source, req.keyspace ?? 'fresh'),
    'docs-step': (req: RequestOf<'docs-step'>) =>
      this.afterScripting(true, () => this.docsThen((d) => d.step(req.waitMode))),
    'docs-run': (req: RequestOf<'docs-run'>) =>
      this.afterScripting(true, () => this.docsThen((d) => d.run(req.waitMode))),
    'docs-run-block': (req: RequestOf<'docs-run-block'>) =>
      this.afterScripting(true, () => this.docsThen((d) => d.runBlock(req.block, req.waitMode))),
    'docs-stop': () => this.docsThen((d) => d.stop()),
    'docs-reset': () => {
      const docs = this.docsSession?.docs;
      if (docs) this.openDocs(docs.path, docs.text, docs.keyspace);
    },
    'docs-close': () => {
      if (this.docsSession) this.closeSession(this.docsSession);
    },
    'docs-check-task': (req: RequestOf<'docs-check-task'>) => {
      const session = this.docsSession;
      if (!session?.docs) return;
      const result = session.docs.checkTask(req.task, session.engine);
      this.io.post({ v: PROTOCOL_VERSION, type: 'docs-task-result', result });
    },
  } satisfies { [K in WorkerRequest['type']]: (req: RequestOf<K>) => void };

  constructor(private readonly io: HostIO) {
    this.out = new Outbox(io, () => this.sessions.active);
    const env: SessionEnv = {
      realNow: io.realNow,
      perf: this.perf,
      newEngine: (clock, compat) => this.newEngine(clock, compat),
      fork: (source, clock) =>
        forkEngine(source, { clock, ...(this.scripting ? { scripting: this.scripting } : {}) }),
      wire: (session, engine) => this.out.wire(session, engine),
    };
    this.sessions = new Sessions(env, io.startMs);
    if (io.loadScripting) {
      this.scriptingLoad = io.loadScripting().then(
        (factory) => {
          this.scripting = factory;
          for (const s of this.sessions.all()) s.engine.setScripting(factory);
          this.scriptingLoad = null;
        },
        (e: unknown) => {
          // EVAL then answers that the interpreter is not loaded; everything else works.
          console.error('could not load the Lua interpreter', e);
          this.scriptingLoad = null;
        },
      );
    }
  }

  /** The session the page shows. */
  get active(): Session {
    return this.sessions.active;
  }

  /** The active session's server and clock (what the console, table and clock bar show). */
  get engine(): Engine {
    return this.active.engine;
  }

  get clock(): VirtualClock {
    return this.active.clock;
  }

  private get cli() {
    return this.active.cli;
  }

  /** A new session, suspended and not shown until `activate` (see sessions.ts). */
  openSession(spec: SessionSpec): Session {
    return this.sessions.open(spec);
  }

  /** Shows `session` on the page; the one shown before is suspended, exactly as it is. */
  activate(session: Session): void {
    if (session === this.active) return;
    // What happened on the session shown so far goes out first (it belongs to its log).
    this.flush();
    this.sessions.activate(session);
    this.switched();
  }

  /** Drops `session` (and its page, if it holds the open one); see Sessions.close. */
  closeSession(session: Session): void {
    if (session === this.docsSession) {
      this.docsSession = null;
      session.docs = null;
      this.io.post({ v: PROTOCOL_VERSION, type: 'docs-closed' });
    }
    const wasActive = session === this.active;
    if (wasActive) this.flush();
    this.sessions.close(session);
    if (wasActive && session !== this.active) this.switched();
  }

  /** The page now shows another session: forget the old one's pending changes, send the new one. */
  private switched(): void {
    this.out.forget();
    this.postReady();
    this.postSessions();
    this.sendSnapshot();
    this.out.clockChanged = true;
    this.flush();
  }

  /** The shown session's server, its commands (autocomplete, hints) and prompt. */
  private postReady(): void {
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'ready',
      compat: this.active.compat,
      commands: commandInfo(this.engine.table),
      prompt: this.cli.prompt(),
    });
  }

  private postSessions(): void {
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'sessions',
      active: this.active.info,
      sessions: this.sessions.list(),
    });
  }

  /**
   * Opens a page in a session of its own, opened from the session shown now; a page opened while
   * another is open replaces it (and its session), going back to where that one was opened from.
   */
  private openDocs(path: string, source: string, keyspace: DocsKeyspace): void {
    const old = this.docsSession;
    const base = (old?.opener && this.sessions.get(old.opener)) || this.active;
    const session = this.openSession({
      kind: 'lesson',
      label: path,
      opener: base,
      ...(keyspace === 'continue' ? { from: base } : {}),
    });
    const docs = new DocsSession(
      {
        clock: session.clock,
        resetEngine: () => this.resetEngine(session),
        current: () => session.engine,
        compat: () => session.compat,
        setCompat: (compat) => {
          if (compat === session.compat) return;
          session.setCompat(compat);
          if (session === this.active) this.postReady();
        },
        echo: (entries) => {
          if (session === this.active) this.out.reply(0, entries);
        },
        runCron: () => session.cron.runDue(),
      },
      keyspace,
    );
    if (old) old.docs = null;
    session.docs = docs;
    this.docsSession = session;
    const page = docs.open(path, source);
    session.relabel(page.title || path);
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'docs-page',
      page,
      source,
      reading: readingPage(source, page),
      tasks: docs.tasks,
      keyspace,
      session: session.info,
    });
    // One switch, straight to the new page's session (not by way of the learner's).
    this.flush();
    this.sessions.activate(session);
    if (old) this.sessions.close(old);
    this.switched();
  }

  /** Gives `session` a fresh, empty server; the page sees its keys go as a flush. */
  private resetEngine(session: Session): Engine {
    const shown = session === this.active;
    // Send what happened on the old server first (say, a key the active cycle just removed).
    if (shown) this.flush();
    const engine = session.replaceEngine();
    if (shown) this.out.replaced(engine);
    return engine;
  }

  /** Runs `action` now, or once the interpreter has loaded if it may need it. */
  private afterScripting(needed: boolean, action: () => void): void {
    const loading = this.scriptingLoad;
    if (needed && loading) void loading.then(action);
    else action();
  }

  /** Resolves when nothing is loading any more (tests wait on it). */
  scriptingSettled(): Promise<void> {
    return this.scriptingLoad ?? Promise.resolve();
  }

  /** Runs `action` on the open page, showing its session first. */
  private docsThen(action: (docs: DocsSession) => void): void {
    const session = this.docsSession;
    if (!session?.docs) return;
    this.activate(session);
    action(session.docs);
    this.out.clockChanged = true;
    this.flush();
  }

  handle(req: WorkerRequest): void {
    if (req.v !== PROTOCOL_VERSION) {
      this.io.post({
        v: PROTOCOL_VERSION,
        type: 'protocol-error',
        message: `expected protocol ${PROTOCOL_VERSION}, got ${req.v}`,
      });
      return;
    }
    const handler = this.handlers[req.type] as (r: WorkerRequest) => void;
    handler(req);
  }

  /** Called every frame by the worker: due expiry cycles, then one batch if anything changed. */
  tick(): void {
    const session = this.active;
    session.cron.runDue();
    session.docs?.tick();
    this.flush();
  }

  private newEngine(clock: VirtualClock, compat: Compat): Engine {
    return new Engine({
      clock,
      compat,
      seed: 0x5eed,
      ...(this.scripting ? { scripting: this.scripting } : {}),
    });
  }

  private exec(id: number, lines: readonly string[]): void {
    const entries: ConsoleEntry[] = [];
    const session = this.active;
    for (const line of lines) {
      const prompt = session.cli.prompt();
      const at = session.clock.now();
      // A line runs at one instant (Redis reads its clock once per command), so the TTL a key is
      // given is exactly what was typed; DEBUG SLEEP still moves time inside the line.
      this.out.events.typedLine = line;
      const outcome = session.clock.at(at, () => session.cli.runLine(line));
      this.out.events.typedLine = undefined;
      entries.push({ line, text: outcomeText(outcome), isError: isErrorOutcome(outcome), at, prompt });
    }
    // DEBUG SLEEP blocks a real server: its cron does not run during the sleep.
    session.cron.slept(session.clock.takeSlept());
    this.out.reply(id, entries);
    this.flush();
  }

  private clockOp(op: ClockOp): void {
    switch (op.kind) {
      case 'pause':
        this.clock.pause();
        break;
      case 'play':
        this.clock.play();
        break;
      case 'rate':
        if (op.rate > 0 && op.rate <= 1000) this.clock.setRate(op.rate);
        break;
      case 'step':
        if (op.ms > 0) this.clock.jump(op.ms);
        this.active.cron.runDue();
        break;
      case 'next-expiry': {
        const cron = this.active.cron;
        const next = cron.nextDeadline();
        if (next !== null) {
          this.clock.jump(next + 1 - this.clock.now());
          cron.runDue();
          cron.fireNow();
        }
        break;
      }
    }
    this.out.clockChanged = true;
    this.flush();
  }

  /** INFO's expiry figures of the shown session; counting stale keys is O(volatile keys). */
  expiryStats(): ExpiryStats {
    return this.out.expiryStats();
  }

  private flush(): void {
    this.out.flush(this.docsUpdate());
  }

  private sendSnapshot(): void {
    this.out.snapshot(this.docsUpdate());
  }

  /** The open page's progress, when its session is the one shown. */
  private docsUpdate(): DocsUpdate | undefined {
    return this.docsSession === this.active ? this.active.docs?.take() : undefined;
  }

  private inspect(dbIndex: number, key: string): void {
    const e = this.engine.ks.dbAt(dbIndex)?.dict.get(key);
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'details',
      details: detailsOf(dbIndex, key, e, this.clock.now(), e && this.out.fieldLifetimes(e)),
    });
  }
}
