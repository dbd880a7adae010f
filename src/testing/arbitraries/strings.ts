import fc from 'fast-check';
import {
  flat,
  floatArg,
  intArg,
  key,
  millisArg,
  secondsArg,
  unixMillisArg,
  unixSecondsArg,
  value,
  type Weighted,
} from './values.ts';

/**
 * SET and its relatives, counters and ranges
 * (commands/strings.ts, string-counters.ts, string-ranges.ts).
 */

const setOption = fc.oneof(
  fc.constantFrom(['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['nx'], ['get'], ['foo'], ['EX']),
  secondsArg.map((s) => ['EX', s]),
  millisArg.map((s) => ['PX', s]),
  unixSecondsArg.map((s) => ['EXAT', s]),
  unixMillisArg.map((s) => ['PXAT', s]),
);
const getexOption = fc.oneof(
  fc.constantFrom(['PERSIST'], ['KEEPTTL'], ['NX'], ['foo'], ['EX']),
  secondsArg.map((s) => ['EX', s]),
  millisArg.map((s) => ['PX', s]),
  unixSecondsArg.map((s) => ['EXAT', s]),
  unixMillisArg.map((s) => ['PXAT', s]),
);

export const stringArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(key, value, fc.array(setOption, { maxLength: 3 }))
      .map(([k, v, o]) => flat(['SET', k, v, ...o])),
    weight: 8,
  },
  { arbitrary: key.map((k) => ['GET', k]), weight: 5 },
  { arbitrary: fc.tuple(key, secondsArg, value).map(([k, s, v]) => ['SETEX', k, s, v]), weight: 3 },
  { arbitrary: fc.tuple(key, millisArg, value).map(([k, s, v]) => ['PSETEX', k, s, v]), weight: 3 },
  { arbitrary: fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]), weight: 1 },
  { arbitrary: fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]), weight: 1 },
  { arbitrary: key.map((k) => ['GETDEL', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, fc.array(getexOption, { maxLength: 2 }))
      .map(([k, o]) => flat(['GETEX', k, ...o])),
    weight: 3,
  },
  {
    arbitrary: fc
      .array(fc.tuple(key, value), { minLength: 1, maxLength: 3 })
      .map((p) => ['MSET', ...p.flat()]),
    weight: 1,
  },
  {
    arbitrary: fc
      .array(fc.tuple(key, value), { minLength: 1, maxLength: 3 })
      .map((p) => ['MSETNX', ...p.flat()]),
    weight: 1,
  },
  { arbitrary: fc.array(key, { minLength: 1, maxLength: 4 }).map((k) => ['MGET', ...k]), weight: 1 },
  { arbitrary: fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]), weight: 2 },
  { arbitrary: key.map((k) => ['STRLEN', k]), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('INCR', 'DECR'), key).map(([c, k]) => [c, k]), weight: 3 },
  {
    arbitrary: fc.tuple(fc.constantFrom('INCRBY', 'DECRBY'), key, intArg).map(([c, k, n]) => [c, k, n]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, floatArg).map(([k, n]) => ['INCRBYFLOAT', k, n]), weight: 3 },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom('0', '3', '7', '-1', 'abc', '536870912'), value)
      .map(([k, o, v]) => ['SETRANGE', k, o, v]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('GETRANGE', 'SUBSTR'), key, intArg, intArg)
      .map(([c, k, a, b]) => [c, k, a, b]),
    weight: 2,
  },
];
