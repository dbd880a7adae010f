import type { Compat } from '../engine/compat.ts';
import {
  type ConsoleEntry,
  type KeyDetails,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerEvent,
  type WorkerRequest,
} from '../worker/protocol.ts';
import { AudienceLink } from './classroom/audience-link.ts';
import { DiffPump } from './diff-pump.ts';
import { lessonIdOf } from './lessons.ts';
import { pageMode } from './mode.ts';
import { currentPlaygroundId } from './persist/playground.ts';
import { realNow } from './store/clock-slice.ts';
import { useApp } from './store/index.ts';

/**
 * The page's side of the worker protocol: sends typed requests, applies batches to the store, and
 * asks for a snapshot when a batch number shows a gap.
 */

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null;
}

type MessageListener = (msg: WorkerEvent) => void;

export class WorkerClient {
  private readonly listeners = new Set<MessageListener>();
  private readonly pump = new DiffPump(
    () => useApp.getState(),
    () => performance.now(),
    realNow,
    (run) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : setTimeout(run, 16)),
  );
  private lastSeq = -1;
  private nextId = 1;
  private readonly pending = new Map<number, (entries: readonly ConsoleEntry[]) => void>();
  private readonly detailWaiters: ((d: KeyDetails) => void)[] = [];
  private readonly captures = new Map<number, (bytes: Uint8Array) => void>();
  /** An audience window's link (classroom/presenter-link.ts): every message, once applied here. */
  private mirrorOut: ((msg: WorkerEvent) => void) | null = null;

  private started = false;

  /** `store`: the playground to open from browser storage (null: nothing is saved). */
  constructor(
    private readonly worker: WorkerLike,
    private readonly store: string | null = null,
  ) {
    worker.onmessage = (event) => this.receive(event.data);
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

  /** The removed-row sweep also runs on a timer (KeysPanel). */
  sweep(): void {
    this.pump.tick();
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
    // Taken for an audience window: this page is not behind, so it does not apply it.
    if (msg.type === 'snapshot' && msg.mirror) {
      this.mirrorOut?.(msg);
      return;
    }
    this.apply(msg);
    for (const l of this.listeners) l(msg);
    this.mirrorOut?.(msg);
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
        this.pump.clear();
        app.replaceRows(msg.rows);
        app.setClock(msg.clock);
        app.setStats(msg.stats);
        break;
      case 'batch': {
        const inOrder = this.lastSeq >= 0 && msg.seq === this.lastSeq + 1;
        if (inOrder) {
          this.pump.push(msg);
          this.lastSeq = msg.seq;
        } else if (this.lastSeq >= 0 && msg.seq > this.lastSeq) {
          this.lastSeq = -1;
          this.send({ type: 'snapshot' });
        }
        app.setClock(msg.clock);
        app.addEvents(msg.events);
        app.addCycles(msg.cycles);
        if (msg.consoles) app.setConsoles(msg.consoles);
        for (const r of msg.replies) app.appendEntries(r.console, r.entries);
        if (msg.docs) app.applyDocsUpdate(msg.docs);
        if (msg.stats) app.setStats(msg.stats);
        for (const r of msg.replies) {
          this.pending.get(r.id)?.(r.entries);
          this.pending.delete(r.id);
        }
        break;
      }
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
    return new WorkerClient(new AudienceLink(pageMode.channel), null);
  }
  const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  });
  const store = pageMode.kind === 'app' ? currentPlaygroundId() : null;
  return new WorkerClient(worker as unknown as WorkerLike, store);
}
