import { d2string74 } from '../commands/scores-74.ts';
import { d2string } from '../commands/zset-score.ts';
import { deadlineOf, memberTtls } from '../field-expiry.ts';
import { parseInt64 } from '../int64.ts';
import type { Entry, ZSet } from '../keyspace.ts';
import { crc64Bytes } from './crc64.ts';
import { encodeEntry, encodeIntset, encodeListpack, listpackOfEntries } from './listpack.ts';
import { lzfCompress } from './lzf.ts';
import { saveStream } from './stream-payload.ts';

/**
 * DUMP payloads in Redis 7.0's format (rdb.c, cluster.c createDumpPayload): the RDB type byte, the
 * value, the RDB version (10) as two little-endian bytes, and a CRC-64 of all that. Strings and the
 * compact encodings (intset, listpack, quicklist v2 of listpacks) come out byte for byte as Redis
 * writes them; hashtable and skiplist encodings follow the engine's order where Redis follows its
 * hash table's, so those bytes differ but any Redis accepts them.
 */

export const RDB_VERSION = 10;

/**
 * What a server writes: its RDB version and whether it has Redis 7.2+'s formats (listpack sets,
 * shortest-form scores in zset listpacks) and 7.4's hashes with field TTLs (types 24 and 25).
 */
export interface DumpFormat {
  readonly rdbVersion: number;
  readonly modern: boolean;
  /** A hash's registered next field deadline (Redis 7.4's db->hexpires), for a listpackex. */
  readonly registered?: number | null;
  /** list-max-listpack-size, which decides where a list's quicklist nodes split (default -2). */
  readonly listFill?: number;
}

export const DUMP_70: DumpFormat = { rdbVersion: RDB_VERSION, modern: false };

export const TYPE = {
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
  setListpack: 20,
  hashMetadata: 24,
  hashListpackEx: 25,
} as const;
export const QUICKLIST_PACKED = 2;
export const QUICKLIST_PLAIN = 1;
/** Node sizes of list-max-listpack-size -1 … -5, and the limit a count-limited node keeps to. */
const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];
const SIZE_SAFETY_LIMIT = 8192;

/** _quicklistNodeAllowInsert for a node of `bytes` and `count` entries and an element of `size`. */
function allowInsert(bytes: number, count: number, size: number, fill: number): boolean {
  const next = bytes + size + 8;
  if (fill < 0) {
    const level = OPTIMIZATION_LEVEL[-fill - 1];
    if (level !== undefined && next <= level) return true;
  }
  if (next > SIZE_SAFETY_LIMIT) return false;
  return count < fill;
}

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
 * Quicklist nodes as pushes at the tail fill them (quicklist.c _quicklistNodeAllowInsert) under
 * list-max-listpack-size `fill`: by default an element joins the node while the node's bytes + the
 * element's length + 8 stay within 8 KB. Lists built from the head, or edited in the middle, may be
 * split elsewhere by Redis.
 */
export function listNodes(items: readonly string[], fill = -2): string[] {
  const nodes: string[] = [];
  let entries: string[] = [];
  let size = 7;
  for (const item of items) {
    if (entries.length > 0 && !allowInsert(size, entries.length, item.length, fill)) {
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

/** An 8-byte little-endian unsigned integer (rdbSaveMillisecondTime). */
function saveMillis(ms: number): string {
  let s = '';
  let v = BigInt(ms);
  for (let i = 0; i < 8; i++) {
    s += String.fromCharCode(Number(v & 0xffn));
    v >>= 8n;
  }
  return s;
}

/**
 * A hash with field TTLs in Redis 7.4's layouts: a listpackex is its registered next deadline (0 when
 * not registered) and a listpack of field, value, deadline (0 for none) triples; a hashtable with
 * TTLs is its earliest deadline, then each field's TTL relative to it (+1; 0 for none) and the pair.
 */
function saveHashWithTtls(fields: Map<string, string>, encoding: string, registered: number | null): string {
  const at = (f: string) => deadlineOf(fields, f);
  if (encoding === 'listpackex') {
    const triples = [...fields].flatMap(([f, v]) => [f, v, String(at(f) ?? 0)]);
    return (
      String.fromCharCode(TYPE.hashListpackEx) +
      saveMillis(registered ?? 0) +
      saveString(encodeListpack(triples))
    );
  }
  const min = Math.min(...[...fields.keys()].map((f) => at(f) ?? Number.POSITIVE_INFINITY));
  return (
    String.fromCharCode(TYPE.hashMetadata) +
    saveMillis(min) +
    saveLen(fields.size) +
    [...fields]
      .map(([f, v]) => {
        const d = at(f);
        return saveLen(d === undefined ? 0 : d - min + 1) + saveString(f) + saveString(v);
      })
      .join('')
  );
}

/** The value part of a payload for an entry, given the encoding OBJECT ENCODING reports. */
function saveValue(
  e: Entry,
  encoding: string,
  sortedZset: (z: ZSet) => readonly (readonly [string, number])[],
  format: DumpFormat,
): string {
  switch (e.type) {
    case 'string':
      return String.fromCharCode(TYPE.string) + saveString(e.str);
    case 'list': {
      const nodes = listNodes(e.coll, format.listFill);
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
      if (encoding === 'listpack')
        return String.fromCharCode(TYPE.setListpack) + saveString(encodeListpack([...members]));
      return String.fromCharCode(TYPE.set) + saveLen(members.size) + [...members].map(saveString).join('');
    }
    case 'hash': {
      const fields = e.coll;
      if (format.modern && (encoding === 'listpackex' || (memberTtls(fields)?.at.size ?? 0) > 0))
        return saveHashWithTtls(fields, encoding, format.registered ?? null);
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
          saveString(
            encodeListpack(pairs.flatMap(([m, s]) => [m, format.modern ? d2string74(s) : d2string(s)])),
          )
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
  format: DumpFormat = DUMP_70,
): string {
  const v = format.rdbVersion;
  const body = saveValue(e, encoding, sortedZset, format) + String.fromCharCode(v & 0xff, v >> 8);
  return body + crc64Bytes(body);
}

/** `payload` with the footer a server of `rdbVersion` writes: its version bytes, then the CRC-64 again. */
export function stampPayload(payload: string, rdbVersion: number): string {
  const body = payload.slice(0, -10) + String.fromCharCode(rdbVersion & 0xff, rdbVersion >> 8);
  return body + crc64Bytes(body);
}

/** verifyDumpPayload: the version is not newer than the server's and the checksum matches. */
export function verifyPayload(p: string, rdbVersion = RDB_VERSION): boolean {
  if (p.length < 10) return false;
  const version = p.charCodeAt(p.length - 10) | (p.charCodeAt(p.length - 9) << 8);
  if (version > rdbVersion) return false;
  return crc64Bytes(p.slice(0, -8)) === p.slice(-8);
}
