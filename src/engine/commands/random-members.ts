import { NOT_INTEGER } from '../cmdutil.ts';
import { ERR_NOT_LONG_MIN } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { error, type Reply } from '../reply.ts';

/** The count argument of HRANDFIELD / SRANDMEMBER and how random members are picked. */

/** getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): every int64 but the smallest. */
export function parseRandomCount(arg: string): bigint | Reply {
  const v = parseInt64(arg);
  if (v === null) return NOT_INTEGER;
  const n = BigInt(v);
  if (n === -9223372036854775808n) {
    return error(ERR_NOT_LONG_MIN);
  }
  return n;
}

/**
 * Redis streams even a reply of billions of repeated members; a browser tab cannot build one, so
 * repeated picks beyond this many are refused.
 */
export const MAX_RANDOM_PICKS = 1_000_000;
export const TOO_MANY_PICKS = error(`ERR the playground returns at most ${MAX_RANDOM_PICKS} random members`);

/**
 * Indices into a collection of `size` members: a negative count picks |count| with repetition; a
 * positive count picks distinct members (all of them, in order, when count >= size, as Redis's
 * "return the whole collection" case does).
 */
export function randomIndices(size: number, count: number, random: () => number): number[] {
  const out: number[] = [];
  if (count < 0) {
    for (let i = 0; i < -count; i++) out.push(Math.floor(random() * size));
    return out;
  }
  if (count >= size) {
    for (let i = 0; i < size; i++) out.push(i);
    return out;
  }
  // Partial Fisher-Yates: the first `count` slots end up a uniform random sample in random order.
  const pool = Array.from({ length: size }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (size - i));
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
    out.push(pool[i] as number);
  }
  return out;
}
