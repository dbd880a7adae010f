import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArbitrary } from '../../testing/command-arbitrary.ts';
import { ManualClock } from '../clock.ts';
import { ClientState } from '../command.ts';
import { Engine } from '../engine.ts';
import { formatForCli } from '../format.ts';
import { luaScripting } from '../scripting/index.ts';
import { decodeSnapshot, encodeSnapshot, FORMATS, SNAPSHOT_VERSION, SnapshotError } from './codec.ts';
import { captureEngine, type PlaygroundSnapshot, restoreEngine } from './snapshot.ts';

/** A step of a random session: a command, or the clock moving (the active cycle runs through it). */
const stepArb = fc.oneof(
  { weight: 6, arbitrary: commandArbitrary.map((argv) => ({ argv })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((ms) => ({ ms })) },
);

function play(engine: Engine, clock: ManualClock, client: ClientState, steps: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const step of steps as ({ argv: readonly string[] } | { ms: number })[]) {
    if ('ms' in step) {
      clock.advance(step.ms);
      engine.runExpiryCycle('slow');
      out.push(`+${step.ms}`);
    } else out.push(formatForCli(step.argv, engine.execute(client, step.argv)));
  }
  return out;
}

function fresh(time = 1_700_000_000_000): { engine: Engine; clock: ManualClock; client: ClientState } {
  const clock = new ManualClock(time);
  const engine = new Engine({ clock, seed: 7, scripting: luaScripting });
  return { engine, clock, client: engine.createClient() };
}

function snapshotOf(engine: Engine, client: ClientState): PlaygroundSnapshot {
  return { engine: captureEngine(engine), clock: { rate: 2, paused: true }, selectedDb: client.db };
}

describe('snapshot format', () => {
  it('decode(encode(s)) = s, and a restored server answers every later command as the original', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 60 }),
        fc.array(stepArb, { maxLength: 30 }),
        (before, after) => {
          const a = fresh();
          play(a.engine, a.clock, a.client, before);
          // A transaction in progress is the connection's, not the server's: a snapshot has none.
          if (a.client.multi !== null) a.engine.execute(a.client, ['DISCARD']);
          const snap = snapshotOf(a.engine, a.client);
          const decoded = decodeSnapshot(encodeSnapshot(snap));
          expect(decoded).toEqual(snap);

          const b = fresh(decoded.engine.time);
          restoreEngine(b.engine, decoded.engine);
          b.client.db = a.client.db as typeof b.client.db;
          expect(captureEngine(b.engine)).toEqual(snap.engine);
          expect(b.engine.ks.usedBytes).toBe(a.engine.ks.usedBytes);
          expect(play(b.engine, b.clock, b.client, after)).toEqual(play(a.engine, a.clock, a.client, after));
        },
      ),
      { numRuns: 150 },
    );
  });

  const bytes = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) });
  const deadline = fc.oneof(
    fc.constant(-1),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }),
  );
  const value = fc.oneof(
    fc.record({
      type: fc.constant('string' as const),
      str: bytes,
      enc: fc.constantFrom('auto', 'raw', 'nonint'),
    }),
    fc.record({ type: fc.constant('list' as const), coll: fc.array(bytes) }),
    fc.record({ type: fc.constant('set' as const), coll: fc.uniqueArray(bytes).map((a) => new Set(a)) }),
    fc.record({
      type: fc.constant('hash' as const),
      coll: fc.array(fc.tuple(bytes, bytes)).map((a) => new Map(a)),
    }),
    fc.record({
      type: fc.constant('zset' as const),
      coll: fc.array(fc.tuple(bytes, fc.double({ noNaN: true }))).map((a) => new Map(a)),
    }),
  );
  const entries = fc.uniqueArray(
    fc.record({ key: bytes, value, expiresAt: deadline, bytes: fc.nat(), converted: fc.boolean() }),
    { selector: (e) => e.key, maxLength: 8 },
  );
  const db = fc.record({ id: fc.integer({ min: 0, max: 15 }), entries, ...{} }).chain((d) => {
    const withDeadline = d.entries.flatMap((e, i) => (e.expiresAt === -1 ? [] : [i]));
    return fc.record({
      id: fc.constant(d.id),
      entries: fc.constant(d.entries),
      volatile: fc.shuffledSubarray(withDeadline, { minLength: withDeadline.length }),
      expiresCursor: fc.nat(),
      avgTtl: fc.double({ noNaN: true }),
    });
  });
  const text = fc.string({ unit: 'grapheme' });
  const snapshotArb: fc.Arbitrary<PlaygroundSnapshot> = fc.record(
    {
      engine: fc.record({
        time: fc.integer({ min: 0, max: 2 ** 50 }),
        startedAt: fc.integer({ min: 0, max: 2 ** 50 }),
        randomState: fc.nat({ max: 2 ** 32 - 1 }),
        config: fc.record({
          hz: fc.integer({ min: 1, max: 500 }),
          activeExpireEffort: fc.integer({ min: 1, max: 10 }),
          notifyFlags: fc.nat({ max: 0xffff }),
          maxmemory: fc.oneof(fc.nat(), fc.constant(2 ** 64)),
          activeExpireEnabled: fc.boolean(),
        }),
        scripts: fc.array(bytes, { maxLength: 3 }),
        dbs: fc.uniqueArray(db, { selector: (d) => d.id, maxLength: 3 }),
        counters: fc.record({
          totalCommands: fc.nat(),
          errorReplies: fc.nat(),
          expiredKeys: fc.nat(),
          keyspaceHits: fc.nat(),
          keyspaceMisses: fc.nat(),
          activeCycle: fc.nat(),
          cyclesRun: fc.nat(),
          timeCapReachedCount: fc.nat(),
          staleEstimate: fc.double({ noNaN: true }),
          cycleTimeUsedUs: fc.double({ noNaN: true }),
          currentDb: fc.nat({ max: 15 }),
          lastFastCycleUs: fc.oneof(fc.constant(Number.NEGATIVE_INFINITY), fc.double({ noNaN: true })),
          timeLimitExit: fc.boolean(),
        }),
      }),
      clock: fc.record({ rate: fc.constantFrom(0.1, 1, 100), paused: fc.boolean() }),
      selectedDb: fc.nat({ max: 15 }),
      doc: fc.oneof(
        fc.record({ kind: fc.constant('lesson' as const), id: text, step: fc.nat() }),
        fc.record({ kind: fc.constant('page' as const), path: text, source: text, step: fc.nat() }),
      ),
      transcript: fc.array(
        fc.record(
          {
            line: text,
            text,
            isError: fc.boolean(),
            at: fc.integer({ min: 0, max: 2 ** 50 }),
            prompt: text,
            local: fc.constant(true),
            slept: fc.integer({ min: 1, max: 10_000 }),
          },
          { requiredKeys: ['line', 'text', 'isError', 'at', 'prompt'] },
        ),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: ['engine', 'clock', 'selectedDb'] },
  );

  it('decode(encode(s)) = s for any snapshot (bigint deadlines, binary keys, pages, transcripts)', () => {
    fc.assert(
      fc.property(snapshotArb, (s) => {
        expect(decodeSnapshot(encodeSnapshot(s))).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses damaged input with a SnapshotError, never anything else', () => {
    fc.assert(
      fc.property(snapshotArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (s, at, flip) => {
        const good = encodeSnapshot(s);
        const cut = good.subarray(0, at % good.length);
        expect(() => decodeSnapshot(cut)).toThrow(SnapshotError);
        const bad = good.slice();
        const i = at % bad.length;
        bad[i] = (bad[i] as number) ^ flip;
        expect(() => decodeSnapshot(bad)).toThrow(SnapshotError);
      }),
      { numRuns: 200 },
    );
    expect(() => decodeSnapshot(new TextEncoder().encode('{"keys":[]}'))).toThrow('not a saved playground');
  });

  it('says when a snapshot comes from a newer version', () => {
    const s = encodeSnapshot(snapshotOf(fresh().engine, new ClientState()));
    const newer = { ...FORMATS, current: SNAPSHOT_VERSION - 1 };
    expect(() => decodeSnapshot(s, newer)).toThrow(/newer version of the playground \(format 1\)/);
  });

  it('brings an old format up to date one version at a time', () => {
    const { engine, client } = fresh();
    engine.execute(client, ['SET', 'k', 'v']);
    const bytes = encodeSnapshot(snapshotOf(engine, client));
    // As if format 1 were old: a reader for it, then two upgrade steps to a format 3 model.
    const formats = {
      current: 3,
      read: FORMATS.read,
      upgrade: {
        1: (old: unknown) => ({ ...(old as PlaygroundSnapshot), selectedDb: 5 }),
        2: (old: unknown) => ({ ...(old as PlaygroundSnapshot), clock: { rate: 10, paused: false } }),
      },
    };
    const up = decodeSnapshot(bytes, formats);
    expect(up.selectedDb).toBe(5);
    expect(up.clock).toEqual({ rate: 10, paused: false });
    expect(up.engine.dbs[0]?.entries[0]?.key).toBe('k');
    expect(() => decodeSnapshot(bytes, { ...formats, upgrade: { 1: formats.upgrade[1] } })).toThrow(
      'there is no upgrade from format 2',
    );
  });
});
