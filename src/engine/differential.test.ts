import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../cli/system-clock.ts';
import { isFieldPreludeRace, withFieldTtls } from '../testing/arbitraries/hash-field-expiry.ts';
import {
  commandArbitrary,
  commandArbitrary74,
  DIFF_RUNS,
  DIFF_SEED,
  only70Commands,
} from '../testing/command-arbitrary.ts';
import { FIXTURE, FIXTURE_SETTLE_MS, SCENARIOS } from '../testing/event-catalogue.ts';
import { FIELD_FIXTURE, FIELD_SCENARIOS } from '../testing/field-expiry-catalogue.ts';
import { ALL_EVENTS_FLAGS, EngineEventTap, eventsDiffer, RedisEventTap } from '../testing/keyspace-events.ts';
import { isPreludeRace, keyspacePrelude, PRELUDE_SETTLE_MS } from '../testing/keyspace-prelude.ts';
import {
  findRedis74,
  findRedisServer,
  type RunningRedis,
  redisServerVersion,
  startRedis,
  warnRedis74Missing,
  warnRedisMissing,
} from '../testing/redis-server.ts';
import { fullScan, normalize, type Side, sameReply, setsRelativeExpiry } from '../testing/reply-compare.ts';
import { arg } from './command.ts';
import type { Compat } from './compat.ts';
import { Engine } from './engine.ts';
import { formatReply } from './format.ts';
import type { Reply } from './reply.ts';
import { luaScripting } from './scripting/index.ts';
import { tableFor } from './table.ts';
import { splitArgs } from './tokenizer.ts';

/**
 * The engine against a real redis-server, in two configurations: `redis-7.0` against Debian's 7.0.x
 * and `redis-7.4` (with the hash-field expiry commands among the random ones) against the 7.4.1
 * oracle. The same random command sequences go to both, every
 * reply must print the same in redis-cli, up to the differences testing/reply-compare.ts allows (each
 * for a reason the command table states), and every command must publish the same keyspace
 * notifications (channel and message, in order; all classes on, key-miss and new-key included).
 * SCAN is compared by what a full iteration returns (cursors are internal).
 */

/** What one configuration compares: the server, its commands and its starting keys. */
interface Config {
  readonly compat: Compat;
  readonly bin: string | null;
  readonly versionPrefix: string;
  readonly commands: fc.Arbitrary<readonly string[]>;
  readonly prelude: fc.Arbitrary<readonly (readonly string[])[]>;
  readonly fixture: readonly string[];
  readonly scenarios: readonly string[];
  /** Commands this configuration does not check (neither generated nor given a scenario). */
  readonly leftOut: ReadonlySet<string>;
}

const bin = findRedisServer();
if (!bin) warnRedisMissing('differential', 'every command and its keyspace events against redis-server 7.0');
const bin74 = findRedis74();
if (!bin74) warnRedis74Missing('differential', 'the redis-7.4 engine (field expiry included) against 7.4.1');

const CONFIGS: readonly Config[] = [
  {
    compat: 'redis-7.0',
    bin,
    versionPrefix: '7.0.',
    commands: commandArbitrary,
    prelude: keyspacePrelude,
    fixture: FIXTURE,
    scenarios: SCENARIOS,
    leftOut: new Set(),
  },
  {
    compat: 'redis-7.4',
    bin: bin74,
    versionPrefix: '7.4.',
    commands: commandArbitrary74,
    prelude: withFieldTtls(keyspacePrelude),
    fixture: [...FIXTURE, ...FIELD_FIXTURE],
    scenarios: [...SCENARIOS, ...FIELD_SCENARIOS],
    leftOut: only70Commands(),
  },
];

/** A stall inside a prelude or fixture PEXPIRE/HPEXPIRE made it a deletion on one side only. */
const raced = (published: readonly string[], emitted: readonly string[]) =>
  isPreludeRace(published, emitted) || isFieldPreludeRace(published, emitted);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Both sides of a comparison: the engine with its event tap, the server with its subscriber. */
interface Pair {
  readonly engine: Side;
  readonly redis: Side;
  readonly engineTap: EngineEventTap;
  readonly redisTap: RedisEventTap;
}

interface Outcome {
  readonly expected: Reply;
  readonly actual: Reply;
  readonly published: string[];
  readonly emitted: string[];
}

/** Runs one command on both sides: the replies (normalised) and what each side published. */
async function runBoth(pair: Pair, argv: readonly string[], queued: Queued): Promise<Outcome> {
  const scan = arg(argv, 0).toLowerCase() === 'scan' && !queued;
  const expected = scan
    ? await fullScan(pair.redis, argv.slice(2))
    : normalize(argv, await pair.redis.send(argv), queued ?? undefined);
  const actual = scan
    ? await fullScan(pair.engine, argv.slice(2))
    : normalize(argv, await pair.engine.send(argv), queued ?? undefined);
  return { expected, actual, published: await pair.redisTap.take(), emitted: pair.engineTap.take() };
}

type Queued = (readonly string[])[] | null;

/** Throws with both sides' output unless the replies and the notifications are the same. */
function assertSame(argv: readonly string[], queued: Queued, o: Outcome): void {
  if (!sameReply(argv, o.actual, o.expected)) {
    throw new Error(
      `reply differs for ${JSON.stringify(argv)}\n--- redis-server\n${formatReply(o.expected)}--- engine\n${formatReply(o.actual)}`,
    );
  }
  const isExec = arg(argv, 0).toLowerCase() === 'exec';
  if (eventsDiffer(argv, isExec ? queued : null, o.published, o.emitted)) {
    throw new Error(
      `keyspace events differ for ${JSON.stringify(argv)}\n--- redis-server\n${o.published.join('\n')}\n--- engine\n${o.emitted.join('\n')}`,
    );
  }
}

/** A clean server on both sides: database 0, no keys, scripts, functions or ACL log entries, the same config, every event on. */
async function resetBoth(pair: Pair): Promise<void> {
  for (const setup of [
    ['DISCARD'],
    ['SELECT', '0'],
    ['FLUSHALL'],
    ['SCRIPT', 'FLUSH'],
    ['FUNCTION', 'FLUSH'],
    ['ACL', 'LOG', 'RESET'],
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
    // The playground's maxmemory default differs from Redis's 0 on purpose.
    ['CONFIG', 'SET', 'maxmemory', '0', 'hz', '10', 'active-expire-effort', '1'],
    ['CONFIG', 'SET', 'notify-keyspace-events', ALL_EVENTS_FLAGS],
  ]) {
    await pair.redis.send(setup);
    await pair.engine.send(setup);
  }
  await pair.redisTap.take();
  pair.engineTap.take();
}

/** A reset server with FIXTURE loaded on both sides, its stale keys past their TTL. */
async function loadFixture(pair: Pair, fixture: readonly (readonly string[])[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await resetBoth(pair);
    let retry = false;
    for (const argv of fixture) {
      const outcome = await runBoth(pair, argv, null);
      // As in the prelude: a stall inside PEXPIRE made it a DEL on one side; load it again.
      retry = attempt < 5 && raced(outcome.published, outcome.emitted);
      if (retry) break;
      assertSame(argv, null, outcome);
    }
    if (!retry) break;
  }
  await sleep(FIXTURE_SETTLE_MS);
}

function enginePair(redis: RunningRedis, redisTap: RedisEventTap, compat: Compat): Pair {
  const engine = new Engine({ clock: new SystemClock(), seed: 7, compat, scripting: luaScripting });
  const client = engine.createClient();
  return {
    engine: { send: async (argv) => engine.execute(client, argv) },
    redis: { send: (argv) => redis.client.send(argv) },
    engineTap: new EngineEventTap(engine),
    redisTap,
  };
}

// Each configuration is skipped only where its server is missing (CI installs 7.0), with a notice.
for (const config of CONFIGS) describeConfig(config);

function describeConfig(config: Config): void {
  const { bin } = config;
  describe.skipIf(!bin)(
    `${config.compat} engine vs redis-server ${bin ? redisServerVersion(bin) : ''}`,
    () => {
      let redis: RunningRedis;
      let compared = 0;
      let eventsSeen = 0;
      let tap: RedisEventTap;

      beforeAll(async () => {
        redis = await startRedis(bin as string);
        const info = await redis.client.send(['INFO', 'server']);
        const version = info.t === 'bulk' ? /^redis_version:(\S+)/m.exec(info.s)?.[1] : undefined;
        if (!version?.startsWith(config.versionPrefix)) {
          throw new Error(
            `the ${config.compat} differential needs redis-server ${config.versionPrefix}x, but ${bin} is ${version ?? 'unknown'}: set REDIS_SERVER (7.0) or REDIS_74_SERVER (7.4) to the right binary`,
          );
        }
        tap = await RedisEventTap.connect(redis.port);
      });

      afterAll(async () => {
        tap?.close();
        await redis?.stop();
        console.log(
          `[differential ${config.compat}] ${compared} commands and ${eventsSeen} keyspace notifications compared with redis-server (seed ${DIFF_SEED}, ${DIFF_RUNS} sequences)`,
        );
      });

      it('replies and notifies identically to random command sequences', async () => {
        await fc.assert(
          fc.asyncProperty(
            config.prelude,
            fc.array(config.commands, { minLength: 10, maxLength: 60 }),
            async (prelude, commands) => {
              const pair = enginePair(redis, tap, config.compat);
              await resetBoth(pair);
              let queued: Queued = null;
              for (const [i, argv] of [...prelude, ...commands].entries()) {
                // The prelude's short TTLs pass on both sides before the random commands begin.
                if (i === prelude.length) await sleep(PRELUDE_SETTLE_MS);
                const name = arg(argv, 0).toLowerCase();
                // Inside MULTI the time is shared by several commands: keep out what would race on it.
                // RANDOMKEY deletes whichever stale key it happens to pick, so it stays out of MULTI and,
                // outside, a full SCAN first reclaims stale keys on both sides (SCAN deletes every one).
                if (
                  queued &&
                  (name === 'scan' ||
                    name === 'randomkey' ||
                    (setsRelativeExpiry(argv) && argv.some((a) => /^(gt|lt)$/i.test(a))))
                )
                  continue;
                if (name === 'randomkey') {
                  await fullScan(pair.redis, []);
                  await fullScan(pair.engine, []);
                }
                if (setsRelativeExpiry(argv)) await sleep(2);
                const outcome = await runBoth(pair, argv, queued);
                compared++;
                // A stall of the TTL's length inside PEXPIRE (between reading the clock for the base
                // time and for the check, as Redis also does) turns it into a DEL on one side only.
                fc.pre(!(i < prelude.length && raced(outcome.published, outcome.emitted)));
                assertSame(argv, queued, outcome);
                const { expected } = outcome;
                eventsSeen += outcome.published.length;
                if (name === 'multi' && expected.t === 'status') queued = [];
                else if ((name === 'exec' || name === 'discard') && queued) queued = null;
                else if (queued && expected.t === 'status' && expected.s === 'QUEUED') queued.push(argv);
              }
              // The whole keyspace must end up the same too.
              const finalKeys = ['KEYS', '*'];
              const redisKeys = normalize(finalKeys, await pair.redis.send(finalKeys));
              const engineKeys = normalize(finalKeys, await pair.engine.send(finalKeys));
              expect(formatReply(engineKeys)).toBe(formatReply(redisKeys));
              expect(formatReply(await pair.engine.send(['DBSIZE']))).toBe(
                formatReply(await pair.redis.send(['DBSIZE'])),
              );
            },
          ),
          { numRuns: DIFF_RUNS, seed: DIFF_SEED, endOnFailure: false },
        );
        expect(compared).toBeGreaterThan(DIFF_RUNS * 5);
        expect(eventsSeen).toBeGreaterThan(DIFF_RUNS);
      }, 600_000);

      it('replies and notifies identically for every command, on keys of each kind', async () => {
        const pair = enginePair(redis, tap, config.compat);
        const argvOf = (line: string) => splitArgs(line) as string[];
        const checked = (s: string) =>
          s.split(' && ').every((l) => {
            const [name = '', sub = ''] = argvOf(l).map((a) => a.toLowerCase());
            return !config.leftOut.has(name) && !config.leftOut.has(`${name}|${sub}`);
          });
        for (const scenario of config.scenarios.filter(checked)) {
          await loadFixture(pair, config.fixture.map(argvOf));
          let queued: Queued = null;
          for (const argv of scenario.split(' && ').map(argvOf)) {
            const name = arg(argv, 0).toLowerCase();
            if (name === 'randomkey') {
              await fullScan(pair.redis, []);
              await fullScan(pair.engine, []);
            }
            const outcome = await runBoth(pair, argv, queued);
            assertSame(argv, queued, outcome);
            compared++;
            eventsSeen += outcome.published.length;
            if (name === 'multi') queued = [];
            else if (name === 'exec' || name === 'discard') queued = null;
            else queued?.push(argv);
          }
        }
        // COMMAND lists the playground's own table, QUIT would close the shared connection, and SAVE
        // and BGREWRITEAOF succeed (or find a child running) on the test's redis-server, which has a
        // disk; everything else must have a scenario.
        const covered = new Set(
          [...config.fixture, ...config.scenarios.flatMap((s) => s.split(' && '))].map((l) =>
            argvOf(l)[0]?.toLowerCase(),
          ),
        );
        const missing = tableFor(config.compat)
          .all()
          .map((c) => c.name)
          .filter((n) => !['command', 'quit', 'save', 'bgrewriteaof'].includes(n) && !covered.has(n))
          .filter((n) => !config.leftOut.has(n));
        expect(missing, 'commands without a scenario in src/testing/event-catalogue.ts').toEqual([]);
      }, 300_000);

      it('agrees on the int64 and long double edges', async () => {
        const engine = new Engine({
          clock: new SystemClock(),
          compat: config.compat,
          scripting: luaScripting,
        });
        const client = engine.createClient();
        for (const reset of [['DISCARD'], ['SELECT', '0'], ['FLUSHALL']]) await redis.client.send(reset);
        const script: string[][] = [
          ['SET', 'big', '9223372036854775806'],
          ['INCR', 'big'],
          ['INCR', 'big'],
          ['DECRBY', 'x', '-9223372036854775808'],
          ['INCRBYFLOAT', 'f', '1.7976931348623157e308'],
          ['INCRBYFLOAT', 'f', '1.7976931348623157e308'],
          ['INCRBYFLOAT', 'g', '1e400'],
          ['INCRBYFLOAT', 'h', '3.0e3'],
          ['INCRBYFLOAT', 'h', '1.1'],
          ['SET', 'k', 'v', 'PXAT', '9223372036854775807'],
          ['PEXPIRETIME', 'k'],
          ['EXPIRETIME', 'k'],
          ['GETRANGE', 'k', '-9223372036854775808', '9223372036854775807'],
        ];
        for (const argv of script) {
          const expected = await redis.client.send(argv);
          expect(formatReply(engine.execute(client, argv)), JSON.stringify(argv)).toBe(formatReply(expected));
        }
      });
    },
  );
}
