import { describe, expect, it } from 'vitest';
import { type KeyspaceEvent, parseNotifyFlags } from '../engine/events.ts';
import { EventLog } from '../ui/events/event-log.ts';
import { EventBuffer } from './event-buffer.ts';
import { eachEvent } from './event-columns.ts';
import type { EventChunk } from './protocol.ts';

const ev = (key: string, event = 'set'): KeyspaceEvent => ({
  db: 0,
  key,
  event,
  cls: '$',
  cause: { kind: 'command', command: 'set' },
});

/** Takes batches until the buffer is idle; returns them. */
function drain(buffer: EventBuffer): EventChunk[][] {
  const batches: EventChunk[][] = [];
  while (!buffer.idle && batches.length < 10_000) batches.push(buffer.take());
  return batches;
}

const keys = (log: EventLog) => [...log].map((e) => e.key);

describe('EventBuffer', () => {
  it('paces a storm of flushes and events, each batch within its budget, nothing lost', () => {
    const buffer = new EventBuffer();
    for (let i = 0; i < 5000; i++) {
      buffer.add(ev(`k${i}`), 0, 0);
      buffer.markFlush();
    }
    buffer.add(ev('last'), 0, 0);
    const batches = drain(buffer);
    expect(buffer.idle).toBe(true);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(2000);
    const preserved = new EventLog();
    const cleared = new EventLog();
    for (const b of batches) {
      preserved.addChunks(b, true);
      cleared.addChunks(b, false);
    }
    expect(preserved.size).toBe(5001);
    expect(keys(preserved).slice(0, 2)).toEqual(['k0', 'k1']);
    expect(keys(cleared)).toEqual(['last']);
  });

  it('drops the oldest waiting past its capacity, counting them where they were, before a flush', () => {
    const buffer = new EventBuffer(4);
    for (const k of ['a', 'b', 'c']) buffer.add(ev(k, 'del'), 0, 0);
    buffer.markFlush();
    for (const k of ['d', 'e', 'f']) buffer.add(ev(k), 0, 0);
    const [batch] = drain(buffer);
    expect(batch?.map((c) => ({ ...c, columns: [...eachEvent(c.columns)] }))).toEqual([
      {
        flushedBefore: false,
        columns: [expect.objectContaining({ key: 'c' })],
        dropped: 2,
        counts: { del: 3 },
      },
      {
        flushedBefore: true,
        columns: ['d', 'e', 'f'].map((key) => expect.objectContaining({ key })),
        dropped: 0,
        counts: { set: 3 },
      },
    ]);
    const preserved = new EventLog();
    preserved.addChunks(batch ?? [], true);
    expect(Object.fromEntries(preserved.counts)).toEqual({ del: 3, set: 3 });
    expect(preserved.dropped).toBe(2);
  });

  it('says the channels Redis would publish each event on', () => {
    const buffer = new EventBuffer();
    buffer.add(ev('k'), 0, parseNotifyFlags('KE$') ?? 0);
    buffer.add(ev('k'), 0, 0);
    const [records] = buffer.take().map((c) => [...eachEvent(c.columns)]);
    expect(records?.map((r) => r.channels)).toEqual([['__keyspace@0__:k', '__keyevent@0__:set'], undefined]);
  });
});
