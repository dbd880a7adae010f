import { exactDecimal } from './zset-score.ts';

/** How geo.c and util.c print doubles: fixed decimals rounded from the exact binary value. */

/** printf("%.<n>f") of a finite double (glibc: the exact value, ties to even), sign included. */
export function fixedDecimal(d: number, n: number): string {
  const sign = d < 0 || Object.is(d, -0) ? '-' : '';
  let scaled = 0n;
  if (d !== 0) {
    const { digits, exp10 } = exactDecimal(d);
    const shift = exp10 + n;
    if (shift >= 0) {
      scaled = BigInt(digits) * 10n ** BigInt(shift);
    } else {
      const div = 10n ** BigInt(-shift);
      const big = BigInt(digits);
      scaled = big / div;
      const rest = big % div;
      if (rest * 2n > div || (rest * 2n === div && (scaled & 1n) === 1n)) scaled += 1n;
    }
  }
  const text = scaled.toString().padStart(n + 1, '0');
  return `${sign}${text.slice(0, text.length - n)}.${text.slice(text.length - n)}`;
}

/** ld2string(LD_STR_HUMAN): "%.17Lf" of the double, trailing zeros and dot removed, -0 as 0. */
export function humanLongDouble(d: number): string {
  if (d === Number.POSITIVE_INFINITY) return 'inf';
  if (d === Number.NEGATIVE_INFINITY) return '-inf';
  const text = fixedDecimal(d, 17).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** llrint in the default rounding mode: to nearest, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** fixedpoint_d2string(d, 4): distances as GEODIST and WITHDIST print them. */
export function fixed4(d: number): string {
  if (d === 0) return '0.0000';
  const x = d * 10000;
  // llrint of NaN (an antipodal haversine) or of a value past int64 gives LLONG_MIN.
  const v = Number.isFinite(x) && Math.abs(x) < 2 ** 63 ? BigInt(roundHalfEven(x)) : -(2n ** 63n);
  const neg = v < 0n;
  const text = (neg ? -v : v).toString().padStart(5, '0');
  return `${neg ? '-' : ''}${text.slice(0, -4)}.${text.slice(-4)}`;
}
