import type { CliSession } from '../engine/cli-session.ts';
import { type Compat, DEFAULT_COMPAT } from '../engine/compat.ts';
import type { Engine } from '../engine/engine.ts';
import type { Entry, Millis } from '../engine/keyspace.ts';
import { Consoles } from './consoles.ts';
import { Cron } from './cron.ts';
import type { DocsSession } from './docs-host.ts';
import type { ConsoleEntry } from './protocol.ts';
import { type Numbered, TimelineReach } from './timeline-reach.ts';
import { VirtualClock } from './virtual-clock.ts';

/**
 * Sessions: independent servers side by side in one worker, exactly one of them active.
 *
 * A session is everything a playground is: an Engine (keyspace, config, script cache, stats), its
 * own VirtualClock and expiry cron, the console's client (selected db, MULTI queue, prompt), and the
 * bookkeeping the key table needs (the TTL each key was given, row versions). The page shows the
 * active session only: its key table, clock, events, expiry figures and console prompt follow it.
 * An inactive session is suspended: its clock stands still (whether it ran, and at what rate, is
 * remembered) and nothing runs on it, so when it is active again its keys, deadlines, remaining TTLs
 * and clock are exactly as they were.
 *
 * The learner's own session (kind `learner`, id `learner`) always exists and cannot be closed.
 * Anything that brings its own keys opens a session of its own and leaves the learner's alone: a
 * lesson or doc page in the Docs panel (`lesson`), a share link or a scenario file (`loaded`). The
 * host (host.ts) does the switching, because the page must be told:
 *
 *     const s = host.openSession({ kind: 'loaded', label: 'Scenario: cache stampede' });
 *     s.cli.runLine('SET a 1');          // fill it while it is suspended (nothing drains yet)
 *     host.activate(s);                  // the page now shows s; the previous session is suspended
 *     host.closeSession(s);              // back to the session s was opened from, as it was
 *
 * `from` starts a session as a copy of another one (keys, deadlines, config, the clock's time):
 * "continue from my keys". To persist the learner's work, serialise `sessions.learner.engine`'s
 * keyspace and `sessions.learner.clock.state()`; to restore it, build an engine on the learner's
 * clock and hand it to `replaceEngine`.
 */

export type SessionKind = 'learner' | 'lesson' | 'loaded';

export interface SessionInfo {
  readonly id: string;
  readonly kind: SessionKind;
  /** What the page calls it: "Your keyspace", "Lesson: A key with a time to live"… */
  readonly label: string;
}

export interface SessionSpec {
  readonly kind: Exclude<SessionKind, 'learner'>;
  readonly label: string;
  /** Start as a copy of this session (its keys, deadlines, config and the time on its clock). */
  readonly from?: Session;
  /** Where closing it goes back to (by default the session active when it opens). */
  readonly opener?: Session;
}

/** What sessions need from their host. */
export interface SessionEnv {
  readonly realNow: () => number;
  /** A new, empty server on `clock` answering as `compat` (with the Lua interpreter once loaded). */
  newEngine(clock: VirtualClock, compat: Compat): Engine;
  /** A copy of `source` on `clock`. */
  fork(source: Engine, clock: VirtualClock): Engine;
  /** Every engine a session gets passes here first (the host hooks its observers on it). */
  wire(session: Session, engine: Engine): void;
  /** Output a console tab of `session` got by itself (a message, a woken BLPOP's reply). */
  consoleOutput(session: Session, console: number, entries: ConsoleEntry[]): void;
  /** Shared by every session's cron: the real time the expiry cycles took (`npm run bench:ui`). */
  readonly perf: Cron['perf'];
}

/** Lines a console may repeat a command (`100000 INCR k` would freeze the tab otherwise). */
export const MAX_REPEAT = 100_000;

export class Session {
  readonly clock: VirtualClock;
  readonly cron: Cron;
  private engineNow!: Engine;
  private consolesNow: Consoles | null = null;
  /** The TTL each entry had when its current deadline was set (a bar's full length). */
  ttlGiven = new WeakMap<Entry, { deadline: Millis; ttl: number } & Numbered>();
  /** Bumped each time a row is sent, so the page can flash changed rows. */
  versions = new WeakMap<Entry, number>();
  /** Which keys' removals the page's timeline needs (timeline-reach.ts). */
  reach = new TimelineReach();
  /** The doc page or lesson running on this session, if any. */
  docs: DocsSession | null = null;
  /** The server this session answers as (the Compatibility box, or its lesson's `compat:`). */
  private compatNow: Compat;
  /** How the clock was before `suspend` (null while the session is active). */
  private held: { paused: boolean } | null = null;

  constructor(
    private infoNow: SessionInfo,
    /** The session that was active when this one opened: closing this one goes back there. */
    readonly opener: string | null,
    private readonly env: SessionEnv,
    startMs: number,
    from?: Session,
    compat: Compat = from?.compat ?? DEFAULT_COMPAT,
  ) {
    this.compatNow = compat;
    this.clock = new VirtualClock(env.realNow, startMs);
    this.cron = new Cron(this.clock, () => this.engineNow, env.realNow, env.perf);
    this.replaceEngine(from ? env.fork(from.engine, this.clock) : undefined);
  }

  get info(): SessionInfo {
    return this.infoNow;
  }

  get id(): string {
    return this.infoNow.id;
  }

  /** Names the session anew (a lesson takes its page's title once the page is read). */
  relabel(label: string): void {
    this.infoNow = { ...this.infoNow, label };
  }

  get engine(): Engine {
    return this.engineNow;
  }

  /** The console tabs, each a connection to this session's server (Client 1, Client 2…). */
  get consoles(): Consoles {
    return this.consolesNow as Consoles;
  }

  /** The first console tab's connection. */
  get cli(): CliSession {
    return this.consoles.first;
  }

  get suspended(): boolean {
    return this.held !== null;
  }

  get compat(): Compat {
    return this.compatNow;
  }

  /** Answers as another server from the next command on; the keyspace stays. */
  setCompat(compat: Compat): void {
    this.compatNow = compat;
    this.engineNow.setCompat(compat);
  }

  /** Whether the user has the clock paused (a suspended session's clock also stands still). */
  get userPaused(): boolean {
    return this.held ? this.held.paused : this.clock.paused;
  }

  /** Pauses or runs the clock as the user would; a suspended session does so once it is shown. */
  setUserPaused(paused: boolean): void {
    if (this.held) this.held = { paused };
    else if (paused) this.clock.pause();
    else this.clock.play();
  }

  /** Puts `engine` (a new empty one by default) in place of the current server and returns it. */
  replaceEngine(engine: Engine = this.env.newEngine(this.clock, this.compatNow)): Engine {
    this.engineNow = engine;
    // The tabs stay; each reconnects to the new server.
    if (this.consolesNow) this.consolesNow.rebind(engine);
    else {
      this.consolesNow = new Consoles(engine, {
        maxRepeat: MAX_REPEAT,
        now: () => this.clock.now(),
        emit: (console, entries) => this.env.consoleOutput(this, console, entries),
      });
    }
    this.ttlGiven = new WeakMap();
    this.versions = new WeakMap();
    this.reach = new TimelineReach();
    this.env.wire(this, engine);
    return engine;
  }

  /** Stops the clock where it is, remembering whether it ran (its rate stays as it is). */
  suspend(): void {
    if (this.held) return;
    this.clock.cancelRun();
    this.held = { paused: this.clock.paused };
    this.clock.pause();
  }

  /** Lets the clock go on from the instant it stopped at, as it went before. */
  resume(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    if (!held.paused) this.clock.play();
  }
}

export class Sessions {
  readonly learner: Session;
  private readonly open_ = new Map<string, Session>();
  private activeNow: Session;
  private nextId = 1;

  constructor(
    private readonly env: SessionEnv,
    startMs: number,
  ) {
    this.learner = new Session(
      { id: 'learner', kind: 'learner', label: 'Your keyspace' },
      null,
      env,
      startMs,
    );
    this.open_.set(this.learner.id, this.learner);
    this.activeNow = this.learner;
  }

  get active(): Session {
    return this.activeNow;
  }

  get(id: string): Session | undefined {
    return this.open_.get(id);
  }

  list(): SessionInfo[] {
    return this.all().map((s) => s.info);
  }

  all(): Session[] {
    return [...this.open_.values()];
  }

  /**
   * A new session, suspended until activated. A fresh one's clock starts at the active session's
   * time, so the virtual time the page shows reads on; a copy's at its source's.
   */
  open(spec: SessionSpec): Session {
    const id = `${spec.kind}-${this.nextId++}`;
    const opener = spec.opener ?? this.activeNow;
    const start = (spec.from ?? opener).clock.now();
    const session = new Session(
      { id, kind: spec.kind, label: spec.label },
      opener.id,
      this.env,
      start,
      spec.from,
      // A new session answers as the one it opens from, unless it is a copy of another.
      spec.from?.compat ?? opener.compat,
    );
    session.suspend();
    this.open_.set(id, session);
    return session;
  }

  /** Makes `session` the one the page shows; the previously active one is suspended. */
  activate(session: Session): void {
    if (!this.open_.has(session.id) || session === this.activeNow) return;
    this.activeNow.suspend();
    this.activeNow = session;
    session.resume();
  }

  /**
   * Drops `session` (never the learner's). If it was active, the session it was opened from (or
   * the learner's, if that one is gone too) becomes active, exactly as it was left.
   */
  close(session: Session): void {
    if (session === this.learner || !this.open_.has(session.id)) return;
    this.open_.delete(session.id);
    session.suspend();
    if (session === this.activeNow) {
      const back = (session.opener && this.open_.get(session.opener)) || this.learner;
      this.activeNow = back;
      back.resume();
    }
  }
}
