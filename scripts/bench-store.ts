import { luaScripting } from '../src/engine/scripting/index.ts';
import { WorkerHost } from '../src/worker/host.ts';
import { memoryFiles, PlaygroundStore } from '../src/worker/persist/store.ts';
import { PROTOCOL_VERSION, type WorkerRequest } from '../src/worker/protocol.ts';

/**
 * `npm run bench:store` (not a test): what saving costs the worker, on its own host with files in
 * memory (the browser's file writes come on top). A 10,000-line paste and a million-key EVAL
 * (`-- --keys N` for another size), each run once with the playground not saved and once saved:
 * the task that runs it (the engine's own work, plus the log record written before the reply),
 * then the frames that fold it into a snapshot, a slice each, and the longest of those tasks; then
 * the time a reopened tab takes to read the files back (it runs the logged lines again).
 */

const keysArg = process.argv.indexOf('--keys');
const KEYS = keysArg > 0 ? Number(process.argv[keysArg + 1]) : 1_000_000;
const frame = () => new Promise((r) => setTimeout(r, 10));

async function newHost() {
  const host = new WorkerHost({
    post: () => {},
    realNow: () => performance.now(),
    startMs: 1.7e12,
    loadScripting: () => Promise.resolve(luaScripting),
  });
  await host.scriptingSettled();
  return host;
}

async function run(saved: boolean, lines: readonly string[]) {
  const files = memoryFiles();
  const host = await newHost();
  const store = saved ? new PlaygroundStore(files) : null;
  host.store.attach(store, store?.load() ?? null, saved ? 'saving' : 'memory', null);
  const p = host.store.persistence;
  const t = performance.now();
  host.handle({ v: PROTOCOL_VERSION, type: 'exec', id: 1, lines } as WorkerRequest);
  const execMs = performance.now() - t;
  const recordBytes = files.log.data.length + files.log2.data.length;
  let frames = 0;
  let longestTick = 0;
  const foldStart = performance.now();
  // At least ten frames, so the host's own work after such a frame is seen with saving off too.
  while (p.streaming || frames < 10) {
    await frame();
    const t0 = performance.now();
    host.tick();
    longestTick = Math.max(longestTick, performance.now() - t0);
    frames++;
  }
  const foldMs = performance.now() - foldStart;
  const stored = files.a.data.length + files.b.data.length + files.log.data.length + files.log2.data.length;
  return { execMs, recordBytes, frames, longestTick, foldMs, stored, perf: { ...p.perf }, files };
}

/** A tab opened on the files as a killed tab left them right after the reply (the snapshot not yet folded). */
async function reopenMs(lines: readonly string[]) {
  const files = memoryFiles();
  const a = await newHost();
  a.store.attach(new PlaygroundStore(files), null, 'saving', null);
  a.handle({ v: PROTOCOL_VERSION, type: 'exec', id: 1, lines } as WorkerRequest);
  const b = await newHost();
  const store = new PlaygroundStore(files);
  const t = performance.now();
  b.store.attach(store, store.load(), 'saving', null);
  return { ms: performance.now() - t, keys: b.engine.ks.db(0).dict.size };
}

const paste = Array.from({ length: 10_000 }, (_, i) => `PSETEX paste:${i} ${600_000 + i} v${i}`);
const evalLine = [
  `EVAL "for i = 1, ${KEYS} do redis.call('SET', 'm:' .. i, 'v', 'PX', 3600000 + i) end return 1" 0`,
];
const ms = (n: number) => `${n.toFixed(0)} ms`;
for (const [name, lines] of [
  ['10,000-line paste', paste],
  [`${KEYS.toLocaleString('en')}-key EVAL`, evalLine],
] as const) {
  const off = await run(false, lines);
  const on = await run(true, lines);
  const p = on.perf;
  console.log(
    `${name}: the task running it ${ms(off.execMs)} not saved, ${ms(on.execMs)} saved (${p.commandRecords} record of its lines, ${on.recordBytes} bytes, the longest write ${p.maxWriteMs.toFixed(1)} ms)`,
  );
  console.log(
    `  the longest worker task in the frames after it: ${off.longestTick.toFixed(1)} ms not saved, ${on.longestTick.toFixed(1)} ms saved`,
  );
  console.log(
    `  folded into a ${(p.lastCheckpointBytes / 1e6).toFixed(2)} MB snapshot in ${p.streamSlices} slices (${(on.foldMs / 1000).toFixed(1)} s), each slice up to ${p.maxSliceMs.toFixed(1)} ms; ${(on.stored / 1e6).toFixed(2)} MB stored`,
  );
  const reopened = await reopenMs(lines);
  console.log(
    `  a tab killed before the fold reopens in ${ms(reopened.ms)} with ${reopened.keys} keys (the lines run again)`,
  );
}
