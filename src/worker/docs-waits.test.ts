import { describe, expect, it } from 'vitest';
import { WorkerHost } from './host.ts';
import {
  type Batch,
  PROTOCOL_VERSION,
  type RequestBody,
  removalCount,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';

/** How the worker plays a page's waits, gives the clock back after a run, and checks a task. */

const LONG_WAIT = `# Long

### Session

\`\`\`cli
redis> PSETEX session 300000 "s"
OK
redis> PSETEX cache 900000 "c"
OK
\`\`\`

Ten minutes later the session is gone and the cache is still there:

\`\`\`cli
redis> EXISTS session
(integer) 0
redis> TTL cache
(integer) 300
\`\`\`
`;

const TASK_PAGE = `# Task

### Example

\`\`\`cli
redis> SET a 1
OK
\`\`\`

## Try it yourself

\`\`\`check
redis> GET otp     # otp should hold the code
"492817"
redis> TTL otp     # otp should expire within 30 seconds
(integer) 1..30
\`\`\`
`;

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: 1_700_000_000_000 });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  const batches = () => out.filter((m): m is Batch => m.type === 'batch');
  const results = () => batches().flatMap((b) => b.docs?.results ?? []);
  /** Real time passing at 60 frames a second, the worker ticking each frame. */
  const passReal = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      real += 16;
      host.tick();
    }
  };
  const clock = () => host.clock.state();
  /** The docs progress last reported (batches after it, on a running clock, carry none). */
  const docs = () => batches().findLast((b) => b.docs !== undefined)?.docs;
  const exec = (...lines: string[]) => send({ type: 'exec', id: 1, lines });
  return { host, out, send, batches, results, passReal, clock, exec, docs };
}

describe('waits, paced', () => {
  it('plays a ten-minute wait in about three seconds, the cron running through it', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'long.md', source: LONG_WAIT });
    t.send({ type: 'docs-run', waitMode: 'paced' });
    const waiting = t.docs()?.waiting;
    expect(waiting && [waiting.to - waiting.from, Math.round(waiting.rate)]).toEqual([600_001, 200]);
    expect(t.batches().at(-1)?.clock.rate).toBeCloseTo(200);
    t.passReal(2900);
    expect(t.results()).toHaveLength(2);
    // Half-way through, the session (5 minutes) is already gone: the active cycle removed it while
    // the clock ran, so the key table and the timeline saw it go during the wait.
    const removedBy = t.batches().flatMap((b) => b.removals.filter((g) => g.keys.includes('session')));
    expect(removedBy.map((g) => g.reason)).toEqual(['active']);
    expect(t.batches().reduce((n, b) => n + b.cycles.length, 0)).toBeGreaterThan(50);
    t.passReal(200);
    expect(t.results().map((r) => (r.kind === 'command' ? r.verdict.kind : 'wait'))).toEqual([
      'pass',
      'pass',
      'wait',
      'pass',
      'pass',
    ]);
    expect(t.docs()?.finished).toBe(true);
  });

  it('skips a wait at once when asked, still running the cron through the skipped time', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'long.md', source: LONG_WAIT });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    expect(t.docs()?.finished).toBe(true);
    expect(t.results().filter((r) => r.kind === 'command' && r.verdict.kind === 'pass')).toHaveLength(4);
    expect(t.batches().reduce((n, b) => n + b.cycles.length, 0)).toBeGreaterThan(0);
    expect(t.batches().reduce((n, b) => n + removalCount(b.removals), 0)).toBe(1);
  });

  it('plays at 1× in real time', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'long.md', source: LONG_WAIT });
    t.send({ type: 'docs-run', waitMode: 'real' });
    expect(t.docs()?.waiting?.rate).toBe(1);
    t.passReal(5000);
    expect(t.results()).toHaveLength(2);
    t.send({ type: 'docs-stop' });
    expect(t.results()).toHaveLength(3);
  });
});

describe('the clock after a run', () => {
  it('runs again at 1× when it ran before, not paused at the wait speed', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'long.md', source: LONG_WAIT });
    expect(t.clock()).toMatchObject({ paused: false, rate: 1 });
    t.send({ type: 'docs-run', waitMode: 'paced' });
    t.passReal(3200);
    expect(t.docs()?.finished).toBe(true);
    expect(t.clock()).toMatchObject({ paused: false, rate: 1 });
    const before = t.clock().virtualAt;
    t.passReal(1000);
    expect(t.clock().virtualAt - before).toBeGreaterThanOrEqual(990);
  });

  it('stays paused at its own rate when it was paused, and is held still between steps', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'long.md', source: LONG_WAIT });
    // The page's own clock, set at 5× in the page's session.
    t.send({ type: 'clock', op: { kind: 'rate', rate: 5 } });
    t.send({ type: 'docs-step', waitMode: 'skip' });
    const at = t.clock().virtualAt;
    t.passReal(500);
    // Between two steps the page owns the clock: the next step reads the TTL the page expects.
    expect(t.clock()).toMatchObject({ paused: true, virtualAt: at });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    expect(t.docs()?.finished).toBe(true);
    expect(t.clock()).toMatchObject({ paused: false, rate: 5 });
    t.send({ type: 'clock', op: { kind: 'pause' } });
    t.send({ type: 'docs-run-block', block: 1, waitMode: 'paced' });
    expect(t.docs()?.waiting).not.toBeNull();
    t.send({ type: 'docs-stop' });
    expect(t.clock()).toMatchObject({ paused: true, rate: 5 });
  });
});

describe('checking a task in the worker', () => {
  it('lists the page tasks and checks the keyspace as it is now, without touching it', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'task.md', source: TASK_PAGE });
    const page = t.out.find((m) => m.type === 'docs-page');
    expect(page?.type === 'docs-page' && page.tasks.map((x) => [x.title, x.probes.length])).toEqual([
      ['Try it yourself', 2],
    ]);
    const check = () => {
      t.send({ type: 'docs-check-task', task: 0 });
      const last = t.out.at(-1);
      return last?.type === 'docs-task-result' ? last.result : null;
    };
    t.exec('SET otp 492817');
    expect(check()).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/^Not yet: otp should expire/),
    });
    t.exec('EXPIRE otp 30');
    expect(check()).toMatchObject({ passed: true, reason: 'Passed: all 2 checks hold.' });
    const sent = t.out.length;
    check();
    // A check sends its result and nothing else: no batch, no event, no row changed.
    expect(t.out.slice(sent).map((m) => m.type)).toEqual(['docs-task-result']);
    t.send({ type: 'docs-check-task', task: 3 });
    expect(t.out.at(-1)).toMatchObject({
      result: { passed: false, reason: 'The open page has no such task.' },
    });
  });
});
