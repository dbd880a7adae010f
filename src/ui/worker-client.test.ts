import { describe, expect, it, vi } from 'vitest';
import type { WorkerEvent, WorkerRequest } from '../worker/protocol.ts';
import { tableWindow } from './store/table-fixtures.ts';
import { WorkerClient, type WorkerLike } from './worker-client.ts';

class RecordingWorker implements WorkerLike {
  readonly posted: WorkerRequest[] = [];
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.posted.push(message);
  }
}

describe('WorkerClient start', () => {
  it('sends nothing until started, then hello (with the store to open), a snapshot request and the key table window it shows, once', () => {
    const worker = new RecordingWorker();
    const client = new WorkerClient(worker, 'default');
    expect(worker.posted).toEqual([]);
    client.start();
    client.start();
    expect(worker.posted.map((m) => m.type)).toEqual(['hello', 'snapshot', 'table-view']);
    expect(worker.posted[2]).toMatchObject({ viewer: 'page', query: { offset: 0, pattern: '*' } });
    expect(worker.posted[0]).toMatchObject({ type: 'hello', store: 'default' });
  });

  it('a request sent before start goes after hello: the worker opens its store from the first message', () => {
    const worker = new RecordingWorker();
    const client = new WorkerClient(worker, 'default');
    client.send({ type: 'docs-close' });
    client.start();
    expect(worker.posted.map((m) => m.type)).toEqual(['hello', 'snapshot', 'table-view', 'docs-close']);
  });
});

describe('WorkerClient frames', () => {
  const batch = (seq: number, keyCount: number) =>
    ({
      v: 1,
      type: 'batch',
      seq,
      upserts: [],
      removals: [],
      flushed: [],
      replies: [],
      clock: { virtualAt: 0, realAt: 0, rate: 1, paused: true },
      events: [],
      cycles: [],
      selectedDb: 0,
      prompt: '',
      keyCount,
      usedBytes: 0,
    }) as unknown as WorkerEvent;

  it('applies what came during a frame at the frame, and lets it through before any other message', async () => {
    const { useApp } = await import('./store/index.ts');
    const worker = new RecordingWorker();
    const frames: (() => void)[] = [];
    const client = new WorkerClient(worker, null, 'page', (run) => frames.push(run));
    const seen: string[] = [];
    client.subscribe((m) => seen.push(m.type));
    const receive = (m: WorkerEvent) => worker.onmessage?.({ data: m } as MessageEvent<WorkerEvent>);
    receive({
      v: 1,
      type: 'snapshot',
      seq: 0,
      session: 'learner',
      rows: [],
      clock: { virtualAt: 0, realAt: 0, rate: 1, paused: true },
      stats: null,
    } as unknown as WorkerEvent);
    receive(batch(1, 5));
    receive(batch(2, 6));
    expect(useApp.getState().keyCount).not.toBe(6);
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(useApp.getState().keyCount).toBe(6);
    // A batch out of order asks for a snapshot; a message of another kind does not overtake it.
    receive(batch(4, 9));
    receive({ v: 1, type: 'store-status', state: 'memory', message: null } as unknown as WorkerEvent);
    expect(useApp.getState().keyCount).toBe(9);
    expect(worker.posted.at(-1)?.type).toBe('snapshot');
    expect(seen).toEqual(['snapshot', 'batch', 'batch', 'batch', 'store-status']);
  });
});

describe('WorkerClient key table pacing', () => {
  const windowOf = (seq: number, live: number): WorkerEvent => tableWindow(seq, [], { total: live, live });

  it("shows a new query's window at once and the same query's next ones at most every 100 ms, the newest", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      const { useApp } = await import('./store/index.ts');
      const worker = new RecordingWorker();
      const frames: (() => void)[] = [];
      const client = new WorkerClient(worker, null, 'page', (run) => frames.push(run));
      client.start();
      const seq = (worker.posted.at(-1) as { query: { seq: number } }).query.seq;
      const receive = (m: WorkerEvent) => worker.onmessage?.({ data: m } as MessageEvent<WorkerEvent>);
      const frame = () => frames.shift()?.();
      receive(windowOf(seq, 10));
      frame();
      expect(useApp.getState().table.live).toBe(10);
      vi.advanceTimersByTime(20);
      receive(windowOf(seq, 9));
      frame();
      receive(windowOf(seq, 8));
      frame();
      expect(useApp.getState().table.live).toBe(10);
      vi.advanceTimersByTime(60);
      frame();
      expect(useApp.getState().table.live).toBe(10);
      vi.advanceTimersByTime(20);
      frame();
      expect(useApp.getState().table.live).toBe(8);
      // A window for a new query (the user sorted) is not held back.
      useApp.getState().setSort({ column: 'ttl', desc: false });
      receive(windowOf(seq + 1, 7));
      frame();
      expect(useApp.getState().table.live).toBe(7);
    } finally {
      vi.useRealTimers();
    }
  });
});
