import type { Compat } from '../engine/compat.ts';
import type { ConsoleEntry, KeyDetails, RequestBody, WorkerEvent } from '../worker/protocol.ts';
import type { PageClient } from './client-context.tsx';

/**
 * A worker client for tests: it records what the page asks for (requests, console lines, inspected
 * keys) and answers with what the test gives it, so a panel can be rendered with no worker behind it.
 */
export class FakeClient implements PageClient {
  readonly sent: RequestBody[] = [];
  readonly runs: { lines: readonly string[]; console: number | undefined }[] = [];
  readonly inspected: { db: number; key: string }[] = [];
  /** What `inspect` answers, by `${db}:${key}`. */
  readonly details = new Map<string, KeyDetails>();
  sweeps = 0;
  started = false;
  private readonly listeners = new Set<(msg: WorkerEvent) => void>();

  send(req: RequestBody): void {
    this.sent.push(req);
  }

  exec(
    lines: readonly string[],
    console?: number,
    sent?: (id: number) => void,
  ): Promise<readonly ConsoleEntry[]> {
    this.runs.push({ lines, console });
    sent?.(this.runs.length);
    return Promise.resolve([]);
  }

  inspect(db: number, key: string): Promise<KeyDetails> {
    this.inspected.push({ db, key });
    const found = this.details.get(`${db}:${key}`);
    return found ? Promise.resolve(found) : new Promise(() => {});
  }

  setCompat(compat: Compat): void {
    this.sent.push({ type: 'compat', compat });
  }

  sweep(): void {
    this.sweeps++;
  }

  subscribe(listener: (msg: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  capture(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array());
  }

  mirrorTo(): void {}

  start(): void {
    this.started = true;
  }

  /** A message as if the worker had sent it, to the subscribers. */
  emit(msg: WorkerEvent): void {
    for (const l of this.listeners) l(msg);
  }

  /** The requests of one type, typed. */
  sentOf<T extends RequestBody['type']>(type: T): Extract<RequestBody, { type: T }>[] {
    return this.sent.filter((r): r is Extract<RequestBody, { type: T }> => r.type === type);
  }
}
