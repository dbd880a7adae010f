import { describe, expect, it } from 'vitest';
import { parseDocument } from '../docs/document.ts';
import { WorkerHost } from './host.ts';
import { PROTOCOL_VERSION, type RequestBody, type WorkerEvent, type WorkerRequest } from './protocol.ts';

/**
 * Pages are read off the command path: the host hands them to a parser (in the browser, a worker of
 * its own) and answers commands while it reads. Here the parser is one the test finishes by hand.
 */

const PAGE = '### One\n\n```\nredis> SET k v\nOK\nredis> GET k\n"v"\n```\n';
const OTHER = '### Two\n\n```\nredis> PING\nPONG\n```\n';

function setup() {
  const out: WorkerEvent[] = [];
  const reads: { path: string; finish(): void }[] = [];
  const host = new WorkerHost({
    post: (m) => out.push(m),
    realNow: () => 1000,
    startMs: 1_700_000_000_000,
    parseDocument: (path, source) =>
      new Promise((resolve) => reads.push({ path, finish: () => resolve(parseDocument(source, path)) })),
  });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  const replies = () =>
    out.flatMap((m) => (m.type === 'batch' ? m.replies.flatMap((r) => r.entries.map((e) => e.text)) : []));
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { out, reads, send, replies, settle };
}

describe('opening a page off the command path', () => {
  it('answers PING while a page is being read, then shows the page', async () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'one.md', source: PAGE });
    t.send({ type: 'exec', id: 1, lines: ['PING'] });
    expect(t.replies()).toEqual(['PONG\n']);
    expect(t.out.some((m) => m.type === 'docs-page')).toBe(false);
    t.reads[0]?.finish();
    await t.settle();
    const page = t.out.find((m) => m.type === 'docs-page');
    expect(page?.type === 'docs-page' && page.page.steps.length).toBe(2);
  });

  it('runs a Step sent while the page is read once it is there, in order', async () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'one.md', source: PAGE });
    t.send({ type: 'docs-step', waitMode: 'skip' });
    t.send({ type: 'docs-step', waitMode: 'skip' });
    t.reads[0]?.finish();
    await t.settle();
    expect(t.replies()).toEqual(['OK\n', '"v"\n']);
  });

  it('shows only the newest of two pages opened one after the other, and Reset reads nothing again', async () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'one.md', source: PAGE });
    t.send({ type: 'docs-open', path: 'two.md', source: OTHER });
    t.reads[1]?.finish();
    t.reads[0]?.finish();
    await t.settle();
    const pages = t.out.flatMap((m) => (m.type === 'docs-page' ? [m.page.path] : []));
    expect(pages).toEqual(['two.md']);
    t.send({ type: 'docs-reset' });
    expect(t.reads).toHaveLength(2);
  });

  it('refuses a page without an example where one is required (a ?doc= link)', async () => {
    const t = setup();
    t.send({
      type: 'docs-open',
      path: 'passwd',
      source: 'root:x:0:0:root:/root:/bin/bash\n',
      requireExample: true,
    });
    t.reads[0]?.finish();
    await t.settle();
    expect(t.out.some((m) => m.type === 'docs-page')).toBe(false);
    const error = t.out.find((m) => m.type === 'docs-error');
    expect(error?.type === 'docs-error' && error.message).toBe(
      'Could not open passwd: it holds no redis-cli example to replay.',
    );
  });

  it('says so when the reader fails', async () => {
    const out: WorkerEvent[] = [];
    const host = new WorkerHost({
      post: (m) => out.push(m),
      realNow: () => 1000,
      startMs: 1_700_000_000_000,
      parseDocument: () => Promise.reject(new Error('the page reader stopped')),
    });
    host.handle({ v: PROTOCOL_VERSION, type: 'docs-open', path: 'x.md', source: PAGE });
    await new Promise((r) => setTimeout(r, 0));
    const error = out.find((m) => m.type === 'docs-error');
    expect(error?.type === 'docs-error' && error.message).toBe(
      'Could not read x.md: the page reader stopped',
    );
  });
});
