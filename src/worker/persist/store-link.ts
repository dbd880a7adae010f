import type { Compat } from '../../engine/compat.ts';
import type { Engine } from '../../engine/engine.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotError } from '../../engine/snapshot/codec.ts';
import type { LogRecord } from '../../engine/snapshot/log.ts';
import { captureEngine, type PlaygroundSnapshot, type SavedDoc } from '../../engine/snapshot/snapshot.ts';
import type { DocsKeyspace } from '../docs-host.ts';
import type { ConsoleEntry, StoreState, WorkerEvent } from '../protocol.ts';
import { PROTOCOL_VERSION } from '../protocol.ts';
import type { Session, Sessions } from '../sessions.ts';
import type { VirtualClock } from '../virtual-clock.ts';
import { Persistence } from './persistence.ts';
import { type Restored, type RestoreTarget, restorePlayground } from './restore.ts';
import type { LoadResult, PlaygroundStore } from './store.ts';

/**
 * The worker host's side of saving and sharing. The learner's session (sessions.ts) is what a store
 * keeps: its server, clock and console database, the console transcript and the open page with its
 * position. A shared scenario opens in a session of its own (kind `loaded`), so the learner's stays
 * as it was; a share link captures whichever session the page shows.
 */

/** What the link needs from the host (host.ts builds it from its own members). */
export interface StoreHost {
  readonly sessions: Sessions;
  post(message: WorkerEvent): void;
  realNow(): number;
  newEngine(clock: VirtualClock, compat: Compat): Engine;
  /** Sends the shown session's pending changes (before it changes under the page). */
  flush(): void;
  /** The shown session whole, after a replaced engine or a switch. */
  snapshot(): void;
  /** The shown session's server changed (a restore brought its own): commands, prompt, compat. */
  ready(): void;
  /** The shown session's server was replaced: its old keys leave the page as in a flush. */
  replaced(engine: Engine): void;
  activate(session: Session): void;
  close(session: Session): void;
  /** Opens a page in a session of its own (read off the command path), then calls `then`. */
  openDocs(path: string, source: string, keyspace: DocsKeyspace, then: () => void): void;
  /** The session the open page runs on, if any. */
  docsSession(): Session | null;
}

const KEYSPACES: readonly DocsKeyspace[] = ['fresh', 'carry', 'continue'];

export class StoreLink {
  readonly persistence: Persistence;
  /** The learner's session came back from a store (its saved server, not a new one's default). */
  restored = false;

  constructor(private readonly host: StoreHost) {
    this.persistence = new Persistence(
      null,
      {
        get engine() {
          return host.sessions.learner.engine;
        },
        clock: () => {
          const s = host.sessions.learner;
          return { time: s.clock.now(), rate: s.clock.rate, paused: s.userPaused };
        },
        selectedDb: () => host.sessions.learner.cli.client.db,
        doc: () => this.openDoc(),
      },
      host.realNow,
      (status) => this.report(status.saving ? 'saving' : 'memory', status.message),
    );
  }

  /** Every server the learner's session gets is saved from now on. */
  wire(session: Session, engine: Engine): void {
    if (session.info.kind === 'learner') this.persistence.tap(engine);
  }

  /** Console lines shown (typed, or run by a page). */
  lines(entries: readonly ConsoleEntry[]): void {
    this.persistence.addLines(entries.filter((e) => !e.note));
  }

  report(state: StoreState, message: string | null): void {
    this.host.post({ v: PROTOCOL_VERSION, type: 'store-status', state, message });
  }

  /**
   * Opens a playground's store (worker.ts found it and holds its lock): what it holds replaces the
   * learner's session, and from now on every change is written to it. Null: not saved.
   */
  attach(
    store: PlaygroundStore | null,
    loaded: LoadResult | null,
    state: StoreState,
    message: string | null,
  ): void {
    const notes: string[] = [];
    let restored: Restored | null = null;
    if (loaded?.kind === 'loaded') {
      restored = this.restoreInto(this.host.sessions.learner, loaded.snapshot, loaded.records);
      this.restored = true;
      if (loaded.tornTail) notes.push('The last change before the tab closed was cut short and left out');
      if (restored.differed > 0)
        notes.push('Some replayed commands came out differently than they first did');
    } else if (loaded?.kind === 'unreadable') {
      notes.push(
        `The saved playground could not be read (${loaded.reason}); it was set aside and a fresh playground started`,
      );
    }
    if (store && restored && loaded?.kind === 'loaded' && !loaded.rewrite) {
      // The files go on as they are; lines logged as lines are folded into a snapshot in the background.
      this.persistence.adopt(store);
      this.persistence.resume(
        restored.lines,
        false,
        loaded.records.some((r) => r.kind === 'command'),
      );
    } else {
      this.persistence.reset(store);
      if (restored) this.persistence.resume(restored.lines, true);
    }
    // A fresh store's first snapshot now, before any typed command waits behind it.
    this.persistence.commit();
    this.report(state, message);
    if (restored || notes.length > 0) this.postRestored('store', restored, notes);
    if (loaded?.kind === 'loaded') this.reopenDoc(loaded.snapshot, loaded.records);
  }

  /** Puts a snapshot (and log records) into `session`, as the page shows it if it is the shown one. */
  private restoreInto(
    session: Session,
    snapshot: PlaygroundSnapshot,
    records: Parameters<typeof restorePlayground>[2] = [],
  ): Restored {
    const shown = session === this.host.sessions.active;
    if (shown) this.host.flush();
    const target: RestoreTarget = {
      clock: session.clock,
      rebuild: (fill) => {
        const engine = this.host.newEngine(session.clock, session.compat);
        fill(engine);
        session.replaceEngine(engine);
        if (shown) this.host.replaced(engine);
        return engine;
      },
      selectDb: (db) => session.cli.restoreDb(db as Parameters<Session['cli']['restoreDb']>[0]),
    };
    const restored = restorePlayground(target, snapshot, records);
    // The saved server (the snapshot's, or the last record's) is the session's from now on.
    const compatChanged = session.engine.compat !== session.compat;
    session.setCompat(session.engine.compat);
    if (session.suspended) {
      // It runs (or not) as the saved clock says once it is shown.
      session.setUserPaused(restored.paused);
      session.clock.pause();
    }
    session.cron.resync();
    if (shown && compatChanged) this.host.ready();
    if (shown) this.host.snapshot();
    return restored;
  }

  /** The page that was open, replayed to where it was (its session is not saved, its steps are). */
  private reopenDoc(snapshot: PlaygroundSnapshot, records: readonly LogRecord[]): void {
    let doc: SavedDoc | null = snapshot.doc ?? null;
    for (const r of records) if (r.doc !== undefined) doc = r.doc;
    if (doc?.kind !== 'page') return;
    this.host.openDocs(doc.path, doc.source, KEYSPACES[doc.keyspace ?? 0] ?? 'fresh', () => {
      const docs = this.host.docsSession()?.docs;
      for (let i = 0; docs && i < doc.step && !docs.finished; i++) docs.step('skip');
      this.host.flush();
    });
  }

  private openDoc(): (SavedDoc & { kind: 'page' }) | null {
    const docs = this.host.docsSession()?.docs;
    if (!docs) return null;
    return {
      kind: 'page',
      path: docs.path,
      source: docs.text,
      step: docs.position,
      keyspace: Math.max(0, KEYSPACES.indexOf(docs.keyspace)),
    };
  }

  private postRestored(from: 'store' | 'scenario', r: Restored | null, notes: string[]): void {
    const clock = this.host.sessions.active.clock.state();
    const info = r ?? { keys: 0, time: clock.virtualAt, rate: clock.rate, paused: clock.paused, lines: [] };
    this.host.post({ v: PROTOCOL_VERSION, type: 'restored', info: { ...info, from, notes } });
  }

  /** The shown session as snapshot bytes, with its open page at its step when `withDoc`. */
  capture(id: number, withDoc: boolean): void {
    const session = this.host.sessions.active;
    const docs = session === this.host.docsSession() ? this.openDoc() : null;
    const snapshot: PlaygroundSnapshot = {
      engine: captureEngine(session.engine),
      clock: { rate: session.clock.rate, paused: session.userPaused },
      selectedDb: session.cli.client.db,
      ...(withDoc && docs ? { doc: { ...docs, keyspace: 2 } } : {}),
    };
    this.host.post({ v: PROTOCOL_VERSION, type: 'captured', id, bytes: encodeSnapshot(snapshot) });
  }

  /**
   * A shared scenario (bytes the page read and showed first) opens in a session of its own; a page
   * it carries opens on a copy of its keys, at its step.
   */
  loadScenario(bytes: Uint8Array, label: string): void {
    let snapshot: PlaygroundSnapshot;
    try {
      snapshot = decodeSnapshot(bytes);
    } catch (e) {
      const why = e instanceof SnapshotError ? e.message : String(e);
      this.postRestored('scenario', null, [`The scenario could not be loaded: ${why}`]);
      return;
    }
    const session = this.host.sessions.open({ kind: 'loaded', label });
    const restored = this.restoreInto(session, { ...snapshot, transcript: [] });
    this.host.activate(session);
    const doc = snapshot.doc;
    if (doc?.kind === 'page') {
      this.host.openDocs(doc.path, doc.source, 'continue', () => {
        this.host.docsSession()?.docs?.seek(doc.step);
        this.host.flush();
      });
    }
    this.postRestored('scenario', restored, []);
  }

  /**
   * Reset playground: every other session closes, the learner's gets an empty server and a clock at
   * the present running at 1×, and the store is emptied.
   */
  reset(): void {
    const sessions = this.host.sessions;
    for (const s of sessions.all()) if (s !== sessions.learner) this.host.close(s);
    const learner = sessions.learner;
    this.host.flush();
    learner.clock.restore(this.host.realNow(), 1, false);
    learner.cron.resync();
    const engine = learner.replaceEngine();
    this.host.replaced(engine);
    this.host.snapshot();
    this.persistence.reset();
  }
}
