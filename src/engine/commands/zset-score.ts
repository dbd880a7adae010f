/**
 * Sorted-set scores as Redis 7.0 prints them: printf("%.17g") (addReplyDouble) or util.c d2string
 * (listpack storage, ZSCAN). Parsing is in strtod.ts.
 */

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal digits of |d| (finite, non-zero) and the power of ten of the last one. */
export function exactDecimal(d: number): { digits: string; exp10: number } {
  view.setFloat64(0, Math.abs(d));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) {
    exp2 = -1074;
  } else {
    mant |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (exp2 >= 0) return { digits: (mant << BigInt(exp2)).toString(), exp10: 0 };
  return { digits: (mant * 5n ** BigInt(-exp2)).toString(), exp10: exp2 };
}

/** printf("%.17g", d) for a finite double, rounding the exact binary value half to even as glibc does. */
function formatG17(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  let { digits, exp10 } = exactDecimal(d);
  if (digits.length > 17) {
    const rest = digits.slice(17);
    let kept = BigInt(digits.slice(0, 17));
    const first = rest.charCodeAt(0) - 48;
    const tail = /[1-9]/.test(rest.slice(1));
    if (first > 5 || (first === 5 && (tail || (kept & 1n) === 1n))) kept += 1n;
    exp10 += rest.length;
    digits = kept.toString();
    if (digits.length > 17) {
      digits = digits.slice(0, 17);
      exp10 += 1;
    }
  }
  // Scientific exponent of the first digit, then %g's choice between fixed and exponent forms.
  const x = digits.length - 1 + exp10;
  const sign = d < 0 ? '-' : '';
  const significant = digits.replace(/0+$/, '');
  if (x < -4 || x >= 17) {
    const frac = significant.slice(1);
    const e = `${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
    return `${sign}${significant[0]}${frac ? `.${frac}` : ''}e${e}`;
  }
  if (x < 0) return `${sign}0.${'0'.repeat(-x - 1)}${significant}`;
  const intPart = significant.length > x + 1 ? significant.slice(0, x + 1) : significant.padEnd(x + 1, '0');
  const frac = significant.slice(x + 1);
  return `${sign}${intPart}${frac ? `.${frac}` : ''}`;
}

/** addReplyDouble in RESP2: "inf"/"-inf", else "%.17g". */
export function formatScore(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isSafeInteger(d) && !Object.is(d, -0)) return String(d);
  return formatG17(d);
}

/** (double)(LLONG_MAX / 2), i.e. 2^62: d2string prints integral values up to it as integers. */
const HALF_LLONG_MAX = 2 ** 62;

/** util.c d2string: how a listpack stores a score (and ZSCAN shows it). */
export function d2string(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && Math.abs(d) <= HALF_LLONG_MAX) return BigInt(d).toString();
  return formatG17(d);
}
