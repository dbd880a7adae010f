import { forkEngine } from '../docs/fork.ts';
import type { Compat } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';
import type { Cron } from './cron.ts';
import type { DocumentParser } from './docs-parser.ts';
import { HostDocs } from './host-docs.ts';
import { commandInfo } from './host-info.ts';
import { applyClockOp, runLines } from './host-lines.ts';
import { Outbox } from './outbox.ts';
import { StoreLink } from './persist/store-link.ts';
import {
  type ClockOp,
  type DocsUpdate,
  type ExpiryStats,
  PROTOCOL_VERSION,
  type RequestOf,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';
import { detailsOf } from './rows.ts';
import { type Session, type SessionEnv, type SessionSpec, Sessions } from './sessions.ts';
import { TableViews } from './table-view.ts';
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
  /** The page chose to take the playground over from another tab (worker.ts opens the store). */
  takeOver?(): void;
  /** Reads docs pages off the command path; without it they are read at once (tests, the CLI). */
  parseDocument?: DocumentParser;
}

/** Lines that may need the interpreter wait for it while it loads (a few ms after start-up). */
const NEEDS_SCRIPTING = /\b(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;

export class WorkerHost {
  readonly sessions: Sessions;
  /** Real time spent running the expiry cron (both cycles of one hz tick), for `npm run bench:ui`. */
  readonly perf: Cron['perf'] = { cronRuns: 0, cronMs: 0, maxCronMs: 0 };
  /** Where the last tick's real ms went (`npm run bench:ui` names the parts of the longest). */
  readonly lastTick = { cron: 0, persist: 0, batch: 0, table: 0 };
  /** The session the Docs panel's page runs on, while a page is open. */
  private readonly docs: HostDocs;
  private readonly out: Outbox;
  /** The key table's windows, sorted and filtered here (table-view.ts). */
  private readonly table: TableViews;
  /** Saving the learner's session, and sharing (persist/store-link.ts). */
  readonly store: StoreLink;
  private scripting: ScriptVmFactory | null = null;
  private scriptingLoad: Promise<void> | null = null;

  private readonly handlers = {
    hello: (req: RequestOf<'hello'>) => {
      // A new playground starts as the server last chosen; a restored one keeps its own.
      if (req.compat && !this.store.restored) this.sessions.learner.setCompat(req.compat);
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
        () => this.exec(req.id, req.lines, req.console ?? 1),
      ),
    'console-open': () => {
      this.active.consoles.open();
      this.flush();
    },
    'console-close': (req: RequestOf<'console-close'>) => {
      this.active.consoles.close(req.console);
      this.flush();
    },
    'console-interrupt': (req: RequestOf<'console-interrupt'>) => {
      this.active.consoles.interrupt(req.console);
      this.flush();
    },
    clock: (req: RequestOf<'clock'>) => this.clockOp(req.op),
    snapshot: (req: RequestOf<'snapshot'>) => this.sendSnapshot(req.mirror === true),
    'table-view': (req: RequestOf<'table-view'>) => {
      this.table.setView(req.viewer, req.query);
      this.table.post();
    },
    inspect: (req: RequestOf<'inspect'>) => this.inspect(req.db, req.key),
    reset: () => this.store.reset(),
    'console-cleared': () => this.store.persistence.clearConsole(),
    'store-takeover': () => this.io.takeOver?.(),
    capture: (req: RequestOf<'capture'>) => this.store.capture(req.id, req.withDoc),
    'load-scenario': (req: RequestOf<'load-scenario'>) => this.store.loadScenario(req.bytes, req.label),
    'session-close': (req: RequestOf<'session-close'>) => {
      const session = this.sessions.get(req.id);
      if (session) this.closeSession(session);
    },
    'docs-open': (req: RequestOf<'docs-open'>) => this.docs.opener.open(req),
    'docs-step': (req: RequestOf<'docs-step'>) => this.docs.onPage((d) => d.step(req.waitMode)),
    'docs-run': (req: RequestOf<'docs-run'>) => this.docs.onPage((d) => d.run(req.waitMode)),
    'docs-run-block': (req: RequestOf<'docs-run-block'>) =>
      this.docs.onPage((d) => d.runBlock(req.block, req.waitMode)),
    'docs-stop': () => this.docs.onPage((d) => d.stop(), false),
    'docs-reset': () => this.docs.reset(),
    'docs-goto': (req: RequestOf<'docs-goto'>) => this.docs.goto(req.position),
    'docs-close': () => this.docs.close(),
    'docs-check-task': (req: RequestOf<'docs-check-task'>) => this.docs.checkTask(req.task),
  } satisfies { [K in WorkerRequest['type']]: (req: RequestOf<K>) => void };

  constructor(private readonly io: HostIO) {
    this.table = new TableViews({
      engine: () => this.engine,
      db: () => this.cli.client.db,
      rowFor: (db, e) => this.out.rowFor(db, e),
      realNow: io.realNow,
      post: (m) => io.post(m),
    });
    this.out = new Outbox(io, () => this.sessions.active, this.table);
    this.store = new StoreLink({
      get sessions() {
        return host.sessions;
      },
      post: (m) => io.post(m),
      realNow: io.realNow,
      newEngine: (clock, compat) => this.newEngine(clock, compat),
      flush: () => this.flush(),
      snapshot: () => this.sendSnapshot(),
      ready: () => this.postReady(),
      replaced: (engine) => this.out.replaced(engine),
      activate: (session) => this.activate(session),
      close: (session) => this.closeSession(session),
      openDocs: (path, source, keyspace, then) => {
        this.docs.opener.open({ path, source, keyspace });
        this.docs.opener.whenOpen(then);
      },
      docsSession: () => this.docs.session,
    });
    const host = this;
    const env: SessionEnv = {
      realNow: io.realNow,
      perf: this.perf,
      newEngine: (clock, compat) => this.newEngine(clock, compat),
      fork: (source, clock) =>
        forkEngine(source, { clock, ...(this.scripting ? { scripting: this.scripting } : {}) }),
      wire: (session, engine) => {
        this.out.wire(session, engine);
        this.store.wire(session, engine);
      },
      // Only the shown session runs, so only its consoles hear anything by themselves.
      consoleOutput: (session, console, output) => {
        if (session !== this.active) return;
        const entries = output.map((e) => ({ ...e, session: session.id }));
        this.out.reply(0, console, entries);
        if (console === 1) this.store.lines(entries);
      },
    };
    this.sessions = new Sessions(env, io.startMs);
    this.docs = new HostDocs({
      sessions: this.sessions,
      active: () => this.active,
      post: (m) => io.post(m),
      out: this.out,
      store: this.store,
      parseDocument: io.parseDocument,
      openSession: (spec) => this.openSession(spec),
      activate: (session) => this.activate(session),
      closeSession: (session) => this.closeSession(session),
      flush: () => this.flush(),
      switched: () => this.switched(),
      postReady: () => this.postReady(),
      afterScripting: (needed, action) => this.afterScripting(needed, action),
    });
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
    this.docs.closing(session);
    const wasActive = session === this.active;
    if (wasActive) this.flush();
    this.sessions.close(session);
    if (wasActive && session !== this.active) this.switched();
  }

  /** The page now shows another session: forget the old one's pending changes, send the new one. */
  private switched(): void {
    this.out.forget();
    this.active.consoles.changed = true;
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
      consoles: this.active.consoles.info(),
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

  /**
   * Called every frame by the worker: due expiry cycles, blocked clients whose timeout passed on
   * the virtual clock, then one batch if anything changed.
   */
  tick(): void {
    this.runDue();
    this.flush();
  }

  /**
   * The first half of a tick: the expiry cron's slice, timed-out blocked clients, a docs run's step.
   * The worker runs the other half (`flush`: saving, then the batch and the table window) as a task
   * of its own right after, so that neither half makes a long task of the two together.
   */
  runDue(): void {
    const session = this.active;
    const t0 = this.io.realNow();
    session.cron.runSlice();
    session.engine.timeOutBlockedClients();
    session.docs?.tick();
    this.lastTick.cron = this.io.realNow() - t0;
  }

  private newEngine(clock: VirtualClock, compat: Compat): Engine {
    return new Engine({
      clock,
      compat,
      seed: 0x5eed,
      ...(this.scripting ? { scripting: this.scripting } : {}),
    });
  }

  private exec(id: number, lines: readonly string[], console: number): void {
    const session = this.active;
    if (session === this.sessions.learner) this.store.persistence.beginLines(session.cli);
    const entries = runLines(session, lines, console, this.out.events);
    this.out.reply(id, console, entries);
    if (console === 1) this.store.lines(entries);
    this.flush();
  }

  private clockOp(op: ClockOp): void {
    applyClockOp(this.active, op);
    this.out.clockChanged = true;
    this.flush();
  }

  /** INFO's expiry figures of the shown session; counting stale keys is O(volatile keys). */
  expiryStats(): ExpiryStats {
    return this.out.expiryStats();
  }

  /** Saves what changed, then posts the batch and the table window: the second half of a tick. */
  flush(): void {
    const now = this.io.realNow;
    const t0 = now();
    // Written before the page can show it: a tab killed after this loses nothing it showed.
    this.store.persistence.commit();
    const t1 = now();
    this.out.flush(this.docsUpdate());
    const t2 = now();
    this.table.post();
    Object.assign(this.lastTick, { persist: t1 - t0, batch: t2 - t1, table: now() - t2 });
  }

  private sendSnapshot(mirror = false): void {
    this.out.snapshot(this.docsUpdate(), mirror);
    this.table.post();
  }

  /** The open page's progress, when its session is the one shown. */
  private docsUpdate(): DocsUpdate | undefined {
    return this.docs.update();
  }

  private inspect(dbIndex: number, key: string): void {
    const e = this.engine.ks.dbAt(dbIndex)?.dict.get(key);
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'details',
      details: detailsOf(
        dbIndex,
        key,
        e,
        this.clock.now(),
        e && this.out.fieldLifetimes(e),
        this.engine.config,
      ),
    });
  }
}
