import fc from 'fast-check';
import { intArg, key, type Weighted } from './values.ts';

/** Bitmaps and BITFIELD (commands/bits.ts, bitfield.ts). */

const smallIntArg = fc.integer({ min: -20, max: 20 }).map(String);
const bitfieldType = fc.constantFrom('i8', 'u8', 'i1', 'u1', 'i5', 'u63', 'i64', 'u64', 'i0', 'I8', 'x');
const bitfieldOffset = fc.constantFrom('0', '3', '8', '60', '#1', '#-1', '#', '4294967296', '-1');

export const bitArbitraries: readonly Weighted[] = [
  // random bytes give the bit commands something to count and search
  {
    arbitrary: fc
      .tuple(
        key,
        fc.uint8Array({ maxLength: 6 }).map((a) => String.fromCharCode(...a)),
      )
      .map(([k, v]) => ['SET', k, v]),
    weight: 1,
  },
  // bitmaps: offsets stay small when writing (a big one would build a 512 MB string on both sides)
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom('0', '7', '13', '100', '-1', 'x', '4294967296'),
        fc.constantFrom('0', '1', '2', 'x'),
      )
      .map(([k, o, b]) => ['SETBIT', k, o, b]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom('0', '7', '100', '4294967295', '-1', 'x'))
      .map(([k, o]) => ['GETBIT', k, o]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('BITCOUNT', 'BITPOS'),
        key,
        fc.constantFrom([], ['0'], ['1'], ['2']),
        fc.array(fc.oneof(intArg, smallIntArg, fc.constantFrom('BIT', 'BYTE', 'bit', 'foo')), {
          maxLength: 4,
        }),
      )
      .map(([c, k, b, r]) => [c, k, ...(c === 'BITPOS' ? (b.length ? b : ['1']) : []), ...r]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('AND', 'OR', 'XOR', 'NOT', 'not', 'foo'),
        key,
        fc.array(key, { minLength: 1, maxLength: 3 }),
      )
      .map(([op, d, src]) => ['BITOP', op, d, ...src]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('BITFIELD', 'BITFIELD', 'BITFIELD_RO'),
        key,
        fc.array(
          fc.oneof(
            fc.tuple(bitfieldType, bitfieldOffset).map(([t, o]) => ['GET', t, o]),
            fc
              .tuple(fc.constantFrom('SET', 'INCRBY', 'incrby'), bitfieldType, bitfieldOffset, intArg)
              .map((a) => [...a]),
            fc.constantFrom(
              ['OVERFLOW', 'WRAP'],
              ['OVERFLOW', 'SAT'],
              ['OVERFLOW', 'fail'],
              ['OVERFLOW', 'foo'],
              ['GET'],
              ['FOO'],
            ),
          ),
          { maxLength: 4 },
        ),
      )
      .map(([c, k, ops]) => [c, k, ...ops.flat()]),
    weight: 3,
  },
];
