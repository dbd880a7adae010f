import { describe, expect, it } from 'vitest';
import { eachEvent } from './event-columns.ts';
import { WorkerHost } from './host.ts';
import {
  type Batch,
  type KeyDetails,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';

/** The worker's side of field expiry and of the Compatibility switch. */

const START = 1_700_000_000_000;

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: START });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  let id = 0;
  const exec = (...lines: string[]): Batch => {
    send({ type: 'exec', id: ++id, lines });
    const b = out.filter((m): m is Batch => m.type === 'batch').at(-1);
    if (!b) throw new Error('no batch');
    return b;
  };
  const passReal = (ms: number) => {
    real += ms;
    host.tick();
  };
  const details = (key: string): KeyDetails => {
    send({ type: 'inspect', db: 0, key });
    const d = out.filter((m) => m.type === 'details').at(-1);
    if (d?.type !== 'details') throw new Error('no details');
    return d.details;
  };
  return { host, out, send, exec, passReal, details };
}

describe('WorkerHost, field expiry and compatibility', () => {
  it('switches the server on request and says so in a new ready message', () => {
    const t = setup();
    t.send({ type: 'hello' });
    const first = t.out.find((m) => m.type === 'ready');
    expect(first?.type === 'ready' && first.compat).toBe('redis-7.0');
    expect(t.exec('HEXPIRE h 10 FIELDS 1 f').replies[0]?.entries[0]?.text).toMatch(
      /unknown command 'HEXPIRE'/,
    );
    t.send({ type: 'compat', compat: 'redis-7.4' });
    const ready = t.out.filter((m) => m.type === 'ready').at(-1);
    expect(ready?.type === 'ready' && ready.compat).toBe('redis-7.4');
    expect(ready?.type === 'ready' && ready.commands.some((c) => c.name === 'hexpire')).toBe(true);
    const b = t.exec('INFO server');
    expect(b.replies[0]?.entries[0]?.text).toContain('redis_version:7.4.1');
    expect(b.prompt).toBe('redis-7.4 127.0.0.1:6379> ');
  });

  it('shows a hash row with its field TTLs and one bar per field, until the fields expire', () => {
    const t = setup();
    t.send({ type: 'compat', compat: 'redis-7.4' });
    t.exec('HSET session user alice phone p1 laptop l1');
    const b = t.exec('HPEXPIRE session 2000 FIELDS 1 phone', 'HPEXPIRE session 9000 FIELDS 1 laptop');
    const row = b.upserts.find((r) => r.key === 'session');
    expect(row?.deadline).toBeNull();
    expect(row?.fieldTtls).toEqual({ count: 2, nearest: START + 2000 });
    const fields = t.details('session').fields;
    expect(fields?.map((f) => [f.field, f.deadline, f.ttlGiven])).toEqual([
      ['phone', START + 2000, 2000],
      ['laptop', START + 9000, 9000],
    ]);
    // The active cycle's field pass reclaims phone once its deadline has passed.
    for (let i = 0; i < 25; i++) t.passReal(100);
    const later = t.out.filter((m): m is Batch => m.type === 'batch');
    const updated = later
      .flatMap((x) => x.upserts)
      .filter((r) => r.key === 'session')
      .at(-1);
    expect(updated?.fieldTtls).toEqual({ count: 1, nearest: START + 9000 });
    const events = later
      .flatMap((x) => x.events.flatMap((c) => [...eachEvent(c.columns)]))
      .filter((e) => e.event === 'hexpired');
    expect(events).toHaveLength(1);
    expect(events[0]?.cause.kind).toBe('active');
    expect(later.some((x) => x.cycles.some((c) => c.fieldsExpired === 1))).toBe(true);
    expect(t.host.expiryStats().expiredFields).toBe(1);
  });

  it("runs a lesson as the server it is written for, and leaves the learner's server alone", () => {
    const t = setup();
    const page =
      '---\ntitle: T\ncompat: redis-7.4\n---\n# T\n\n```cli\nredis> HSET h f v\n(integer) 1\n```\n';
    t.send({ type: 'docs-open', path: 't.md', source: page });
    t.send({ type: 'docs-run', waitMode: 'skip' });
    const ready = t.out.filter((m) => m.type === 'ready').at(-1);
    expect(ready?.type === 'ready' && ready.compat).toBe('redis-7.4');
    expect(t.host.engine.compat).toBe('redis-7.4');
    t.send({ type: 'docs-close' });
    const back = t.out.filter((m) => m.type === 'ready').at(-1);
    expect(back?.type === 'ready' && back.compat).toBe('redis-7.0');
    expect(t.host.engine.compat).toBe('redis-7.0');
  });
});
