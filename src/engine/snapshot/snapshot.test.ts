import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotArbitrary as snapshotArb } from '../../testing/arbitraries/snapshot.ts';
import { commandArbitrary, commandArbitrary74 } from '../../testing/command-arbitrary.ts';
import { ManualClock } from '../clock.ts';
import { ClientState } from '../command.ts';
import type { Compat } from '../compat.ts';
import { Engine } from '../engine.ts';
import { formatForCli } from '../format.ts';
import { luaScripting } from '../scripting/index.ts';
import { decodeSnapshot, encodeSnapshot, FORMATS, SNAPSHOT_VERSION, SnapshotError } from './codec.ts';
import { captureEngine, type PlaygroundSnapshot, restoreEngine } from './snapshot.ts';

/**
 * What a restart forgets in Redis too, and a snapshot does not keep: access times (saved in an RDB
 * only under an LRU policy, so a loaded key's OBJECT IDLETIME starts at 0) and the ACL log.
 */
const forgotten = (argv: readonly string[]): boolean => {
  const [name = '', sub = ''] = argv.map((a) => a.toLowerCase());
  return (name === 'object' && sub === 'idletime') || (name === 'acl' && sub === 'log');
};

/** A step of a random session: a command, or the clock moving (the active cycle runs through it). */
const stepsOf = (commands: fc.Arbitrary<readonly string[]>) =>
  fc.oneof(
    { weight: 6, arbitrary: commands.filter((argv) => !forgotten(argv)).map((argv) => ({ argv })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((ms) => ({ ms })) },
  );
const stepArb = stepsOf(commandArbitrary);

/** Each server with commands that exercise what it keeps beyond Redis 7.0 (field deadlines). */
const SERVERS: readonly { compat: Compat; steps: ReturnType<typeof stepsOf> }[] = [
  { compat: 'redis-7.0', steps: stepArb },
  { compat: 'redis-7.4', steps: stepsOf(commandArbitrary74) },
  { compat: 'dragonfly', steps: stepsOf(commandArbitrary74) },
];

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

function fresh(
  time = 1_700_000_000_000,
  compat: Compat = 'redis-7.0',
): { engine: Engine; clock: ManualClock; client: ClientState } {
  const clock = new ManualClock(time);
  const engine = new Engine({ clock, seed: 7, scripting: luaScripting, compat });
  return { engine, clock, client: engine.createClient() };
}

function snapshotOf(engine: Engine, client: ClientState): PlaygroundSnapshot {
  return { engine: captureEngine(engine), clock: { rate: 2, paused: true }, selectedDb: client.db };
}

describe('snapshot format', () => {
  it.each(SERVERS)(
    'decode(encode(s)) = s, and a restored $compat answers every later command as the original',
    ({ compat, steps }) => {
      fc.assert(
        fc.property(
          fc.array(steps, { maxLength: 60 }),
          fc.array(steps, { maxLength: 30 }),
          (before, after) => {
            const a = fresh(undefined, compat);
            play(a.engine, a.clock, a.client, before);
            // A transaction in progress is the connection's, not the server's: a snapshot has none.
            if (a.client.multi !== null) a.engine.execute(a.client, ['DISCARD']);
            const snap = snapshotOf(a.engine, a.client);
            const decoded = decodeSnapshot(encodeSnapshot(snap));
            expect(decoded).toEqual(snap);

            // A new server answers as Redis 7.0 until the snapshot says otherwise.
            const b = fresh(decoded.engine.time);
            restoreEngine(b.engine, decoded.engine);
            expect(b.engine.compat).toBe(compat);
            b.client.db = a.client.db as typeof b.client.db;
            expect(captureEngine(b.engine)).toEqual(snap.engine);
            expect(b.engine.ks.usedBytes).toBe(a.engine.ks.usedBytes);
            expect(play(b.engine, b.clock, b.client, after)).toEqual(
              play(a.engine, a.clock, a.client, after),
            );
          },
        ),
        { numRuns: 150 },
      );
    },
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
    expect(() => decodeSnapshot(s, newer)).toThrow(
      new RegExp(`newer version of the playground \\(format ${SNAPSHOT_VERSION}\\)`),
    );
  });

  it('brings an old format up to date one version at a time', () => {
    const { engine, client } = fresh();
    engine.execute(client, ['SET', 'k', 'v']);
    const bytes = encodeSnapshot(snapshotOf(engine, client));
    // As if today's format were old: its reader, then two upgrade steps to a newer model.
    const v = SNAPSHOT_VERSION;
    const formats = {
      current: v + 2,
      read: FORMATS.read,
      upgrade: {
        ...FORMATS.upgrade,
        [v]: (old: unknown) => ({ ...(old as PlaygroundSnapshot), selectedDb: 5 }),
        [v + 1]: (old: unknown) => ({ ...(old as PlaygroundSnapshot), clock: { rate: 10, paused: false } }),
      },
    };
    const up = decodeSnapshot(bytes, formats);
    expect(up.selectedDb).toBe(5);
    expect(up.clock).toEqual({ rate: 10, paused: false });
    expect(up.engine.dbs[0]?.entries[0]?.key).toBe('k');
    expect(() => decodeSnapshot(bytes, { ...formats, upgrade: { [v]: formats.upgrade[v] } })).toThrow(
      `there is no upgrade from format ${v + 1}`,
    );
  });

  it('opens a format-1 save (made before there was a choice of server) as Redis 7.0', () => {
    // Written by the format-1 build: HSET h a 1 b 2, SET k v PX 60000, paused at 1×.
    const v1 = Uint8Array.from(atob(FORMAT_1), (c) => c.charCodeAt(0));
    const snap = decodeSnapshot(v1);
    expect(snap.engine.compat).toBeUndefined();
    expect(snap.engine.counters).toMatchObject({ expiredSubkeys: 0, fieldCurrentDb: 0, fieldSequence: 0 });
    const { engine, client } = fresh(snap.engine.time);
    restoreEngine(engine, snap.engine);
    expect(engine.compat).toBe('redis-7.0');
    const run = (...argv: string[]) => formatForCli(argv, engine.execute(client, argv));
    expect(run('HGETALL', 'h')).toBe('1) "a"\n2) "1"\n3) "b"\n4) "2"\n');
    expect(run('PTTL', 'k')).toBe('(integer) 60000\n');
  });

  it('opens a format 1 save (before function libraries) with none', () => {
    // SET k v and SCRIPT LOAD "return 1", saved by the playground before format 2.
    const v1 = Uint8Array.from(
      atob(
        'RVhQRwFCeLz+VoAAAEJ4vP5WgAAAAAAABwoBAEGwAAAAAAAAAQIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/8AAAAAAAAAABCHJldHVybiAxAQAAAAAAAAAAAAABAWsAQgAAAXYAP/AAAAAAAAAAAAAALXQ6Kw==',
      ),
      (c) => c.charCodeAt(0),
    );
    const s = decodeSnapshot(v1);
    expect(s.engine.functions).toEqual([]);
    expect(s.engine.scripts).toEqual(['return 1']);
    expect(s.engine.dbs[0]?.entries[0]?.key).toBe('k');
  });

  it('keeps function libraries, and a restored server runs them', () => {
    const a = fresh();
    const lib = "#!lua name=lib\nredis.register_function('f', function(keys, args) return args[1] end)";
    expect(a.engine.execute(a.client, ['FUNCTION', 'LOAD', lib])).toEqual({ t: 'bulk', s: 'lib' });
    const snap = decodeSnapshot(encodeSnapshot(snapshotOf(a.engine, a.client)));
    expect(snap.engine.functions).toEqual([lib]);
    const b = fresh(snap.engine.time);
    restoreEngine(b.engine, snap.engine);
    expect(b.engine.execute(b.client, ['FCALL', 'f', '0', 'hi'])).toEqual({ t: 'bulk', s: 'hi' });
  });

  /** A session on `compat`, saved, encoded, decoded and restored into a new server. */
  function reopened(compat: Compat, lines: readonly (readonly string[])[]) {
    const a = fresh(undefined, compat);
    for (const argv of lines) a.engine.execute(a.client, argv);
    const snap = decodeSnapshot(encodeSnapshot(snapshotOf(a.engine, a.client)));
    const b = fresh(snap.engine.time);
    restoreEngine(b.engine, snap.engine);
    const run =
      (e: Engine, c: ClientState) =>
      (...argv: string[]) =>
        formatForCli(argv, e.execute(c, argv));
    return { original: run(a.engine, a.client), restored: run(b.engine, b.client), snap };
  }

  it("keeps a set's move past 7.2's listpack limits, even once the long member is gone", () => {
    const long = 'y'.repeat(70);
    const { original, restored } = reopened('redis-7.4', [
      ['SADD', 'wide', 'a', long],
      ['SREM', 'wide', long],
      ['SADD', 'small', 'a', 'b'],
    ]);
    expect(restored('OBJECT', 'ENCODING', 'wide')).toBe('"hashtable"\n');
    expect(restored('OBJECT', 'ENCODING', 'small')).toBe('"listpack"\n');
    for (const key of ['wide', 'small']) expect(restored('DUMP', key)).toBe(original('DUMP', key));
  });

  it('judges a set in a format-4 save by its contents', () => {
    const { snap } = reopened('redis-7.4', [
      ['SADD', 'wide', 'a', 'y'.repeat(70)],
      ['SADD', 'small', 'a', 'b'],
    ]);
    const asFormat4 = {
      ...snap,
      engine: {
        ...snap.engine,
        dbs: snap.engine.dbs.map((db) => ({
          ...db,
          entries: db.entries.map(({ beyondListpack: _, ...e }) => e),
        })),
      },
    };
    const upgraded = FORMATS.upgrade[4]?.(asFormat4) as PlaygroundSnapshot;
    const flags = Object.fromEntries(
      upgraded.engine.dbs[0]?.entries.map((e) => [e.key, e.beyondListpack]) ?? [],
    );
    expect(flags).toEqual({ wide: true, small: undefined });
  });

  it("keeps Dragonfly's STICK mark", () => {
    const { original, restored } = reopened('dragonfly', [
      ['SET', 'k', 'v'],
      ['STICK', 'k'],
    ]);
    expect(original('STICK', 'k')).toBe('(integer) 0\n');
    expect(restored('STICK', 'k')).toBe('(integer) 0\n');
  });
});

const FORMAT_1 =
  'RVhQRwFCeLz+VoAAAEJ4vP5WgAAAbSvY4goBAEGwAAAAAAAAAQIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAD/8AAAAAAAAAAAAQAAAAAAAAAAAAACAWgAVQICAWEBMQFiATIBawFCeLz+ZSYAAEIAAAF2AQE/8AAAAAAAAAEAAACpLClm';
