import fc from 'fast-check';
import { key, type Weighted } from './values.ts';

/** LCS (commands/lcs.ts): on the shared keys, and on strings set beside it to have something to match. */

const text = fc.constantFrom(
  'ohmytext',
  'mynewtext',
  'ABCBDAB',
  'BDCABA',
  '',
  'aaaa',
  'abab',
  '12345',
  '2345',
);
const options = fc.constantFrom(
  [],
  ['LEN'],
  ['IDX'],
  ['IDX', 'WITHMATCHLEN'],
  ['IDX', 'MINMATCHLEN', '2'],
  ['IDX', 'MINMATCHLEN', '2', 'WITHMATCHLEN'],
  ['idx', 'minmatchlen', '-1'],
  ['LEN', 'IDX'],
  ['MINMATCHLEN', 'x'],
  ['MINMATCHLEN'],
  ['FOO'],
);

export const lcsArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc.tuple(key, key, options).map(([a, b, o]) => ['LCS', a, b, ...o]),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(text, text).map(([a, b]) => ['MSET', 'k1', a, 'k2', b]),
    weight: 1,
  },
];
