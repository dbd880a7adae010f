import type { Step } from '../testing/multi-harness.ts';
import { describeRecordedScenario } from '../testing/recorded-scenario.ts';

/**
 * What SWAPDB must do for WATCH and blocked clients (dbSwapDatabases): the keyspace hooks
 * `swapping` (touchAllWatchedKeysInDb both ways) and `swapped` (scanDatabaseForReadyKeys), which
 * SWAPDB calls around the swap (Keyspace.swapDbs).
 * The outputs were recorded from redis-server 7.0.15 (Debian 7.0.15-1~deb12u10).
 */

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

describeRecordedScenario(
  'SWAPDB hooks',
  'abort EXEC and wake blocked clients as redis-server 7.0.15 did',
  STEPS,
);
