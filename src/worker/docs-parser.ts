import { type ParsedDocument, parseDocument } from '../docs/document.ts';
import type { DocsKeyspace } from './docs-host.ts';

/**
 * Opening a docs page off the command path. The engine's worker hands the page to a worker of its
 * own (docs-parse-worker.ts) and goes on answering commands; the page is shown once it is read. A
 * page opened while another is being read replaces it, and the requests about the page (Step, Run
 * all, Reset…) wait for it, in order.
 */

export type DocumentParser = (path: string, source: string) => Promise<ParsedDocument>;

export interface ParseRequest {
  readonly id: number;
  readonly path: string;
  readonly source: string;
}

export type ParseReply =
  | { readonly id: number; readonly doc: ParsedDocument }
  | { readonly id: number; readonly error: string };

/** A parser running in its own worker, started on first use and again after a crash. */
export function workerParser(start: () => Worker): DocumentParser {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, { resolve(doc: ParsedDocument): void; reject(e: Error): void }>();
  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return (path, source) =>
    new Promise((resolve, reject) => {
      if (!worker) {
        worker = start();
        worker.onmessage = (event: MessageEvent<ParseReply>) => {
          const reply = event.data;
          const w = waiting.get(reply.id);
          waiting.delete(reply.id);
          if ('doc' in reply) w?.resolve(reply.doc);
          else w?.reject(new Error(reply.error));
        };
        worker.onerror = (event) => failAll(event.message || 'the page reader stopped');
      }
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, path, source } satisfies ParseRequest);
    });
}

export interface OpenRequest {
  readonly path: string;
  readonly source: string;
  /** Refuse a page without a single command to replay (a `?doc=` link may point at anything). */
  readonly requireExample?: boolean;
  readonly keyspace?: DocsKeyspace;
}

export class DocsOpener {
  private generation = 0;
  private reading = 0;
  private ready: Promise<void> = Promise.resolve();

  /**
   * `parse` absent: pages are read at once, on the caller's thread (tests, the CLI). `show` gets
   * the newest page once read; `fail` a sentence for the learner.
   */
  constructor(
    private readonly parse: DocumentParser | undefined,
    private readonly show: (request: OpenRequest, doc: ParsedDocument) => void,
    private readonly fail: (message: string) => void,
  ) {}

  open(request: OpenRequest): void {
    const generation = ++this.generation;
    const settle = (doc: ParsedDocument) => {
      if (generation !== this.generation) return;
      const refusal = request.requireExample ? noExample(request.path, doc) : null;
      if (refusal) this.fail(refusal);
      else this.show(request, doc);
    };
    if (!this.parse) {
      settle(parseDocument(request.source, request.path));
      return;
    }
    this.reading++;
    this.ready = this.parse(request.path, request.source)
      .then(settle, (e: unknown) => {
        if (generation === this.generation) {
          this.fail(`Could not read ${request.path}: ${e instanceof Error ? e.message : String(e)}`);
        }
      })
      .finally(() => {
        this.reading--;
      });
  }

  /** Runs `action` now, or after the page being read is there (requests about the page wait for it). */
  whenOpen(action: () => void): void {
    if (this.reading === 0) action();
    else this.ready = this.ready.then(action);
  }
}

function noExample(path: string, doc: ParsedDocument): string | null {
  if (doc.page.steps.some((s) => s.kind === 'command')) return null;
  return `Could not open ${path}: it holds no redis-cli example to replay.`;
}
