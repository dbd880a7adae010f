import fc from 'fast-check';
import type { Value } from '../../engine/keyspace.ts';
import type { PlaygroundSnapshot } from '../../engine/snapshot/snapshot.ts';

/**
 * Random playground snapshots for the format's property tests: binary keys and values of every
 * type, deadlines beyond 2^53, volatile indexes in any order, member deadlines, the server it
 * answers as, pages, lessons and transcripts.
 */

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
/** Deadlines of some of a hash's fields or (Dragonfly) a set's members, as field-expiry.ts keeps them. */
function memberTtls(v: Value) {
  if (v.type !== 'hash' && v.type !== 'set') return fc.constant(undefined);
  const members = [...v.coll.keys()];
  return fc.option(
    fc.record(
      {
        flavour: v.type === 'set' ? fc.constant('dragonfly' as const) : fc.constantFrom('redis', 'dragonfly'),
        at: fc
          .subarray(members)
          .chain((ms) =>
            fc.tuple(...ms.map((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: 2 ** 50 })))),
          ),
        registeredAt: fc.option(fc.integer({ min: 0, max: 2 ** 50 })),
      },
      { requiredKeys: ['flavour', 'at'] },
    ),
    { nil: undefined },
  );
}
const entry = fc
  .record({ key: bytes, value, expiresAt: deadline, bytes: fc.nat(), converted: fc.boolean() })
  .chain((e) => memberTtls(e.value).map((t) => (t ? { ...e, memberTtls: t } : e)));
const entries = fc
  .uniqueArray(
    entry.chain((e) => fc.integer({ min: 1, max: 1000 }).map((gap) => ({ ...e, gap }))),
    { selector: (e) => e.key, maxLength: 8 },
  )
  .map((list) => {
    // Creation numbers rise through the database, with gaps where keys were deleted.
    let seq = 0;
    return list.map(({ gap, ...e }) => {
      seq += gap;
      return { ...e, seq };
    });
  });
const db = fc.record({ id: fc.integer({ min: 0, max: 15 }), entries, ...{} }).chain((d) => {
  const withDeadline = d.entries.flatMap((e, i) => (e.expiresAt === -1 ? [] : [i]));
  return fc.record({
    id: fc.constant(d.id),
    entries: fc.constant(d.entries),
    volatile: fc.option(fc.shuffledSubarray(withDeadline, { minLength: withDeadline.length })),
    seq: fc.nat({ max: 1000 }).map((n) => (d.entries.at(-1)?.seq ?? 0) + n),
    expiresCursor: fc.nat(),
    avgTtl: fc.double({ noNaN: true }),
  });
});
const text = fc.string({ unit: 'grapheme' });
export const snapshotArbitrary: fc.Arbitrary<PlaygroundSnapshot> = fc.record(
  {
    engine: fc.record(
      {
        time: fc.integer({ min: 0, max: 2 ** 50 }),
        startedAt: fc.integer({ min: 0, max: 2 ** 50 }),
        randomState: fc.nat({ max: 2 ** 32 - 1 }),
        luaRandom: fc.nat({ max: 2 ** 48 - 1 }),
        config: fc.record({
          hz: fc.integer({ min: 1, max: 500 }),
          activeExpireEffort: fc.integer({ min: 1, max: 10 }),
          notifyFlags: fc.nat({ max: 0xffff }),
          maxmemory: fc.oneof(fc.nat(), fc.constant(2 ** 64)),
          activeExpireEnabled: fc.boolean(),
        }),
        scripts: fc.array(bytes, { maxLength: 3 }),
        functions: fc.array(bytes, { maxLength: 2 }),
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
          expiredSubkeys: fc.nat(),
          fieldCurrentDb: fc.nat({ max: 15 }),
          fieldSequence: fc.nat(),
        }),
        compat: fc.constantFrom('redis-7.4', 'dragonfly'),
      },
      {
        requiredKeys: [
          'time',
          'startedAt',
          'randomState',
          'luaRandom',
          'config',
          'scripts',
          'functions',
          'dbs',
          'counters',
        ],
      },
    ),
    clock: fc.record({ rate: fc.constantFrom(0.1, 1, 100), paused: fc.boolean() }),
    selectedDb: fc.nat({ max: 15 }),
    doc: fc.oneof(
      fc.record({ kind: fc.constant('lesson' as const), id: text, step: fc.nat() }),
      fc.record(
        {
          kind: fc.constant('page' as const),
          path: text,
          source: text,
          step: fc.nat(),
          keyspace: fc.integer({ min: 1, max: 2 }),
        },
        { requiredKeys: ['kind', 'path', 'source', 'step'] },
      ),
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
