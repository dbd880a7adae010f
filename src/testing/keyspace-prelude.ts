import fc from 'fast-check';
import { KEY_POOL } from './arbitraries/values.ts';

/**
 * A start for a differential sequence: each key of the pool is missing, or a string, list, set,
 * hash or sorted set with a few elements, without a TTL, with a distant one, or soon past it (the
 * test then waits, and with active expiry off the stale key stays there until a command finds it).
 * Random commands then meet real data of every type, so the events of removing, popping, moving,
 * storing and lazily expiring keys are exercised, not only those of creating them.
 */

const filled = (k: string) =>
  fc.constantFrom<readonly string[]>(
    ['SET', k, '10'],
    ['SET', k, 'Hello World'],
    // Elements from both the value and the member pools, some twice (LINSERT, LREM, LPOS find them).
    ['RPUSH', k, 'a', 'v', '10', 'b', '', 'v', '1'],
    ['RPUSH', k, 'v'],
    ['SADD', k, 'a', 'b', 'f1', '10'],
    ['SADD', k, '1', '10', '-5'],
    ['HSET', k, 'a', '1', 'b', '2', 'f1', 'v'],
    ['HSET', k, 'a', '1.5'],
    ['ZADD', k, '1', 'a', '2', 'b', '3', 'c'],
    ['ZADD', k, '1', 'aa'],
  );

/** Long enough that neither side finds it past within the PEXPIRE itself (a 1 ms one sometimes was). */
const STALE_TTL_MS = 10;

const ttl = (k: string) =>
  fc.constantFrom<readonly (readonly string[])[]>(
    [],
    [],
    [['PEXPIRE', k, '100000000']],
    [['PEXPIRE', k, String(STALE_TTL_MS)]],
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
export const PRELUDE_SETTLE_MS = 25;

/**
 * PEXPIRE reads the clock twice (for the base time, then to see whether the deadline is already
 * past), on both sides: a stall as long as the TTL between the two makes it a DEL on one side. A
 * 1 ms TTL did that often; 10 ms rarely; such a run is discarded, not failed.
 */
export function isPreludeRace(published: readonly string[], emitted: readonly string[]): boolean {
  const kinds = (lines: readonly string[]) => lines.map((l) => l.replace(/^__key\w+@\d+__:/, ''));
  const [a, b] = [kinds(published).join('|'), kinds(emitted).join('|')];
  return a !== b && [a, b].every((x) => /^(.* expire\|expire .*|.* del\|del .*)$/.test(x));
}
