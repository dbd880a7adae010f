import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArbitrary, commandArbitrary74 } from '../../testing/command-arbitrary.ts';
import { effectRecord } from '../../testing/log-records.ts';
import { ManualClock } from '../clock.ts';
import type { ClientState } from '../command.ts';
import type { Compat } from '../compat.ts';
import { Engine } from '../engine.ts';
import { luaScripting } from '../scripting/index.ts';
import { Journal } from './journal.ts';
import { decodeLog, type EffectRecord, encodeRecord } from './log.ts';
import { applyRecord } from './replay.ts';
import { captureCounters, captureEngine, restoreEngine, saveEntry } from './snapshot.ts';

type Step = { argv: readonly string[] } | { ms: number } | { cut: true };

const stepsOf = (commands: fc.Arbitrary<readonly string[]>): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 8, arbitrary: commands.map((argv) => ({ argv })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((ms) => ({ ms })) },
    { weight: 2, arbitrary: fc.constant({ cut: true as const }) },
  );
const stepArb = stepsOf(commandArbitrary);

/** Each server with commands that exercise what it keeps beyond Redis 7.0 (field deadlines). */
const SERVERS: readonly { compat: Compat; steps: fc.Arbitrary<Step> }[] = [
  { compat: 'redis-7.0', steps: stepArb },
  { compat: 'redis-7.4', steps: stepsOf(commandArbitrary74) },
  { compat: 'dragonfly', steps: stepsOf(commandArbitrary74) },
];

function setup(compat: Compat = 'redis-7.0'): {
  engine: Engine;
  clock: ManualClock;
  client: ClientState;
  journal: Journal;
} {
  const clock = new ManualClock(1_700_000_000_000);
  const engine = new Engine({ clock, seed: 3, scripting: luaScripting, compat });
  const journal = new Journal();
  engine.setObserver({
    changed: (db, key) => journal.touch(db, key),
    removed: (db, key) => journal.touch(db, key),
    flushed: (db) => journal.flush(db),
  });
  return { engine, clock, client: engine.createClient(), journal };
}

/** Every database's keys with their values and deadlines, independent of the order they are stored in. */
function contentOf(engine: Engine): unknown {
  return engine.ks.dbs.map((db) =>
    [...db.dict.values()].map(saveEntry).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  );
}

function record(s: ReturnType<typeof setup>): EffectRecord {
  return effectRecord(s, s.client.db);
}

function run(s: ReturnType<typeof setup>, steps: readonly Step[], log: Uint8Array[]): void {
  for (const step of steps) {
    if ('ms' in step) {
      s.clock.advance(step.ms);
      s.engine.runExpiryCycle('slow');
    } else if ('cut' in step) log.push(encodeRecord(record(s)));
    else s.engine.execute(s.client, step.argv);
  }
  log.push(encodeRecord(record(s)));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('write-ahead log', () => {
  it.each(SERVERS)(
    "a snapshot plus the replayed log gives $compat's keyspace, CONFIG, scripts and counters as they were",
    ({ compat, steps }) => {
      fc.assert(
        fc.property(
          fc.array(steps, { maxLength: 20 }),
          fc.array(steps, { maxLength: 60 }),
          (before, during) => {
            const a = setup(compat);
            run(a, before, []);
            const checkpoint = captureEngine(a.engine);
            a.journal.clear(a.engine);
            const log: Uint8Array[] = [];
            run(a, during, log);

            const b = setup();
            b.clock.set(checkpoint.time);
            restoreEngine(b.engine, checkpoint);
            const { records, damaged } = decodeLog(concat(log));
            expect(damaged).toBe(false);
            expect(records).toHaveLength(log.length);
            for (const r of records) applyRecord(b.engine, r);
            expect(b.engine.compat).toBe(compat);
            expect(contentOf(b.engine)).toEqual(contentOf(a.engine));
            expect(b.engine.config).toEqual(a.engine.config);
            expect(captureCounters(b.engine)).toEqual(captureCounters(a.engine));
            expect(b.engine.scriptBodies()).toEqual(a.engine.scriptBodies());
            expect(b.engine.ks.usedBytes).toBe(a.engine.ks.usedBytes);
            expect(b.engine.random.state).toBe(a.engine.random.state);
            expect(b.engine.luaRandom.state).toBe(a.engine.luaRandom.state);
            for (const db of a.engine.ks.dbs)
              expect(b.engine.ks.dbAt(db.id)?.dict.lastSeq).toBe(db.dict.lastSeq);
            expect(records.at(-1)?.time).toBe(a.clock.now());
          },
        ),
        { numRuns: 150 },
      );
    },
  );

  it('stops at a torn or damaged record and says where the good part ends', () => {
    const s = setup();
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) {
      s.engine.execute(s.client, ['SET', `k${i}`, 'x'.repeat(i * 10)]);
      parts.push(encodeRecord(record(s)));
    }
    const whole = concat(parts);
    const ends = parts.map((_, i) => parts.slice(0, i + 1).reduce((n, p) => n + p.length, 0));
    for (let cut = 0; cut <= whole.length; cut++) {
      const { records, validBytes, damaged } = decodeLog(whole.subarray(0, cut));
      const complete = ends.filter((e) => e <= cut).length;
      expect(records).toHaveLength(complete);
      expect(validBytes).toBe(complete === 0 ? 0 : ends[complete - 1]);
      expect(damaged).toBe(cut !== validBytes);
    }
    const flipped = whole.slice();
    const at = (ends[1] as number) + 12;
    flipped[at] = (flipped[at] as number) ^ 0x40;
    expect(decodeLog(flipped).records).toHaveLength(2);
  });

  it('a key deleted and written again within one record ends up as it finally was', () => {
    const s = setup();
    const t = s.clock.now();
    restoreEngine(s.engine, captureEngine(s.engine));
    for (const argv of [
      ['SET', 'k', 'v', 'PX', '5000'],
      ['DEL', 'k'],
      ['RPUSH', 'k', 'a', 'b'],
      ['SET', 'gone', '1'],
      ['FLUSHDB'],
      ['SET', 'after', 'flush', 'EX', '10'],
      ['SELECT', '3'],
      ['SET', 'other', 'db'],
    ])
      s.engine.execute(s.client, argv);
    const rec = record(s);
    expect(rec.flushed).toEqual([0]);
    expect(rec.upserts.map((u) => [u.db, u.entry.key])).toEqual([
      [0, 'after'],
      [3, 'other'],
    ]);
    expect(rec.upserts[0]?.entry.expiresAt).toBe(t + 10_000);
  });

  it('reads a format-1 record (before there was a choice of server) as Redis 7.0', () => {
    // Written by the format-1 build: HSET h c 3 onto h a 1 b 2, and k with a deadline.
    const bytes = Uint8Array.from(atob(RECORD_1), (c) => c.charCodeAt(0));
    const { records, damaged } = decodeLog(bytes);
    expect(damaged).toBe(false);
    const r = records[0] as EffectRecord;
    expect(r.compat).toBe('redis-7.0');
    expect(r.counters.expiredSubkeys).toBe(0);
    expect(r.upserts.map((u) => u.entry.key).sort()).toEqual(['h', 'k']);
    expect(r.upserts.every((u) => u.entry.memberTtls === undefined)).toBe(true);
  });
});

const RECORD_1 =
  'AAAActC7JDgBAUJ4vP5WgAAAP/AAAAAAAAABAAoBAEGwAAAAAAAAAQMAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/8AAAAAAAAABtK9jiAQAAAAIAAWgAXwIDAWEBMQFiATIBYwEzAAFrAUJ4vP5lJgAAQgAAAXYAAAA=';
