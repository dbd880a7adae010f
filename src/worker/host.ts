import { CliSession, outcomeText } from '../engine/cli-session.ts';
import { type Compat, DEFAULT_COMPAT } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import { type Entry, type Millis, NO_EXPIRY, type RemovalReason } from '../engine/keyspace.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';
import { Cron } from './cron.ts';
import { DocsSession } from './docs-host.ts';
import { EventBuffer } from './event-buffer.ts';
import { expiryStatsOf } from './expiry-report.ts';
import { FieldLifetimes } from './field-rows.ts';
import { commandInfo, isErrorOutcome } from './host-info.ts';
import {
  type Batch,
  type ClockOp,
  type ConsoleEntry,
  type ExpiryStats,
  groupRemovals,
  type KeyRemoval,
  type KeyRow,
  PROTOCOL_VERSION,
  type RequestOf,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';
import { detailsOf, rowOf } from './rows.ts';
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
  private readonly dirty = new Map<string, { db: number; key: string }>();
  private readonly removals = new Map<string, KeyRemoval>();
  private readonly flushed = new Set<number>();
  private replies: Batch['replies'][number][] = [];
  private readonly events = new EventBuffer();
  private statsDirty = true;
  private lastStatsAt = Number.NEGATIVE_INFINITY;
  private clockChanged = true;
  /** The TTL each entry had when its current deadline was set (a bar's full length). */
  private ttlGiven = new WeakMap<Entry, { deadline: Millis; ttl: number }>();
  private versions = new WeakMap<Entry, number>();
  private readonly docs: DocsSession;
  private compat: Compat = DEFAULT_COMPAT;
  private fieldLives = new FieldLifetimes();
  private scripting: ScriptVmFactory | null = null;
  private readonly cron: Cron;

  /** Real time spent running the expiry cron (both cycles of one hz tick), for `npm run bench:ui`. */
  get perf(): Cron['perf'] {
    return this.cron.perf;
  }
  private scriptingLoad: Promise<void> | null = null;

  private readonly handlers = {
    hello: () => this.postReady(),
    compat: (req: RequestOf<'compat'>) => {
      this.switchCompat(req.compat);
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
      this.createEngine();
      this.sendSnapshot();
    },
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
      compat: () => this.compat,
      resetEngine: (compat) => {
        // Send what happened on the old server first (say, a key the active cycle just removed).
        this.flush();
        this.switchCompat(compat);
        this.createEngine();
        for (const db of this.engine.ks.dbs) this.flushed.add(db.id);
        this.events.markFlush();
        return this.engine;
      },
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
  }

  /** The Compatibility box's choice, or a lesson's: the next commands (and engines) answer as it. */
  private switchCompat(compat: Compat): void {
    if (compat === this.compat) return;
    this.compat = compat;
    this.engine.setCompat(compat);
    this.postReady();
  }

  private postReady(): void {
    const commands = commandInfo(this.engine.table);
    this.io.post({
      v: PROTOCOL_VERSION,
      type: 'ready',
      compat: this.compat,
      commands,
      prompt: this.session.prompt(),
    });
  }

  private createEngine(): void {
    this.engine = new Engine({
      clock: this.clock,
      compat: this.compat,
      seed: 0x5eed,
      ...(this.scripting ? { scripting: this.scripting } : {}),
    });
    this.session = new CliSession(this.engine, { maxRepeat: MAX_REPEAT });
    this.ttlGiven = new WeakMap();
    this.versions = new WeakMap();
    this.fieldLives = new FieldLifetimes();
    this.dirty.clear();
    this.removals.clear();
    this.engine.setObserver({
      changed: (db, key) => this.noteChange(db, key),
      removed: (db, key, reason, entry, deadline) => this.noteRemoval(db, key, reason, entry, deadline),
      flushed: (db) => {
        this.events.markFlush();
        for (const [k, v] of this.dirty) if (v.db === db) this.dirty.delete(k);
        for (const [k, v] of this.removals) if (v.db === db) this.removals.delete(k);
        this.flushed.add(db);
      },
    });
    this.engine.onEvent((ev) => {
      this.statsDirty = true;
      this.events.add(ev, this.clock.now(), this.engine.config.notifyFlags);
    });
  }

  private noteChange(db: number, key: string): void {
    const id = `${db}\0${key}`;
    this.dirty.set(id, { db, key });
    this.removals.delete(id);
    const e = this.engine.ks.dbAt(db)?.dict.get(key);
    if (e) this.fieldLives.note(e, this.clock.now());
    if (e && e.expiresAt !== NO_EXPIRY && this.ttlGiven.get(e)?.deadline !== e.expiresAt) {
      this.ttlGiven.set(e, {
        deadline: e.expiresAt,
        ttl: Math.max(0, Number(e.expiresAt) - this.clock.now()),
      });
    }
  }

  private noteRemoval(db: number, key: string, reason: RemovalReason, entry: Entry, deadline: Millis): void {
    const id = `${db}\0${key}`;
    this.dirty.delete(id);
    const cause = this.engine.ks.cause;
    const at = this.engine.ks.now;
    const life =
      deadline === NO_EXPIRY
        ? {}
        : {
            deadline: Number(deadline),
            ttlGiven: this.ttlGiven.get(entry)?.ttl ?? Math.max(0, Number(deadline) - at),
          };
    if (reason === 'active') {
      this.removals.set(id, { db, key, reason, at, cycle: this.engine.ks.activeCycle, ...life });
      return;
    }
    const command = cause.kind === 'active' ? undefined : cause.command;
    this.removals.set(id, { db, key, reason, at, ...(command ? { command } : {}), ...life });
  }

  private rowFor(db: number, e: Entry): KeyRow {
    const version = (this.versions.get(e) ?? 0) + 1;
    this.versions.set(e, version);
    const given =
      e.expiresAt === NO_EXPIRY
        ? null
        : (this.ttlGiven.get(e)?.ttl ?? Math.max(0, Number(e.expiresAt) - this.clock.now()));
    return rowOf(db, e, given, version, this.fieldLives.summary(e));
  }

  private exec(id: number, lines: readonly string[]): void {
    const entries: ConsoleEntry[] = [];
    for (const line of lines) {
      const prompt = this.session.prompt();
      const at = this.clock.now();
      // A line runs at one instant (Redis reads its clock once per command), so the TTL a key is
      // given is exactly what was typed; DEBUG SLEEP still moves time inside the line.
      this.events.typedLine = line;
      const outcome = this.clock.at(at, () => this.session.runLine(line));
      this.events.typedLine = undefined;
      entries.push({ line, text: outcomeText(outcome), isError: isErrorOutcome(outcome), at, prompt });
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
    if (
      this.dirty.size ||
      this.removals.size ||
      this.flushed.size ||
      this.cron.pending ||
      this.replies.length
    )
      this.statsDirty = true;
    // Stale counts change as time passes even when nothing else does.
    if (!this.clock.paused && this.engine.ks.dbs.some((db) => db.volatile.length > 0)) this.statsDirty = true;
    const stats = this.takeStats();
    const idle =
      docs === undefined &&
      this.dirty.size === 0 &&
      this.removals.size === 0 &&
      this.flushed.size === 0 &&
      this.replies.length === 0 &&
      this.events.idle &&
      this.cron.pending === 0 &&
      stats === undefined &&
      !this.clockChanged;
    if (idle) return;
    const upserts: KeyRow[] = [];
    for (const { db, key } of this.dirty.values()) {
      const e = this.engine.ks.dbAt(db)?.dict.get(key);
      if (e) upserts.push(this.rowFor(db, e));
    }
    const selected = this.engine.ks.db(this.session.client.db);
    // A mass expiry removes far more keys per tick than a page can take in one message: the rest
    // go out with the next frames (the map keeps each key's latest fate, so nothing goes stale).
    const removals: KeyRemoval[] = [];
    for (const [id, r] of this.removals) {
      if (removals.length >= MAX_REMOVALS_PER_BATCH) break;
      removals.push(r);
      this.removals.delete(id);
    }
    const batch: Batch = {
      v: PROTOCOL_VERSION,
      type: 'batch',
      seq: ++this.seq,
      upserts,
      removals: groupRemovals(removals),
      flushed: [...this.flushed],
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
    this.dirty.clear();
    this.flushed.clear();
    this.replies = [];
    this.clockChanged = false;
    this.io.post(batch);
  }

  private sendSnapshot(): void {
    this.flush();
    const rows: KeyRow[] = [];
    for (const db of this.engine.ks.dbs) for (const e of db.dict.values()) rows.push(this.rowFor(db.id, e));
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
      details: detailsOf(dbIndex, key, e, this.clock.now(), e && this.fieldLives.list(e, this.clock.now())),
    });
  }
}
