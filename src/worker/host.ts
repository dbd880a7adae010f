import type { ParsedDocument } from '../docs/document.ts';
import { forkEngine } from '../docs/fork.ts';
import { outcomeText } from '../engine/cli-session.ts';
import type { Compat } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';
import { consoleNote } from './console-notes.ts';
import type { Cron } from './cron.ts';
import { type DocsKeyspace, DocsSession } from './docs-host.ts';
import { DocsOpener, type DocumentParser, type OpenRequest } from './docs-parser.ts';
import { commandInfo, isErrorOutcome } from './host-info.ts';
import { Outbox } from './outbox.ts';
import { StoreLink } from './persist/store-link.ts';
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
  /** The session the Docs panel's page runs on, while a page is open. */
  private docsSession: Session | null = null;
  private readonly opener: DocsOpener;
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
    'docs-open': (req: RequestOf<'docs-open'>) => this.opener.open(req),
    'docs-step': (req: RequestOf<'docs-step'>) =>
      this.afterScripting(true, () => this.docsThen((d) => d.step(req.waitMode))),
    'docs-run': (req: RequestOf<'docs-run'>) =>
      this.afterScripting(true, () => this.docsThen((d) => d.run(req.waitMode))),
    'docs-run-block': (req: RequestOf<'docs-run-block'>) =>
      this.afterScripting(true, () => this.docsThen((d) => d.runBlock(req.block, req.waitMode))),
    'docs-stop': () => this.docsThen((d) => d.stop()),
    'docs-reset': () =>
      this.opener.whenOpen(() => {
        const docs = this.docsSession?.docs;
        // The page as read when it opened: Reset reads nothing again.
        if (docs?.doc)
          this.openDocs({ path: docs.path, source: docs.text, keyspace: docs.keyspace }, docs.doc);
      }),
    'docs-goto': (req: RequestOf<'docs-goto'>) =>
      this.afterScripting(true, () =>
        this.opener.whenOpen(() => {
          const docs = this.docsSession?.docs;
          if (!docs?.doc || !Number.isInteger(req.position) || req.position < 0) return;
          this.openDocs({ path: docs.path, source: docs.text, keyspace: docs.keyspace }, docs.doc);
          this.docsSession?.docs?.replayTo(req.position);
          this.out.clockChanged = true;
          this.flush();
        }),
      ),
    'docs-close': () =>
      this.opener.whenOpen(() => {
        if (this.docsSession) this.closeSession(this.docsSession);
      }),
    'docs-check-task': (req: RequestOf<'docs-check-task'>) =>
      this.opener.whenOpen(() => {
        const session = this.docsSession;
        if (!session?.docs) return;
        const result = session.docs.checkTask(req.task, session.engine);
        this.io.post({ v: PROTOCOL_VERSION, type: 'docs-task-result', result });
      }),
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
        this.opener.open({ path, source, keyspace });
        this.opener.whenOpen(then);
      },
      docsSession: () => this.docsSession,
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
    this.opener = new DocsOpener(
      io.parseDocument,
      (req, doc) => this.openDocs(req, doc),
      (message) => this.io.post({ v: PROTOCOL_VERSION, type: 'docs-error', message }),
    );
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

  /**
   * Opens a page (read off the command path by the opener) in a session of its own, opened from the
   * session shown now; a page opened while another is open replaces it (and its session), going back
   * to where that one was opened from.
   */
  private openDocs(req: OpenRequest, doc: ParsedDocument): void {
    const { path, source } = req;
    const keyspace: DocsKeyspace = req.keyspace ?? 'fresh';
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
        echo: (lines, console = 1) => {
          if (session !== this.active) return;
          // A page's client 2 shows in a tab of its own: open tabs until it exists.
          while (!session.consoles.has(console) && session.consoles.count < console) session.consoles.open();
          const entries = lines.map((e) => ({ ...e, session: session.id }));
          this.out.reply(0, console, entries);
          if (console === 1) this.store.lines(entries);
        },
        runCron: () => session.cron.runDue(),
      },
      keyspace,
    );
    if (old) old.docs = null;
    session.docs = docs;
    this.docsSession = session;
    const page = docs.open(path, source, doc);
    session.relabel(page.title || path);
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'docs-page',
      page,
      source,
      reading: doc.reading,
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

  /** Runs `action` on the open page (once a page being read is there), showing its session first. */
  private docsThen(action: (docs: DocsSession) => void): void {
    this.opener.whenOpen(() => {
      const session = this.docsSession;
      if (!session?.docs) return;
      this.activate(session);
      action(session.docs);
      this.out.clockChanged = true;
      this.flush();
    });
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
    const session = this.active;
    session.cron.runSlice();
    session.engine.timeOutBlockedClients();
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

  private exec(id: number, lines: readonly string[], console: number): void {
    const entries: ConsoleEntry[] = [];
    const session = this.active;
    const cli = session.consoles.session(console);
    if (session === this.sessions.learner) this.store.persistence.beginLines(session.cli);
    for (const line of lines) {
      if (cli === undefined) break;
      const prompt = cli.prompt();
      const at = session.clock.now();
      const waiting = cli.mode === 'subscribed' || cli.mode === 'blocked';
      // A line runs at one instant (Redis reads its clock once per command), so the TTL a key is
      // given is exactly what was typed; DEBUG SLEEP still moves time inside the line.
      this.out.events.typedLine = line;
      const sleptBefore = session.clock.sleptSoFar;
      const outcome = session.clock.at(at, () => cli.runLine(line));
      this.out.events.typedLine = undefined;
      // A line typed while the connection waits runs later, with its own entry then.
      if (waiting) continue;
      const slept = session.clock.sleptSoFar - sleptBefore;
      entries.push({
        line,
        text: outcomeText(outcome),
        isError: isErrorOutcome(outcome),
        at,
        prompt,
        ...(outcome.kind === 'commands' ? {} : { local: true }),
        ...(slept > 0 ? { slept } : {}),
        session: session.id,
      });
      const note = consoleNote(line, outcome);
      if (note) entries.push({ line: '', text: note, isError: false, at, prompt: '', note: true });
    }
    // DEBUG SLEEP blocks a real server: its cron does not run during the sleep.
    session.cron.slept(session.clock.takeSlept());
    session.engine.timeOutBlockedClients();
    // The lines may have changed any tab: a prompt, a subscription, a wait, a CLIENT KILL.
    session.consoles.changed = true;
    this.out.reply(id, console, entries);
    if (console === 1) this.store.lines(entries);
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
        this.engine.timeOutBlockedClients();
        break;
      case 'next-expiry': {
        const cron = this.active.cron;
        const next = cron.nextDeadline();
        if (next !== null) {
          this.clock.jump(next + 1 - this.clock.now());
          cron.runDue();
          cron.fireNow();
          this.engine.timeOutBlockedClients();
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
    // Written before the page can show it: a tab killed after this loses nothing it showed.
    this.store.persistence.commit();
    this.out.flush(this.docsUpdate());
    this.table.post();
  }

  private sendSnapshot(mirror = false): void {
    this.out.snapshot(this.docsUpdate(), mirror);
    this.table.post();
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
