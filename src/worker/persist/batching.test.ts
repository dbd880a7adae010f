import { describe, expect, it } from 'vitest';
import { luaScripting } from '../../engine/scripting/index.ts';
import { saveEntry } from '../../engine/snapshot/snapshot.ts';
import { WorkerHost } from '../host.ts';
import {
  type Batch,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerEvent,
  type WorkerRequest,
} from '../protocol.ts';
import { memoryFiles, PlaygroundStore } from './store.ts';

/**
 * Saving a frame that touches very many keys without holding the worker up: the frame is logged as
 * its lines, and the snapshot that folds it in is written a slice per frame. A tab killed at any
 * moment (a copy of the files as they are) reopens with everything the page was shown.
 */

const START = 1_700_000_000_000;
type Files = ReturnType<typeof memoryFiles>;

/** A tab on `files` whose real clock moves `msPerRead` each time it is read (work takes time). */
async function openTab(files: Files, msPerRead = 0, onPost?: (m: WorkerEvent, host: WorkerHost) => void) {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host: WorkerHost = new WorkerHost({
    post: (m) => {
      out.push(m);
      onPost?.(m, host);
    },
    realNow: () => (real += msPerRead),
    startMs: START,
    loadScripting: () => Promise.resolve(luaScripting),
  });
  // As worker.ts does: lines logged as lines need the interpreter there to run again.
  await host.scriptingSettled();
  const store = new PlaygroundStore(files);
  host.store.attach(store, store.load(), 'saving', null);
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  let id = 0;
  return {
    host,
    out,
    exec: (...lines: string[]) => send({ type: 'exec', id: ++id, lines }),
    frame: () => {
      real += 16;
      host.tick();
    },
    get perf() {
      return host.store.persistence.perf;
    },
  };
}

function copyOf(files: Files): Files {
  const copy = memoryFiles();
  for (const k of ['a', 'b', 'log', 'log2'] as const) copy[k].data = files[k].data.slice();
  return copy;
}

function contentOf(host: WorkerHost): unknown {
  return host.engine.ks.dbs.map((db) => ({
    seq: db.dict.lastSeq,
    keys: [...db.dict.values()].map(saveEntry),
  }));
}

const logBytes = (f: Files) => f.log.data.length + f.log2.data.length;
const bigEval = (n: number, prefix: string) =>
  `EVAL "for i = 1, ${n} do redis.call('SET', '${prefix}' .. i, 'v', 'PX', 3600000 + i) end return ${n}" 0`;

describe('saving frames that touch many keys', () => {
  it('logs a big EVAL as its line, on disk before the reply is posted, and a killed tab runs it again', async () => {
    const files = memoryFiles();
    const killed: { files: Files; content: unknown }[] = [];
    const a = await openTab(files, 1, (m, host) => {
      if (m.type === 'batch' && m.replies.length > 0)
        killed.push({ files: copyOf(files), content: contentOf(host) });
    });
    a.exec('SET before 1');
    const before = { ...a.perf };
    const logBefore = logBytes(files);
    a.exec(bigEval(30_000, 'k'), 'INCR before');
    expect(a.perf.commandRecords).toBe(before.commandRecords + 1);
    // One record of a few hundred bytes, not 30,000 keys' worth, and no snapshot written at once.
    expect(a.perf.records).toBe(before.records + 1);
    expect(a.perf.checkpoints).toBe(before.checkpoints);
    expect(logBytes(files) - logBefore).toBeLessThan(2000);
    expect(killed).toHaveLength(2);
    for (const k of killed) expect(contentOf((await openTab(k.files)).host)).toEqual(k.content);
  });

  it('folds it into a snapshot a slice per frame; a tab killed at any frame recovers everything shown', {
    timeout: 240_000,
  }, async () => {
    const files = memoryFiles();
    // Every read of the real clock costs a millisecond, so a slice stops after a few reads.
    const a = await openTab(files, 1);
    a.exec('SET counter 0', 'SELECT 1', 'SET other db', 'SELECT 0');
    a.exec(bigEval(12_000, 'k'));
    const slicesAtStart = a.perf.streamSlices;
    const checkpoints = a.perf.checkpoints;
    let frames = 0;
    while (a.host.store.persistence.streaming) {
      frames++;
      // Keys change while the snapshot is written: some it has passed, some it has not reached.
      a.exec('INCR counter', `DEL k${frames * 397}`, `SET k${12_000 - frames} changed`, `SET new${frames} x`);
      if (frames === 5) a.exec('SELECT 1', 'FLUSHDB', 'SET after flush', 'SELECT 0');
      a.frame();
      // A tab killed now (every frame early on, then every third: each reopening runs the EVAL again).
      if (frames <= 6 || frames % 3 === 0) {
        expect(contentOf((await openTab(copyOf(files))).host)).toEqual(contentOf(a.host));
      }
      expect(frames).toBeLessThan(500);
    }
    expect(frames).toBeGreaterThan(3);
    expect(a.perf.streamSlices - slicesAtStart).toBeGreaterThan(3);
    expect(a.perf.checkpoints).toBe(checkpoints + 1);
    // The slices stay within their budget (6 ms a frame, plus one check's worth of keys).
    expect(a.perf.maxSliceMs).toBeLessThan(20);
    // The log that held the EVAL is emptied once a complete snapshot covers it.
    a.exec('SET once more');
    a.frame();
    // (The records written while it was being written stay, in the other log, until the next one.)
    expect(files.log.data.length).toBe(0);
    expect(files.log2.data.length).toBeGreaterThan(0);
    expect(contentOf((await openTab(copyOf(files))).host)).toEqual(contentOf(a.host));
  });

  it('starts the snapshot over when another big frame is logged as lines while it is written', {
    timeout: 240_000,
  }, async () => {
    const files = memoryFiles();
    const a = await openTab(files, 1);
    a.exec(bigEval(10_000, 'a'));
    a.frame();
    a.frame();
    expect(a.host.store.persistence.streaming).toBe(true);
    a.exec(bigEval(10_000, 'b'), 'DEL a1');
    for (let i = 0; a.host.store.persistence.streaming; i++) {
      a.frame();
      if (i % 3 === 0) expect(contentOf((await openTab(copyOf(files))).host)).toEqual(contentOf(a.host));
      expect(i).toBeLessThan(500);
    }
    expect(a.host.engine.ks.db(0).dict.size).toBe(19_999);
    expect(contentOf((await openTab(copyOf(files))).host)).toEqual(contentOf(a.host));
  });

  it('logs a 10,000-line paste as its lines and restores keys and console', async () => {
    const files = memoryFiles();
    const a = await openTab(files);
    const paste = Array.from({ length: 10_000 }, (_, i) => `PSETEX paste:${i} ${600_000 + i} v${i}`);
    const logBefore = logBytes(files);
    a.exec(...paste);
    expect(a.perf.commandRecords).toBe(1);
    const reply = a.out.filter((m): m is Batch => m.type === 'batch').at(-1)?.replies[0]?.entries;
    expect(reply).toHaveLength(10_000);
    // The record holds the lines (they are the console's transcript too), not the keys' values.
    expect(logBytes(files) - logBefore).toBeLessThan(paste.join('\n').length * 2);
    const b = await openTab(copyOf(files));
    expect(contentOf(b.host)).toEqual(contentOf(a.host));
    const restored = b.out.find((m) => m.type === 'restored');
    expect(restored?.type === 'restored' && restored.info.lines.at(-1)?.line).toBe(paste.at(-1));
    expect(restored?.type === 'restored' && restored.info.notes).toEqual([]);
  });
});
