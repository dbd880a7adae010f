import fc from 'fast-check';
import { field, key, type Weighted } from './values.ts';

/**
 * Sets (commands/sets.ts, sets-algebra.ts): members overlap with hash fields and values so
 * encodings and types mix; one member is longer than any listpack value.
 */

const member = fc.oneof(field, fc.constantFrom('007', 'Hello World', 'y'.repeat(70)));

export const setArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('SADD', 'SREM', 'SMISMEMBER', 'sadd'),
        key,
        fc.array(member, { minLength: 1, maxLength: 4 }),
      )
      .map(([c, k, m]) => [c, k, ...m]),
    weight: 6,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom('SMEMBERS', 'SCARD'), key).map(([c, k]) => [c, k]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, member).map(([k, m]) => ['SISMEMBER', k, m]), weight: 2 },
  { arbitrary: fc.tuple(key, key, member).map(([a, b, m]) => ['SMOVE', a, b, m]), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('SINTER', 'SUNION', 'SDIFF', 'SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE'),
        fc.array(key, { minLength: 1, maxLength: 4 }),
      )
      .map(([c, k]) => [c, ...k]),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('0', '1', '2', '3', '-1', 'x'),
        fc.array(key, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(
          [],
          [],
          ['LIMIT', '1'],
          ['LIMIT', '0'],
          ['LIMIT', '-1'],
          ['LIMIT', 'x'],
          ['LIMIT'],
          ['foo'],
        ),
      )
      .map(([n, k, o]) => ['SINTERCARD', n, ...k, ...o]),
    weight: 2,
  },
  {
    // Only counts that empty the set (or fail) keep both servers' sets identical.
    arbitrary: fc
      .tuple(key, fc.constantFrom(['100'], ['0'], ['-1'], ['x'], ['1', '2']))
      .map(([k, n]) => ['SPOP', k, ...n]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], ['1'], ['-3'], ['2'], ['10'], ['0'], ['x'], ['-9223372036854775808'], ['1', '2']),
      )
      .map(([k, n]) => ['SRANDMEMBER', k, ...n]),
    weight: 2,
  },
];
