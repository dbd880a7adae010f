import fc from 'fast-check';
import { intArg, key, value, type Weighted } from './values.ts';

/** Lists (commands/lists.ts, lists-edit.ts), which also give the other families a type to run into. */

const lposOption = fc.constantFrom(
  ['RANK', '1'],
  ['RANK', '-1'],
  ['RANK', '2'],
  ['RANK', '0'],
  ['RANK', 'x'],
  ['COUNT', '0'],
  ['COUNT', '2'],
  ['COUNT', '-1'],
  ['MAXLEN', '2'],
  ['MAXLEN', '-1'],
  ['RANK'],
  ['foo'],
);

export const listArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, fc.array(value, { minLength: 1, maxLength: 3 }))
      .map(([c, k, v]) => [c, k, ...v]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('LPOP', 'RPOP'), key, fc.constantFrom([], ['2'], ['0'], ['-1']))
      .map(([c, k, n]) => [c, k, ...n]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, intArg, intArg).map(([k, a, b]) => ['LRANGE', k, a, b]), weight: 1 },
  { arbitrary: key.map((k) => ['LLEN', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('LPUSHX', 'RPUSHX'), key, fc.array(value, { minLength: 1, maxLength: 2 }))
      .map(([c, k, v]) => [c, k, ...v]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, intArg).map(([k, i]) => ['LINDEX', k, i]), weight: 1 },
  { arbitrary: fc.tuple(key, intArg, value).map(([k, i, v]) => ['LSET', k, i, v]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom('BEFORE', 'after', 'middle'), value, value)
      .map(([k, w, p, v]) => ['LINSERT', k, w, p, v]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, intArg, value).map(([k, n, v]) => ['LREM', k, n, v]), weight: 1 },
  { arbitrary: fc.tuple(key, intArg, intArg).map(([k, a, b]) => ['LTRIM', k, a, b]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, value, fc.array(lposOption, { maxLength: 3 }))
      .map(([k, v, o]) => ['LPOS', k, v, ...o.flat()]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        key,
        fc.constantFrom('LEFT', 'RIGHT', 'left', 'up'),
        fc.constantFrom('LEFT', 'RIGHT', 'down'),
      )
      .map(([a, b, f, t]) => ['LMOVE', a, b, f, t]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, key).map(([a, b]) => ['RPOPLPUSH', a, b]), weight: 1 },
];
