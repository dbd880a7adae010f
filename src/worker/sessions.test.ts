import { describe, expect, it } from 'vitest';
import { WorkerHost } from './host.ts';
import {
  type Batch,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';

/** Sessions: a page runs on a keyspace and clock of its own, and closing it gives the learner's back. */

const START = 1_700_000_000_000;

const LESSON = `---
title: Demo lesson
---

# Demo lesson

### First

\`\`\`cli
redis> PSETEX greeting 2000 "Hello"
OK
redis> DBSIZE
(integer) 1
\`\`\`

(After 2 seconds)

\`\`\`cli
redis> GET greeting
(nil)
redis> FLUSHALL
OK
\`\`\`

### Second

\`\`\`cli
redis> SET other v
OK
redis> PTTL other
(integer) -1
\`\`\`
`;

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: START });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  const batches = () => out.filter((m): m is Batch => m.type === 'batch');
  const results = () => batches().flatMap((b) => b.docs?.results ?? []);
  const passReal = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      real += 16;
      host.tick();
    }
  };
  let id = 0;
  /** Runs console lines on the session shown; returns what they printed. */
  const exec = (...lines: string[]) => {
    send({ type: 'exec', id: ++id, lines });
    return batches().flatMap((b) =>
      b.replies.filter((r) => r.id === id).flatMap((r) => r.entries.map((e) => e.text)),
    );
  };
  const last = <T extends WorkerEvent['type']>(type: T) =>
    out.findLast((m): m is Extract<WorkerEvent, { type: T }> => m.type === type);
  return { host, out, send, batches, results, passReal, exec, last };
}

describe('a lesson in a session of its own', () => {
  it('gives the learner back every key, deadline and the clock exactly as they were', () => {
    const t = setup();
    t.exec('PSETEX short 5000 a', 'SET long b EX 100', 'SET forever c', 'SELECT 2', 'SET two x PX 60000');
    t.passReal(1000); // 63 frames of 16 ms: 1008 ms
    const before = t.host.clock.state();
    const pttls = () => t.exec('SELECT 0', 'PTTL short', 'PTTL long', 'PTTL forever', 'SELECT 2', 'PTTL two');
    const expected = pttls();
    expect(expected).toEqual([
      'OK\n',
      '(integer) 3992\n',
      '(integer) 98992\n',
      '(integer) -1\n',
      'OK\n',
      '(integer) 58992\n',
    ]);

    t.send({ type: 'docs-open', path: 'demo.md', source: LESSON });
    expect(t.last('sessions')?.active).toMatchObject({ kind: 'lesson', label: 'Demo lesson' });
    // The lesson's keyspace starts empty, its clock at the learner's time, running.
    expect(t.last('snapshot')?.rows).toEqual([]);
    expect(t.host.clock.state()).toMatchObject({ virtualAt: before.virtualAt, paused: false, rate: 1 });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    expect(t.results().every((r) => r.kind === 'wait' || r.verdict.kind === 'pass')).toBe(true);
    // Whatever happens in the lesson (a FLUSHALL, minutes of its clock) stays there.
    expect(t.exec('FLUSHALL', 'DEBUG SLEEP 60')).toEqual(['OK\n', 'OK\n']);
    t.passReal(3000);

    t.send({ type: 'docs-close' });
    expect(t.last('docs-closed')).toBeDefined();
    expect(t.last('sessions')).toMatchObject({ active: { id: 'learner' }, sessions: [{ id: 'learner' }] });
    const snapshot = t.last('snapshot');
    expect(snapshot?.session).toBe('learner');
    expect(snapshot?.rows.map((r) => [r.db, r.key, r.deadline, r.ttlGiven]).sort()).toEqual([
      [0, 'forever', null, null],
      [0, 'long', START + 100_000, 100_000],
      [0, 'short', START + 5000, 5000],
      [2, 'two', START + 60_000, 60_000],
    ]);
    expect(t.host.clock.state()).toMatchObject({ virtualAt: before.virtualAt, paused: false, rate: 1 });
    expect(pttls()).toEqual(expected);
    // The learner's clock runs on from there.
    t.passReal(1000);
    expect(t.exec('SELECT 0', 'PTTL short')).toEqual(['OK\n', '(integer) 2984\n']);
  });

  it('keeps a paused learner clock paused at its rate, and a second lesson returns to the learner too', () => {
    const t = setup();
    t.send({ type: 'clock', op: { kind: 'rate', rate: 5 } });
    t.send({ type: 'clock', op: { kind: 'pause' } });
    t.exec('SET mine 1 EX 10');
    const at = t.host.clock.now();
    t.send({ type: 'docs-open', path: 'a.md', source: LESSON });
    const sent = t.out.length;
    t.send({ type: 'docs-open', path: 'b.md', source: LESSON });
    // Straight from one lesson's session to the next, not by way of the learner's.
    const switches = t.out.slice(sent).filter((m) => m.type === 'sessions');
    expect(switches.map((m) => m.type === 'sessions' && [m.active.id, m.sessions.length])).toEqual([
      ['lesson-2', 2],
    ]);
    expect(t.host.sessions.list().map((s) => s.kind)).toEqual(['learner', 'lesson']);
    t.passReal(2000);
    t.send({ type: 'docs-close' });
    expect(t.host.clock.state()).toMatchObject({ virtualAt: at, paused: true, rate: 5 });
    expect(t.exec('TTL mine')).toEqual(['(integer) 10\n']);
  });

  it('continues from a copy of the learner keys when asked, leaving the originals alone', () => {
    const t = setup();
    t.exec('SET greeting mine', 'SET keep 1 EX 50');
    t.send({ type: 'docs-open', path: 'demo.md', source: LESSON, keyspace: 'continue' });
    expect(t.last('docs-page')?.keyspace).toBe('continue');
    expect(
      t
        .last('snapshot')
        ?.rows.map((r) => r.key)
        .sort(),
    ).toEqual(['greeting', 'keep']);
    t.send({ type: 'docs-step', waitMode: 'skip' });
    t.send({ type: 'docs-step', waitMode: 'skip' });
    // The first section did not start on an empty keyspace: the copied keys count.
    const dbsize = t.results()[1];
    expect(dbsize?.kind === 'command' && dbsize.actual.text).toBe('(integer) 2\n');
    t.exec('DEL keep');
    t.send({ type: 'docs-close' });
    expect(t.exec('GET greeting', 'TTL keep')).toEqual(['"mine"\n', '(integer) 50\n']);
  });

  it('says in the console when a section start drops keys of the page keyspace', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: LESSON });
    t.exec('SET typed 1');
    t.send({ type: 'docs-run', waitMode: 'skip' });
    const lines = t.batches().flatMap((b) => b.replies.flatMap((r) => r.entries));
    expect(lines.find((e) => e.line.startsWith('#'))).toMatchObject({
      prompt: 'docs › ',
      line: '# the next example starts on an empty keyspace',
      text: "(1 key of this page's keyspace dropped)\n",
    });
  });
});

describe('running one block', () => {
  it('runs only that block, its waits included, from the keyspace as it is', () => {
    const t = setup();
    t.send({ type: 'docs-open', path: 'demo.md', source: LESSON });
    t.exec('PSETEX greeting 1000 "typed"');
    t.send({ type: 'docs-run-block', block: 1, waitMode: 'skip' });
    const ran = t.results().map((r) => (r.kind === 'wait' ? `wait ${r.step.ms}` : r.step.line));
    expect(ran).toEqual(['wait 2000', 'GET greeting', 'FLUSHALL']);
    // The key typed into the lesson's keyspace was there for the block (and expired in the wait).
    const get = t.results()[1];
    expect(get?.kind === 'command' && get.verdict.kind).toBe('pass');
    const echoed = t.batches().flatMap((b) => b.replies.filter((r) => r.id === 0).flatMap((r) => r.entries));
    expect(echoed.map((e) => e.line)).toEqual(['GET greeting', 'FLUSHALL']);
    const docs = t.batches().findLast((b) => b.docs)?.docs;
    expect(docs).toMatchObject({ running: false, finished: false, position: 5 });
    expect(t.host.clock.state().paused).toBe(false);
  });

  it('gives a PTTL read one ms off its likely cause', () => {
    const t = setup();
    const page = '```cli\nredis> PSETEX k 2000 v\nOK\nredis> PTTL k\n(integer) 1999\n```\n';
    t.send({ type: 'docs-open', path: 'off.md', source: page });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    const pttl = t.results()[1];
    expect(pttl?.kind === 'command' && pttl.verdict.kind === 'fail' && pttl.verdict.hint).toMatch(
      /^the page's read came 1 ms later/,
    );
  });
});
