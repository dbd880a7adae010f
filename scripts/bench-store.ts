import { luaScripting } from '../src/engine/scripting/index.ts';
import { WorkerHost } from '../src/worker/host.ts';
import { memoryFiles, PlaygroundStore } from '../src/worker/persist/store.ts';
import { PROTOCOL_VERSION, type WorkerRequest } from '../src/worker/protocol.ts';

/**
 * `npm run bench:store` (not a test): what saving costs the worker, on its own host with files in
 * memory (the browser's file writes come on top). A 10,000-line paste and a 1,000,000-key EVAL, each
 * run once with the playground not saved and once saved, with the log records and snapshots written
 * for it, their size and the time spent encoding and writing them.
 */

async function run(saved: boolean, lines: readonly string[]) {
  const files = memoryFiles();
  const host = new WorkerHost({
    post: () => {},
    realNow: () => performance.now(),
    startMs: 1.7e12,
    loadScripting: () => Promise.resolve(luaScripting),
  });
  await host.scriptingSettled();
  const store = saved ? new PlaygroundStore(files) : null;
  host.store.attach(store, store?.load() ?? null, saved ? 'saving' : 'memory', null);
  const t = performance.now();
  host.handle({ v: PROTOCOL_VERSION, type: 'exec', id: 1, lines } as WorkerRequest);
  const ms = performance.now() - t;
  const stored = files.a.data.length + files.b.data.length + files.log.data.length;
  return { ms, perf: { ...host.store.persistence.perf }, stored };
}

const paste = Array.from({ length: 10_000 }, (_, i) => `PSETEX paste:${i} ${600_000 + i} v${i}`);
const million = [
  `EVAL "for i = 1, 1000000 do redis.call('SET', 'm:' .. i, 'v', 'PX', 3600000 + i) end return 1" 0`,
];
for (const [name, lines] of [
  ['10,000-line paste', paste],
  ['1,000,000-key EVAL', million],
] as const) {
  const off = await run(false, lines);
  const on = await run(true, lines);
  const p = on.perf;
  console.log(
    `${name}: ${off.ms.toFixed(0)} ms not saved, ${on.ms.toFixed(0)} ms saved; ${p.records} log records and ${p.checkpoints} snapshots (the first is the empty start), ${(on.stored / 1e6).toFixed(2)} MB stored, the longest write ${p.maxWriteMs.toFixed(0)} ms`,
  );
}
