import fc from 'fast-check';
import { intArg, key, type Weighted } from './values.ts';

/**
 * Sorted sets (commands/sorted-sets*.ts): no member longer than a listpack value, so BYLEX walks
 * agree (see sorted-sets-range.ts).
 */

const zmember = fc.constantFrom('a', 'b', 'c', 'aa', '1', '');
const zscoreArg = fc.constantFrom(
  '1',
  '2',
  '-1',
  '0',
  '-0',
  '1.5',
  '0.1',
  'inf',
  '-inf',
  '+inf',
  'nan',
  'x',
  '1e400',
  '1e-400',
  '0x10',
  '.5',
  ' 1',
  '1e18',
  '',
);
const zaddFlag = fc.constantFrom('NX', 'XX', 'GT', 'LT', 'CH', 'INCR', 'ch');
const zbound = fc.constantFrom('-inf', '+inf', '(1', '1', '2', '(2', '0', 'x', '', '(', ' 1', 'nan', '1.5');
const lexBound = fc.constantFrom('-', '+', '[a', '(b', '[c', '(aa', 'a', '+x', '[');
const zrangeOption = fc.constantFrom(
  ['WITHSCORES'],
  ['REV'],
  ['BYSCORE'],
  ['BYLEX'],
  ['LIMIT', '0', '2'],
  ['LIMIT', '1', '-1'],
  ['LIMIT', '-1', '1'],
  ['LIMIT', 'x', '1'],
  ['LIMIT', '0'],
  ['withscores'],
  ['foo'],
);

export const sortedSetArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZADD', 'zadd'),
        key,
        fc.array(zaddFlag, { maxLength: 2 }),
        fc.array(fc.tuple(zscoreArg, zmember), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([c, k, f, p, odd]) => [c, k, ...f, ...p.flat(), ...(odd ? ['1'] : [])]),
    weight: 6,
  },
  { arbitrary: fc.tuple(key, zscoreArg, zmember).map(([k, s, m]) => ['ZINCRBY', k, s, m]), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZSCORE', 'ZRANK', 'ZREVRANK'), key, zmember)
      .map(([c, k, m]) => [c, k, m]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZMSCORE', 'ZREM'), key, fc.array(zmember, { minLength: 1, maxLength: 3 }))
      .map(([c, k, m]) => [c, k, ...m]),
    weight: 3,
  },
  { arbitrary: key.map((k) => ['ZCARD', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZCOUNT', 'ZREMRANGEBYSCORE'), key, zbound, zbound)
      .map(([c, k, a, b]) => [c, k, a, b]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZREMRANGEBYRANK', 'ZREVRANGE'),
        key,
        intArg,
        intArg,
        fc.constantFrom([], ['WITHSCORES']),
      )
      .map(([c, k, a, b, w]) => [c, k, a, b, ...(c === 'ZREVRANGE' ? w : [])]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE'),
        key,
        fc.oneof(fc.tuple(intArg, intArg), fc.tuple(zbound, zbound), fc.tuple(lexBound, lexBound)),
        fc.array(zrangeOption, { maxLength: 3 }),
      )
      .map(([c, k, [a, b], o]) => [c, k, a, b, ...o.flat()]),
    weight: 6,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZPOPMIN', 'ZPOPMAX'),
        key,
        fc.constantFrom([], ['1'], ['2'], ['10'], ['0'], ['-1'], ['x'], ['1', '2']),
      )
      .map(([c, k, n]) => [c, k, ...n]),
    weight: 2,
  },
];
