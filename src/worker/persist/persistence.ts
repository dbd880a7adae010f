import type { Engine } from '../../engine/engine.ts';
import { Journal, recordOf } from '../../engine/snapshot/log.ts';
import {
  captureEngine,
  type PlaygroundSnapshot,
  type SavedClock,
  type SavedDoc,
  type SavedLine,
} from '../../engine/snapshot/snapshot.ts';
import type { PlaygroundStore } from './store.ts';

/**
 * Keeps a playground's store up to date from the worker. The host reports every touched key and
 * every console line; before each batch goes to the page, `commit` writes one log record (or a
 * whole snapshot when the log has grown big or one frame touched very many keys), so whatever the
 * console shows is already written (store.ts says how durably). A running clock is recorded once a second, so a reopened
 * playground resumes within a second of where it was. A failed write (storage full) stops saving
 * with a message; the playground goes on in memory.
 */

export interface PersistedHost {
  readonly engine: Engine;
  clock(): SavedClock & { readonly time: number };
  selectedDb(): number;
  doc(): SavedDoc | null;
}

export interface StoreStatus {
  /** True while changes are being saved. */
  readonly saving: boolean;
  /** Why not (or a warning), for the page to show. */
  readonly message: string | null;
}

/** Console lines a store keeps (the page's console keeps more for the session). */
export const MAX_SAVED_LINES = 2000;
/** A frame touching more keys than this writes a snapshot instead of a record. */
const CHECKPOINT_KEYS = 25_000;
/** The log is folded into a snapshot once it is this big. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 1000;

export class Persistence {
  readonly journal = new Journal();
  private lines: SavedLine[] = [];
  private pending: SavedLine[] = [];
  private cleared = false;
  private needCheckpoint = true;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private lastClock = '';
  private lastDoc = 'null';
  /** Writes and their sizes, for the README's figures (`npm run bench:ui`). */
  readonly perf = {
    records: 0,
    checkpoints: 0,
    lastCheckpointMs: 0,
    lastCheckpointBytes: 0,
    writeMs: 0,
    maxWriteMs: 0,
  };

  constructor(
    private store: PlaygroundStore | null,
    private readonly host: PersistedHost,
    private readonly realNow: () => number,
    private readonly onStatus: (status: StoreStatus) => void,
  ) {}

  get active(): boolean {
    return this.store !== null;
  }

  /** The console lines as saved (a restored playground shows them again). */
  get transcript(): readonly SavedLine[] {
    return this.lines;
  }

  /** Starts from what was loaded: its transcript, and a fresh snapshot folding in the log. */
  resume(lines: readonly SavedLine[], compact: boolean): void {
    this.lines = lines.slice(-MAX_SAVED_LINES);
    this.needCheckpoint = compact;
    this.journal.clear(this.host.engine);
    this.lastClock = clockKey(this.host.clock());
    this.lastDoc = JSON.stringify(this.host.doc());
  }

  /**
   * The saved session has a new server (a restore, a reset): its changes go to the journal from now
   * on, and the next write is a whole snapshot. The keyspace observer the page's side set comes
   * first and is kept.
   */
  tap(engine: Engine): void {
    const inner = engine.ks.observer;
    const journal = this.journal;
    engine.setObserver({
      changed: (db, key) => {
        journal.touch(db, key);
        inner?.changed(db, key);
      },
      removed: (db, key, reason, entry, deadline) => {
        journal.touch(db, key);
        inner?.removed(db, key, reason, entry, deadline);
      },
      flushed: (db) => {
        journal.flush(db);
        inner?.flushed(db);
      },
    });
    this.needCheckpoint = true;
  }

  addLines(lines: readonly SavedLine[]): void {
    for (const l of lines) this.pending.push(l);
  }

  clearConsole(): void {
    this.cleared = true;
    this.pending = [];
    this.lines = [];
  }

  /** Stops saving (another tab took the playground over, or the page asked to). */
  detach(message: string): void {
    this.store?.close();
    this.store = null;
    this.onStatus({ saving: false, message });
  }

  /** Empties the store: Reset playground. Also retries a store that had filled up. */
  reset(store: PlaygroundStore | null = this.store): void {
    this.store = store;
    this.lines = [];
    this.pending = [];
    this.cleared = false;
    try {
      this.store?.wipe();
    } catch (e) {
      this.fail(e);
      return;
    }
    this.needCheckpoint = true;
    if (this.store) this.onStatus({ saving: true, message: null });
  }

  /** Writes what changed; called before every batch the host posts, and every tick. */
  commit(): void {
    const store = this.store;
    if (store === null) {
      this.journal.clear(this.host.engine);
      this.moveLines();
      return;
    }
    const clock = this.host.clock();
    const now = this.realNow();
    const clockMoved =
      clockKey(clock) !== this.lastClock || (!clock.paused && now - this.lastWrite >= HEARTBEAT_MS);
    const doc = this.host.doc();
    const docKey = JSON.stringify(doc);
    const changed = this.journal.dirty || this.pending.length > 0 || this.cleared || docKey !== this.lastDoc;
    if (!changed && !clockMoved && !this.needCheckpoint) return;
    const started = now;
    try {
      if (
        this.needCheckpoint ||
        this.journal.pendingKeys > CHECKPOINT_KEYS ||
        store.logBytes > MAX_LOG_BYTES
      ) {
        this.moveLines();
        const bytes = store.checkpoint(this.snapshot(true));
        this.journal.clear(this.host.engine);
        this.needCheckpoint = false;
        this.perf.checkpoints++;
        this.perf.lastCheckpointBytes = bytes;
        this.perf.lastCheckpointMs = this.realNow() - started;
      } else {
        const lines = this.pending;
        store.append(
          recordOf(this.host.engine, this.journal, {
            generation: store.gen,
            clock: { rate: clock.rate, paused: clock.paused },
            selectedDb: this.host.selectedDb(),
            cleared: this.cleared,
            lines,
            ...(docKey !== this.lastDoc ? { doc } : {}),
          }),
        );
        this.moveLines();
        this.perf.records++;
      }
      this.cleared = false;
      this.lastClock = clockKey(clock);
      this.lastDoc = docKey;
      this.lastWrite = now;
      const took = this.realNow() - started;
      this.perf.writeMs += took;
      this.perf.maxWriteMs = Math.max(this.perf.maxWriteMs, took);
    } catch (e) {
      this.fail(e);
    }
  }

  private moveLines(): void {
    if (this.pending.length === 0) return;
    this.lines = this.lines.concat(this.pending);
    if (this.lines.length > MAX_SAVED_LINES) this.lines = this.lines.slice(-MAX_SAVED_LINES);
    this.pending = [];
  }

  /** The playground as a snapshot; with the console transcript for the store, without for a link. */
  snapshot(withTranscript: boolean): PlaygroundSnapshot {
    const clock = this.host.clock();
    const doc = this.host.doc();
    return {
      engine: { ...captureEngine(this.host.engine), time: clock.time },
      clock: { rate: clock.rate, paused: clock.paused },
      selectedDb: this.host.selectedDb(),
      ...(doc ? { doc } : {}),
      ...(withTranscript ? { transcript: this.lines } : {}),
    };
  }

  private fail(e: unknown): void {
    this.store?.close();
    this.store = null;
    this.onStatus({ saving: false, message: failureMessage(e) });
  }
}

function clockKey(c: SavedClock): string {
  return `${c.rate}/${c.paused}`;
}

/** What to tell the user when a write failed. */
export function failureMessage(e: unknown): string {
  const name =
    e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException) ? e.name : '';
  if (name === 'QuotaExceededError') {
    return 'Browser storage is full, so changes are no longer saved. The playground keeps working; free some space or use Reset playground, then reload.';
  }
  return `Saving stopped (${e instanceof Error ? e.message : String(e)}). The playground keeps working, but changes from now on are not saved.`;
}
