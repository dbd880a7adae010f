import { CliSession, type LineOutcome, outcomeText } from '../engine/cli-session.ts';
import { Engine } from '../engine/engine.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../engine/snapshot/codec.ts';
import type { SavedDoc } from '../engine/snapshot/snapshot.ts';
import { Cron } from './cron.ts';
import { DocsSession } from './docs-host.ts';
import { EventBuffer } from './event-buffer.ts';
import { expiryStatsOf } from './expiry-report.ts';
import { KeyChanges } from './key-changes.ts';
import { Persistence } from './persist/persistence.ts';
import { type Restored, type RestoreTarget, restorePlayground } from './persist/restore.ts';
import type { LoadResult, PlaygroundStore } from './persist/store.ts';
import {
  type Batch,
  type ClockOp,
  type CommandInfo,
  type ConsoleEntry,
  type ExpiryStats,
  groupRemovals,
  type KeyRow,
  PROTOCOL_VERSION,
  type RequestOf,
  type StoreState,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';
import { detailsOf } from './rows.ts';
import { VirtualClock } from './virtual-clock.ts';

/**
 * Owns the engine and the virtual clock on the worker side: runs console lines, runs the active
 * expiry cycle at `hz` of virtual time, and turns everything that changed into one batch per flush.
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
}

/** Lines that may need the interpreter wait for it while it loads (a few ms after start-up). */
const NEEDS_SCRIPTING = /\b(eval|evalsha|eval_ro|evalsha_ro|script)\b/i;

const MAX_REMOVALS_PER_BATCH = 2500;
/** Counting stale keys walks every volatile key, so stats go out at most this often (real ms). */
const STATS_INTERVAL_MS = 250;
/** A console line may repeat a command at most this often (`100000 INCR k` would freeze the tab). */
const MAX_REPEAT = 100_000;

export class WorkerHost {
  readonly clock: VirtualClock;
  engine!: Engine;
  private session!: CliSession;
  private seq = 0;
  private readonly keys: KeyChanges;
  private replies: Batch['replies'][number][] = [];
  private readonly events = new EventBuffer();
  private statsDirty = true;
  private lastStatsAt = Number.NEGATIVE_INFINITY;
  private clockChanged = true;
  private readonly docs: DocsSession;
  private scripting: ScriptVmFactory | null = null;
  private readonly cron: Cron;
  readonly persistence: Persistence;

  /** Real time spent running the expiry cron (both cycles of one hz tick), for `npm run bench:ui`. */
  get perf(): Cron['perf'] {
    return this.cron.perf;
  }
  private scriptingLoad: Promise<void> | null = null;

  private readonly handlers = {
    hello: () =>
      this.io.post({
        v: PROTOCOL_VERSION,
        type: 'ready',
        commands: this.commandInfo(),
        prompt: this.session.prompt(),
      }),
    exec: (req: RequestOf<'exec'>) =>
      this.afterScripting(
        req.lines.some((l) => NEEDS_SCRIPTING.test(l)),
        () => this.exec(req.id, req.lines),
      ),
    clock: (req: RequestOf<'clock'>) => this.clockOp(req.op),
    snapshot: () => this.sendSnapshot(),
    inspect: (req: RequestOf<'inspect'>) => this.inspect(req.db, req.key),
    reset: () => this.resetPlayground(),
    'console-cleared': () => this.persistence.clearConsole(),
    'store-takeover': () => this.io.takeOver?.(),
    capture: (req: RequestOf<'capture'>) => {
      const snapshot = this.persistence.snapshot(false);
      const { doc, ...rest } = snapshot;
      const bytes = encodeSnapshot(req.withDoc && doc ? snapshot : rest);
      this.io.post({ v: PROTOCOL_VERSION, type: 'captured', id: req.id, bytes });
    },
    'load-scenario': (req: RequestOf<'load-scenario'>) => this.loadScenario(req.bytes),
    'docs-open': (req: RequestOf<'docs-open'>) => {
      const page = this.docs.open(req.path, req.source);
      const tasks = this.docs.tasks;
      this.io.post({ v: PROTOCOL_VERSION, type: 'docs-page', page, source: req.source, tasks });
      this.flush();
    },
    'docs-step': (req: RequestOf<'docs-step'>) =>
      this.afterScripting(true, () => this.docsThen(() => this.docs.step(req.waitMode))),
    'docs-run': (req: RequestOf<'docs-run'>) =>
      this.afterScripting(true, () => this.docsThen(() => this.docs.run(req.waitMode))),
    'docs-stop': () => this.docsThen(() => this.docs.stop()),
    'docs-reset': () => this.docsThen(() => this.docs.reset()),
    'docs-check-task': (req: RequestOf<'docs-check-task'>) =>
      this.io.post({
        v: PROTOCOL_VERSION,
        type: 'docs-task-result',
        result: this.docs.checkTask(req.task, this.engine),
      }),
  } satisfies { [K in WorkerRequest['type']]: (req: RequestOf<K>) => void };

  constructor(private readonly io: HostIO) {
    this.clock = new VirtualClock(io.realNow, io.startMs);
    this.cron = new Cron(this.clock, () => this.engine, io.realNow);
    this.keys = new KeyChanges(() => this.clock.now());
    this.persistence = new Persistence(
      null,
      {
        get engine() {
          return host.engine;
        },
        clock: () => ({ time: this.clock.now(), rate: this.clock.rate, paused: this.clock.paused }),
        selectedDb: () => this.session.client.db,
        doc: () => this.docs?.saved ?? null,
      },
      io.realNow,
      (status) => this.reportStore(status.saving ? 'saving' : 'memory', status.message),
    );
    const host = this;
    this.createEngine();
    if (io.loadScripting) {
      this.scriptingLoad = io.loadScripting().then(
        (factory) => {
          this.scripting = factory;
          this.engine.setScripting(factory);
          this.scriptingLoad = null;
        },
        (e: unknown) => {
          // EVAL then answers that the interpreter is not loaded; everything else works.
          console.error('could not load the Lua interpreter', e);
          this.scriptingLoad = null;
        },
      );
    }
    this.docs = new DocsSession({
      clock: this.clock,
      resetEngine: () => {
        // Send what happened on the old server first (say, a key the active cycle just removed).
        this.flush();
        this.createEngine();
        for (const db of this.engine.ks.dbs) this.keys.flushed.add(db.id);
        this.events.markFlush();
        return this.engine;
      },
      currentEngine: () => this.engine,
      echo: (entries) => this.replies.push({ id: 0, entries }),
      runCron: () => this.cron.runDue(),
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

  private docsThen(action: () => void): void {
    action();
    this.clockChanged = true;
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
    this.cron.runDue();
    this.docs.tick();
    this.flush();
    this.persistence.commit();
  }

  private createEngine(fill?: (engine: Engine) => void): void {
    this.engine = new Engine({
      clock: this.clock,
      seed: 0x5eed,
      ...(this.scripting ? { scripting: this.scripting } : {}),
    });
    fill?.(this.engine);
    this.persistence.replaced();
    this.session = new CliSession(this.engine, { maxRepeat: MAX_REPEAT });
    this.keys.reset();
    const journal = this.persistence.journal;
    this.engine.setObserver({
      changed: (db, key) => {
        journal.touch(db, key);
        this.keys.changed(this.engine, db, key);
      },
      removed: (db, key, reason, entry, deadline) => {
        journal.touch(db, key);
        this.keys.removed(this.engine, db, key, reason, entry, deadline);
      },
      flushed: (db) => {
        journal.flush(db);
        this.events.markFlush();
        this.keys.flushedDb(db);
      },
    });
    this.engine.onEvent((ev) => {
      this.statsDirty = true;
      this.events.add(ev, this.clock.now(), this.engine.config.notifyFlags);
    });
  }

  private exec(id: number, lines: readonly string[]): void {
    const entries: ConsoleEntry[] = [];
    for (const line of lines) {
      const prompt = this.session.prompt();
      const at = this.clock.now();
      const sleptBefore = this.clock.sleptSoFar;
      // A line runs at one instant (Redis reads its clock once per command), so the TTL a key is
      // given is exactly what was typed; DEBUG SLEEP still moves time inside the line.
      const outcome = this.clock.at(at, () => this.session.runLine(line));
      const slept = this.clock.sleptSoFar - sleptBefore;
      entries.push({
        line,
        text: outcomeText(outcome),
        isError: isErrorOutcome(outcome),
        at,
        prompt,
        ...(outcome.kind === 'commands' ? {} : { local: true }),
        ...(slept > 0 ? { slept } : {}),
      });
    }
    // DEBUG SLEEP blocks a real server: its cron does not run during the sleep.
    this.cron.slept(this.clock.takeSlept());
    this.replies.push({ id, entries });
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
        this.cron.runDue();
        break;
      case 'next-expiry': {
        const next = this.cron.nextDeadline();
        if (next !== null) {
          this.clock.jump(next + 1 - this.clock.now());
          this.cron.runDue();
          this.cron.fireNow();
        }
        break;
      }
    }
    this.clockChanged = true;
    this.flush();
  }

  /** INFO's expiry figures; counting stale keys is O(volatile keys). */
  expiryStats(): ExpiryStats {
    return expiryStatsOf(this.engine, this.clock.now());
  }

  private takeStats(): ExpiryStats | undefined {
    if (!this.statsDirty) return undefined;
    const real = this.io.realNow();
    if (real - this.lastStatsAt < STATS_INTERVAL_MS) return undefined;
    this.lastStatsAt = real;
    this.statsDirty = false;
    return this.expiryStats();
  }

  private flush(): void {
    const docs = this.docs?.take();
    if (this.keys.pending || this.cron.pending || this.replies.length) this.statsDirty = true;
    // Stale counts change as time passes even when nothing else does.
    if (!this.clock.paused && this.engine.ks.dbs.some((db) => db.volatile.length > 0)) this.statsDirty = true;
    const stats = this.takeStats();
    const idle =
      docs === undefined &&
      !this.keys.pending &&
      this.replies.length === 0 &&
      this.events.idle &&
      this.cron.pending === 0 &&
      stats === undefined &&
      !this.clockChanged;
    if (idle) return;
    const upserts = this.keys.takeUpserts(this.engine);
    const selected = this.engine.ks.db(this.session.client.db);
    // A mass expiry removes far more keys per tick than a page can take in one message: the rest
    // go out with the next frames (the map keeps each key's latest fate, so nothing goes stale).
    const removals = this.keys.takeRemovals(MAX_REMOVALS_PER_BATCH);
    const batch: Batch = {
      v: PROTOCOL_VERSION,
      type: 'batch',
      seq: ++this.seq,
      upserts,
      removals: groupRemovals(removals),
      flushed: this.keys.takeFlushed(),
      replies: this.replies,
      clock: this.clock.state(),
      events: this.events.take(),
      cycles: this.cron.take(),
      selectedDb: selected.id,
      prompt: this.session.prompt(),
      keyCount: selected.dict.size,
      usedBytes: this.engine.ks.usedBytes,
      ...(docs ? { docs } : {}),
      ...(stats ? { stats } : {}),
    };
    for (const r of this.replies) this.persistence.addLines(r.entries);
    this.replies = [];
    this.clockChanged = false;
    // Written before the page can show it: a tab killed after this loses nothing it showed.
    this.persistence.commit();
    this.io.post(batch);
  }

  /**
   * Opens a playground's store (worker.ts found it and holds its lock): what it holds replaces the
   * engine, and from now on every change is written to it. Null: this playground is not saved.
   */
  attachStore(
    store: PlaygroundStore | null,
    loaded: LoadResult | null,
    state: StoreState,
    message: string | null,
  ): void {
    const notes: string[] = [];
    let restored: Restored | null = null;
    if (loaded?.kind === 'loaded') {
      restored = this.restore(() => restorePlayground(this.target, loaded.snapshot, loaded.records));
      if (loaded.tornTail) notes.push('The last change before the tab closed was cut short and left out.');
    } else if (loaded?.kind === 'unreadable') {
      notes.push(
        `The saved playground could not be read (${loaded.reason}); it was set aside and a fresh playground started.`,
      );
    }
    this.persistence.reset(store);
    if (restored) this.persistence.resume(restored.lines, true);
    // The first snapshot now, before any typed command waits behind it.
    this.persistence.commit();
    this.reportStore(state, message);
    if (restored || notes.length > 0) this.postRestored('store', restored, notes);
  }

  reportStore(state: StoreState, message: string | null): void {
    this.io.post({ v: PROTOCOL_VERSION, type: 'store-status', state, message });
  }

  private postRestored(from: 'store' | 'scenario', r: Restored | null, notes: string[]): void {
    const clock = this.clock.state();
    const info = r ?? { keys: 0, time: clock.virtualAt, rate: clock.rate, paused: clock.paused, lines: [] };
    this.io.post({ v: PROTOCOL_VERSION, type: 'restored', info: { ...info, from, notes } });
  }

  private get target(): RestoreTarget {
    return {
      clock: this.clock,
      rebuild: (fill) => {
        this.createEngine(fill);
        return this.engine;
      },
      selectDb: (db) => this.session.restoreDb(db as Parameters<CliSession['restoreDb']>[0]),
      reopenDoc: (doc: SavedDoc) => {
        if (doc.kind !== 'page') return;
        const page = this.docs.open(doc.path, doc.source, doc.step);
        this.io.post({
          v: PROTOCOL_VERSION,
          type: 'docs-page',
          page,
          source: doc.source,
          tasks: this.docs.tasks,
        });
      },
    };
  }

  /** Swaps in restored state: what the page showed of the old engine goes, the new one is sent whole. */
  private restore<T>(run: () => T): T {
    this.flush();
    const result = run();
    for (const db of this.engine.ks.dbs) this.keys.flushed.add(db.id);
    this.events.markFlush();
    this.cron.resync();
    this.clockChanged = true;
    this.sendSnapshot();
    return result;
  }

  /** A shared scenario (bytes the page read and showed first) replaces the playground. */
  private loadScenario(bytes: Uint8Array): void {
    try {
      const snapshot = decodeSnapshot(bytes);
      const restored = this.restore(() => restorePlayground(this.target, { ...snapshot, transcript: [] }));
      this.persistence.clearConsole();
      this.postRestored('scenario', restored, []);
    } catch (e) {
      const why = e instanceof SnapshotError ? e.message : String(e);
      this.postRestored('scenario', null, [`The scenario could not be loaded: ${why}.`]);
    }
  }

  /** Reset playground: an empty server, the clock at the present and running at 1×, nothing saved. */
  private resetPlayground(): void {
    this.restore(() => {
      this.clock.restore(this.io.realNow(), 1, false);
      this.createEngine();
    });
    this.persistence.reset();
  }

  private sendSnapshot(): void {
    this.flush();
    const rows: KeyRow[] = [];
    for (const db of this.engine.ks.dbs)
      for (const e of db.dict.values()) rows.push(this.keys.rowFor(db.id, e));
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'snapshot',
      seq: this.seq,
      rows,
      clock: this.clock.state(),
      stats: this.expiryStats(),
    });
  }

  private inspect(dbIndex: number, key: string): void {
    const e = this.engine.ks.dbAt(dbIndex)?.dict.get(key);
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'details',
      details: detailsOf(dbIndex, key, e, this.clock.now()),
    });
  }

  private commandInfo(): CommandInfo[] {
    return this.engine.table.all().map((s) => ({
      name: s.name,
      syntax: s.syntax,
      summary: s.summary,
      since: s.since,
      group: s.group,
      arity: s.arity,
      subcommands: (s.subcommands ?? []).map((c) => c.name),
    }));
  }
}

function isErrorOutcome(outcome: LineOutcome): boolean {
  if (outcome.kind === 'client') return true;
  if (outcome.kind === 'empty') return false;
  return outcome.commands.some((c) => c.reply.t === 'error');
}
