import type { CliSession } from '../../engine/cli-session.ts';
import type { Engine } from '../../engine/engine.ts';
import { captureClient } from '../../engine/snapshot/client.ts';
import type { SnapshotHead } from '../../engine/snapshot/codec.ts';
import { Journal, keyTotals, type ReplayStart, replayStart, serverState } from '../../engine/snapshot/log.ts';
import {
  captureEngine,
  type PlaygroundSnapshot,
  type SavedClock,
  type SavedDoc,
  type SavedLine,
} from '../../engine/snapshot/snapshot.ts';
import { SnapshotStream } from '../../engine/snapshot/stream.ts';
import type { PlaygroundStore } from './store.ts';

/**
 * Keeps a playground's store up to date from the worker. The host reports every touched key and
 * every console line; before each batch goes to the page, `commit` writes one log record, so
 * whatever the console shows is already written (store.ts says how durably).
 *
 * No write may hold the worker up (the bar is 50 ms a task), whatever a frame did:
 * - A record holds the final state of each key the frame touched (an effect record), unless that
 *   would be big (more than RECORD_KEYS keys or RECORD_BYTES of values): then, if the frame was a
 *   batch of console lines, the record holds the lines with what they ran on (a command record,
 *   a few kilobytes for a 10,000-line paste or a million-key EVAL) and a restore runs them again.
 * - Snapshots fold the log when it passes MAX_LOG_BYTES or after a command record (whose replay
 *   costs what the lines did). They are written in slices of STEP_MS per frame (stream.ts) while
 *   records keep going to the log; a command record written meanwhile starts the snapshot over.
 * Only a fresh, reset or damaged store gets a whole snapshot at once.
 * A running clock is recorded once a second, so a reopened playground resumes within a second of
 * where it was. A failed write (storage full) stops saving with a message; the playground goes on
 * in memory.
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
/** A frame touching more keys than this (or RECORD_BYTES of values) is not written key by key. */
export const RECORD_KEYS = 5000;
const RECORD_BYTES = 2 * 1024 * 1024;
/** The log is folded into a snapshot once it is this big. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;
/** Snapshot encoding and writing allowed per frame. */
const STEP_MS = 6;
const FRAME_MS = 16;
const HEARTBEAT_MS = 1000;

export class Persistence {
  readonly journal = new Journal();
  private lines: SavedLine[] = [];
  private pending: SavedLine[] = [];
  private cleared = false;
  /** A whole snapshot at once is due (fresh, reset or damaged store). */
  private needCheckpoint = true;
  /** A snapshot in slices is due or under way. */
  private needStream = false;
  private stream: SnapshotStream | null = null;
  /** Where the console lines being run started, when they may be logged as lines. */
  private batch: ReplayStart | null = null;
  private frameStart = Number.NEGATIVE_INFINITY;
  private frameUsed = 0;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private lastClock = '';
  private lastDoc = 'null';
  /** Writes and their sizes, for the README's figures (`npm run bench:store`). */
  readonly perf = {
    records: 0,
    commandRecords: 0,
    checkpoints: 0,
    lastCheckpointMs: 0,
    lastCheckpointBytes: 0,
    writeMs: 0,
    maxWriteMs: 0,
    streamSlices: 0,
    maxSliceMs: 0,
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

  /** A snapshot is being written in slices (tests and the bench wait for it). */
  get streaming(): boolean {
    return this.needStream;
  }

  /**
   * Starts from what was loaded: its transcript; `compact` when the store must be rewritten at
   * once (it was emptied, or is damaged or old), else its files go on and the log is folded in the
   * background when replaying it cost much.
   */
  resume(lines: readonly SavedLine[], compact: boolean, fold = false): void {
    this.lines = lines.slice(-MAX_SAVED_LINES);
    this.needCheckpoint = compact;
    this.needStream = !compact && fold;
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

  /**
   * The console is about to run lines on the saved server: what is pending is written first, and
   * where the lines start is kept, so a big batch can be logged as its lines.
   */
  beginLines(cli: CliSession): void {
    this.commit();
    if (this.store === null || this.needCheckpoint) return;
    this.batch = replayStart(this.host.engine, captureClient(cli));
    this.journal.limit(RECORD_KEYS);
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
    this.stopStream();
    try {
      this.store?.wipe();
    } catch (e) {
      this.fail(e);
      return;
    }
    this.needCheckpoint = true;
    if (this.store) this.onStatus({ saving: true, message: null });
  }

  /** Carries on with a store as loaded (its snapshot and log are what the server was rebuilt from). */
  adopt(store: PlaygroundStore): void {
    this.store = store;
    this.pending = [];
    this.cleared = false;
    this.stopStream();
    this.onStatus({ saving: true, message: null });
  }

  /** Writes what changed, then a slice of a snapshot if one is due; called before every batch the host posts, and every tick. */
  commit(): void {
    const store = this.store;
    const batch = this.batch;
    this.batch = null;
    // Lines run outside beginLines (none do today) would find the journal short of keys: fold them in whole.
    if (this.journal.overflowed && batch === null) this.needCheckpoint = true;
    if (store === null) {
      this.journal.clear(this.host.engine);
      this.moveLines();
      return;
    }
    try {
      this.write(store, batch);
      if (this.needStream) this.streamSlice(store);
    } catch (e) {
      this.fail(e);
    }
  }

  private write(store: PlaygroundStore, batch: ReplayStart | null): void {
    const clock = this.host.clock();
    const now = this.realNow();
    const clockMoved =
      clockKey(clock) !== this.lastClock || (!clock.paused && now - this.lastWrite >= HEARTBEAT_MS);
    const doc = this.host.doc();
    const docKey = JSON.stringify(doc);
    const changed = this.journal.dirty || this.pending.length > 0 || this.cleared || docKey !== this.lastDoc;
    if (!changed && !clockMoved && !this.needCheckpoint) return;
    const started = now;
    if (this.needCheckpoint) {
      this.moveLines();
      this.stopStream();
      const bytes = store.checkpoint(this.snapshot(true));
      this.journal.clear(this.host.engine);
      this.needCheckpoint = false;
      this.perf.checkpoints++;
      this.perf.lastCheckpointBytes = bytes;
      this.perf.lastCheckpointMs = this.realNow() - started;
    } else {
      const state = {
        ...serverState(this.host.engine),
        ...this.journal.scripts(this.host.engine),
        clock: { rate: clock.rate, paused: clock.paused },
        selectedDb: this.host.selectedDb(),
        cleared: this.cleared,
        lines: this.pending,
        ...(docKey !== this.lastDoc ? { doc } : {}),
      };
      if (batch && this.journal.exceeds(this.host.engine, RECORD_KEYS, RECORD_BYTES)) {
        store.append({ kind: 'command', ...state, before: batch, ...keyTotals(this.host.engine) });
        this.journal.clear(this.host.engine);
        // Its replay costs what the lines did: fold it into a snapshot, which must start after it.
        this.stopStream();
        this.needStream = true;
        this.perf.commandRecords++;
      } else {
        store.append({ kind: 'effect', ...state, ...this.journal.take(this.host.engine) });
        if (store.logBytes > MAX_LOG_BYTES) this.needStream = true;
      }
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
  }

  /** Encodes and writes snapshot keys for what is left of this frame's STEP_MS. */
  private streamSlice(store: PlaygroundStore): void {
    const now = this.realNow();
    if (now - this.frameStart >= FRAME_MS) {
      this.frameStart = now;
      this.frameUsed = 0;
    }
    const until = now + STEP_MS - this.frameUsed;
    if (until <= now) return;
    if (this.stream === null) {
      store.beginStream();
      this.stream = new SnapshotStream(this.host.engine, this.head());
    }
    const stream = this.stream;
    store.writeStream(stream.next(() => this.realNow() < until));
    this.perf.streamSlices++;
    if (stream.done) {
      this.perf.lastCheckpointBytes = store.finishStream();
      this.perf.checkpoints++;
      this.stream = null;
      this.needStream = false;
    }
    const took = this.realNow() - now;
    this.frameUsed += took;
    this.perf.maxSliceMs = Math.max(this.perf.maxSliceMs, took);
  }

  private stopStream(): void {
    if (this.stream) this.store?.abortStream();
    this.stream = null;
    this.needStream = false;
  }

  private moveLines(): void {
    if (this.pending.length === 0) return;
    this.lines = this.lines.concat(this.pending);
    if (this.lines.length > MAX_SAVED_LINES) this.lines = this.lines.slice(-MAX_SAVED_LINES);
    this.pending = [];
  }

  /** The playground as a snapshot; with the console transcript for the store, without for a link. */
  snapshot(withTranscript: boolean): PlaygroundSnapshot {
    const { engine, ...head } = this.head(withTranscript);
    return { ...head, engine: { ...engine, dbs: captureEngine(this.host.engine).dbs } };
  }

  /** Everything but the keys, as it is now. */
  private head(withTranscript = true): SnapshotHead {
    const clock = this.host.clock();
    const doc = this.host.doc();
    return {
      engine: { ...captureEngine(this.host.engine, false), time: clock.time },
      clock: { rate: clock.rate, paused: clock.paused },
      selectedDb: this.host.selectedDb(),
      ...(doc ? { doc } : {}),
      ...(withTranscript ? { transcript: this.lines } : {}),
    };
  }

  private fail(e: unknown): void {
    this.stopStream();
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
