/**
 * A growable byte writer and a bounds-checked reader for the snapshot and log formats. Integers are
 * LEB128 varints (zigzag for signed ones) computed with float arithmetic, so they reach 2^53;
 * byte strings (one char per byte, as the keyspace holds them) are copied char by char, text is UTF-8.
 * The reader throws FormatError on anything it cannot read: a truncated or corrupt input never
 * yields a half-read value.
 */

export class FormatError extends Error {
  override readonly name = 'FormatError';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  constructor(initial = 4096) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.pos;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.pos++] = v & 0xff;
  }

  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.pos, v >>> 0);
    this.pos += 4;
  }

  /** An unsigned integer up to 2^53. */
  uint(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a varint: ${v}`);
    this.room(8);
    let n = v;
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  /** A signed integer, |v| < 2^52 (zigzag). */
  int(v: number): void {
    this.uint(v < 0 ? -2 * v - 1 : 2 * v);
  }

  f64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.pos, v);
    this.pos += 8;
  }

  i64(v: bigint): void {
    this.room(8);
    this.view.setBigInt64(this.pos, v);
    this.pos += 8;
  }

  bool(v: boolean): void {
    this.u8(v ? 1 : 0);
  }

  /** A byte string: its length, then one byte per char. */
  bytes(s: string): void {
    const n = s.length;
    this.uint(n);
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Text (any JS string) as UTF-8. */
  text(s: string): void {
    // ASCII (most console text) is its own UTF-8: no encoder call and no copy for it.
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0x7f) {
        this.raw(encoder.encode(s));
        return;
      }
    }
    this.bytes(s);
  }

  /** A length-prefixed block of bytes. */
  raw(b: Uint8Array): void {
    this.uint(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** The bytes written so far, without copying them: valid until the next write or `reset`. */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Starts over in the same buffer (a stream's next slice). */
  reset(): void {
    this.pos = 0;
  }
}

export class ByteReader {
  private pos = 0;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) throw new FormatError('the data ends too early');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++] as number;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  uint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      v += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (!Number.isSafeInteger(v)) break;
        return v;
      }
      scale *= 0x80;
    }
    throw new FormatError('an integer is out of range');
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 1 ? -(z + 1) / 2 : z / 2;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }

  i64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }

  bool(): boolean {
    const b = this.u8();
    if (b > 1) throw new FormatError('a flag is neither 0 nor 1');
    return b === 1;
  }

  /** A count of items that each take at least `minBytes`: refused when the data cannot hold them. */
  count(minBytes = 1): number {
    const n = this.uint();
    if (n * minBytes > this.remaining) throw new FormatError('a count is larger than the data');
    return n;
  }

  bytes(): string {
    const n = this.uint();
    this.need(n);
    const buf = this.buf;
    const end = this.pos + n;
    let out = '';
    // Chunks keep fromCharCode's argument list small.
    for (let p = this.pos; p < end; p += 8192) {
      out += String.fromCharCode.apply(null, buf.subarray(p, Math.min(end, p + 8192)) as unknown as number[]);
    }
    this.pos = end;
    return out;
  }

  text(): string {
    try {
      return decoder.decode(this.raw());
    } catch (e) {
      if (e instanceof FormatError) throw e;
      throw new FormatError('a text is not valid UTF-8');
    }
  }

  raw(): Uint8Array {
    const n = this.uint();
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE, as zlib computes it) of a byte range: guards stored and shared data against damage. */
/** The CRC-32 of `b[start, end)`; pass the CRC of what came before to continue it (a stream). */
export function crc32(b: Uint8Array, start = 0, end = b.length, prev = 0): number {
  let c = (prev ^ 0xffffffff) >>> 0;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (b[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
