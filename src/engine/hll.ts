/**
 * Redis's HyperLogLog (hyperloglog.c) byte for byte: the 16-byte header ("HYLL", encoding, cached
 * cardinality), the sparse opcodes (ZERO, XZERO, VAL) edited in place as Redis edits them, the
 * dense 6-bit registers (MurmurHash64A in murmur.ts, the Ertl estimator in hll-count.ts). An HLL is an ordinary string value;
 * commands/hyperloglog.ts reads it into an Hll, edits it and writes its bytes back.
 */

import { murmurHash64A } from './murmur.ts';

export const HLL_HDR_SIZE = 16;
const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
const HLL_REGISTER_MAX = 63;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + Math.floor((HLL_REGISTERS * 6 + 7) / 8);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
/** hll-sparse-max-bytes, Redis's default. */
export const HLL_SPARSE_MAX_BYTES = 3000;
const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
const SPARSE_XZERO_MAX_LEN = 16384;
/** 0.5 / ln(2), as Redis writes it (0.721347520444481703680). */
export const HLL_ALPHA_INF = 0.7213475204444817;

export const ERR_INVALID_HLL = 'INVALIDOBJ Corrupted HLL object detected';

/** hllPatLen: the register an element hashes to and the length of its 000…1 run (1 to 51). */
export function patLen(element: string): { index: number; count: number } {
  const hash = murmurHash64A(element, 0xadc83b19);
  const index = Number(hash & BigInt(HLL_REGISTERS - 1));
  const rest = (hash >> BigInt(HLL_P)) | (1n << BigInt(HLL_Q));
  let lo = Number(rest & 0xffffffffn);
  let count = 1;
  if (lo === 0) {
    count += 32;
    lo = Number(rest >> 32n);
  }
  while ((lo & 1) === 0) {
    count++;
    lo >>>= 1;
  }
  return { index, count };
}

/* ------------------------------------ The value ------------------------------------ */

/** An HLL's bytes with room to grow (sdsMakeRoomFor), plus the zero byte after them that sds keeps. */
export class Hll {
  private constructor(
    public buf: Uint8Array,
    public len: number,
  ) {}

  static fromBytes(s: string): Hll {
    const buf = new Uint8Array(s.length + 8);
    for (let i = 0; i < s.length; i++) buf[i] = s.charCodeAt(i);
    return new Hll(buf, s.length);
  }

  /** createHLLObject: a sparse HLL whose registers are all one XZERO run. */
  static create(): Hll {
    const h = Hll.fromBytes('HYLL\x01');
    h.len = HLL_HDR_SIZE;
    for (let left = HLL_REGISTERS; left > 0; left -= SPARSE_XZERO_MAX_LEN) {
      h.room(2);
      setXzero(h.buf, h.len, Math.min(left, SPARSE_XZERO_MAX_LEN));
      h.len += 2;
    }
    return h;
  }

  toBytes(): string {
    let out = '';
    for (let i = 0; i < this.len; i += 0x8000) {
      out += String.fromCharCode.apply(
        null,
        this.buf.subarray(i, Math.min(this.len, i + 0x8000)) as unknown as number[],
      );
    }
    return out;
  }

  get encoding(): number {
    return this.buf[4] as number;
  }

  /** Room for `extra` more bytes and the trailing zero. */
  room(extra: number): void {
    if (this.len + extra + 1 <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra + 8));
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }

  invalidateCache(): void {
    this.buf[15] = (this.buf[15] as number) | 0x80;
  }

  /** The cached cardinality, or null when the cache is marked invalid. */
  cachedCard(): bigint | null {
    if (((this.buf[15] as number) & 0x80) !== 0) return null;
    let card = 0n;
    for (let i = 7; i >= 0; i--) card = (card << 8n) | BigInt(this.buf[8 + i] as number);
    return card;
  }

  setCachedCard(card: bigint): void {
    for (let i = 0; i < 8; i++) this.buf[8 + i] = Number((card >> BigInt(8 * i)) & 0xffn);
  }
}

/** isHLLObjectOrReply's checks on a string's bytes. */
export function isValidHll(bytes: string): boolean {
  if (bytes.length < HLL_HDR_SIZE || !bytes.startsWith('HYLL')) return false;
  const enc = bytes.charCodeAt(4);
  if (enc > HLL_SPARSE) return false;
  return enc !== HLL_DENSE || bytes.length === HLL_DENSE_SIZE;
}

/* -------------------------------- Dense registers -------------------------------- */

export function denseGet(buf: Uint8Array, index: number): number {
  const bit = index * 6;
  const byte = HLL_HDR_SIZE + (bit >>> 3);
  const fb = bit & 7;
  return (((buf[byte] as number) >>> fb) | ((buf[byte + 1] as number) << (8 - fb))) & HLL_REGISTER_MAX;
}

function denseSet(buf: Uint8Array, index: number, value: number): void {
  const bit = index * 6;
  const byte = HLL_HDR_SIZE + (bit >>> 3);
  const fb = bit & 7;
  const fb8 = 8 - fb;
  buf[byte] = ((buf[byte] as number) & ~(HLL_REGISTER_MAX << fb)) | (value << fb);
  buf[byte + 1] = ((buf[byte + 1] as number) & ~(HLL_REGISTER_MAX >>> fb8)) | (value >>> fb8);
}

/** hllDenseSet: 1 when the register grew. */
function denseSetMax(buf: Uint8Array, index: number, count: number): 0 | 1 {
  if (count <= denseGet(buf, index)) return 0;
  denseSet(buf, index, count);
  return 1;
}

/* -------------------------------- Sparse opcodes -------------------------------- */

const isZero = (b: number) => (b & 0xc0) === 0;
const isXzero = (b: number) => (b & 0xc0) === 0x40;
const isVal = (b: number) => (b & 0x80) !== 0;
const zeroLen = (b: number) => (b & 0x3f) + 1;
const xzeroLen = (buf: Uint8Array, p: number) =>
  ((((buf[p] as number) & 0x3f) << 8) | (buf[p + 1] as number)) + 1;
const valValue = (b: number) => ((b >> 2) & 0x1f) + 1;
const valLen = (b: number) => (b & 3) + 1;
const valByte = (value: number, len: number) => ((value - 1) << 2) | (len - 1) | 0x80;

function setXzero(buf: Uint8Array, p: number, len: number): void {
  buf[p] = ((len - 1) >> 8) | 0x40;
  buf[p + 1] = (len - 1) & 0xff;
}

/** The opcodes of a sparse HLL as runs: [value, length] (value 0 for ZERO/XZERO). */
export function* sparseRuns(buf: Uint8Array, len: number): Generator<readonly [number, number]> {
  for (let p = HLL_HDR_SIZE; p < len; ) {
    const b = buf[p] as number;
    if (isZero(b)) {
      yield [0, zeroLen(b)];
      p++;
    } else if (isXzero(b)) {
      yield [0, xzeroLen(buf, p)];
      p += 2;
    } else {
      yield [valValue(b), valLen(b)];
      p++;
    }
  }
}

/** hllSparseToDense; false for a sparse HLL that does not cover exactly the 16384 registers. */
export function sparseToDense(h: Hll): boolean {
  if (h.encoding === HLL_DENSE) return true;
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  dense.set(h.buf.subarray(0, HLL_HDR_SIZE));
  dense[4] = HLL_DENSE;
  let idx = 0;
  for (const [value, run] of sparseRuns(h.buf, h.len)) {
    if (value > 0) {
      if (run + idx > HLL_REGISTERS) break;
      for (let i = 0; i < run; i++) denseSet(dense, idx + i, value);
    }
    idx += run;
  }
  if (idx !== HLL_REGISTERS) return false;
  h.buf = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

/** The opcode covering `index`: where it starts, its first register and span, and the one before it. */
function findOpcode(h: Hll, index: number) {
  const { buf } = h;
  let p = HLL_HDR_SIZE;
  let first = 0;
  let span = 0;
  let prev = -1;
  while (p < h.len) {
    const b = buf[p] as number;
    let oplen = 1;
    if (isZero(b)) span = zeroLen(b);
    else if (isVal(b)) span = valLen(b);
    else {
      span = xzeroLen(buf, p);
      oplen = 2;
    }
    if (index <= first + span - 1) break;
    prev = p;
    p += oplen;
    first += span;
  }
  return { p, first, span, prev };
}

/** The opcodes replacing a ZERO/XZERO or VAL run when one of its registers becomes `count`. */
function splitSequence(b: number, first: number, last: number, index: number, count: number): number[] {
  const seq: number[] = [];
  const zeros = (len: number) => {
    if (len > SPARSE_ZERO_MAX_LEN) seq.push(((len - 1) >> 8) | 0x40, (len - 1) & 0xff);
    else seq.push(len - 1);
  };
  if (!isVal(b)) {
    if (index !== first) zeros(index - first);
    seq.push(valByte(count, 1));
    if (index !== last) zeros(last - index);
  } else {
    const current = valValue(b);
    if (index !== first) seq.push(valByte(current, index - first));
    seq.push(valByte(count, 1));
    if (index !== last) seq.push(valByte(current, last - index));
  }
  return seq;
}

/**
 * hllSparseSet: sets register `index` to `count` if that is larger, splitting the opcode that covers
 * it and merging equal VAL neighbours after, or promotes the HLL to dense (a count above 32, or
 * past hll-sparse-max-bytes). 1 when updated, 0 when not, -1 for a corrupt HLL.
 */
export function sparseSet(h: Hll, index: number, count: number): -1 | 0 | 1 {
  if (count > SPARSE_VAL_MAX_VALUE) return promote(h, index, count);
  h.room(3);
  const { p, first, span, prev } = findOpcode(h, index);
  if (span === 0 || p >= h.len) return -1;
  const { buf } = h;
  const b = buf[p] as number;
  const oplen = isXzero(b) ? 2 : 1;
  const runlen = isZero(b) ? zeroLen(b) : isXzero(b) ? xzeroLen(buf, p) : valLen(b);
  let simple = false;
  if (isVal(b)) {
    if (valValue(b) >= count) return 0;
    simple = runlen === 1;
  } else {
    simple = isZero(b) && runlen === 1;
  }
  if (simple) {
    buf[p] = valByte(count, 1);
  } else {
    const seq = splitSequence(b, first, first + span - 1, index, count);
    const delta = seq.length - oplen;
    if (delta > 0 && h.len + delta > HLL_SPARSE_MAX_BYTES) return promote(h, index, count);
    const next = p + oplen;
    if (delta !== 0 && next < h.len) h.buf.copyWithin(next + delta, next, h.len);
    h.len += delta;
    h.buf.set(seq, p);
    h.buf[h.len] = 0;
  }
  mergeValues(h, prev < 0 ? HLL_HDR_SIZE : prev);
  h.invalidateCache();
  return 1;
}

/** Step 4 of hllSparseSet: up to five opcodes from `start`, adjacent equal VALs merged. */
function mergeValues(h: Hll, start: number): void {
  const { buf } = h;
  let p = start;
  for (let scan = 5; p < h.len && scan-- > 0; ) {
    const b = buf[p] as number;
    if (isXzero(b)) {
      p += 2;
      continue;
    }
    if (isZero(b)) {
      p++;
      continue;
    }
    const n = buf[p + 1] as number;
    if (p + 1 < h.len && isVal(n) && valValue(b) === valValue(n)) {
      const len = valLen(b) + valLen(n);
      if (len <= SPARSE_VAL_MAX_LEN) {
        buf[p + 1] = valByte(valValue(b), len);
        buf.copyWithin(p, p + 1, h.len + 1);
        h.len--;
        continue;
      }
    }
    p++;
  }
}

function promote(h: Hll, index: number, count: number): -1 | 1 {
  if (!sparseToDense(h)) return -1;
  denseSetMax(h.buf, index, count);
  return 1;
}

/** hllAdd: 1 when a register grew, -1 for a corrupt HLL. */
export function hllAdd(h: Hll, element: string): -1 | 0 | 1 {
  const { index, count } = patLen(element);
  if (h.encoding === HLL_DENSE) return denseSetMax(h.buf, index, count);
  if (h.encoding === HLL_SPARSE) return sparseSet(h, index, count);
  return -1;
}

/** hllDenseSet or hllSparseSet by encoding (PFMERGE's write to its target; errors are ignored there). */
export function setRegister(h: Hll, index: number, count: number): void {
  if (h.encoding === HLL_DENSE) denseSetMax(h.buf, index, count);
  else sparseSet(h, index, count);
}

/** hllMerge: max[i] = MAX(max[i], register i); false for a corrupt sparse HLL. */
export function mergeInto(max: Uint8Array, h: Hll): boolean {
  if (h.encoding === HLL_DENSE) {
    for (let i = 0; i < HLL_REGISTERS; i++) {
      const v = denseGet(h.buf, i);
      if (v > (max[i] as number)) max[i] = v;
    }
    return true;
  }
  let i = 0;
  for (const [value, run] of sparseRuns(h.buf, h.len)) {
    if (value > 0) {
      if (run + i > HLL_REGISTERS) break;
      for (let j = 0; j < run; j++) if (value > (max[i + j] as number)) max[i + j] = value;
    }
    i += run;
  }
  return i === HLL_REGISTERS;
}

/** PFDEBUG DECODE's text of a sparse HLL. */
export function decodeSparse(h: Hll): string {
  const out: string[] = [];
  const { buf } = h;
  for (let p = HLL_HDR_SIZE; p < h.len; ) {
    const b = buf[p] as number;
    if (isZero(b)) {
      out.push(`z:${zeroLen(b)}`);
      p++;
    } else if (isXzero(b)) {
      out.push(`Z:${xzeroLen(buf, p)}`);
      p += 2;
    } else {
      out.push(`v:${valValue(b)},${valLen(b)}`);
      p++;
    }
  }
  return out.join(' ');
}
