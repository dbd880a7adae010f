import { parseInt64 } from '../int64.ts';

/**
 * Listpacks and intsets, the compact blobs Redis 7.0 puts in DUMP payloads for small hashes, sorted
 * sets, lists and integer sets (listpack.c, intset.c). Byte strings in, byte strings out.
 */

function le(value: bigint, bytes: number): string {
  let v = BigInt.asUintN(bytes * 8, value);
  let s = '';
  for (let i = 0; i < bytes; i++) {
    s += String.fromCharCode(Number(v & 0xffn));
    v >>= 8n;
  }
  return s;
}

function readLe(s: string, at: number, bytes: number, signed: boolean): bigint {
  let v = 0n;
  for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(s.charCodeAt(at + i));
  return signed ? BigInt.asIntN(bytes * 8, v) : v;
}

/** lpEncodeBacklen: an entry's length, 7 bits a byte, readable backwards (note the `<` thresholds). */
function backlen(l: number): string {
  const bytes = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
  let out = '';
  for (let i = bytes - 1; i >= 0; i--) {
    const high = Math.floor(l / 2 ** (7 * i));
    // The first byte keeps all remaining high bits, unflagged; the others are 7 bits with bit 7 set.
    out += String.fromCharCode(i === bytes - 1 ? high : (high & 127) | 128);
  }
  return out;
}

export function encodeEntry(ele: string): string {
  const n = ele.length < 21 ? parseInt64(ele) : null;
  let enc: string;
  if (n !== null) {
    const v = BigInt(n);
    if (v >= 0n && v <= 127n) enc = String.fromCharCode(Number(v));
    else if (v >= -4096n && v <= 4095n) {
      const u = Number(BigInt.asUintN(13, v));
      enc = String.fromCharCode(0xc0 | (u >> 8), u & 0xff);
    } else if (v >= -32768n && v <= 32767n) enc = `\xf1${le(v, 2)}`;
    else if (v >= -8388608n && v <= 8388607n) enc = `\xf2${le(v, 3)}`;
    else if (v >= -2147483648n && v <= 2147483647n) enc = `\xf3${le(v, 4)}`;
    else enc = `\xf4${le(v, 8)}`;
  } else if (ele.length < 64) {
    enc = String.fromCharCode(0x80 | ele.length) + ele;
  } else if (ele.length < 4096) {
    enc = String.fromCharCode(0xe0 | (ele.length >> 8), ele.length & 0xff) + ele;
  } else {
    enc = `\xf0${le(BigInt(ele.length), 4)}${ele}`;
  }
  return enc + backlen(enc.length);
}

export function encodeListpack(items: readonly string[]): string {
  return listpackOfEntries(items.map(encodeEntry), items.length);
}

/** A listpack from already encoded entries. */
export function listpackOfEntries(entries: readonly string[], count: number): string {
  const body = entries.join('');
  const total = 6 + body.length + 1;
  return `${le(BigInt(total), 4)}${le(BigInt(Math.min(count, 65535)), 2)}${body}\xff`;
}

/** The elements of a listpack blob (integers as their decimal text), or null when malformed. */
export function decodeListpack(s: string): string[] | null {
  if (s.length < 7 || Number(readLe(s, 0, 4, false)) !== s.length || s.charCodeAt(s.length - 1) !== 0xff)
    return null;
  const out: string[] = [];
  let p = 6;
  while (p < s.length - 1) {
    const b = s.charCodeAt(p);
    let value: string;
    let size: number;
    if (b < 0x80) {
      value = String(b);
      size = 1;
    } else if ((b & 0xc0) === 0x80) {
      const len = b & 0x3f;
      value = s.slice(p + 1, p + 1 + len);
      size = 1 + len;
    } else if ((b & 0xe0) === 0xc0) {
      value = String(BigInt.asIntN(13, BigInt(((b & 0x1f) << 8) | s.charCodeAt(p + 1))));
      size = 2;
    } else if ((b & 0xf0) === 0xe0) {
      const len = ((b & 0xf) << 8) | s.charCodeAt(p + 1);
      value = s.slice(p + 2, p + 2 + len);
      size = 2 + len;
    } else if (b === 0xf0) {
      const len = Number(readLe(s, p + 1, 4, false));
      value = s.slice(p + 5, p + 5 + len);
      size = 5 + len;
    } else {
      const width = { 241: 2, 242: 3, 243: 4, 244: 8 }[b];
      if (width === undefined) return null;
      value = String(readLe(s, p + 1, width, true));
      size = 1 + width;
    }
    p += size + backlen(size).length;
    if (p > s.length - 1) return null;
    out.push(value);
  }
  const count = Number(readLe(s, 4, 2, false));
  if (count !== 65535 && count !== out.length) return null;
  return out;
}

/** An intset blob: encoding width, count, then the sorted values (intset.c). */
export function encodeIntset(members: Iterable<string>): string {
  const values = [...members].map((m) => BigInt(m)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let width = 2;
  for (const v of values) {
    if (v < -2147483648n || v > 2147483647n) width = 8;
    else if ((v < -32768n || v > 32767n) && width < 4) width = 4;
  }
  return le(BigInt(width), 4) + le(BigInt(values.length), 4) + values.map((v) => le(v, width)).join('');
}

export function decodeIntset(s: string): string[] | null {
  if (s.length < 8) return null;
  const width = Number(readLe(s, 0, 4, false));
  const count = Number(readLe(s, 4, 4, false));
  if (![2, 4, 8].includes(width) || s.length !== 8 + width * count || count === 0) return null;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(String(readLe(s, 8 + i * width, width, true)));
  return out;
}

export { le as littleEndian, readLe };
