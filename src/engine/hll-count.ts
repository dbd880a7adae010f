import { denseGet, HLL_ALPHA_INF, HLL_DENSE, HLL_Q, HLL_REGISTERS, type Hll, sparseRuns } from './hll.ts';

/**
 * PFCOUNT's estimate (hyperloglog.c hllCount): Otmar Ertl's improved estimator over the histogram of
 * register values, with llroundl's rounding.
 */

function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  let zPrime: number;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let zPrime: number;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (zPrime !== z);
  return z / 3;
}

/** llroundl as x86-64 does it: out of range (or infinite) gives LLONG_MIN. */
function llround(x: number): bigint {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return -(2n ** 63n);
  return BigInt(Math.sign(x) * Math.round(Math.abs(x)));
}

/** The estimate from a register histogram (64 slots, as Redis sizes it: values past Q+1 are ignored). */
function estimate(histo: readonly number[]): bigint {
  const m = HLL_REGISTERS;
  let z = m * tau((m - (histo[HLL_Q + 1] as number)) / m);
  for (let j = HLL_Q; j >= 1; --j) {
    z += histo[j] as number;
    z *= 0.5;
  }
  z += m * sigma((histo[0] as number) / m);
  return llround((HLL_ALPHA_INF * m * m) / z);
}

/** hllCount of a stored HLL; null when a sparse HLL does not cover exactly the registers. */
export function hllCount(h: Hll): bigint | null {
  const histo = new Array<number>(64).fill(0);
  if (h.encoding === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) (histo[denseGet(h.buf, i)] as number)++;
    return estimate(histo);
  }
  let idx = 0;
  for (const [value, run] of sparseRuns(h.buf, h.len)) {
    histo[value] = (histo[value] as number) + run;
    idx += run;
  }
  return idx === HLL_REGISTERS ? estimate(histo) : null;
}

/** hllCount of raw 8-bit registers (PFCOUNT of several keys). */
export function rawCount(registers: Uint8Array): bigint {
  const histo = new Array<number>(64).fill(0);
  for (const v of registers) histo[v] = (histo[v] as number) + 1;
  return estimate(histo);
}
