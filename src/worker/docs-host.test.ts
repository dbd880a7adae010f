import { describe, expect, it } from 'vitest';
import { WorkerHost } from './host.ts';
import {
  type Batch,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';

const PAGE = `# Demo

### Basic

\`\`\`cli
redis> PSETEX k 2000 "Hello"
OK
redis> GET k
"Hello"
\`\`\`

(After 2 seconds)

\`\`\`cli
redis> GET k
(nil)
redis> PTTL k
(integer) -2
\`\`\`

### Second

\`\`\`cli
redis> EXISTS k
(integer) 0
redis> SET other v
OK
\`\`\`
`;

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: 1_700_000_000_000 });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  const batches = () => out.filter((m): m is Batch => m.type === 'batch');
  const results = () => batches().flatMap((b) => b.docs?.results ?? []);
  const passReal = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      real += 16;
      host.tick();
    }
  };
  return { host, out, send, batches, results, passReal };
}

describe('docs pages in the worker', () => {
  it('parses a page, then replays it step by step on the live engine', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    const page = t.out.find((m) => m.type === 'docs-page');
    expect(page?.type === 'docs-page' && page.page.steps.length).toBe(7);
    t.send({ type: 'docs-step', waitMode: 'skip' });
    t.send({ type: 'docs-step', waitMode: 'skip' });
    expect(t.results().map((r) => r.kind === 'command' && r.verdict.kind)).toEqual(['pass', 'pass']);
    // The console shows what the page ran, and the key table got the key.
    const echoed = t.batches().flatMap((b) => b.replies.flatMap((r) => r.entries));
    expect(echoed.map((e) => `${e.prompt}${e.line} → ${e.text}`)).toEqual([
      'docs › PSETEX k 2000 "Hello" → OK\n',
      'docs › GET k → "Hello"\n',
    ]);
    expect(t.batches().some((b) => b.upserts.some((r) => r.key === 'k' && r.ttlGiven === 2000))).toBe(true);
  });

  it('runs the whole page with waits jumping, each section on an empty keyspace', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    const verdicts = t
      .results()
      .map((r) => (r.kind === 'command' ? r.verdict.kind : `wait ${r.to - r.from}`));
    expect(verdicts).toEqual(['pass', 'pass', 'wait 2001', 'pass', 'pass', 'pass', 'pass']);
    const last = t.batches().at(-1)?.docs;
    expect(last?.finished).toBe(true);
    expect(last?.running).toBe(false);
  });

  it('plays a short wait in real time: the clock runs, then stops on the mark and the run goes on', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    t.send({ type: 'docs-run', waitMode: 'paced' });
    expect(t.results()).toHaveLength(2);
    const waiting = t.batches().at(-1)?.docs?.waiting;
    expect(waiting && [waiting.to - waiting.from, waiting.rate]).toEqual([2001, 1]);
    t.passReal(1900);
    expect(t.results()).toHaveLength(2);
    t.passReal(200);
    expect(t.results().map((r) => (r.kind === 'command' ? r.verdict.kind : 'wait'))).toEqual([
      'pass',
      'pass',
      'wait',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    // The key was reclaimed while the wait played.
    expect(t.batches().some((b) => b.removals.some((g) => g.keys.includes('k')))).toBe(true);
    // The run is over: the clock runs again as it did before, at 1×.
    const clock = t.batches().at(-1)?.clock;
    expect(clock && [clock.paused, clock.rate]).toEqual([false, 1]);
  });

  it('resets to the start of the page', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    t.send({ type: 'docs-reset' });
    const docs = t.batches().findLast((b) => b.docs !== undefined)?.docs;
    expect(docs?.restarted).toBe(true);
    expect(docs?.position).toBe(0);
    expect(docs?.results).toEqual([]);
  });
});

describe('a step back (docs-goto)', () => {
  it('reopens the page and replays its first steps quietly: the keyspace is as it was then', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    // Four steps: PSETEX, GET, the wait (the key expires), GET k → nil.
    for (let i = 0; i < 4; i++) t.send({ type: 'docs-step', waitMode: 'skip' });
    expect(t.batches().at(-1)?.docs?.position).toBe(4);
    const before = t.out.length;
    // Back one step: the page replays PSETEX, GET and the wait; GET k has not run yet.
    t.send({ type: 'docs-goto', position: 3 });
    const after = t.out.slice(before).filter((m): m is Batch => m.type === 'batch');
    // The page is told it restarted, then gets the replayed steps' results.
    expect(after.find((b) => b.docs !== undefined)?.docs?.restarted).toBe(true);
    const docs = after.findLast((b) => b.docs !== undefined)?.docs;
    expect(docs?.position).toBe(3);
    expect(docs?.results.map((r) => r.kind)).toEqual(['command', 'command', 'wait']);
    // One note in the console instead of the replayed lines.
    const entries = after.flatMap((b) => b.replies.flatMap((r) => r.entries));
    expect(entries.map((e) => [e.note === true, e.text])).toEqual([
      [true, 'Back to step 4 of 7: the page was replayed from its start (steps 1–3, waits skipped).'],
    ]);
    // The clock is held between steps, and the next step goes on from there.
    expect(after.at(-1)?.clock.paused).toBe(true);
    t.send({ type: 'docs-step', waitMode: 'skip' });
    const next = t.batches().at(-1)?.docs?.results;
    expect(next?.map((r) => r.kind === 'command' && r.step.line)).toEqual(['GET k']);
    expect(next?.[0]?.kind === 'command' && next[0].verdict.kind).toBe('pass');
  });

  it('goes back to the very start, and ignores a position that is not a step number', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    t.send({ type: 'docs-step', waitMode: 'skip' });
    const before = t.out.length;
    t.send({ type: 'docs-goto', position: -1 });
    t.send({ type: 'docs-goto', position: 0.5 });
    expect(t.out.length).toBe(before);
    t.send({ type: 'docs-goto', position: 0 });
    const entries = t.batches().flatMap((b) => b.replies.flatMap((r) => r.entries));
    expect(entries.at(-1)?.text).toBe('Back to the start of the page (step 1 of 7).');
    expect(t.batches().at(-1)?.docs?.position).toBe(0);
  });
});

describe('stopping a run', () => {
  it('completes a playing wait at once and stops after it', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: PAGE });
    t.send({ type: 'docs-run', waitMode: 'real' });
    expect(t.batches().at(-1)?.docs?.waiting).not.toBeNull();
    t.send({ type: 'docs-stop' });
    const docs = t.batches().at(-1)?.docs;
    expect(docs?.waiting).toBeNull();
    expect(docs?.running).toBe(false);
    expect(docs?.position).toBe(3);
    t.send({ type: 'docs-run', waitMode: 'skip' });
    expect(t.batches().at(-1)?.docs?.finished).toBe(true);
    expect(t.results().filter((r) => r.kind === 'command' && r.verdict.kind === 'pass')).toHaveLength(6);
  });
});
