import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineBackend, RedisBackend, runScenario, type Step } from '../testing/multi-harness.ts';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from '../testing/redis-server.ts';
import { NO_KEYS } from './cmdutil.ts';
import type { CommandSpec } from './command.ts';
import type { Db, DbIndex } from './keyspace.ts';
import { OK } from './reply.ts';
import { ALL_COMMANDS, createCommandTable } from './table.ts';

/**
 * What SWAPDB must do for WATCH and blocked clients (dbSwapDatabases): the keyspace hooks
 * `swapping` (touchAllWatchedKeysInDb both ways) and `swapped` (scanDatabaseForReadyKeys), which
 * the SWAPDB command calls around the swap. The engine does not have SWAPDB yet (another branch
 * adds it), so the test serves a stand-in that swaps the databases' contents between the hooks.
 * The outputs were recorded from redis-server 7.0.15 (Debian 7.0.15-1~deb12u10).
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('SWAPDB hooks', 'this recording of SWAPDB with WATCH and BLPOP');

const swapdb: CommandSpec = {
  name: 'swapdb',
  group: 'server',
  arity: 3,
  flags: ['write', 'fast'],
  summary: 'A stand-in for SWAPDB in this test.',
  syntax: 'SWAPDB index1 index2',
  since: '4.0.0',
  complexity: 'O(N)',
  keys: NO_KEYS,
  handler: (ctx, argv) => {
    const a = ctx.ks.db(Number(argv[1]) as DbIndex);
    const b = ctx.ks.db(Number(argv[2]) as DbIndex);
    if (a === b) return OK;
    ctx.ks.hooks?.swapping(a, b);
    type Contents = { dict: Db['dict']; volatile: Db['volatile']; expiresCursor: number; avgTtl: number };
    const x = a as unknown as Contents;
    const y = b as unknown as Contents;
    [x.dict, y.dict] = [y.dict, x.dict];
    [x.volatile, y.volatile] = [y.volatile, x.volatile];
    [x.expiresCursor, y.expiresCursor] = [y.expiresCursor, x.expiresCursor];
    [x.avgTtl, y.avgTtl] = [y.avgTtl, x.avgTtl];
    ctx.ks.hooks?.swapped(a, b);
    return OK;
  },
};

const STEPS: readonly Step[] = [
  ['A', 'FLUSHALL', 'OK'],
  ['B', 'SELECT 1', 'OK'],
  ['B', 'SET k v', 'OK'],
  ['A', 'WATCH k', 'OK'],
  ['B', 'SWAPDB 0 1', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH nothere', 'OK'],
  ['B', 'SWAPDB 0 1', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'WATCH k', 'OK'],
  ['B', 'SWAPDB 0 2', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'GET k', '(nil)'],
  ['A', 'BLPOP q 0', ''],
  ['B', 'RPUSH q a', '(integer) 1'],
  ['B', 'SWAPDB 1 0', 'OK'],
  ['A', '', '1) "q"\n2) "a"'],
  ['C', 'BZPOPMIN z 0', ''],
  ['B', 'SELECT 3', 'OK'],
  ['B', 'ZADD z 1 m', '(integer) 1'],
  ['B', 'SET gone v PXAT 1', 'OK'],
  ['B', 'SWAPDB 3 0', 'OK'],
  ['C', '', '1) "z"\n2) "m"\n3) "1"'],
  ['A', 'SELECT 3', 'OK'],
  ['A', 'DBSIZE', '(integer) 1'],
  ['A', 'SELECT 0', 'OK'],
  ['B', 'SELECT 4', 'OK'],
  ['B', 'SET s v PXAT 1', 'OK'],
  ['A', 'WATCH s', 'OK'],
  ['B', 'SWAPDB 0 4', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'SET alive v', 'OK'],
  ['A', 'WATCH alive', 'OK'],
  ['B', 'SWAPDB 4 0', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
];

describe('SWAPDB hooks on the engine', () => {
  it('abort EXEC and wake blocked clients as redis-server 7.0.15 did', async () => {
    const table = createCommandTable([...ALL_COMMANDS, swapdb]);
    expect(await runScenario(new EngineBackend(table), STEPS)).toEqual([]);
  });
});

describe.skipIf(!bin)('SWAPDB hooks: the recording', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });
  afterAll(async () => {
    await redis?.stop();
  });
  it('still matches redis-server', async () => {
    expect(await runScenario(new RedisBackend(redis.port), STEPS)).toEqual([]);
  });
});
