import fc from 'fast-check';
import { key, type Weighted } from './values.ts';

/**
 * SORT and SORT_RO (commands/sort.ts): ALPHA with a BY pattern leaves ties in hash order, so such
 * results are never stored.
 */

const sortOption = fc.constantFrom(
  ['ASC'],
  ['DESC'],
  ['ALPHA'],
  ['LIMIT', '0', '2'],
  ['LIMIT', '1', '-1'],
  ['LIMIT', '-1', '5'],
  ['LIMIT', 'x', '1'],
  ['BY', 'nosort'],
  ['BY', 'k*'],
  ['BY', '*'],
  ['BY', 'k*->a'],
  ['GET', '#'],
  ['GET', 'k*'],
  ['GET', '*->a'],
  ['GET', 'nostar'],
  ['foo'],
  ['LIMIT'],
);

export const sortArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('SORT', 'SORT', 'SORT_RO'),
        key,
        fc.array(sortOption, { maxLength: 4 }),
        fc.option(key),
      )
      .map(([c, k, o, store]) => {
        const opts = o.flat();
        const alphaBy = opts.some((x) => x === 'ALPHA') && opts.some((x) => x.includes('*'));
        return [c, k, ...opts, ...(store !== null && !alphaBy ? ['STORE', store] : [])];
      }),
    weight: 4,
  },
];
