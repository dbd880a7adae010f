import fc from 'fast-check';
import { key, millisArg, secondsArg, unixMillisArg, unixSecondsArg, type Weighted } from './values.ts';

/** EXPIRE and friends, TTL readers and PERSIST (commands/expire.ts). */

const expireFlag = fc.constantFrom('NX', 'XX', 'GT', 'LT', 'nx', 'foo');

export const expiryArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(key, secondsArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['EXPIRE', k, s, ...f]),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(key, millisArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['PEXPIRE', k, s, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(key, unixSecondsArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['EXPIREAT', k, s, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(key, unixMillisArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['PEXPIREAT', k, s, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME', 'PERSIST'), key)
      .map(([c, k]) => [c, k]),
    weight: 6,
  },
];
