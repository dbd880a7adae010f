import { describe, expect, it } from 'vitest';
import { eachEvent } from './event-columns.ts';
import { WorkerHost } from './host.ts';
import {
  type Batch,
  eachRemoval,
  PROTOCOL_VERSION,
  type RequestBody,
  removalCount,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';
import { TimelineReach } from './timeline-reach.ts';

const START = 1_700_000_000_000;

const records = (b: Batch) => b.events.flatMap((c) => [...eachEvent(c.columns)]);

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: START });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  let id = 0;
  const exec = (...lines: string[]) => {
    send({ type: 'exec', id: ++id, lines });
    return lastBatch();
  };
  const lastBatch = (): Batch => {
    const b = out.filter((m): m is Batch => m.type === 'batch').at(-1);
    if (!b) throw new Error('no batch');
    return b;
  };
  const passReal = (ms: number) => {
    real += ms;
    host.tick();
  };
  return { host, out, send, exec, lastBatch, passReal };
}

describe('WorkerHost', () => {
  it('answers console lines with redis-cli text and a diff of the keys they touched', () => {
    const t = setup();
    const b = t.exec('PSETEX mykey 2000 "Hello"', 'GET mykey', 'SET other v');
    expect(b.replies[0]?.entries.map((e) => e.text)).toEqual(['OK\n', '"Hello"\n', 'OK\n']);
    const row = b.upserts.find((r) => r.key === 'mykey');
    expect(row).toMatchObject({
      db: 0,
      type: 'string',
      preview: '"Hello"',
      deadline: START + 2000,
      ttlGiven: 2000,
    });
    expect(b.upserts.find((r) => r.key === 'other')?.deadline).toBeNull();
    expect(b.replies[0]?.entries[0]?.prompt).toBe('127.0.0.1:6379> ');
    expect(t.exec('GET').replies[0]?.entries[0]?.isError).toBe(true);
  });

  it("sends the timeline only the removals of keys it can hold: a mass expiry's older ones are not sent", () => {
    const t = setup();
    t.host.active.reach = new TimelineReach(3);
    t.exec('DEBUG SET-ACTIVE-EXPIRE 0', 'SET plain 1');
    for (let i = 0; i < 8; i++) t.exec(`PSETEX k${i} 100 v`);
    t.passReal(200);
    const keys = [...eachRemoval(t.exec('DEL plain k0 k1 k2 k3 k4 k5 k6 k7').removals)].map((r) => r.key);
    expect(keys.sort()).toEqual(['k5', 'k6', 'k7', 'plain']);
  });

  it('keeps a bar length through in-place edits and resets it when the TTL is set again', () => {
    const t = setup();
    t.exec('SET k 1 PX 5000');
    t.passReal(1000);
    const appended = t.exec('APPEND k 2').upserts[0];
    expect(appended?.ttlGiven).toBe(5000);
    expect(appended?.version).toBe(2);
    expect(t.exec('PEXPIRE k 3000').upserts[0]?.ttlGiven).toBe(3000);
  });

  it('says how each key went: a command, lazy expiry on access, the active cycle, a flush', () => {
    const t = setup();
    t.exec('SET a 1', 'DEBUG SET-ACTIVE-EXPIRE 0', 'PSETEX b 100 v');
    const start = t.lastBatch().clock.virtualAt;
    expect([...eachRemoval(t.exec('DEL a').removals)]).toEqual([
      { db: 0, key: 'a', reason: 'command', command: 'del', at: start },
    ]);
    t.passReal(200);
    expect([...eachRemoval(t.exec('GET b').removals)]).toEqual([
      {
        db: 0,
        key: 'b',
        reason: 'lazy',
        command: 'get',
        at: start + 200,
        deadline: start + 100,
        ttlGiven: 100,
      },
    ]);
    t.exec('DEBUG SET-ACTIVE-EXPIRE 1', 'PSETEX c 100 v');
    t.passReal(300);
    const batch = t.lastBatch();
    const cycle = batch.cycles.find((c) => c.expired === 1 && c.samples[0]?.key === 'c');
    expect(cycle).toBeDefined();
    expect([...eachRemoval(batch.removals)]).toEqual([
      {
        db: 0,
        key: 'c',
        reason: 'active',
        at: cycle?.at,
        cycle: cycle?.cycle,
        deadline: expect.any(Number),
        ttlGiven: 100,
      },
    ]);
    const set = records(t.exec('SET "odd key" 1')).find((e) => e.event === 'set');
    expect(set?.cause).toEqual({ kind: 'command', command: 'set', text: 'SET "odd key" 1' });
    const expired = records(batch).find((e) => e.event === 'expired');
    expect(expired?.cause).toEqual({ kind: 'active', cycle: cycle?.cycle });
    expect(batch.events.map((c) => c.counts)).toEqual([{ expired: 1 }]);
    t.exec('SET d 1');
    expect(t.exec('FLUSHALL').flushed).toEqual([...Array(16).keys()]);
  });

  it("reports INFO's expiry figures and the keys past their deadline not yet removed", () => {
    const t = setup();
    t.exec('DEBUG SET-ACTIVE-EXPIRE 0', 'PSETEX a 100 v', 'PSETEX b 100 v', 'PSETEX c 5000 v', 'SET d 1');
    t.passReal(300);
    const stats = t.out.filter((m): m is Batch => m.type === 'batch').findLast((b) => b.stats)?.stats;
    expect(stats?.dbs).toEqual([{ db: 0, keys: 4, expires: 3, avgTtl: 0, stale: 2 }]);
    expect(stats).toMatchObject({ activeExpireEnabled: false, expiredKeys: 0, hz: 10 });
    t.exec('GET a', 'CONFIG SET hz 50', 'DEBUG SET-ACTIVE-EXPIRE 1');
    t.passReal(300);
    const after = t.host.expiryStats();
    expect(after.dbs).toEqual([{ db: 0, keys: 2, expires: 1, avgTtl: expect.any(Number), stale: 0 }]);
    expect(after).toMatchObject({ expiredKeys: 2, hz: 50, activeExpireEnabled: true });
    expect(after.cyclesRun).toBeGreaterThan(0);
  });

  it('holds EVAL lines until the lazily loaded interpreter is there, and runs the rest at once', async () => {
    let real = 1000;
    const out: WorkerEvent[] = [];
    const host = new WorkerHost({
      post: (m) => out.push(m),
      realNow: () => real,
      startMs: START,
      loadScripting: () => import('../engine/scripting/index.ts').then((m) => m.luaScripting),
    });
    const exec = (id: number, line: string) =>
      host.handle({ v: PROTOCOL_VERSION, type: 'exec', id, lines: [line] } as WorkerRequest);
    const replyText = (id: number) =>
      out
        .filter((m): m is Batch => m.type === 'batch')
        .flatMap((b) => b.replies)
        .find((r) => r.id === id)?.entries[0]?.text;
    exec(1, 'EVAL "return ARGV[1]" 0 hello');
    exec(2, 'SET k v');
    expect(replyText(2)).toBe('OK\n');
    expect(replyText(1)).toBeUndefined();
    await host.scriptingSettled();
    real += 16;
    expect(replyText(1)).toBe('"hello"\n');
    exec(3, 'EVAL "return redis.call(\'GET\', KEYS[1])" 1 k');
    expect(replyText(3)).toBe('"v"\n');
  });

  it("sends a mass expiry's removals over several frames, each key once", () => {
    const t = setup();
    t.exec('DEBUG SET-ACTIVE-EXPIRE 0');
    t.send({ type: 'exec', id: 99, lines: Array.from({ length: 12000 }, (_, i) => `PSETEX m:${i} 100 v`) });
    t.passReal(200);
    t.exec('DEBUG SET-ACTIVE-EXPIRE 1', 'CONFIG SET active-expire-effort 10');
    const seen = new Set<string>();
    const sizes: number[] = [];
    let lastSeq = t.lastBatch().seq;
    for (let i = 0; i < 40 && seen.size < 12000; i++) {
      t.passReal(16);
      const batch = t.lastBatch();
      if (batch.seq === lastSeq) continue;
      lastSeq = batch.seq;
      sizes.push(removalCount(batch.removals));
      for (const r of eachRemoval(batch.removals)) {
        expect(seen.has(r.key)).toBe(false);
        seen.add(r.key);
      }
    }
    expect(seen.size).toBe(12000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2500);
  });

  it('stops time when paused, steps it, and runs the cron through a step', () => {
    const t = setup();
    t.exec('PSETEX k 1500 v');
    t.send({ type: 'clock', op: { kind: 'pause' } });
    const paused = t.lastBatch().clock;
    t.passReal(5000);
    expect(t.exec('PTTL k').replies[0]?.entries[0]?.text).toBe('(integer) 1500\n');
    t.send({ type: 'clock', op: { kind: 'step', ms: 1000 } });
    expect(t.lastBatch().clock.virtualAt).toBe(paused.virtualAt + 1000);
    expect(t.exec('PTTL k').replies[0]?.entries[0]?.text).toBe('(integer) 500\n');
    t.send({ type: 'clock', op: { kind: 'step', ms: 1000 } });
    expect([...eachRemoval(t.lastBatch().removals)]).toMatchObject([{ db: 0, key: 'k', reason: 'active' }]);
  });

  it('jumps to just past the next deadline and reclaims that key', () => {
    const t = setup();
    t.exec('SET forever v', 'PSETEX soon 2000 v', 'PSETEX later 60000 v');
    t.send({ type: 'clock', op: { kind: 'pause' } });
    t.send({ type: 'clock', op: { kind: 'next-expiry' } });
    const b = t.lastBatch();
    expect(b.clock.virtualAt).toBe(START + 2001);
    expect([...eachRemoval(b.removals)].map((r) => r.key)).toEqual(['soon']);
    expect(t.exec('GET soon').replies[0]?.entries[0]?.text).toBe('(nil)\n');
    t.send({ type: 'clock', op: { kind: 'next-expiry' } });
    expect(t.lastBatch().clock.virtualAt).toBe(START + 60001);
  });

  it('speeds time up by the chosen rate', () => {
    const t = setup();
    t.send({ type: 'clock', op: { kind: 'rate', rate: 10 } });
    t.exec('PSETEX k 5000 v');
    t.passReal(200);
    expect(t.exec('PTTL k').replies[0]?.entries[0]?.text).toBe('(integer) 3000\n');
  });

  it('does not run the cron during DEBUG SLEEP (Redis is blocked), only after it', () => {
    const t = setup();
    t.send({ type: 'clock', op: { kind: 'pause' } });
    const b = t.exec('PSETEX k 100 v', 'DEBUG SLEEP 1', 'DBSIZE');
    expect(b.replies[0]?.entries[2]?.text).toBe('(integer) 1\n');
    expect(b.removals).toEqual([]);
    t.send({ type: 'clock', op: { kind: 'step', ms: 100 } });
    expect([...eachRemoval(t.lastBatch().removals)].map((r) => r.reason)).toEqual(['active']);
  });

  it('numbers batches, sends snapshots and details, and rejects other protocol versions', () => {
    const t = setup();
    const first = t.exec('SET a 1').seq;
    expect(t.exec('SET b 2').seq).toBe(first + 1);
    t.send({ type: 'snapshot' });
    const snap = t.out.at(-1);
    expect(snap?.type === 'snapshot' && snap.rows.map((r) => r.key).sort()).toEqual(['a', 'b']);
    t.send({ type: 'inspect', db: 0, key: 'a' });
    expect(t.out.at(-1)).toMatchObject({
      type: 'details',
      details: { exists: true, encoding: 'int', value: '"1"', pttl: -1 },
    });
    t.host.handle({ v: 1, type: 'hello' } as unknown as WorkerRequest);
    expect(t.out.at(-1)?.type).toBe('protocol-error');
    t.send({ type: 'hello' });
    // The page learns which session it shows right after the command table.
    expect(t.out.at(-1)).toMatchObject({ type: 'sessions', active: { id: 'learner', kind: 'learner' } });
    const ready = t.out.at(-2);
    expect(
      ready?.type === 'ready' &&
        ready.commands.some((c) => c.name === 'psetex' && c.syntax === 'PSETEX key milliseconds value'),
    ).toBe(true);
  });

  it('shows the encoding the CONFIG limits give, as OBJECT ENCODING does', () => {
    const t = setup();
    const b = t.exec('CONFIG SET set-max-intset-entries 2', 'SADD s 1 2 3', 'OBJECT ENCODING s');
    expect(b.replies[0]?.entries[2]?.text).toBe('"hashtable"\n');
    expect(b.upserts.find((r) => r.key === 's')?.encoding).toBe('hashtable');
    t.send({ type: 'inspect', db: 0, key: 's' });
    expect(t.out.at(-1)).toMatchObject({ type: 'details', details: { encoding: 'hashtable' } });
  });

  it('sends nothing when nothing changed', () => {
    const t = setup();
    t.exec('SET a 1');
    const count = t.out.length;
    t.passReal(16);
    t.passReal(16);
    expect(t.out.length).toBe(count);
  });
});
