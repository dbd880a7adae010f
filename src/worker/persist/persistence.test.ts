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

const START = 1_700_000_000_000;
type Files = ReturnType<typeof memoryFiles>;

/** A tab: a host on `files` (as worker.ts opens it), with a real-time counter the test moves. */
function openTab(files: Files, realStart = 1000, check?: (out: WorkerEvent, host: WorkerHost) => void) {
  let real = realStart;
  const out: WorkerEvent[] = [];
  const host: WorkerHost = new WorkerHost({
    post: (m) => {
      out.push(m);
      check?.(m, host);
    },
    realNow: () => real,
    startMs: START,
    loadScripting: () => Promise.resolve(luaScripting),
  });
  const store = new PlaygroundStore(files);
  host.store.attach(store, store.load(), 'saving', null);
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  let id = 0;
  return {
    host,
    out,
    send,
    exec: (...lines: string[]) => send({ type: 'exec', id: ++id, lines }),
    pass: (ms: number) => {
      for (let t = 0; t < ms; t += 16) {
        real += Math.min(16, ms - t);
        host.tick();
      }
    },
    restored: () => out.flatMap((m) => (m.type === 'restored' ? [m.info] : [])),
    statuses: () => out.flatMap((m) => (m.type === 'store-status' ? [m] : [])),
  };
}

/** Every key of every database with value and deadline, sorted (what a reader can observe). */
function contentOf(host: WorkerHost): unknown {
  return host.engine.ks.dbs.map((db) =>
    [...db.dict.values()].map(saveEntry).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  );
}

/** The files as a killed tab leaves them: whatever was written, nothing closed or flushed. */
function copyOf(files: Files): Files {
  const copy = memoryFiles();
  for (const k of ['a', 'b', 'log', 'log2'] as const) copy[k].data = files[k].data.slice();
  return copy;
}

describe('persistence', () => {
  it('a killed tab reopens with the keys, values, deadlines, clock and console it had', async () => {
    const files = memoryFiles();
    const a = openTab(files);
    await a.host.scriptingSettled();
    a.exec('SET greeting hello', 'PSETEX short 1500 x', 'SET long v EX 3600', 'RPUSH l a b c');
    a.exec('SELECT 2', 'HSET h f v', 'CONFIG SET hz 50', 'SCRIPT LOAD "return 1"');
    a.pass(2000);
    a.send({ type: 'clock', op: { kind: 'rate', rate: 5 } });
    a.send({ type: 'clock', op: { kind: 'pause' } });
    const paused = a.host.clock.now();

    const b = openTab(copyOf(files), 50_000);
    expect(contentOf(b.host)).toEqual(contentOf(a.host));
    expect(b.host.clock.now()).toBe(paused);
    expect(b.host.clock.rate).toBe(5);
    expect(b.host.clock.paused).toBe(true);
    expect(b.host.engine.config.hz).toBe(50);
    const info = b.restored()[0];
    // `short` was reclaimed by the active cycle during the two seconds.
    expect(info).toMatchObject({ from: 'store', keys: 4, time: paused, rate: 5, paused: true });
    expect(info?.lines.map((l) => l.line)).toEqual([
      'SET greeting hello',
      'PSETEX short 1500 x',
      'SET long v EX 3600',
      'RPUSH l a b c',
      'SELECT 2',
      'HSET h f v',
      'CONFIG SET hz 50',
      'SCRIPT LOAD "return 1"',
    ]);
    // The console is back on db 2, and the script is in the cache.
    b.exec('HGET h f', 'SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db');
    await b.host.scriptingSettled();
    const replies = (b.out.filter((m): m is Batch => m.type === 'batch').at(-1) as Batch).replies[0]?.entries;
    expect(replies?.map((e) => e.text)).toEqual(['"v"\n', '1) (integer) 1\n']);
  });

  it('has every reply on disk before the page can show it', () => {
    const files = memoryFiles();
    let checked = 0;
    const t = openTab(files, 1000, (m, host) => {
      if (m.type !== 'batch' || m.replies.length === 0) return;
      const reopened = openTab(copyOf(files), 9000);
      expect(contentOf(reopened.host)).toEqual(contentOf(host));
      checked++;
    });
    t.exec('SET a 1');
    t.exec('SET b 2 PX 100000', 'DEL a');
    t.exec('FLUSHALL', 'SET c 3');
    expect(checked).toBe(3);
  });

  it('resumes a running clock within a second of where it was, not at the wall clock', () => {
    const files = memoryFiles();
    const a = openTab(files);
    a.exec('SET k v EX 100');
    a.pass(10_000);
    const at = a.host.clock.now();
    // An hour later by the wall clock:
    const b = openTab(copyOf(files), 1000 + 10_000 + 3_600_000);
    expect(at - b.host.clock.now()).toBeGreaterThanOrEqual(0);
    expect(at - b.host.clock.now()).toBeLessThanOrEqual(1000);
    expect(b.host.engine.ks.db(0).dict.get('k')).toBeDefined();
  });

  it('logs a frame that touches many keys as its lines, and reads it back', async () => {
    const files = memoryFiles();
    const a = openTab(files);
    await a.host.scriptingSettled();
    a.exec('SET before eval');
    const first = a.host.store.persistence.perf.checkpoints;
    a.exec(`EVAL "for i = 1, 26000 do redis.call('SET', 'key' .. i, 'v') end" 0`, 'SET after eval');
    expect(a.host.store.persistence.perf.commandRecords).toBe(1);
    // A frozen real clock gives the snapshot that folds it in all the time it wants: done at once.
    expect(a.host.store.persistence.perf.checkpoints).toBe(first + 1);
    expect(files.log.data.length + files.log2.data.length).toBe(0);
    const b = openTab(copyOf(files));
    expect(b.host.engine.ks.db(0).dict.size).toBe(26_002);
  });

  it('opens a store saved before format 3 (8-byte slot header, format 1 snapshot) and rewrites it', () => {
    // SET k v and SCRIPT LOAD "return 1", saved by the playground before format 2 (snapshot.test.ts).
    const v1 = Uint8Array.from(
      atob(
        'RVhQRwFCeLz+VoAAAEJ4vP5WgAAAAAAABwoBAEGwAAAAAAAAAQIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/8AAAAAAAAAABCHJldHVybiAxAQAAAAAAAAAAAAABAWsAQgAAAXYAP/AAAAAAAAAAAAAALXQ6Kw==',
      ),
      (c) => c.charCodeAt(0),
    );
    const files = memoryFiles();
    const slot = new Uint8Array(8 + v1.length);
    new DataView(slot.buffer).setUint32(0, 1);
    new DataView(slot.buffer).setUint32(4, v1.length);
    slot.set(v1, 8);
    files.a.data = slot;
    const a = openTab(files);
    expect(a.restored()[0]).toMatchObject({ from: 'store', keys: 1, notes: [] });
    expect(a.host.engine.ks.db(0).dict.get('k')).toBeDefined();
    a.exec('SET added 1');
    const b = openTab(copyOf(files));
    expect(contentOf(b.host)).toEqual(contentOf(a.host));
    expect(b.host.engine.scriptBodies()).toEqual(['return 1']);
  });

  it('keeps working in memory when storage is full, and says so', () => {
    const files = memoryFiles();
    const a = openTab(files);
    const full = new Error('quota');
    full.name = 'QuotaExceededError';
    for (const f of [files.a, files.b, files.log, files.log2]) f.failWith = full;
    a.exec('SET k v');
    expect(a.statuses().at(-1)).toMatchObject({
      state: 'memory',
      message: expect.stringMatching(/storage is full/i),
    });
    a.exec('GET k');
    const last = a.out.filter((m): m is Batch => m.type === 'batch').at(-1);
    expect(last?.replies[0]?.entries[0]?.text).toBe('"v"\n');
  });

  it('sets an unreadable store aside with a message and starts fresh', () => {
    const files = memoryFiles();
    files.a.data = new TextEncoder().encode('\u0000\u0000\u0000\u0001\u0000\u0000\u0000\u0004junk');
    const t = openTab(files);
    expect(t.restored()[0]?.notes[0]).toMatch(/could not be read \(this is not a saved playground\)/);
    t.exec('SET k v');
    expect(openTab(copyOf(files)).host.engine.ks.db(0).dict.get('k')).toBeDefined();
  });

  it('Reset playground empties the store and the clock starts at the present', () => {
    const files = memoryFiles();
    const a = openTab(files);
    a.exec('SET old 1', 'CONFIG SET hz 100');
    a.send({ type: 'clock', op: { kind: 'step', ms: 3_600_000 } });
    a.send({ type: 'reset' });
    a.exec('SET new 1');
    const b = openTab(copyOf(files), 2000);
    expect([...b.host.engine.ks.db(0).dict.values()].map((e) => e.key)).toEqual(['new']);
    expect(b.host.engine.config.hz).toBe(10);
    expect(b.restored()[0]?.lines.map((l) => l.line)).toEqual(['SET new 1']);
  });

  it('a torn last record is dropped and reported; the rest is kept', () => {
    const files = memoryFiles();
    const a = openTab(files);
    a.exec('SET one 1');
    a.exec('SET two 2');
    const torn = copyOf(files);
    torn.log.data = torn.log.data.slice(0, torn.log.data.length - 3);
    const b = openTab(torn);
    expect(b.host.engine.ks.db(0).dict.get('one')).toBeDefined();
    expect(b.host.engine.ks.db(0).dict.get('two')).toBeUndefined();
    expect(b.restored()[0]?.notes.join(' ')).toMatch(/cut short/);
  });

  it("a scenario opens in a session of its own: the learner's keys wait, and only they are saved", () => {
    const a = openTab(memoryFiles());
    a.exec('SET shared yes PX 60000', 'SELECT 3', 'SET there 1');
    a.send({ type: 'capture', id: 1, withDoc: false });
    const captured = a.out.find((m) => m.type === 'captured');
    if (captured?.type !== 'captured') throw new Error('no capture');
    const files = memoryFiles();
    const b = openTab(files);
    b.exec('SET mine 1');
    b.send({ type: 'load-scenario', bytes: captured.bytes, label: 'Scenario from a link' });
    expect(b.host.active.info).toMatchObject({ kind: 'loaded', label: 'Scenario from a link' });
    expect(contentOf(b.host)).toEqual(contentOf(a.host));
    expect(b.host.active.cli.prompt()).toBe('127.0.0.1:6379[3]> ');
    expect(b.restored().at(-1)).toMatchObject({ from: 'scenario', keys: 2 });
    b.exec('SET typed-in-scenario 1');
    // The store holds the learner's keys only.
    const saved = openTab(copyOf(files));
    expect([...saved.host.engine.ks.db(0).dict.values()].map((e) => e.key)).toEqual(['mine']);
    b.send({ type: 'session-close', id: b.host.active.id });
    expect(b.host.active.info.kind).toBe('learner');
    expect([...b.host.engine.ks.db(0).dict.values()].map((e) => e.key)).toEqual(['mine']);
  });

  it('reopens the lesson that was open, at the step it had reached', async () => {
    const files = memoryFiles();
    const a = openTab(files);
    await a.host.scriptingSettled();
    a.exec('SET mine 1');
    const page = '# T\n\n```cli\nredis> SET a 1\nOK\nredis> SET b 2\nOK\nredis> SET c 3\nOK\n```\n';
    a.send({ type: 'docs-open', path: 'three.md', source: page });
    a.send({ type: 'docs-step', waitMode: 'skip' });
    a.send({ type: 'docs-step', waitMode: 'skip' });
    const b = openTab(copyOf(files));
    expect(b.out.some((m) => m.type === 'docs-page')).toBe(true);
    expect(b.host.active.info.kind).toBe('lesson');
    expect([...b.host.engine.ks.db(0).dict.values()].map((e) => e.key)).toEqual(['a', 'b']);
    expect(b.host.active.docs?.position).toBe(2);
    b.send({ type: 'docs-close' });
    expect([...b.host.engine.ks.db(0).dict.values()].map((e) => e.key)).toEqual(['mine']);
  });
});
