import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemClock } from '../cli/system-clock.ts';
import { commandArbitrary, DIFF_RUNS, DIFF_SEED } from '../testing/command-arbitrary.ts';
import {
  findRedisServer,
  type RunningRedis,
  redisServerVersion,
  startRedis,
} from '../testing/redis-server.ts';
import { fullScan, normalize, type Side, sameReply, setsRelativeExpiry } from '../testing/reply-compare.ts';
import { Engine } from './engine.ts';
import { formatReply } from './format.ts';
import type { Reply } from './reply.ts';
import { luaScripting } from './scripting/index.ts';

/**
 * The engine against a real redis-server: the same random command sequences go to both, and every
 * reply must print the same in redis-cli, up to the differences testing/reply-compare.ts allows,
 * each for a reason the command table states. SCAN is compared by what a full iteration returns
 * (cursors are internal).
 */

const bin = findRedisServer();
if (!bin) {
  console.warn(
    '\n[differential] redis-server not found: the engine-vs-Redis test is SKIPPED. Install redis-server (CI does).\n',
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Skipped only where no redis-server is installed (CI installs one), with the notice above.
describe.skipIf(!bin)(`engine vs redis-server ${bin ? redisServerVersion(bin) : ''}`, () => {
  let redis: RunningRedis;
  let compared = 0;

  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });

  afterAll(async () => {
    await redis?.stop();
    console.log(
      `[differential] ${compared} commands compared with redis-server (seed ${DIFF_SEED}, ${DIFF_RUNS} sequences)`,
    );
  });

  it('replies identically to random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 10, maxLength: 60 }), async (commands) => {
        const engine = new Engine({ clock: new SystemClock(), seed: 7, scripting: luaScripting });
        const client = engine.createClient();
        const engineSide: Side = { send: async (argv) => engine.execute(client, argv) };
        const redisSide: Side = { send: (argv) => redis.client.send(argv) };
        for (const setup of [
          ['DISCARD'],
          ['SELECT', '0'],
          ['FLUSHALL'],
          ['SCRIPT', 'FLUSH'],
          ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
          // The playground's maxmemory default differs from Redis's 0 on purpose.
          [
            'CONFIG',
            'SET',
            'maxmemory',
            '0',
            'hz',
            '10',
            'active-expire-effort',
            '1',
            'notify-keyspace-events',
            '',
          ],
        ]) {
          await redisSide.send(setup);
          await engineSide.send(setup);
        }
        let queued: (readonly string[])[] | null = null;
        for (const argv of commands) {
          const name = (argv[0] as string).toLowerCase();
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
            await fullScan(redisSide, []);
            await fullScan(engineSide, []);
          }
          if (setsRelativeExpiry(argv)) await sleep(2);
          let expected: Reply;
          let actual: Reply;
          if (name === 'scan' && !queued) {
            expected = await fullScan(redisSide, argv.slice(2));
            actual = await fullScan(engineSide, argv.slice(2));
          } else {
            expected = normalize(argv, await redisSide.send(argv), queued ?? undefined);
            actual = normalize(argv, await engineSide.send(argv), queued ?? undefined);
          }
          compared++;
          if (!sameReply(argv, actual, expected)) {
            throw new Error(
              `reply differs for ${JSON.stringify(argv)}\n--- redis-server\n${formatReply(expected)}--- engine\n${formatReply(actual)}`,
            );
          }
          if (name === 'multi' && expected.t === 'status') queued = [];
          else if ((name === 'exec' || name === 'discard') && queued) queued = null;
          else if (queued && expected.t === 'status' && expected.s === 'QUEUED') queued.push(argv);
        }
        // The whole keyspace must end up the same too.
        const finalKeys = ['KEYS', '*'];
        const redisKeys = normalize(finalKeys, await redisSide.send(finalKeys));
        const engineKeys = normalize(finalKeys, await engineSide.send(finalKeys));
        expect(formatReply(engineKeys)).toBe(formatReply(redisKeys));
        expect(formatReply(await engineSide.send(['DBSIZE']))).toBe(
          formatReply(await redisSide.send(['DBSIZE'])),
        );
      }),
      { numRuns: DIFF_RUNS, seed: DIFF_SEED, endOnFailure: false },
    );
    expect(compared).toBeGreaterThan(DIFF_RUNS * 5);
  }, 600_000);

  it('agrees on the int64 and long double edges', async () => {
    const engine = new Engine({ clock: new SystemClock(), scripting: luaScripting });
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
});
