/// <reference lib="webworker" />
import { workerParser } from './docs-parser.ts';
import { WorkerHost } from './host.ts';
import { lockPlayground, openFiles, PLAYGROUND_ID, StorageBlocked, setAside } from './persist/opfs.ts';
import { PlaygroundStore } from './persist/store.ts';
import type { WorkerRequest } from './protocol.ts';

/**
 * The dedicated worker: the engine and its clock live here, off the UI thread. One tick per ~16 ms
 * runs the expiry cycles that fell due and flushes one batch of changes. The page's first message
 * names the playground to open from browser storage; requests wait until it is open, so nothing
 * typed lands on an engine the saved one then replaces.
 */
declare const self: DedicatedWorkerGlobalScope;

const realNow = () => performance.timeOrigin + performance.now();
let storeId: string | null = null;
const host = new WorkerHost({
  post: (message) => self.postMessage(message),
  realNow,
  startMs: Date.now(),
  loadScripting: () => import('../engine/scripting/index.ts').then((m) => m.luaScripting),
  takeOver: () => {
    if (storeId !== null) void openStore(storeId, true);
  },
  // A browser without workers in workers reads pages in this one (and stalls while it does).
  ...(typeof Worker === 'undefined'
    ? {}
    : {
        parseDocument: workerParser(
          () => new Worker(new URL('./docs-parse-worker.ts', import.meta.url), { type: 'module' }),
        ),
      }),
});

/** Opens playground `id` (taking it from another tab when `steal`) and hands it to the host. */
async function openStore(id: string, steal: boolean): Promise<void> {
  try {
    const lock = await lockPlayground(id, steal);
    if (lock === null) {
      host.store.attach(null, null, 'busy', 'This playground is open in another tab.');
      return;
    }
    const store = new PlaygroundStore(await openFiles(id));
    const loaded = store.load();
    if (loaded.kind === 'unreadable') await setAside(id, loaded.files).catch(() => {});
    // Lines logged as lines (a big EVAL) run again: the interpreter must be there first.
    if (loaded.kind === 'loaded' && loaded.records.some((r) => r.kind === 'command')) {
      await host.scriptingSettled();
    }
    host.store.attach(store, loaded, 'saving', null);
    void lock.lost.then(() => {
      host.store.persistence.detach(
        'Another tab took this playground over; changes here are no longer saved.',
      );
      host.store.report('lost', 'Another tab took this playground over; changes here are no longer saved.');
    });
  } catch (e) {
    const why =
      e instanceof StorageBlocked
        ? `${e.message}, perhaps a private window`
        : e instanceof DOMException && e.name === 'NoModificationAllowedError'
          ? 'another tab still holds its files'
          : e instanceof Error
            ? e.message
            : String(e);
    host.store.attach(
      null,
      null,
      'memory',
      `This playground cannot be saved: ${why}. It works, but a reload starts afresh.`,
    );
  }
}

let started = false;
const waiting: WorkerRequest[] = [];

async function start(first: WorkerRequest): Promise<void> {
  const id = first.type === 'hello' ? (first.store ?? null) : null;
  if (id !== null && PLAYGROUND_ID.test(id)) {
    storeId = id;
    await openStore(id, false);
  } else host.store.attach(null, null, 'memory', null);
  for (const req of waiting.splice(0)) host.handle(req);
  started = true;
}

/**
 * The worker's tasks as `npm run bench:ui` sees them: the longest one (what it was), how many ran
 * and how many took over 50 ms (a long task), and when the shown keyspace was last found empty.
 */
const taskPerf = { tasks: 0, longTasks: 0, maxTaskMs: 0, maxTask: '', emptyAt: 0 };

function timed(what: string, run: () => void): void {
  const t0 = performance.now();
  run();
  const ms = performance.now() - t0;
  taskPerf.tasks++;
  if (ms > 50) taskPerf.longTasks++;
  if (ms > taskPerf.maxTaskMs) {
    taskPerf.maxTaskMs = ms;
    taskPerf.maxTask = what === 'tick' ? tickParts() : what;
  }
}

/** "tick: cron 12, persist 3, batch 1, table 0" (ms, rounded). */
function tickParts(): string {
  const parts = Object.entries(host.lastTick).map(([k, v]) => `${k} ${v.toFixed(0)}`);
  return `tick: ${parts.join(', ')}`;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  if (started) {
    timed(event.data.type, () => host.handle(event.data));
    return;
  }
  if (waiting.length === 0) void start(event.data);
  waiting.push(event.data);
};
// Read by the UI benchmark through Playwright's worker handle: the cron's share of the worker's time.
(self as unknown as { enginePerf: WorkerHost['perf'] }).enginePerf = host.perf;
(self as unknown as { storePerf: WorkerHost['store']['persistence']['perf'] }).storePerf =
  host.store.persistence.perf;
(self as unknown as { taskPerf: typeof taskPerf }).taskPerf = taskPerf;
setInterval(() => {
  timed('tick', () => host.runDue());
  // Saving and posting in a task of their own: a cron slice and a log write together made the
  // worker's long tasks during a mass expiry.
  setTimeout(() =>
    timed('tick', () => {
      host.flush();
      if (taskPerf.emptyAt === 0 && host.engine.ks.dbs.every((db) => db.dict.size === 0)) {
        taskPerf.emptyAt = realNow();
      }
    }),
  );
}, 16);
