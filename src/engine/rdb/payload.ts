import { d2string } from '../commands/zset-score.ts';
import { parseInt64 } from '../int64.ts';
import type { CollectionValue, Entry, ZSet } from '../keyspace.ts';
import { crc64Bytes } from './crc64.ts';
import {
  decodeIntset,
  decodeListpack,
  encodeEntry,
  encodeIntset,
  encodeListpack,
  listpackOfEntries,
  readLe,
} from './listpack.ts';
import { lzfCompress, lzfDecompress } from './lzf.ts';
import { loadStream, RDB_TYPE_STREAM, saveStream } from './stream-payload.ts';

/**
 * DUMP payloads in Redis 7.0's format (rdb.c, cluster.c createDumpPayload): the RDB type byte, the
 * value, the RDB version (10) as two little-endian bytes, and a CRC-64 of all that. Strings and the
 * compact encodings (intset, listpack, quicklist v2 of listpacks) come out byte for byte as Redis
 * writes them; hashtable and skiplist encodings follow the engine's order where Redis follows its
 * hash table's, so those bytes differ but any Redis accepts them.
 */

export const RDB_VERSION = 10;
const TYPE = {
  string: 0,
  list: 1,
  set: 2,
  zsetStrings: 3,
  hash: 4,
  zset2: 5,
  setIntset: 11,
  hashListpack: 16,
  zsetListpack: 17,
  listQuicklist2: 18,
} as const;
const QUICKLIST_PACKED = 2;
const QUICKLIST_PLAIN = 1;
/** list-max-listpack-size -2: a quicklist node's listpack stays within 8 KB. */
const LIST_NODE_BYTES = 8192;

export function saveLen(n: number): string {
  if (n < 64) return String.fromCharCode(n);
  if (n < 16384) return String.fromCharCode(0x40 | (n >> 8), n & 0xff);
  const be = (v: bigint, bytes: number) => {
    let s = '';
    for (let i = bytes - 1; i >= 0; i--) s += String.fromCharCode(Number((v >> BigInt(8 * i)) & 0xffn));
    return s;
  };
  return n <= 0xffffffff ? `\x80${be(BigInt(n), 4)}` : `\x81${be(BigInt(n), 8)}`;
}

/** rdbSaveRawString: small integers as integers, long strings LZF-compressed when that saves bytes. */
export function saveString(s: string): string {
  if (s.length <= 11) {
    const n = parseInt64(s);
    if (n !== null && typeof n === 'number' && n >= -2147483648 && n <= 2147483647) {
      if (n >= -128 && n <= 127) return String.fromCharCode(0xc0, n & 0xff);
      if (n >= -32768 && n <= 32767) return String.fromCharCode(0xc1, n & 0xff, (n >> 8) & 0xff);
      return String.fromCharCode(0xc2, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
    }
  }
  if (s.length > 20) {
    const packed = lzfCompress(s, s.length - 4);
    if (packed !== null) return `\xc3${saveLen(packed.length)}${saveLen(s.length)}${packed}`;
  }
  return saveLen(s.length) + s;
}

function binaryDouble(d: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d, true);
  let s = '';
  for (let i = 0; i < 8; i++) s += String.fromCharCode(view.getUint8(i));
  return s;
}

/**
 * Quicklist nodes as pushes at the tail fill them (quicklist.c _quicklistNodeAllowInsert): an element
 * joins the node while the node's bytes + the element's length + 8 stay within 8 KB. Lists built
 * from the head, or edited in the middle, may be split elsewhere by Redis.
 */
function listNodes(items: readonly string[]): string[] {
  const nodes: string[] = [];
  let entries: string[] = [];
  let size = 7;
  for (const item of items) {
    if (entries.length > 0 && size + item.length + 8 > LIST_NODE_BYTES) {
      nodes.push(listpackOfEntries(entries, entries.length));
      entries = [];
      size = 7;
    }
    const entry = encodeEntry(item);
    entries.push(entry);
    size += entry.length;
  }
  if (entries.length) nodes.push(listpackOfEntries(entries, entries.length));
  return nodes;
}

/** The value part of a payload for an entry, given the encoding OBJECT ENCODING reports. */
function saveValue(
  e: Entry,
  encoding: string,
  sortedZset: (z: ZSet) => readonly (readonly [string, number])[],
): string {
  switch (e.type) {
    case 'string':
      return String.fromCharCode(TYPE.string) + saveString(e.str);
    case 'list': {
      const nodes = listNodes(e.coll);
      return (
        String.fromCharCode(TYPE.listQuicklist2) +
        saveLen(nodes.length) +
        nodes.map((lp) => saveLen(QUICKLIST_PACKED) + saveString(lp)).join('')
      );
    }
    case 'set': {
      const members = e.coll;
      if (encoding === 'intset')
        return String.fromCharCode(TYPE.setIntset) + saveString(encodeIntset(members));
      return String.fromCharCode(TYPE.set) + saveLen(members.size) + [...members].map(saveString).join('');
    }
    case 'hash': {
      const fields = e.coll;
      if (encoding === 'listpack')
        return String.fromCharCode(TYPE.hashListpack) + saveString(encodeListpack([...fields].flat()));
      return (
        String.fromCharCode(TYPE.hash) +
        saveLen(fields.size) +
        [...fields].map(([f, v]) => saveString(f) + saveString(v)).join('')
      );
    }
    case 'zset': {
      const pairs = sortedZset(e.coll);
      if (encoding === 'listpack') {
        return (
          String.fromCharCode(TYPE.zsetListpack) +
          saveString(encodeListpack(pairs.flatMap(([m, s]) => [m, d2string(s)])))
        );
      }
      // Redis writes a skiplist from its tail: highest score first.
      const desc = [...pairs].reverse();
      return (
        String.fromCharCode(TYPE.zset2) +
        saveLen(desc.length) +
        desc.map(([m, s]) => saveString(m) + binaryDouble(s)).join('')
      );
    }
    case 'stream':
      return saveStream(e.coll);
  }
}

export function dumpPayload(
  e: Entry,
  encoding: string,
  sortedZset: (z: ZSet) => readonly (readonly [string, number])[],
): string {
  const body = saveValue(e, encoding, sortedZset) + String.fromCharCode(RDB_VERSION & 0xff, RDB_VERSION >> 8);
  return body + crc64Bytes(body);
}

/** verifyDumpPayload: the version is not newer than ours and the checksum matches. */
export function verifyPayload(p: string): boolean {
  if (p.length < 10) return false;
  const version = p.charCodeAt(p.length - 10) | (p.charCodeAt(p.length - 9) << 8);
  if (version > RDB_VERSION) return false;
  return crc64Bytes(p.slice(0, -8)) === p.slice(-8);
}

/** A loaded value: a string (its encoding is derived afresh) or a collection. */
export type LoadedValue = { readonly type: 'string'; readonly str: string } | CollectionValue;

/** A reader over a payload; every method returns null past the end or on a malformed field. */
export class Reader {
  constructor(
    private readonly s: string,
    public at = 0,
  ) {}

  byte(): number | null {
    return this.at < this.s.length ? this.s.charCodeAt(this.at++) : null;
  }

  bytes(n: number): string | null {
    if (n < 0 || this.at + n > this.s.length) return null;
    const out = this.s.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** rdbLoadLen: the length, or `{ enc }` for an encoded string (integer or LZF). */
  len(): number | { enc: number } | null {
    const b = this.byte();
    if (b === null) return null;
    const kind = b >> 6;
    if (kind === 0) return b & 0x3f;
    if (kind === 1) {
      const lo = this.byte();
      return lo === null ? null : ((b & 0x3f) << 8) | lo;
    }
    if (kind === 3) return { enc: b & 0x3f };
    const width = b === 0x80 ? 4 : b === 0x81 ? 8 : 0;
    const raw = width ? this.bytes(width) : null;
    if (raw === null) return null;
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + raw.charCodeAt(i);
    return v;
  }

  count(): number | null {
    const n = this.len();
    return typeof n === 'number' ? n : null;
  }

  /** rdbLoadLen as a uint64 (stream IDs and counters). */
  len64(): bigint | null {
    const b = this.byte();
    if (b === null) return null;
    const kind = b >> 6;
    if (kind === 0) return BigInt(b & 0x3f);
    if (kind === 1) {
      const lo = this.byte();
      return lo === null ? null : BigInt(((b & 0x3f) << 8) | lo);
    }
    const width = b === 0x80 ? 4 : b === 0x81 ? 8 : 0;
    const raw = width ? this.bytes(width) : null;
    if (raw === null) return null;
    let v = 0n;
    for (let i = 0; i < width; i++) v = (v << 8n) | BigInt(raw.charCodeAt(i));
    return v;
  }

  string(): string | null {
    const n = this.len();
    if (n === null) return null;
    if (typeof n === 'number') return this.bytes(n);
    const widths = [1, 2, 4];
    if (n.enc < 3) {
      const raw = this.bytes(widths[n.enc] as number);
      return raw === null ? null : String(readLe(raw, 0, raw.length, true));
    }
    if (n.enc !== 3) return null;
    const clen = this.count();
    const olen = this.count();
    if (clen === null || olen === null) return null;
    const packed = this.bytes(clen);
    return packed === null ? null : lzfDecompress(packed, olen);
  }

  /** rdbLoadDoubleValue (old zset type): a length byte, with 253/254/255 for nan/inf/-inf. */
  textDouble(): number | null {
    const n = this.byte();
    if (n === null) return null;
    if (n === 255) return -Infinity;
    if (n === 254) return Infinity;
    if (n === 253) return Number.NaN;
    const text = this.bytes(n);
    return text === null ? null : Number(text);
  }

  binaryDouble(): number | null {
    const raw = this.bytes(8);
    if (raw === null) return null;
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 8; i++) view.setUint8(i, raw.charCodeAt(i));
    return view.getFloat64(0, true);
  }
}

function pairsToMap<V>(items: readonly string[], value: (s: string) => V | null): Map<string, V> | null {
  if (items.length % 2 !== 0) return null;
  const m = new Map<string, V>();
  for (let i = 0; i < items.length; i += 2) {
    const v = value(items[i + 1] as string);
    if (v === null) return null;
    m.set(items[i] as string, v);
  }
  return m;
}

const scoreOf = (s: string): number | null => {
  const d = s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
  return Number.isNaN(d) ? null : d;
};

/** rdbLoadObject for the types the playground holds; null where Redis says "Bad data format". */
export function loadPayload(p: string): LoadedValue | null {
  const r = new Reader(p.slice(0, -10));
  const type = r.byte();
  const many = <T>(read: () => T | null): T[] | null => {
    const n = r.count();
    if (n === null || n === 0) return null;
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const v = read();
      if (v === null) return null;
      out.push(v);
    }
    return out;
  };
  const nonEmpty = <T extends { size: number } | unknown[]>(c: T | null): T | null =>
    c === null || (Array.isArray(c) ? c.length : (c as { size: number }).size) === 0 ? null : c;
  switch (type) {
    case TYPE.string: {
      const s = r.string();
      return s === null ? null : { type: 'string', str: s };
    }
    case TYPE.list: {
      const items = many(() => r.string());
      return items && { type: 'list', coll: items };
    }
    case TYPE.listQuicklist2: {
      const nodes = many(() => {
        const container = r.count();
        const blob = r.string();
        if (blob === null) return null;
        if (container === QUICKLIST_PLAIN) return [blob];
        return container === QUICKLIST_PACKED ? decodeListpack(blob) : null;
      });
      const items = nodes && nonEmpty(nodes.flat());
      return items && { type: 'list', coll: items };
    }
    case TYPE.set: {
      const members = many(() => r.string());
      return members && { type: 'set', coll: new Set(members) };
    }
    case TYPE.setIntset: {
      const blob = r.string();
      const members = blob === null ? null : decodeIntset(blob);
      return members && { type: 'set', coll: new Set(members) };
    }
    case TYPE.hash: {
      const pairs = many(() => {
        const f = r.string();
        const v = f === null ? null : r.string();
        return f === null || v === null ? null : [f, v];
      });
      return pairs && { type: 'hash', coll: new Map(pairs as [string, string][]) };
    }
    case TYPE.hashListpack: {
      const blob = r.string();
      const items = blob === null ? null : decodeListpack(blob);
      const fields = items && nonEmpty(pairsToMap(items, (v) => v));
      return fields && { type: 'hash', coll: fields };
    }
    case TYPE.zset2:
    case TYPE.zsetStrings: {
      const pairs = many(() => {
        const m = r.string();
        const s = m === null ? null : type === TYPE.zset2 ? r.binaryDouble() : r.textDouble();
        return m === null || s === null || Number.isNaN(s) ? null : ([m, s] as const);
      });
      return pairs && { type: 'zset', coll: new Map(pairs) };
    }
    case TYPE.zsetListpack: {
      const blob = r.string();
      const items = blob === null ? null : decodeListpack(blob);
      const members = items && nonEmpty(pairsToMap(items, scoreOf));
      return members && { type: 'zset', coll: members };
    }
    case RDB_TYPE_STREAM: {
      const stream = loadStream(r);
      return stream && { type: 'stream', coll: stream };
    }
    default:
      return null;
  }
}
