import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineBackend, RedisBackend, runScenario, type Step } from '../../testing/multi-harness.ts';
import {
  findRedisServer,
  type RunningRedis,
  startRedis,
  warnRedisMissing,
} from '../../testing/redis-server.ts';

/**
 * WATCH and EXEC across clients: a key touched by another client, by the watcher itself, by
 * EXPIRE, by expiry (lazy, active, or just past its deadline at EXEC), by FLUSHDB/FLUSHALL (only
 * when the key is there), a key already expired when watched, and what ends the watch (EXEC,
 * DISCARD, UNWATCH, RESET).
 * The expected outputs were recorded from redis-server 7.0.15 (Debian 7.0.15-1~deb12u10); when a
 * server is installed the recording itself is checked against it too.
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('WATCH', 'this recording of WATCH against redis-server');

const STEPS: readonly Step[] = [
  ['A', 'FLUSHALL', 'OK'],
  ['A', 'SET k v', 'OK'],
  ['A', 'WATCH k', 'OK'],
  ['B', 'SET k v2', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'GET k', 'QUEUED'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH k', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'GET k', 'QUEUED'],
  ['A', 'EXEC', '1) "v2"'],
  ['A', 'WATCH k', 'OK'],
  ['A', 'SET k v3', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH k', 'OK'],
  ['B', 'EXPIRE k 100', '(integer) 1'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH k missing', 'OK'],
  ['B', 'EXPIRE missing 100', '(integer) 0'],
  ['B', 'DEL missing', '(integer) 0'],
  ['B', 'GET k', '"v3"'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'DEBUG SET-ACTIVE-EXPIRE 0', 'OK'],
  ['A', 'SET t v PX 1500', 'OK'],
  ['A', 'WATCH t', 'OK'],
  ['-', 'wait 2000', ''],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'SET s v PX 100', 'OK'],
  ['-', 'wait 300', ''],
  ['A', 'WATCH s', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'WATCH s', 'OK'],
  ['B', 'GET s', '(nil)'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'SET s2 v PX 100', 'OK'],
  ['-', 'wait 300', ''],
  ['A', 'WATCH s2', 'OK'],
  ['B', 'SET s2 new', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'SET s3 v PX 100', 'OK'],
  ['-', 'wait 300', ''],
  ['A', 'WATCH s3', 'OK'],
  ['B', 'FLUSHDB', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'SET f v', 'OK'],
  ['A', 'WATCH f', 'OK'],
  ['B', 'FLUSHDB', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH nokey', 'OK'],
  ['B', 'FLUSHALL', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'SET g v', 'OK'],
  ['A', 'WATCH g', 'OK'],
  ['B', 'SELECT 1', 'OK'],
  ['B', 'SET g other', 'OK'],
  ['B', 'FLUSHDB', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['B', 'SELECT 0', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'WATCH g', '(error) ERR WATCH inside MULTI is not allowed'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'WATCH g', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'DISCARD', 'OK'],
  ['B', 'SET g changed', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'WATCH g', 'OK'],
  ['A', 'UNWATCH', 'OK'],
  ['B', 'SET g again', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'WATCH g', 'OK'],
  ['B', 'SET g dirty', 'OK'],
  ['A', 'WATCH other', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH g', 'OK'],
  ['B', 'MULTI', 'OK'],
  ['B', 'INCR counter', 'QUEUED'],
  ['B', 'APPEND g !', 'QUEUED'],
  ['B', 'EXEC', '1) (integer) 1\n2) (integer) 6'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
  ['A', 'WATCH g', 'OK'],
  ['A', 'RESET', 'RESET'],
  ['B', 'SET g after-reset', 'OK'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(empty array)'],
  ['A', 'WATCH', "(error) ERR wrong number of arguments for 'watch' command"],
  ['A', 'DEBUG SET-ACTIVE-EXPIRE 1', 'OK'],
  ['A', 'SET e v PX 1500', 'OK'],
  ['A', 'WATCH e', 'OK'],
  ['-', 'wait 2500', ''],
  ['B', 'EXISTS e', '(integer) 0'],
  ['A', 'MULTI', 'OK'],
  ['A', 'EXEC', '(nil)'],
];

describe('WATCH on the engine', () => {
  it('replies and delivers as redis-server 7.0.15 did', async () => {
    expect(await runScenario(new EngineBackend(), STEPS)).toEqual([]);
  });
});

describe.skipIf(!bin)('WATCH: the recording', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('still matches redis-server', async () => {
    expect(await runScenario(new RedisBackend(redis.port), STEPS)).toEqual([]);
  }, 120_000);
});
