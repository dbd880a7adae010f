/**
 * Sorted-set scores as Redis 7.0 reads and prints them: C doubles parsed with glibc strtod and
 * printed with printf("%.17g") (addReplyDouble) or util.c d2string (listpack storage, ZSCAN).
 */

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;
const INF = /^[+-]?inf(?:inity)?$/i;
const NAN = /^[+-]?nan(?:\([0-9A-Za-z_]*\))?$/i;

type Strtod = { value: number; range: boolean } | null;

/**
 * glibc strtod over a whole string (no leading blanks, nothing after the number): the value and
 * whether errno would be ERANGE (overflow to infinity, or a non-zero number rounding to zero).
 */
function strtodWhole(s: string): Strtod {
  if (DECIMAL.test(s)) {
    const value = Number(s);
    if (!Number.isFinite(value)) return { value, range: true };
    const nonZeroDigit = /[1-9]/.test(s.replace(/[eE].*$/, ''));
    return { value, range: value === 0 && nonZeroDigit };
  }
  if (INF.test(s)) return { value: s.startsWith('-') ? -Infinity : Infinity, range: false };
  if (NAN.test(s)) return { value: Number.NaN, range: false };
  const hex = HEX.exec(s);
  if (hex) {
    const [, sign, intPart = '', fracPart = '', expText = '0'] = hex;
    if (intPart === '' && fracPart === '') return null;
    const mant = BigInt(`0x0${intPart}${fracPart}`);
    let value = 0;
    if (mant !== 0n) {
      const exp = Math.max(-1e6, Math.min(1e6, Number(expText))) - 4 * fracPart.length;
      value = Number(mant);
      for (let e = exp; e !== 0; ) {
        const step = Math.max(-1000, Math.min(1000, e));
        value *= 2 ** step;
        e -= step;
      }
    }
    const v = sign === '-' ? -value : value;
    return { value: v, range: !Number.isFinite(v) || (v === 0 && mant !== 0n) };
  }
  return null;
}

/** string2d: ZADD/ZINCRBY scores. null means `ERR value is not a valid float`. */
export function parseScore(s: string): number | null {
  if (s.length === 0) return null;
  const r = strtodWhole(s);
  if (r === null || Number.isNaN(r.value)) return null;
  if (r.range && (!Number.isFinite(r.value) || r.value === 0)) return null;
  return r.value;
}

/** A score range bound (zslParseRange): plain strtod, so leading blanks and "" (= 0) pass. */
export function parseRangeBound(arg: string): { value: number; exclusive: boolean } | null {
  const exclusive = arg.startsWith('(');
  let s = exclusive ? arg.slice(1) : arg;
  const nul = s.indexOf('\0');
  if (nul >= 0) s = s.slice(0, nul);
  if (s === '') return { value: 0, exclusive };
  const body = s.replace(/^[ \t\n\v\f\r]+/, '');
  const r = strtodWhole(body);
  if (r === null || body === '' || Number.isNaN(r.value)) return null;
  return { value: r.value, exclusive };
}

const view = new DataView(new ArrayBuffer(8));

/** The exact decimal digits of |d| (finite, non-zero) and the power of ten of the last one. */
function exactDecimal(d: number): { digits: string; exp10: number } {
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
