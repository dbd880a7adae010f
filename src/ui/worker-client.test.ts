import { describe, expect, it } from 'vitest';
import type { WorkerEvent, WorkerRequest } from '../worker/protocol.ts';
import { WorkerClient, type WorkerLike } from './worker-client.ts';

class RecordingWorker implements WorkerLike {
  readonly posted: WorkerRequest[] = [];
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null = null;
  postMessage(message: WorkerRequest): void {
    this.posted.push(message);
  }
}

describe('WorkerClient start', () => {
  it('sends nothing until started, then hello (with the store to open) and a snapshot request, once', () => {
    const worker = new RecordingWorker();
    const client = new WorkerClient(worker, 'default');
    expect(worker.posted).toEqual([]);
    client.start();
    client.start();
    expect(worker.posted.map((m) => m.type)).toEqual(['hello', 'snapshot']);
    expect(worker.posted[0]).toMatchObject({ type: 'hello', store: 'default' });
  });

  it('a request sent before start goes after hello: the worker opens its store from the first message', () => {
    const worker = new RecordingWorker();
    const client = new WorkerClient(worker, 'default');
    client.send({ type: 'docs-close' });
    client.start();
    expect(worker.posted.map((m) => m.type)).toEqual(['hello', 'snapshot', 'docs-close']);
  });
});
