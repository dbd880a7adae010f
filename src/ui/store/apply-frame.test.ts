import { afterEach, describe, expect, it } from 'vitest';
import { packEvents } from '../../worker/event-columns.ts';
import {
  type Batch,
  type CycleSummary,
  type EventChunk,
  PROTOCOL_VERSION,
  type TableWindow,
} from '../../worker/protocol.ts';
import { FrameQueue } from '../frame-queue.ts';
import { applyFrame } from './apply-frame.ts';
import { MAX_CYCLES } from './expiry-slice.ts';
import { useApp } from './index.ts';
import { tableWindow } from './table-fixtures.ts';

const initial = useApp.getState();
afterEach(() => {
  initial.eventLog.clear();
  useApp.setState(initial, true);
});

const clock = (virtualAt: number) => ({ virtualAt, realAt: 0, rate: 10, paused: false });
const cycle = (n: number, expired = 1): CycleSummary =>
  ({ kind: 'slow', cycle: n, at: n, sampled: 20, expired, hitTimeLimit: false }) as unknown as CycleSummary;
const chunk = (n: number): EventChunk => ({
  flushedBefore: false,
  columns: packEvents(
    Array.from({ length: n }, (_, i) => ({
      event: 'expired',
      cls: 'x' as const,
      db: 0,
      key: `k${i}`,
      at: i,
      cause: { kind: 'active' as const, cycle: 1 },
    })),
  ),
  dropped: 0,
  counts: { expired: n },
});

function batch(seq: number, over: Partial<Batch> = {}): Batch {
  return {
    v: PROTOCOL_VERSION,
    type: 'batch',
    seq,
    upserts: [],
    removals: [],
    flushed: [],
    replies: [],
    clock: clock(seq * 100),
    events: [],
    cycles: [],
    selectedDb: 0,
    prompt: '127.0.0.1:6379> ',
    keyCount: 1000 - seq,
    usedBytes: 50_000 - seq,
    ...over,
  };
}

const table = (seq: number, live: number): TableWindow => tableWindow(seq, [], { total: live, live });

describe('applyFrame', () => {
  it("applies a frame's batches and window in one store update, as the last batch leaves things", () => {
    let updates = 0;
    const stop = useApp.subscribe(() => updates++);
    const stats = { expiredKeys: 7 } as unknown as Batch['stats'];
    applyFrame({
      batches: [
        batch(1, { cycles: [cycle(1)], events: [chunk(3)], stats }),
        batch(2, { cycles: [cycle(2), cycle(3)], events: [chunk(2)] }),
        batch(3, {
          replies: [
            {
              id: 1,
              console: 1,
              entries: [{ line: 'GET k', text: '(nil)\n', isError: false, at: 0, prompt: '' }],
            },
          ],
        }),
      ],
      table: table(0, 42),
    });
    stop();
    expect(updates).toBe(1);
    const s = useApp.getState();
    expect([s.keyCount, s.usedBytes, s.clock?.virtualAt]).toEqual([997, 49_997, 300]);
    expect(s.stats).toBe(stats);
    expect(s.cycles.map((c) => c.cycle)).toEqual([1, 2, 3]);
    expect(s.eventLog.size).toBe(5);
    expect(s.eventLog.counts.get('expired')).toBe(5);
    expect(s.eventsVersion).toBe(initial.eventsVersion + 1);
    expect(s.consoles[0]?.entries.map((e) => e.text)).toEqual(['(nil)\n']);
    expect(s.table.live).toBe(42);
  });

  it('keeps the newest cycles only, and changes nothing a frame did not carry', () => {
    const many = Array.from({ length: MAX_CYCLES + 20 }, (_, i) => cycle(i + 1));
    applyFrame({ batches: [batch(1, { cycles: many })], table: null });
    const s = useApp.getState();
    expect(s.cycles).toHaveLength(MAX_CYCLES);
    expect(s.cycles[0]?.cycle).toBe(21);
    expect(s.eventsVersion).toBe(initial.eventsVersion);
    expect(s.consoles).toBe(initial.consoles);
    expect(s.table).toBe(initial.table);
  });

  it('a frame that changes the console tabs goes batch by batch, in order', () => {
    const tabs = [{ id: 1, label: 'Client 1', clientId: 0, prompt: '> ', mode: 'ready' as const }];
    applyFrame({
      batches: [
        batch(1, { consoles: tabs }),
        batch(2, {
          replies: [
            {
              id: 1,
              console: 1,
              entries: [{ line: 'PING', text: 'PONG\n', isError: false, at: 0, prompt: '' }],
            },
          ],
        }),
      ],
      table: null,
    });
    const s = useApp.getState();
    expect(s.consoles[0]?.prompt).toBe('> ');
    expect(s.consoles[0]?.entries.map((e) => e.text)).toEqual(['PONG\n']);
    expect(s.keyCount).toBe(998);
  });
});

describe('FrameQueue', () => {
  it('hands over everything queued since the last frame, once per frame, in order', () => {
    const frames: (() => void)[] = [];
    const got: number[][] = [];
    const q = new FrameQueue<number>(
      (items) => got.push([...items]),
      (run) => frames.push(run),
    );
    q.push(1);
    q.push(2);
    q.push(3);
    expect(frames).toHaveLength(1);
    expect(got).toEqual([]);
    frames.shift()?.();
    q.push(4);
    q.flush();
    frames.shift()?.();
    expect(got).toEqual([[1, 2, 3], [4]]);
    expect(q.size).toBe(0);
  });
});

describe('sameLine', () => {
  it('keeps the clock a subscriber saw while the new state lies on the same time line', () => {
    const running = { virtualAt: 1000, realAt: 0, rate: 10, paused: false };
    applyFrame({ batches: [batch(1, { clock: running })], table: null });
    applyFrame({
      batches: [batch(2, { clock: { virtualAt: 2000, realAt: 100, rate: 10, paused: false } })],
      table: null,
    });
    expect(useApp.getState().clock).toBe(running);
    const jumped = { virtualAt: 9000, realAt: 200, rate: 10, paused: false };
    applyFrame({ batches: [batch(3, { clock: jumped })], table: null });
    expect(useApp.getState().clock).toBe(jumped);
    const paused = { ...jumped, paused: true };
    applyFrame({ batches: [batch(4, { clock: paused })], table: null });
    expect(useApp.getState().clock).toBe(paused);
  });
});
