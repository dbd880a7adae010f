import fc from 'fast-check';
import { intArg, key, type Weighted } from './values.ts';

/**
 * The sorted-set commands of sorted-sets-algebra.ts, sorted-sets-pick.ts and the lex and store
 * ranges of sorted-sets-range.ts: numkeys right and wrong, sets and sorted sets (and other types)
 * as inputs, weights that overflow or are not floats, every aggregate.
 */

const keys = fc.array(key, { minLength: 1, maxLength: 3 });
/** numkeys as given: usually the number of keys, sometimes too few, too many or not a number. */
const numkeysFor = (ks: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constant(String(ks.length)), weight: 8 },
    { arbitrary: fc.constantFrom('0', '-1', 'x', String(ks.length + 1), String(ks.length - 1)), weight: 1 },
  );
const weight = fc.constantFrom('1', '2', '0.5', '-1', '0', 'inf', '-inf', '1e308', 'nan', 'x', '0.1');
const aggregate = fc.constantFrom(
  ['AGGREGATE', 'SUM'],
  ['AGGREGATE', 'min'],
  ['AGGREGATE', 'MAX'],
  ['AGGREGATE', 'avg'],
  ['AGGREGATE'],
);

/** Options after the keys: WEIGHTS (the right number of them, or not), AGGREGATE, WITHSCORES, junk. */
const algebraOptions = (n: number, store: boolean) =>
  fc
    .array(
      fc.oneof(
        fc.array(weight, { minLength: n, maxLength: n + 1 }).map((w) => ['WEIGHTS', ...w]),
        aggregate,
        fc.constant(store ? ['withscores'] : ['WITHSCORES']),
        fc.constantFrom(['LIMIT', '1'], ['foo']),
      ),
      { maxLength: 2 },
    )
    .map((o) => o.flat());

const algebra = (store: boolean) =>
  keys.chain((ks) =>
    fc
      .tuple(
        fc.constantFrom(
          ...(store ? ['ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE'] : ['ZUNION', 'ZINTER', 'ZDIFF']),
        ),
        key,
        numkeysFor(ks),
        algebraOptions(ks.length, store),
      )
      .map(([c, dst, n, o]) => (store ? [c, dst, n, ...ks, ...o] : [c, n, ...ks, ...o])),
  );

const lexBound = fc.constantFrom('-', '+', '[a', '(b', '[c', '(aa', 'a', '+x', '[', '(');
const zrangeOption = fc.constantFrom(
  ['REV'],
  ['BYSCORE'],
  ['BYLEX'],
  ['LIMIT', '0', '2'],
  ['LIMIT', '1', '-1'],
  ['LIMIT', 'x', '1'],
  ['WITHSCORES'],
  ['foo'],
);
const rangeArgs = fc.oneof(
  fc.tuple(intArg, intArg),
  fc.tuple(
    fc.constantFrom('-inf', '+inf', '(1', '1', '2', 'x'),
    fc.constantFrom('-inf', '+inf', '(2', '3', '0'),
  ),
  fc.tuple(lexBound, lexBound),
);

export const sortedSetAlgebraArbitraries: readonly Weighted[] = [
  { arbitrary: algebra(false), weight: 4 },
  { arbitrary: algebra(true), weight: 4 },
  {
    arbitrary: keys.chain((ks) =>
      fc
        .tuple(
          numkeysFor(ks),
          fc.constantFrom([], ['LIMIT', '1'], ['LIMIT', '0'], ['LIMIT', '-1'], ['LIMIT'], ['WITHSCORES']),
        )
        .map(([n, o]) => ['ZINTERCARD', n, ...ks, ...o]),
    ),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZRANGEBYLEX', 'ZREVRANGEBYLEX'),
        key,
        lexBound,
        lexBound,
        fc.constantFrom(
          [],
          ['LIMIT', '1', '2'],
          ['LIMIT', '0', '-1'],
          ['LIMIT', '-1', '1'],
          ['WITHSCORES'],
          ['REV'],
        ),
      )
      .map(([c, k, a, b, o]) => [c, k, a, b, ...o]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZLEXCOUNT', 'ZREMRANGEBYLEX'), key, lexBound, lexBound)
      .map(([c, k, a, b]) => [c, k, a, b]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(key, key, rangeArgs, fc.array(zrangeOption, { maxLength: 2 }))
      .map(([dst, src, [a, b], o]) => ['ZRANGESTORE', dst, src, a, b, ...o.flat()]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], [], ['1'], ['-2'], ['3'], ['0'], ['x'], ['-9223372036854775808']),
        fc.boolean(),
      )
      .map(([k, n, ws]) => ['ZRANDMEMBER', k, ...n, ...(ws && n.length > 0 ? ['WITHSCORES'] : [])]),
    weight: 2,
  },
  {
    arbitrary: keys.chain((ks) =>
      fc
        .tuple(
          numkeysFor(ks),
          fc.constantFrom('MIN', 'max', 'LEFT'),
          fc.constantFrom([], ['COUNT', '2'], ['COUNT', '10'], ['COUNT', '0'], ['COUNT']),
        )
        .map(([n, where, c]) => ['ZMPOP', n, ...ks, where, ...c]),
    ),
    weight: 3,
  },
];
