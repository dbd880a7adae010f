import type { CollectionValue } from '../keyspace.ts';
import { decodeIntset, decodeListpack, readLe } from './listpack.ts';
import { lzfDecompress } from './lzf.ts';
import { QUICKLIST_PACKED, QUICKLIST_PLAIN, TYPE } from './payload.ts';
import { loadStream, RDB_TYPE_STREAM } from './stream-payload.ts';

/** RESTORE's side of DUMP payloads (rdb.c rdbLoadObject), for the types the playground holds. */

/**
 * A loaded value: a string (its encoding is derived afresh) or a collection; a hash from Redis 7.4
 * may bring its fields' deadlines.
 */
export type LoadedValue =
  | { readonly type: 'string'; readonly str: string }
  | (CollectionValue & { readonly ttls?: ReadonlyMap<string, number> });

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

  /** rdbLoadMillisecondTime: 8 bytes, little-endian. */
  millis(): number | null {
    const raw = this.bytes(8);
    if (raw === null) return null;
    let v = 0;
    for (let i = 7; i >= 0; i--) v = v * 256 + raw.charCodeAt(i);
    return v;
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

/** A listpackex: field, value, deadline (0: none) triples. */
function loadListpackEx(blob: string | null): LoadedValue | null {
  const items = blob === null ? null : decodeListpack(blob);
  if (items === null || items.length === 0 || items.length % 3 !== 0) return null;
  const coll = new Map<string, string>();
  const ttls = new Map<string, number>();
  for (let i = 0; i < items.length; i += 3) {
    const [f, v, at] = [items[i] as string, items[i + 1] as string, Number(items[i + 2])];
    coll.set(f, v);
    if (at > 0) ttls.set(f, at);
  }
  return { type: 'hash', coll, ttls };
}

/** A hashtable with TTLs: the earliest deadline, then per field its TTL relative to it (+1) and the pair. */
function loadHashMetadata(r: Reader): LoadedValue | null {
  const min = r.millis();
  const n = r.count();
  if (min === null || n === null || n === 0) return null;
  const coll = new Map<string, string>();
  const ttls = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const ttl = r.count();
    const f = r.string();
    const v = f === null ? null : r.string();
    if (ttl === null || f === null || v === null) return null;
    coll.set(f, v);
    if (ttl > 0) ttls.set(f, min + ttl - 1);
  }
  return { type: 'hash', coll, ttls };
}

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
    case TYPE.setListpack: {
      const blob = r.string();
      const members = blob === null ? null : decodeListpack(blob);
      return members && nonEmpty(members) && { type: 'set', coll: new Set(members) };
    }
    case TYPE.hashListpackEx:
      return r.millis() === null ? null : loadListpackEx(r.string());
    case TYPE.hashMetadata:
      return loadHashMetadata(r);
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
