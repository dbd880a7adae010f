import { describe, expect, it } from 'vitest';
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
 * What a saved playground keeps of the server it answers as and of single fields' lifetimes: a
 * reopened tab (from the log, or from a snapshot folding it in) and a share link answer as the same
 * server, with the same field deadlines, encodings and field counters.
 */

const START = 1_700_000_000_000;
type Files = ReturnType<typeof memoryFiles>;

function openTab(files: Files, hello: RequestBody & { type: 'hello' } = { type: 'hello' }) {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: START });
  const store = new PlaygroundStore(files);
  host.store.attach(store, store.load(), 'saving', null);
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  send(hello);
  let id = 0;
  /** Runs lines and returns what each printed. */
  const run = (...lines: string[]): string[] => {
    send({ type: 'exec', id: ++id, lines });
    const b = out.filter((m): m is Batch => m.type === 'batch').at(-1);
    return b?.replies.find((r) => r.id === id)?.entries.map((e) => e.text) ?? [];
  };
  const pass = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      real += Math.min(16, ms - t);
      host.tick();
    }
  };
  const compat = () => out.flatMap((m) => (m.type === 'ready' ? [m.compat] : [])).at(-1);
  return { host, out, send, run, pass, compat };
}

function copyOf(files: Files): Files {
  const copy = memoryFiles();
  for (const k of ['a', 'b', 'log'] as const) copy[k].data = files[k].data.slice();
  return copy;
}

const PROBE = [
  'HTTL h FIELDS 3 a b c',
  'HGETALL h',
  'OBJECT ENCODING h',
  'INFO keyspace',
  'HTTL moved FIELDS 1 x',
];

describe('persistence: servers and field lifetimes', () => {
  it('a reopened Redis 7.4 playground has its fields’ deadlines, order and counters', () => {
    const files = memoryFiles();
    const a = openTab(files);
    a.send({ type: 'compat', compat: 'redis-7.4' });
    a.run('HSET h a 1 b 2 c 3', 'HEXPIRE h 100 FIELDS 1 c', 'HPEXPIRE h 500 FIELDS 1 a');
    a.run('HSET gone x 1', 'HPEXPIRE gone 200 FIELDS 1 x', 'HSET src x 1', 'HEXPIRE src 50 FIELDS 1 x');
    a.run('RENAME src moved');
    a.pass(1000);
    const expected = a.run(...PROBE, 'INFO stats');

    // From the log records.
    const b = openTab(copyOf(files), { type: 'hello', compat: 'dragonfly' });
    expect(b.compat()).toBe('redis-7.4');
    expect(b.host.engine.compat).toBe('redis-7.4');
    const fromLog = b.run(...PROBE, 'INFO stats');
    expect(fromLog.slice(0, 5)).toEqual(expected.slice(0, 5));
    expect(fromLog[5]).toMatch(/expired_subkeys:2\r?\n/);

    // From the snapshot b wrote on opening (the log folded in).
    const c = openTab(copyOf(files));
    expect(c.compat()).toBe('redis-7.4');
    expect(c.run(...PROBE).slice(0, 5)).toEqual(expected.slice(0, 5));
    // The restored hash is registered for the active cycle: its field goes without being touched.
    c.pass(100_000);
    expect(c.host.expiryStats().expiredFields).toBeGreaterThanOrEqual(1);
    expect(c.run('HLEN h', 'HTTL h FIELDS 1 c')).toEqual(['(integer) 1\n', '1) (integer) -2\n']);
  });

  it('keeps Dragonfly member deadlines, and a share link carries the server', () => {
    const files = memoryFiles();
    const a = openTab(files);
    a.send({ type: 'compat', compat: 'dragonfly' });
    a.run('SADDEX s 100 m1 m2', 'SADD s m3', 'HSETEX h 60 f v', 'HSET h g w');
    const probe = ['FIELDTTL s m1', 'FIELDTTL s m3', 'FIELDTTL h f', 'SCARD s', 'HLEN h'];
    const expected = a.run(...probe);

    const b = openTab(copyOf(files));
    expect(b.compat()).toBe('dragonfly');
    expect(b.run(...probe)).toEqual(expected);

    a.send({ type: 'capture', id: 1, withDoc: false });
    const captured = a.out.find((m) => m.type === 'captured');
    if (captured?.type !== 'captured') throw new Error('no capture');
    const fresh = openTab(memoryFiles());
    expect(fresh.compat()).toBe('redis-7.0');
    fresh.send({ type: 'load-scenario', bytes: captured.bytes, label: 'Scenario from a link' });
    expect(fresh.compat()).toBe('dragonfly');
    expect(fresh.run(...probe)).toEqual(expected);
    // Closing the scenario gives back the learner's own server.
    const loaded = fresh.out.flatMap((m) => (m.type === 'sessions' ? [m.active] : [])).at(-1);
    fresh.send({ type: 'session-close', id: loaded?.id ?? '' });
    expect(fresh.compat()).toBe('redis-7.0');
  });

  it('a new playground starts as the server last chosen', () => {
    const files = memoryFiles();
    const a = openTab(files, { type: 'hello', compat: 'redis-7.4' });
    expect(a.compat()).toBe('redis-7.4');
    expect(a.run('HEXPIRE nokey 10 FIELDS 1 f')).toEqual(['1) (integer) -2\n']);
  });
});
