import {
  type Consumer,
  type ConsumerGroup,
  idText,
  type Nack,
  nodeElements,
  pelOrder,
  raxOrder,
  Stream,
  type StreamId,
  type StreamItem,
  type StreamNode,
} from '../stream.ts';
import { decodeListpack, encodeEntry, listpackOfEntries } from './listpack.ts';
import type { Reader } from './load.ts';
import { saveString } from './payload.ts';

/**
 * Streams in DUMP payloads (rdb.c, RDB_TYPE_STREAM_LISTPACKS_2): each node's listpack as Redis
 * holds it, the stream's counters, then every consumer group with its PEL and consumers.
 */

export const RDB_TYPE_STREAM = 19;

/** rdbSaveLen for a uint64. */
function saveLen64(n: bigint): string {
  const v = BigInt.asUintN(64, n);
  if (v < 64n) return String.fromCharCode(Number(v));
  if (v < 16384n) return String.fromCharCode(0x40 | Number(v >> 8n), Number(v & 0xffn));
  const width = v <= 0xffffffffn ? 4 : 8;
  let s = width === 4 ? '\x80' : '\x81';
  for (let i = width - 1; i >= 0; i--) s += String.fromCharCode(Number((v >> BigInt(8 * i)) & 0xffn));
  return s;
}

/** A stream ID as a rax key: ms then seq, big endian. */
function rawId(id: StreamId): string {
  let s = '';
  for (const part of [id.ms, id.seq])
    for (let i = 7; i >= 0; i--) s += String.fromCharCode(Number((part >> BigInt(8 * i)) & 0xffn));
  return s;
}

function readRawId(raw: string): StreamId {
  let ms = 0n;
  let seq = 0n;
  for (let i = 0; i < 8; i++) ms = (ms << 8n) | BigInt(raw.charCodeAt(i));
  for (let i = 8; i < 16; i++) seq = (seq << 8n) | BigInt(raw.charCodeAt(i));
  return { ms, seq };
}

/** rdbSaveMillisecondTime: an int64, little endian. */
function msTime(t: number): string {
  let v = BigInt.asUintN(64, BigInt(Math.trunc(t)));
  let s = '';
  for (let i = 0; i < 8; i++) {
    s += String.fromCharCode(Number(v & 0xffn));
    v >>= 8n;
  }
  return s;
}

export function saveStream(s: Stream): string {
  let out = String.fromCharCode(RDB_TYPE_STREAM) + saveLen64(BigInt(s.nodes.length));
  for (const node of s.nodes) {
    const elements = nodeElements(node).map((e) => encodeEntry(String(e)));
    out += saveString(rawId(node.master)) + saveString(listpackOfEntries(elements, elements.length));
  }
  for (const v of [BigInt(s.length), s.lastId.ms, s.lastId.seq, s.firstId.ms, s.firstId.seq])
    out += saveLen64(v);
  out += saveLen64(s.maxDeletedId.ms) + saveLen64(s.maxDeletedId.seq) + saveLen64(s.entriesAdded);
  out += saveLen64(BigInt(s.groups.size));
  for (const [name, g] of raxOrder(s.groups)) {
    out +=
      saveString(name) + saveLen64(g.lastId.ms) + saveLen64(g.lastId.seq) + saveLen64(g.entriesRead ?? -1n);
    const pel = pelOrder(g.pel);
    out += saveLen64(BigInt(pel.length));
    for (const n of pel) out += rawId(n.id) + msTime(n.deliveryTime) + saveLen64(n.deliveryCount);
    out += saveLen64(BigInt(g.consumers.size));
    for (const [cname, c] of raxOrder(g.consumers)) {
      const own = pelOrder(c.pel);
      out += saveString(cname) + msTime(c.seenTime) + saveLen64(BigInt(own.length));
      for (const n of own) out += rawId(n.id);
    }
  }
  return out;
}

/** A node back from its key and listpack: master entry, then entries with their flags. */
function loadNode(key: string, blob: string): StreamNode | null {
  const els = decodeListpack(blob);
  if (els === null || key.length !== 16) return null;
  const master = readRawId(key);
  const num = (i: number): bigint | null => (/^-?\d+$/.test(els[i] ?? '') ? BigInt(els[i] as string) : null);
  const live = num(0);
  const deleted = num(1);
  const nfields = num(2);
  if (live === null || deleted === null || nfields === null || nfields < 0n) return null;
  const masterFields = els.slice(3, 3 + Number(nfields));
  let p = 3 + Number(nfields) + 1;
  const items: StreamItem[] = [];
  while (p < els.length) {
    const flags = num(p);
    const ms = num(p + 1);
    const seq = num(p + 2);
    if (flags === null || ms === null || seq === null) return null;
    p += 3;
    const same = (flags & 2n) !== 0n;
    const n = same ? masterFields.length : Number(num(p++) ?? -1);
    if (n < 0) return null;
    const fields: string[] = [];
    for (let i = 0; i < n; i++) {
      fields.push(same ? (masterFields[i] as string) : (els[p++] as string));
      fields.push(els[p++] as string);
    }
    p++;
    if (p > els.length) return null;
    const id = { ms: BigInt.asUintN(64, master.ms + ms), seq: BigInt.asUintN(64, master.seq + seq) };
    items.push({ id, fields, flags: Number(flags) });
  }
  return { master, masterFields, items, live: Number(live), deleted: Number(deleted), bytes: blob.length };
}

/** rdbLoadObject for a stream; null where Redis reports a corrupt payload. */
export function loadStream(r: Reader): Stream | null {
  const s = new Stream();
  const nodes = r.count();
  if (nodes === null) return null;
  for (let i = 0; i < nodes; i++) {
    const key = r.string();
    const blob = key === null ? null : r.string();
    const node = key === null || blob === null ? null : loadNode(key, blob);
    if (node === null || node.items.length === 0) return null;
    s.nodes.push(node);
  }
  const v = (): bigint | null => r.len64();
  const counters = [v(), v(), v(), v(), v(), v(), v(), v()];
  if (counters.some((c) => c === null)) return null;
  const [length, lms, lseq, fms, fseq, dms, dseq, added] = counters as bigint[];
  s.length = Number(length);
  s.lastId = { ms: lms as bigint, seq: lseq as bigint };
  s.firstId = { ms: fms as bigint, seq: fseq as bigint };
  s.maxDeletedId = { ms: dms as bigint, seq: dseq as bigint };
  s.entriesAdded = added as bigint;
  if (s.length > 0 && s.nodes.length === 0) return null;
  const groups = r.count();
  if (groups === null) return null;
  for (let i = 0; i < groups; i++) {
    const group = loadGroup(r);
    if (group === null || s.groups.has(group.name)) return null;
    s.groups.set(group.name, group.group);
  }
  return s;
}

function loadGroup(r: Reader): { name: string; group: ConsumerGroup } | null {
  const name = r.string();
  const ms = r.len64();
  const seq = r.len64();
  const read = r.len64();
  const pelSize = r.count();
  if (name === null || ms === null || seq === null || read === null || pelSize === null) return null;
  const group: ConsumerGroup = {
    lastId: { ms, seq },
    entriesRead: read === 0xffffffffffffffffn ? null : read,
    pel: new Map(),
    consumers: new Map(),
  };
  for (let i = 0; i < pelSize; i++) {
    const raw = r.bytes(16);
    const time = r.bytes(8);
    const count = r.len64();
    if (raw === null || time === null || count === null) return null;
    const id = readRawId(raw);
    const nack: Nack = { id, deliveryTime: readMsTime(time), deliveryCount: count, consumer: null };
    if (group.pel.has(idText(id))) return null;
    group.pel.set(idText(id), nack);
  }
  const consumers = r.count();
  if (consumers === null) return null;
  for (let i = 0; i < consumers; i++) {
    const cname = r.string();
    const seen = r.bytes(8);
    const own = r.count();
    if (cname === null || seen === null || own === null) return null;
    const consumer: Consumer = { name: cname, seenTime: readMsTime(seen), pel: new Map() };
    for (let j = 0; j < own; j++) {
      const raw = r.bytes(16);
      const nack = raw === null ? undefined : group.pel.get(idText(readRawId(raw)));
      // Redis refuses a consumer PEL entry missing from the group's PEL.
      if (nack === undefined) return null;
      nack.consumer = consumer;
      consumer.pel.set(idText(nack.id), nack);
    }
    group.consumers.set(cname, consumer);
  }
  // A pending entry no consumer owns would leave XPENDING without a name to show.
  for (const nack of group.pel.values()) if (nack.consumer === null) return null;
  return { name, group };
}

function readMsTime(raw: string): number {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(raw.charCodeAt(i));
  return Number(BigInt.asIntN(64, v));
}
