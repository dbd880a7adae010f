import type { Compat } from '../engine/compat.ts';
import {
  type Batch,
  type ConsoleEntry,
  type KeyDetails,
  PROTOCOL_VERSION,
  type RequestBody,
  type TableWindow,
  type WorkerEvent,
  type WorkerRequest,
} from '../worker/protocol.ts';
import { AudienceLink } from './classroom/audience-link.ts';
import { FrameQueue, type FrameScheduler, nextFrame } from './frame-queue.ts';
import { lessonIdOf } from './lessons.ts';
import { pageMode } from './mode.ts';
import { currentPlaygroundId } from './persist/playground.ts';
import { applyFrame } from './store/apply-frame.ts';
import { useApp } from './store/index.ts';

/**
 * The page's side of the worker protocol: sends typed requests, applies batches to the store, and
 * asks for a snapshot when a batch number shows a gap. Batches and key table windows wait for the
 * page's next frame and are applied together (frame-queue.ts, store/apply-frame.ts); any other
 * message first lets them through, so nothing overtakes what came before it.
 */

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null;
}

type MessageListener = (msg: WorkerEvent) => void;

/**
 * The shortest gap between two windows of the key table for the same query (ms): a mass expiry
 * changes its rows every frame, faster than anyone reads them, and each costs a render and a
 * layout of the table. The table still trails the engine by well under 250 ms (150 ms gave 114–164 ms under load).
 */
const TABLE_MS = 100;

export class WorkerClient {
  private readonly listeners = new Set<MessageListener>();
  private lastSeq = -1;
  private nextId = 1;
  private readonly pending = new Map<number, (entries: readonly ConsoleEntry[]) => void>();
  private readonly detailWaiters: ((d: KeyDetails) => void)[] = [];
  private readonly captures = new Map<number, (bytes: Uint8Array) => void>();
  /** An audience window's link (classroom/presenter-link.ts): every message, once applied here. */
  private mirrorOut: ((msg: WorkerEvent) => void) | null = null;
  /** The key table's last window shown (its query and when), and the newest one waiting its turn. */
  private table: { seq: number; at: number; held: TableWindow | null; timer: boolean } = {
    seq: -1,
    at: Number.NEGATIVE_INFINITY,
    held: null,
    timer: false,
  };
  /** Batches and windows since the last frame. */
  private readonly frame: FrameQueue<Batch | TableWindow>;

  private started = false;

  /**
   * `store`: the playground to open from browser storage (null: nothing is saved). `viewer`: whose
   * key table the worker's windows are for (an audience window's differ from its presenter's).
   */
  constructor(
    private readonly worker: WorkerLike,
    private readonly store: string | null = null,
    private readonly viewer = 'page',
    /** When what came during a frame is applied (tests apply it at once). */
    schedule: FrameScheduler = nextFrame,
  ) {
    this.frame = new FrameQueue((items) => this.applyQueued(items), schedule);
    worker.onmessage = (event) => this.receive(event.data);
  }

  /** Applies what waits for the next frame now. */
  flushFrame(): void {
    this.frame.flush();
  }

  /**
   * Says hello and asks for the first snapshot, once. The root calls it from an effect, which runs
   * after its children's: the views that subscribe in theirs (the timeline) see the first snapshot.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    // A new playground starts as the server chosen last time (a restored one keeps its own).
    this.post({ type: 'hello', store: this.store, compat: useApp.getState().compat });
    this.post({ type: 'snapshot' });
    const viewer = this.viewer;
    useApp.getState().bindTable({ view: (query) => this.send({ type: 'table-view', viewer, query }) });
  }

  /** The playground as snapshot bytes (for a share link or file). */
  capture(withDoc: boolean): Promise<Uint8Array> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.captures.set(id, resolve);
      this.send({ type: 'capture', id, withDoc });
    });
  }

  /** The worker opens its store from the first message, so a request sent early starts the client. */
  send(req: RequestBody): void {
    this.start();
    this.post(req);
  }

  private post(req: RequestBody): void {
    this.worker.postMessage({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  }

  /**
   * Runs console lines in a console tab (the first by default); resolves with what each printed.
   * `sent` learns the request's id (the batch's replies carry it), for an embed that tells its
   * host's lines from typed ones.
   */
  exec(
    lines: readonly string[],
    console?: number,
    sent?: (id: number) => void,
  ): Promise<readonly ConsoleEntry[]> {
    const id = this.nextId++;
    sent?.(id);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'exec', id, lines, ...(console === undefined ? {} : { console }) });
    });
  }

  /**
   * The shown session answers as another server from the next command on (the Compatibility
   * box); a choice made in the learner's own keyspace is kept for the next visit.
   */
  setCompat(compat: Compat): void {
    const app = useApp.getState();
    app.setCompat(compat, app.session.kind === 'learner');
    this.send({ type: 'compat', compat });
  }

  inspect(db: number, key: string): Promise<KeyDetails> {
    return new Promise((resolve) => {
      this.detailWaiters.push(resolve);
      this.send({ type: 'inspect', db, key });
    });
  }

  /**
   * Transient subscription to every message after the store has applied it: for views that keep
   * their own structures and draw outside React (the timeline, the event log).
   */
  subscribe(listener: MessageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Passes every message on once applied, and the snapshots taken for an audience window. */
  mirrorTo(out: ((msg: WorkerEvent) => void) | null): void {
    this.mirrorOut = out;
  }

  private receive(msg: WorkerEvent): void {
    if (msg.type === 'batch' || msg.type === 'table') {
      this.frame.push(msg);
      return;
    }
    this.frame.flush();
    // Taken for an audience window: this page is not behind, so it does not apply it.
    if (msg.type === 'snapshot' && msg.mirror) {
      this.mirrorOut?.(msg);
      return;
    }
    this.apply(msg);
    this.passOn(msg);
  }

  private passOn(msg: WorkerEvent): void {
    for (const l of this.listeners) l(msg);
    this.mirrorOut?.(msg);
  }

  /**
   * The window to show now, if any: one answering a new query (a scroll, a sort, a click) at once,
   * the same query's next ones (its rows changed: a mass expiry changes them every frame) at most
   * every TABLE_MS, the newest when its turn comes.
   */
  private paced(table: TableWindow | null): TableWindow | null {
    if (table === null) return null;
    const now = performance.now();
    if (table.seq === this.table.seq && now - this.table.at < TABLE_MS) {
      this.table.held = table;
      if (!this.table.timer) {
        this.table.timer = true;
        setTimeout(
          () => {
            this.table.timer = false;
            const held = this.table.held;
            this.table.held = null;
            if (held) this.frame.push(held);
          },
          TABLE_MS - (now - this.table.at),
        );
      }
      return null;
    }
    this.table = { ...this.table, seq: table.seq, at: now, held: null };
    return table;
  }

  /** A frame's batches and the newest window for this viewer, in one store update; then replies. */
  private applyQueued(items: readonly (Batch | TableWindow)[]): void {
    const batches: Batch[] = [];
    let table: TableWindow | null = null;
    for (const msg of items) {
      if (msg.type === 'table') {
        if (msg.viewer === this.viewer) table = msg;
        continue;
      }
      const inOrder = this.lastSeq >= 0 && msg.seq === this.lastSeq + 1;
      if (inOrder) {
        this.lastSeq = msg.seq;
      } else if (this.lastSeq >= 0 && msg.seq > this.lastSeq) {
        this.lastSeq = -1;
        this.send({ type: 'snapshot' });
      }
      batches.push(msg);
    }
    applyFrame({ batches, table: this.paced(table) });
    for (const b of batches) {
      for (const r of b.replies) {
        this.pending.get(r.id)?.(r.entries);
        this.pending.delete(r.id);
      }
    }
    for (const msg of items) this.passOn(msg);
  }

  private apply(msg: WorkerEvent): void {
    const app = useApp.getState();
    switch (msg.type) {
      case 'ready':
        app.setCommands(msg.commands, msg.consoles);
        app.setCompat(msg.compat);
        break;
      case 'snapshot':
        this.lastSeq = msg.seq;
        app.setClock(msg.clock);
        app.setStats(msg.stats);
        break;
      case 'batch':
      case 'table':
        // Queued for the next frame (receive).
        break;
      case 'sessions':
        app.setSessions(msg.active, msg.sessions);
        break;
      case 'docs-page':
        app.setDocPage(msg.page, msg.source, {
          tasks: msg.tasks,
          reading: msg.reading,
          keyspace: msg.keyspace,
          lessonId: lessonIdOf(msg.page.path),
        });
        break;
      case 'docs-closed':
        app.closeDocPage();
        break;
      case 'docs-error':
        app.setDocError(msg.message);
        break;
      case 'docs-task-result':
        app.setTaskResult(msg.result);
        break;
      case 'details':
        this.detailWaiters.shift()?.(msg.details);
        break;
      case 'store-status':
        app.setStore(msg.state, msg.message);
        break;
      case 'restored':
        app.setRestored(msg.info);
        if (msg.info.from === 'store' && msg.info.lines.length > 0) app.setEntries(msg.info.lines);
        break;
      case 'captured':
        this.captures.get(msg.id)?.(msg.bytes);
        this.captures.delete(msg.id);
        break;
      case 'protocol-error':
        console.error(`worker protocol error: ${msg.message}`);
        break;
      default:
        // A new WorkerEvent that is not handled here does not compile.
        unhandled(msg);
    }
  }
}

/** Compile-time exhaustiveness; at run time (a worker from another build) the message is only logged. */
function unhandled(msg: never): void {
  console.error(`unhandled worker message ${String((msg as { type?: unknown }).type)}`);
}

/**
 * The page's client, made once by main.tsx and handed down through React context
 * (client-context.tsx). An audience window has no worker: its "worker" is the presenter's window
 * (classroom/audience-link.ts). An embed's worker saves nothing.
 */
export function createPageClient(): WorkerClient {
  if (pageMode.kind === 'audience' && pageMode.channel !== null) {
    return new WorkerClient(new AudienceLink(pageMode.channel), null, 'audience');
  }
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
  const store = pageMode.kind === 'app' ? currentPlaygroundId() : null;
  return new WorkerClient(worker as unknown as WorkerLike, store);
}
