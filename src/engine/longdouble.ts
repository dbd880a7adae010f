/**
 * Redis 7.0 INCRBYFLOAT arithmetic, bit for bit.
 *
 * Redis parses both operands with glibc `strtold` (util.c string2ld), adds them as an x86-64 C
 * `long double` (x87 80-bit extended precision: 64-bit significand with an explicit integer bit,
 * round to nearest, ties to even) and prints the sum with `snprintf("%.17Lf")` before trimming
 * trailing zeros (util.c ld2string, LD_STR_HUMAN). JS doubles cannot reproduce any of those three
 * steps (`0.1 + 0.2` alone differs), so everything here is exact BigInt arithmetic followed by a
 * single correct rounding, which is what glibc and the x87 FPU both produce.
 */

/**
 * An exact 80-bit x87 extended-precision value.
 *
 * Finite values are (-1)^neg × mant × 2^exp in the hardware's own normalisation, so each value has
 * exactly one representation:
 * - normal: 2^63 ≤ mant < 2^64 and MIN_EXP ≤ exp ≤ MAX_EXP (exp is the weight of the lowest bit);
 * - subnormal: 0 < mant < 2^63 and exp = MIN_EXP;
 * - zero: mant = 0n and exp = MIN_EXP (neg still matters: -0 is kept, as the FPU does).
 */
export type LongDouble =
  | { readonly kind: 'finite'; readonly neg: boolean; readonly mant: bigint; readonly exp: number }
  | { readonly kind: 'inf'; readonly neg: boolean }
  | { readonly kind: 'nan' };

type Finite = Extract<LongDouble, { kind: 'finite' }>;

const MANT_BITS = 64;
/** Weight of the lowest significand bit of subnormals and of the smallest normals (2^-16445). */
const MIN_EXP = -16445;
/** LDBL_MAX = (2^64 - 1) × 2^16320. */
const MAX_EXP = 16320;
const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;

/** string2ld copies the argument into a `char buf[MAX_LONG_DOUBLE_CHARS]` (5 KiB) first. */
const MAX_LONG_DOUBLE_CHARS = 5 * 1024;
/** Digits printed after the point by "%.17Lf". */
const FRACTION_DIGITS = 17;
const TEN_POW_FRACTION = 10n ** BigInt(FRACTION_DIGITS);

const NAN: LongDouble = { kind: 'nan' };

function zero(neg: boolean): Finite {
  return { kind: 'finite', neg, mant: 0n, exp: MIN_EXP };
}

/** Number of bits of n > 0 (hex text keeps this linear without a float log2 approximation). */
function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0]!, 16)));
}

/** floor(num × 2^shift / den) and how the dropped remainder compares with one half (-1, 0, 1). */
function scaledQuotient(num: bigint, den: bigint, shift: number): { q: bigint; half: number } {
  const n = shift >= 0 ? num << BigInt(shift) : num;
  const d = shift >= 0 ? den : den << BigInt(-shift);
  const q = n / d;
  const twiceRem = (n - q * d) * 2n;
  return { q, half: twiceRem < d ? -1 : twiceRem === d ? 0 : 1 };
}

/**
 * Rounds the exact value num / den × 2^e2 (num ≥ 0, den > 0) to the nearest long double, ties to
 * even, with gradual underflow and overflow to infinity: the one rounding both strtold and the FPU
 * adder perform.
 */
function roundRational(neg: boolean, num: bigint, den: bigint, e2: number): LongDouble {
  if (num === 0n) return zero(neg);
  // num/den lies in [2^(k-1), 2^(k+1)) for k = bitlen(num) - bitlen(den), so this first guess of
  // the lowest-bit weight gives a quotient in [2^63, 2^65); at most one correction follows.
  let exp = e2 + bitLength(num) - bitLength(den) - MANT_BITS;
  let r = scaledQuotient(num, den, e2 - exp);
  if (r.q >= TWO64) {
    exp += 1;
    r = scaledQuotient(num, den, e2 - exp);
  }
  // Below the normal range the lowest bit cannot get any finer: fewer significant bits remain.
  if (exp < MIN_EXP) {
    exp = MIN_EXP;
    r = scaledQuotient(num, den, e2 - exp);
  }
  let mant = r.q;
  if (r.half > 0 || (r.half === 0 && (mant & 1n) === 1n)) mant += 1n;
  if (mant === TWO64) {
    mant = TWO63;
    exp += 1;
  }
  if (exp > MAX_EXP) return { kind: 'inf', neg };
  return { kind: 'finite', neg, mant, exp };
}

// strtold's grammar in the C locale. Leading blanks are left out on purpose: strtold skips them
// but string2ld then rejects a first character that isspace() accepts, so no blank can pass.
const DECIMAL_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;
const HEX_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;
const INF_RE = /^([+-]?)inf(?:inity)?$/i;

/**
 * Exponent text as a number, saturated: any magnitude beyond 10^9 is far outside what 5119
 * characters of digits can bring back into range, so it only needs to stay "huge" with its sign.
 */
function parseExponent(text: string | undefined): number {
  if (text === undefined) return 0;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[+-]?0*/, '');
  const magnitude = digits.length > 9 ? 1e9 : Number(digits || '0');
  return negative ? -magnitude : magnitude;
}

/** Result of strtold as string2ld sees it: overflow to ±inf and underflow to 0 are errors. */
function checkRange(value: LongDouble): LongDouble | null {
  if (value.kind === 'inf') return null;
  if (value.kind === 'finite' && value.mant === 0n) return null;
  return value;
}

function parseDecimal(neg: boolean, intPart: string, fracPart: string, expText?: string): LongDouble | null {
  let digits = (intPart + fracPart).replace(/^0+/, '');
  if (digits === '') return zero(neg); // "0e99999" is an exact zero for strtold, not an underflow
  let exp10 = parseExponent(expText) - fracPart.length;
  const trimmed = digits.replace(/0+$/, '');
  exp10 += digits.length - trimmed.length;
  digits = trimmed;
  // The value lies in [10^(len-1+exp10), 10^(len+exp10)). Decide the hopeless cases from the
  // magnitude alone so that "1e-999999999" never builds a giant power of ten:
  // 10^4933 > LDBL_MAX, and 10^-4951 is below half the smallest subnormal (≈1.82e-4951).
  if (digits.length - 1 + exp10 >= 4933) return null;
  if (digits.length + exp10 <= -4951) return null;
  const mantissa = BigInt(digits);
  const value =
    exp10 >= 0
      ? roundRational(neg, mantissa * 10n ** BigInt(exp10), 1n, 0)
      : roundRational(neg, mantissa, 10n ** BigInt(-exp10), 0);
  return checkRange(value);
}

function parseHex(neg: boolean, intPart: string, fracPart: string, expText?: string): LongDouble | null {
  const digits = (intPart + fracPart).replace(/^0+/, '');
  if (digits === '') return zero(neg);
  const mantissa = BigInt(`0x${digits}`);
  const exp2 = parseExponent(expText) - 4 * fracPart.length;
  // Same early exits in binary: the value lies in [2^(bits-1+exp2), 2^(bits+exp2)); 2^16384
  // overflows and anything below 2^-16446 (half the smallest subnormal) rounds to zero.
  const bits = bitLength(mantissa);
  if (bits - 1 + exp2 >= 16384) return null;
  if (bits + exp2 <= -16446) return null;
  // glibc quirk (2.36, which the reference server uses; the code is unchanged upstream): the hex reader keeps the first 64 significant
  // bits plus one round bit and a sticky flag, and when the value is subnormal its denormalising
  // shift drops that round bit instead of folding it into the sticky flag. Clearing the 65th
  // significant bit reproduces exactly that, e.g. "0x1.0000000000000001p-16446" underflows to zero
  // (so string2ld rejects it) although it lies above half the smallest subnormal. Decimal input is
  // immune: a decimal string of at most 5119 characters cannot have a subnormal value whose binary
  // expansion ends exactly on that bit, so the dropped bit never decides the rounding there.
  const glibcMantissa =
    bits > MANT_BITS && bits - 1 + exp2 < -16382
      ? mantissa & ~(1n << BigInt(bits - MANT_BITS - 1))
      : mantissa;
  return checkRange(roundRational(neg, glibcMantissa, 1n, exp2));
}

/** Redis string2ld: returns null when Redis would reply `ERR value is not a valid float`. Input is a byte string (each char code 0..255). */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= MAX_LONG_DOUBLE_CHARS) return null;
  // Any NaN spelling ("nan", "nan(123)") parses but string2ld rejects NaN, and anything the
  // grammar does not cover completely is trailing garbage (an embedded NUL included).
  const hex = HEX_RE.exec(s);
  if (hex) {
    const [, sign, intPart = '', fracPart = '', expText] = hex;
    if (intPart === '' && fracPart === '') return null; // "0x" / "0x.": strtold stops after "0"
    return parseHex(sign === '-', intPart, fracPart, expText);
  }
  const dec = DECIMAL_RE.exec(s);
  if (dec) {
    const [, sign, intPart = '', fracPart = '', expText] = dec;
    if (intPart === '' && fracPart === '') return null; // ".", "+", "e5"
    return parseDecimal(sign === '-', intPart, fracPart, expText);
  }
  const inf = INF_RE.exec(s);
  if (inf) return { kind: 'inf', neg: inf[1] === '-' };
  return null;
}

/** x87 FADD on extended precision: one exact sum, one rounding to nearest even. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf') return b.kind === 'inf' && b.neg !== a.neg ? NAN : a;
  if (b.kind === 'inf') return b;
  if (a.mant === 0n && b.mant === 0n) return zero(a.neg && b.neg); // -0 + -0 = -0, else +0
  if (a.mant === 0n) return b;
  if (b.mant === 0n) return a;
  const base = Math.min(a.exp, b.exp);
  const sa = a.mant << BigInt(a.exp - base);
  const sb = b.mant << BigInt(b.exp - base);
  const sum = (a.neg ? -sa : sa) + (b.neg ? -sb : sb);
  // An exact cancellation gives +0 in round-to-nearest (IEEE 754 §6.3).
  if (sum === 0n) return zero(false);
  return sum < 0n ? roundRational(true, -sum, 1n, base) : roundRational(false, sum, 1n, base);
}

export function isFiniteLongDouble(x: LongDouble): boolean {
  return x.kind === 'finite';
}

/** ld2string(..., LD_STR_HUMAN) as used by INCRBYFLOAT; "" when Redis's 5 KiB buffer overflows. */
export function formatLongDoubleHuman(x: LongDouble): string {
  // ld2string special-cases infinities itself; NaN falls through to glibc's "%.17Lf", which prints
  // "nan" or "-nan" (the sign of a NaN is not tracked here). INCRBYFLOAT never formats either.
  if (x.kind === 'inf') return x.neg ? '-inf' : 'inf';
  if (x.kind === 'nan') return 'nan';
  // glibc prints the exact binary value rounded once to 17 decimals, ties to even, i.e. the
  // nearest integer to |x| × 10^17 with the last digit made even on an exact half.
  let scaled: bigint;
  if (x.exp >= 0) {
    scaled = (x.mant << BigInt(x.exp)) * TEN_POW_FRACTION;
  } else {
    const { q, half } = scaledQuotient(x.mant * TEN_POW_FRACTION, 1n, x.exp);
    scaled = half > 0 || (half === 0 && (q & 1n) === 1n) ? q + 1n : q;
  }
  const digits = scaled.toString().padStart(FRACTION_DIGITS + 1, '0');
  const intPart = digits.slice(0, -FRACTION_DIGITS);
  // snprintf's full length (sign, integer digits, '.', 17 decimals) plus the NUL must fit in the
  // 5120-byte buffer or ld2string returns 0 and Redis stores an empty string. LDBL_MAX has 4933
  // integer digits, so with 80-bit long doubles this cannot actually trigger; kept for fidelity.
  const printedLength = (x.neg ? 1 : 0) + intPart.length + 1 + FRACTION_DIGITS;
  if (printedLength + 1 > MAX_LONG_DOUBLE_CHARS) return '';
  const fraction = digits.slice(-FRACTION_DIGITS).replace(/0+$/, '');
  const text = `${x.neg ? '-' : ''}${intPart}${fraction === '' ? '' : `.${fraction}`}`;
  // Negative values that print as zero ("-0.00000000000000000") are trimmed to "-0", which
  // ld2string then rewrites to "0".
  return text === '-0' ? '0' : text;
}

/** Convenience used by the command: null = not a valid float (either operand), 'nan-or-inf' = result not finite, else the new stored string. */
export function incrByFloat(current: string, increment: string): string | null | 'nan-or-inf' {
  const value = parseLongDouble(current);
  if (value === null) return null;
  const incr = parseLongDouble(increment);
  if (incr === null) return null;
  const sum = addLongDouble(value, incr);
  if (!isFiniteLongDouble(sum)) return 'nan-or-inf';
  return formatLongDoubleHuman(sum);
}

const LLONG_MIN = -(1n << 63n);
const LLONG_MAX = (1n << 63n) - 1n;

/**
 * `(long long) ceill(x * 1000.0)`, how getTimeoutFromObjectOrReply turns seconds into ms: one x87
 * multiplication (rounded), the ceiling, then a conversion that gives LLONG_MIN for anything out of
 * range (infinities included), as the x86 conversion instruction does.
 */
export function ceilTimesThousand(x: LongDouble): bigint {
  if (x.kind !== 'finite') return LLONG_MIN;
  if (x.mant === 0n) return 0n;
  const p = roundRational(x.neg, x.mant * 1000n, 1n, x.exp);
  if (p.kind !== 'finite') return LLONG_MIN;
  let magnitude: bigint;
  if (p.exp >= 0) {
    magnitude = p.mant << BigInt(p.exp);
  } else {
    const shift = BigInt(-p.exp);
    magnitude = p.mant >> shift;
    // The ceiling rounds a positive fraction up and a negative one toward zero.
    if (!p.neg && (p.mant & ((1n << shift) - 1n)) !== 0n) magnitude += 1n;
  }
  const v = p.neg ? -magnitude : magnitude;
  return v < LLONG_MIN || v > LLONG_MAX ? LLONG_MIN : v;
}
