/**
 * The generator behind Lua's math.random in Redis (rand.c: the 48-bit linear congruential
 * generator of the rand48 family, X ← (0x5DEECE66D·X + 0xB) mod 2^48, 31 bits out per draw). It is
 * one per server, not reset between scripts nor by SCRIPT FLUSH, and starts from rand48's default
 * seed, so a fresh server's first `math.random(1000000)` is 396465 as in redis-server 7.0. Its
 * position is part of a saved playground (a replayed script draws the same numbers).
 *
 * The state is kept as two 24-bit halves in doubles, so every product stays below 2^53.
 */

const A_HI = 0x5de;
const A_LO = 0xece66d;
const C = 0xb;
const HALF = 0x1000000;
/** rand48's default state: x[] = { 0x330E, 0xABCD, 0x1234 }. */
export const RAND48_DEFAULT = 0x1234abcd330e;
/** REDIS_LRAND48_MAX: INT32_MAX. */
const LRAND48_MAX = 2147483647;

export class Rand48 {
  private hi = 0;
  private lo = 0;

  constructor(state = RAND48_DEFAULT) {
    this.state = state;
  }

  /** The 48-bit state as one integer (exact in a double). */
  get state(): number {
    return this.hi * HALF + this.lo;
  }

  set state(x: number) {
    this.hi = Math.floor(x / HALF) % HALF;
    this.lo = x % HALF;
  }

  /** redisSrand48: the seed's 32 bits above 0x330E. */
  seed(seed: number): void {
    this.state = (seed >>> 0) * 0x10000 + 0x330e;
  }

  /** redisLrand48: the top 31 bits of the next state. */
  next(): number {
    const low = A_LO * this.lo + C;
    this.hi = (A_HI * this.lo + A_LO * this.hi + Math.floor(low / HALF)) % HALF;
    this.lo = low % HALF;
    return Math.floor(this.state / 0x20000);
  }

  /** math.random's base draw: a number in [0, 1). */
  fraction(): number {
    return (this.next() % LRAND48_MAX) / LRAND48_MAX;
  }
}
