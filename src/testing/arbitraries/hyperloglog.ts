import fc from 'fast-check';
import { key, value, type Weighted } from './values.ts';

/**
 * HyperLogLog (commands/hyperloglog.ts): elements from the shared value pool and a few hundred
 * numbered ones (so sparse HLLs grow long and some turn dense), counts and merges across keys of
 * every type, and PFDEBUG. GET of an HLL key compares the bytes with Redis's.
 */

const element = fc.oneof(
  value,
  fc.integer({ min: 0, max: 400 }).map((i) => `e${i}`),
);
const keys = fc.array(key, { minLength: 1, maxLength: 3 });

export const hyperLogLogArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc.tuple(key, fc.array(element, { maxLength: 6 })).map(([k, els]) => ['PFADD', k, ...els]),
    weight: 4,
  },
  {
    // A batch big enough to promote a sparse HLL to dense now and then.
    arbitrary: fc
      .tuple(key, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 50, max: 1500 }))
      .map(([k, from, n]) => ['PFADD', k, ...Array.from({ length: n }, (_, i) => `n${from + i}`)]),
    weight: 1,
  },
  { arbitrary: keys.map((ks) => ['PFCOUNT', ...ks]), weight: 3 },
  {
    arbitrary: fc.tuple(key, fc.array(key, { maxLength: 3 })).map(([d, ks]) => ['PFMERGE', d, ...ks]),
    weight: 2,
  },
  { arbitrary: key.map((k) => ['GET', k]), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ENCODING', 'DECODE', 'TODENSE', 'encoding', 'FOO'), key)
      .map(([sub, k]) => ['PFDEBUG', sub, k]),
    weight: 1,
  },
];
