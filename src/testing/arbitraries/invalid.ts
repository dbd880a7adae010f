import fc from 'fast-check';
import type { Weighted } from './values.ts';

/** Invalid input for any family: wrong arity, unknown commands and subcommands. */

export const invalidArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc.constantFrom(
      ['GET'],
      ['GET', 'a', 'b'],
      ['SET', 'k'],
      ['SETEX', 'k', '10'],
      ['EXPIRE', 'k'],
      ['TTL'],
      ['MSET', 'a'],
      ['MSET', 'a', '1', 'b'],
      ['PING', 'a', 'b'],
      ['DBSIZE', 'x'],
      ['FOO', 'a', 'b'],
      ['OBJECT'],
      ['OBJECT', 'foo'],
      ['OBJECT', 'ENCODING', 'a', 'b'],
      ['CONFIG', 'FOO'],
      ['LPOP', 'k', '1', '2'],
    ),
    weight: 2,
  },
];
