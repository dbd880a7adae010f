import fc from 'fast-check';
import {
  collectionCursor,
  collectionScanOption,
  field,
  floatArg,
  intArg,
  key,
  value,
  type Weighted,
} from './values.ts';

/**
 * Hashes (commands/hashes.ts, hashes-scan.ts), and the HSCAN/SSCAN/ZSCAN entry: few field names
 * so the same fields are hit again; one value long enough to convert.
 */

const hashValue = fc.oneof(value, fc.constantFrom('y'.repeat(70), '1e400', '3'));

export const hashArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('HSET', 'HMSET', 'hset'),
        key,
        fc.array(fc.tuple(field, hashValue), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([c, k, p, odd]) => [c, k, ...p.flat(), ...(odd ? ['x'] : [])]),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('HGET', 'HEXISTS', 'HSTRLEN'), key, field)
      .map(([c, k, f]) => [c, k, f]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, field, hashValue).map(([k, f, v]) => ['HSETNX', k, f, v]), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('HMGET', 'HDEL'), key, fc.array(field, { minLength: 1, maxLength: 3 }))
      .map(([c, k, f]) => [c, k, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom('HGETALL', 'HKEYS', 'HVALS', 'HLEN'), key).map(([c, k]) => [c, k]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, field, intArg).map(([k, f, n]) => ['HINCRBY', k, f, n]), weight: 2 },
  { arbitrary: fc.tuple(key, field, floatArg).map(([k, f, n]) => ['HINCRBYFLOAT', k, f, n]), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('HSCAN', 'SSCAN', 'ZSCAN'),
        key,
        collectionCursor,
        fc.array(collectionScanOption, { maxLength: 2 }),
      )
      .map(([c, k, cur, o]) => [c, k, cur, ...o.flat()]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], ['1'], ['-3'], ['2'], ['10'], ['0'], ['x'], ['-9223372036854775808']),
        fc.constantFrom([], [], ['WITHVALUES'], ['withvalues'], ['foo']),
      )
      .map(([k, n, w]) => ['HRANDFIELD', k, ...n, ...w]),
    weight: 2,
  },
];
