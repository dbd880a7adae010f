import fc from 'fast-check';
import Redis, { type Command, ReplyError } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../cli/serve.ts';
import { arg } from '../engine/command.ts';
import { formatReply } from '../engine/format.ts';
import { normalizeInt } from '../engine/int64.ts';
import { array, bulk, error, int, NIL, type Reply } from '../engine/reply.ts';
import { clientStep } from '../testing/arbitraries/clients.ts';
import { commandArbitrary, DIFF_RUNS, DIFF_SEED } from '../testing/command-arbitrary.ts';
import { ServerSide } from '../testing/multi-client.ts';
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
import { startServe } from '../testing/serve-harness.ts';

/**
 * The differential test over the wire and over several connections: the same real client library
 * (ioredis) drives `serve` and a real redis-server through three connections each, and random
 * command sequences are interleaved across the connections, so per-connection state (the selected
 * database, MULTI queues, client names) must be kept apart exactly as Redis keeps it. Replies are
 * compared with the rules of the single-connection differential (src/testing/reply-compare.ts).
 */

const bin = findRedisServer();
if (!bin)
  warnRedisMissing('differential-connections', 'serve vs redis-server through several ioredis connections');

const CONNECTIONS = 3;
const RUNS = Math.max(40, Math.floor(DIFF_RUNS / 5));

/** Connection-level commands on top of the usual mix. */
const connectionCommand = fc.constantFrom(
  ['CLIENT', 'SETNAME', 'worker'],
  ['CLIENT', 'SETNAME', ''],
  ['CLIENT', 'SETNAME', 'bad name'],
  ['CLIENT', 'GETNAME'],
  ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
  ['MULTI'],
  ['EXEC'],
  ['DISCARD'],
  ['SELECT', '2'],
  ['SELECT', '0'],
);

const step = fc.tuple(
  fc.nat(CONNECTIONS - 1),
  fc.oneof({ arbitrary: commandArbitrary, weight: 5 }, { arbitrary: connectionCommand, weight: 1 }),
);

/** ioredis's parsed reply (buffers, string integers, nested errors) back to the engine's Reply. */
function toReply(v: unknown): Reply {
  if (v === null || v === undefined) return NIL;
  if (Buffer.isBuffer(v)) return bulk(v.toString('latin1'));
  if (typeof v === 'string') return int(normalizeInt(BigInt(v)));
  if (typeof v === 'number') return int(v);
  if (Array.isArray(v)) return array(v.map(toReply));
  if (v instanceof Error) return error(v.message);
  throw new Error(`unexpected reply ${String(v)}`);
}

/** One connection: commands go out with upper-case names, so ioredis neither transforms nor tracks them. */
function side(client: Redis): Side {
  return {
    send: async (argv) => {
      const [name, ...args] = argv;
      const command = new Redis.Command(
        (name as string).toUpperCase(),
        args.map((a) => Buffer.from(a, 'latin1')),
        {
          replyEncoding: null,
        },
      );
      try {
        return toReply(await client.sendCommand(command as Command));
      } catch (e) {
        if (e instanceof ReplyError) return error((e as Error).message);
        throw e;
      }
    },
  };
}

const text = (r: Reply) => (r.t === 'bulk' || r.t === 'status' ? r.s : null);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!bin)(
  `serve vs redis-server ${bin ? redisServerVersion(bin) : ''} over ${CONNECTIONS} ioredis connections`,
  () => {
    let redis: RunningRedis;
    let serve: RunningServer;
    const clients: Redis[] = [];
    let redisSides: Side[] = [];
    let serveSides: Side[] = [];
    let compared = 0;

    const connect = (port: number) =>
      Array.from({ length: CONNECTIONS }, () => {
        const c = new Redis({ port, host: '127.0.0.1', stringNumbers: true, maxRetriesPerRequest: 1 });
        clients.push(c);
        return side(c);
      });

    beforeAll(async () => {
      [redis, serve] = await Promise.all([startRedis(bin as string), startServe('system')]);
      redisSides = connect(redis.port);
      serveSides = connect(serve.port);
    });

    afterAll(async () => {
      for (const c of clients) c.disconnect();
      await Promise.all([redis?.stop(), serve?.close()]);
      console.log(
        `[differential-connections] ${compared} commands compared (seed ${DIFF_SEED}, ${RUNS} sequences)`,
      );
    });

    async function reset(): Promise<void> {
      for (const sides of [redisSides, serveSides]) {
        for (const s of sides) {
          for (const argv of [['DISCARD'], ['SELECT', '0'], ['CLIENT', 'SETNAME', '']]) await s.send(argv);
        }
        const first = sides[0] as Side;
        await first.send(['FLUSHALL']);
        await first.send(['SCRIPT', 'FLUSH']);
        await first.send(['DEBUG', 'SET-ACTIVE-EXPIRE', '0']);
        const config = [
          'maxmemory',
          '0',
          'hz',
          '10',
          'active-expire-effort',
          '1',
          'notify-keyspace-events',
          '',
        ];
        await first.send(['CONFIG', 'SET', ...config]);
      }
    }

    it('replies identically to command sequences interleaved across connections', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 60 }), async (steps) => {
          await reset();
          const queued: ((readonly string[])[] | null)[] = Array.from({ length: CONNECTIONS }, () => null);
          for (const [conn, argv] of steps) {
            const name = arg(argv, 0).toLowerCase();
            const q = queued[conn] ?? null;
            // As in the single-connection differential: nothing that races on a shared time or on
            // which stale key a random pick deletes.
            if (
              q &&
              (name === 'scan' ||
                name === 'randomkey' ||
                (setsRelativeExpiry(argv) && argv.some((a) => /^(gt|lt)$/i.test(a))))
            )
              continue;
            const r = redisSides[conn] as Side;
            const s = serveSides[conn] as Side;
            if (name === 'randomkey') {
              await fullScan(r, []);
              await fullScan(s, []);
            }
            if (setsRelativeExpiry(argv)) await sleep(2);
            let expected: Reply;
            let actual: Reply;
            if (name === 'scan' && !q) {
              expected = await fullScan(r, argv.slice(2));
              actual = await fullScan(s, argv.slice(2));
            } else {
              expected = normalize(argv, await r.send(argv), q ?? undefined);
              actual = normalize(argv, await s.send(argv), q ?? undefined);
            }
            compared++;
            if (!sameReply(argv, actual, expected)) {
              throw new Error(
                `reply differs on connection ${conn} for ${JSON.stringify(argv)}\n--- redis-server\n${formatReply(expected)}--- serve\n${formatReply(actual)}`,
              );
            }
            if (name === 'multi' && text(expected) === 'OK') queued[conn] = [];
            else if ((name === 'exec' || name === 'discard') && q) queued[conn] = null;
            else if (q && text(expected) === 'QUEUED') q.push(argv);
          }
          for (const argv of [['KEYS', '*'], ['DBSIZE'], ['CLIENT', 'GETNAME']]) {
            for (let conn = 0; conn < CONNECTIONS; conn++) {
              const expected = normalize(argv, await (redisSides[conn] as Side).send(argv));
              const actual = normalize(argv, await (serveSides[conn] as Side).send(argv));
              expect(formatReply(actual), `${argv.join(' ')} on connection ${conn}`).toBe(
                formatReply(expected),
              );
            }
          }
        }),
        { numRuns: RUNS, seed: DIFF_SEED, endOnFailure: false },
      );
      expect(compared).toBeGreaterThan(RUNS * 5);
    }, 600_000);
  },
);

/**
 * Many clients at once: pub/sub message streams (keyspace notifications included), WATCH outcomes,
 * blocking pops woken by another connection's push or by their timeout. Each connection's whole
 * stream is compared, so a message delivered to the wrong client, a woken client served out of
 * order or an EXEC that should have failed shows up as a difference. Run against redis-server 7.0
 * and, where the oracle is there, with `serve --compat redis-7.4` against 7.4.1.
 */
const bin74 = findRedis74();
if (!bin74)
  warnRedis74Missing('differential-connections', 'the many-client streams of redis-7.4 against 7.4.1');

for (const [compat, server] of [
  ['redis-7.0', bin],
  ['redis-7.4', bin74],
] as const) {
  describe.skipIf(!server)(
    `serve (${compat}) vs redis-server: pub/sub, WATCH and blocking across connections`,
    () => {
      let redis: RunningRedis;
      let serve: RunningServer;
      let sides: [ServerSide, ServerSide];
      let steps = 0;
      const runs = Math.max(20, Math.floor(DIFF_RUNS / 20));

      beforeAll(async () => {
        [redis, serve] = await Promise.all([
          startRedis(server as string),
          startServe('system', undefined, compat),
        ]);
        sides = [
          await ServerSide.open(redis.port, CONNECTIONS),
          await ServerSide.open(serve.port, CONNECTIONS),
        ];
      });

      afterAll(async () => {
        for (const s of sides ?? []) s.close();
        await Promise.all([redis?.stop(), serve?.close()]);
        console.log(
          `[differential-connections ${compat}] ${steps} many-client steps compared (${runs} sequences)`,
        );
      });

      it('delivers the same streams to every connection', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(clientStep, { minLength: 8, maxLength: 40 }), async (sequence) => {
            for (const side of sides) await side.reset();
            for (const step of sequence) {
              for (const side of sides) await side.run(step);
              steps++;
            }
            for (const side of sides) await side.finish();
            const [theirs, ours] = sides.map((s) => s.take()) as [string[], string[]];
            for (let conn = 0; conn < CONNECTIONS; conn++) {
              expect(ours[conn], `connection ${conn}`).toBe(theirs[conn]);
            }
          }),
          { numRuns: runs, seed: DIFF_SEED, endOnFailure: true },
        );
      }, 900_000);
    },
  );
}
