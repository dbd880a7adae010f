import fc from 'fast-check';
import { key, type Weighted } from './values.ts';

/** LMPOP (commands/lists.ts): numkeys right and wrong, each direction, COUNT valid or not. */

export const listMpopArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .array(key, { minLength: 1, maxLength: 3 })
      .chain((ks) =>
        fc
          .tuple(
            fc.oneof(
              { arbitrary: fc.constant(String(ks.length)), weight: 8 },
              { arbitrary: fc.constantFrom('0', 'x', String(ks.length + 1)), weight: 1 },
            ),
            fc.constantFrom('LEFT', 'right', 'MIN'),
            fc.constantFrom([], ['COUNT', '2'], ['COUNT', '10'], ['COUNT', '0'], ['COUNT', 'x'], ['COUNT']),
          )
          .map(([n, where, c]) => ['LMPOP', n, ...ks, where, ...c]),
      ),
    weight: 2,
  },
];
