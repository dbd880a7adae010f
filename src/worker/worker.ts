/// <reference lib="webworker" />
import { workerParser } from './docs-parser.ts';
import { WorkerHost } from './host.ts';
import type { WorkerRequest } from './protocol.ts';

/**
 * The dedicated worker: the engine and its clock live here, off the UI thread. One tick per ~16 ms
 * runs the expiry cycles that fell due and flushes one batch of changes.
 */
declare const self: DedicatedWorkerGlobalScope;

const realNow = () => performance.timeOrigin + performance.now();
const host = new WorkerHost({
  post: (message) => self.postMessage(message),
  realNow,
  startMs: Date.now(),
  loadScripting: () => import('../engine/scripting/index.ts').then((m) => m.luaScripting),
  // A browser without workers in workers reads pages in this one (and stalls while it does).
  ...(typeof Worker === 'undefined'
    ? {}
    : {
        parseDocument: workerParser(
          () => new Worker(new URL('./docs-parse-worker.ts', import.meta.url), { type: 'module' }),
        ),
      }),
});

self.onmessage = (event: MessageEvent<WorkerRequest>) => host.handle(event.data);
// Read by the UI benchmark through Playwright's worker handle: the cron's share of the worker's time.
(self as unknown as { enginePerf: WorkerHost['perf'] }).enginePerf = host.perf;
setInterval(() => host.tick(), 16);
