import { describe, expect, it } from 'vitest';
import { EventLog } from '../ui/events/event-log.ts';
import { eachEvent } from './event-columns.ts';
import { WorkerHost } from './host.ts';
import { type Batch, PROTOCOL_VERSION, type WorkerEvent, type WorkerRequest } from './protocol.ts';

/**
 * The keyspace events between the worker and the page's log: a flood is paced over batches, never
 * thinned below what the log keeps, and a flush clears the log at its place in the stream.
 */

const START = 1_700_000_000_000;

async function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({
    post: (m) => out.push(m),
    realNow: () => real,
    startMs: START,
    loadScripting: () => import('../engine/scripting/index.ts').then((m) => m.luaScripting),
  });
  await host.scriptingSettled();
  let id = 0;
  const batches = () => out.filter((m): m is Batch => m.type === 'batch');
  /** Runs the lines, then frames until the worker has nothing left to send; returns the batches. */
  const run = (...lines: string[]): Batch[] => {
    const from = batches().length;
    host.handle({ v: PROTOCOL_VERSION, type: 'exec', id: ++id, lines } as WorkerRequest);
    for (let i = 0, last = -1; i < 1000 && out.length !== last; i++) {
      last = out.length;
      real += 16;
      host.tick();
    }
    return batches().slice(from);
  };
  return { run };
}

/** A Lua loop that SETs `n` new keys: a `new` and a `set` event each. */
const setKeys = (n: number) => `EVAL "for i=1,${n} do redis.call('SET','k'..i,i) end" 0`;

const expected = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => [`new k${from + i}`, `set k${from + i}`]).flat();

describe('events from the worker to the log', () => {
  it('delivers all 30,000 events of one command, in order, over several frames', async () => {
    const t = await setup();
    const batches = t.run(setKeys(15_000));
    const perBatch = batches.map((b) => b.events.reduce((n, c) => n + c.columns.length, 0));
    expect(perBatch.length).toBeGreaterThan(1);
    expect(Math.max(...perBatch)).toBeLessThanOrEqual(2000);
    const log = new EventLog();
    for (const b of batches) log.addChunks(b.events, false);
    expect(log.size).toBe(30_000);
    expect(log.total).toBe(30_000);
    expect(log.dropped).toBe(0);
    expect(Object.fromEntries(log.counts)).toEqual({ new: 15_000, set: 15_000 });
    expect([...log].map((e) => `${e.event} ${e.key}`)).toEqual(expected(1, 15_000));
  });

  it('drops only what the log could never keep, the oldest, and still counts it', async () => {
    const t = await setup();
    const batches = t.run(setKeys(30_000));
    const log = new EventLog();
    for (const b of batches) log.addChunks(b.events, false);
    expect(log.size).toBe(50_000);
    expect(log.dropped).toBe(10_000);
    expect(log.total).toBe(60_000);
    expect(Object.fromEntries(log.counts)).toEqual({ new: 30_000, set: 30_000 });
    expect([...log].map((e) => `${e.event} ${e.key}`)).toEqual(expected(5_001, 30_000));
  });

  it('clears the log where the flush happened, even with events still on their way', async () => {
    const t = await setup();
    const batches = t.run(setKeys(3_000), 'FLUSHALL', 'SET after 1');
    const flushAt = batches.findIndex((b) => b.flushed.length > 0);
    const cleared = batches.findIndex((b) => b.events.some((c) => c.flushedBefore));
    // The flush reached the key table at once; the events before it were still being paced.
    expect(flushAt).toBe(0);
    expect(cleared).toBeGreaterThan(flushAt);
    const log = new EventLog();
    for (const b of batches) log.addChunks(b.events, false);
    expect([...log].map((e) => `${e.event} ${e.key}`)).toEqual(['new after', 'set after']);
    expect(Object.fromEntries(log.counts)).toEqual({ new: 1, set: 1 });

    const kept = new EventLog();
    for (const b of batches) kept.addChunks(b.events, true);
    expect(kept.size).toBe(6_002);
    expect([...kept].slice(-3).map((e) => `${e.event} ${e.key}`)).toEqual([
      'set k3000',
      'new after',
      'set after',
    ]);
  });

  it('names the cause as it was typed: quotes kept, a script by its EVAL line', async () => {
    const { run } = await setup();
    const causes = (batches: Batch[]) =>
      batches.flatMap((b) => b.events.flatMap((c) => [...eachEvent(c.columns)].map((r) => r.cause)));
    const typed = 'PSETEX mykey 2000 "Hello"';
    expect(causes(run(typed))).toEqual([
      { kind: 'command', command: 'psetex', text: typed },
      { kind: 'command', command: 'psetex', text: typed },
      { kind: 'command', command: 'psetex', text: typed },
    ]);
    const script = `EVAL "redis.call('DEL', KEYS[1])" 1 mykey`;
    expect(causes(run(script)).map((c) => (c.kind === 'command' ? c.text : c.kind))).toEqual([script]);
  });
});
