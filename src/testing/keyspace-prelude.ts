import fc from 'fast-check';
import { KEY_POOL } from './command-arbitrary.ts';

/**
 * A start for a differential sequence: each key of the pool is missing, or a string, list, set,
 * hash or sorted set with a few elements, without a TTL, with a distant one, or soon past it (5 ms:
 * enough that neither side can find it past at once, as a 1 ms TTL sometimes is; the test then
 * waits, and with active expiry off the stale key stays there until a command finds it). Random commands then meet real data of every type, so the events of removing,
 * popping, moving, storing and lazily expiring keys are exercised, not only those of creating them.
 */

const filled = (k: string) =>
  fc.constantFrom<readonly string[]>(
    ['SET', k, '10'],
    ['SET', k, 'Hello World'],
    ['RPUSH', k, 'a', 'b', 'c', '1'],
    ['RPUSH', k, 'a'],
    ['SADD', k, 'a', 'b', 'f1'],
    ['SADD', k, '1', '10', '-5'],
    ['HSET', k, 'a', '1', 'b', '2', 'f1', 'v'],
    ['HSET', k, 'a', '1.5'],
    ['ZADD', k, '1', 'a', '2', 'b', '3', 'c'],
    ['ZADD', k, '1', 'aa'],
  );

const ttl = (k: string) =>
  fc.constantFrom<readonly (readonly string[])[]>(
    [],
    [],
    [['PEXPIRE', k, '100000000']],
    [['PEXPIRE', k, '5']],
  );

const oneKey = (k: string): fc.Arbitrary<readonly (readonly string[])[]> =>
  fc.oneof(
    { arbitrary: fc.constant([]), weight: 1 },
    { arbitrary: fc.tuple(filled(k), ttl(k)).map(([create, t]) => [create, ...t]), weight: 4 },
  );

export const keyspacePrelude: fc.Arbitrary<readonly (readonly string[])[]> = fc
  .tuple(...KEY_POOL.map(oneKey))
  .map((perKey) => perKey.flat());

/** How long to wait after the prelude so its 1 ms TTLs are past on both sides. */
export const PRELUDE_SETTLE_MS = 20;
