import { encodeEntry } from './rdb/listpack.ts';

/**
 * A Redis stream (t_stream.c) as Redis lays it out: a radix tree of listpack nodes keyed by their
 * master ID, each holding at most stream-node-max-entries (100) entries and growing until
 * stream-node-max-bytes (4096), with the byte size of every node tracked as its listpack would be,
 * so that approximate trimming removes the same whole nodes, XINFO counts the same radix tree and
 * DUMP writes the same listpacks. Deleted entries stay in their node as tombstones. Consumer groups
 * keep their pending entries lists (PEL) with delivery times on the engine clock.
 */

export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

export const UINT64_MAX = 0xffffffffffffffffn;
export const ZERO_ID: StreamId = { ms: 0n, seq: 0n };
export const MAX_ID: StreamId = { ms: UINT64_MAX, seq: UINT64_MAX };

export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms > b.ms ? 1 : -1;
  if (a.seq !== b.seq) return a.seq > b.seq ? 1 : -1;
  return 0;
}

export const idText = (id: StreamId): string => `${id.ms}-${id.seq}`;
export const isZeroId = (id: StreamId): boolean => id.ms === 0n && id.seq === 0n;

/** streamIncrID: null when the ID cannot grow (the maximum). */
export function incrId(id: StreamId): StreamId | null {
  if (id.seq !== UINT64_MAX) return { ms: id.ms, seq: id.seq + 1n };
  if (id.ms !== UINT64_MAX) return { ms: id.ms + 1n, seq: 0n };
  return null;
}

/** streamDecrID: null when the ID cannot shrink (0-0). */
export function decrId(id: StreamId): StreamId | null {
  if (id.seq !== 0n) return { ms: id.ms, seq: id.seq - 1n };
  if (id.ms !== 0n) return { ms: id.ms - 1n, seq: UINT64_MAX };
  return null;
}

const FLAG_DELETED = 1;
const FLAG_SAMEFIELDS = 2;
/** stream-node-max-bytes and stream-node-max-entries, Redis's defaults. */
export const NODE_MAX_BYTES = 4096;
export const NODE_MAX_ENTRIES = 100;
/** A listpack's header (total bytes, element count) and end byte. */
const LP_OVERHEAD = 7;

export interface StreamItem {
  readonly id: StreamId;
  /** field, value, field, value… */
  readonly fields: readonly string[];
  flags: number;
}

/** One listpack of the radix tree. `bytes` is what lpBytes() would say. */
export interface StreamNode {
  readonly master: StreamId;
  readonly masterFields: readonly string[];
  readonly items: StreamItem[];
  live: number;
  deleted: number;
  bytes: number;
}

const size = (value: string | bigint | number): number => encodeEntry(String(value)).length;
/** An int64 as lpAppendInteger receives a uint64 difference. */
const asInt64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** The listpack elements of one entry, in order (after the master entry). */
export function itemElements(node: StreamNode, item: StreamItem): (string | bigint | number)[] {
  const same = (item.flags & FLAG_SAMEFIELDS) !== 0;
  const out: (string | bigint | number)[] = [
    item.flags,
    asInt64(item.id.ms - node.master.ms),
    asInt64(item.id.seq - node.master.seq),
  ];
  const n = item.fields.length / 2;
  if (!same) out.push(n);
  for (let i = 0; i < item.fields.length; i += 2) {
    if (!same) out.push(item.fields[i] as string);
    out.push(item.fields[i + 1] as string);
  }
  out.push(same ? n + 3 : 2 * n + 4);
  return out;
}

/** Every element of a node's listpack: the master entry, then the entries. */
export function nodeElements(node: StreamNode): (string | bigint | number)[] {
  const out: (string | bigint | number)[] = [node.live, node.deleted, node.masterFields.length];
  out.push(...node.masterFields, 0);
  for (const item of node.items) out.push(...itemElements(node, item));
  return out;
}

export interface Nack {
  readonly id: StreamId;
  deliveryTime: number;
  deliveryCount: bigint;
  consumer: Consumer | null;
}

export interface Consumer {
  readonly name: string;
  seenTime: number;
  /** The consumer's own PEL: the same Nack objects as the group's. */
  readonly pel: Map<string, Nack>;
}

export interface ConsumerGroup {
  lastId: StreamId;
  /** null is SCG_INVALID_ENTRIES_READ (-1). */
  entriesRead: bigint | null;
  readonly pel: Map<string, Nack>;
  readonly consumers: Map<string, Consumer>;
}

/** Names in rax order: byte-wise. */
export function raxOrder<T>(m: Map<string, T>): [string, T][] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A PEL's entries in ID order (the rax keys are the IDs, big endian). */
export function pelOrder(pel: Map<string, Nack>): Nack[] {
  return [...pel.values()].sort((a, b) => compareIds(a.id, b.id));
}

export class Stream {
  readonly nodes: StreamNode[] = [];
  length = 0;
  lastId: StreamId = ZERO_ID;
  firstId: StreamId = ZERO_ID;
  maxDeletedId: StreamId = ZERO_ID;
  entriesAdded = 0n;
  readonly groups = new Map<string, ConsumerGroup>();

  /**
   * streamAppendItem's tail: appends an entry with an ID already checked to be greater than the
   * last, opening a new node when the tail one is full.
   */
  append(id: StreamId, fields: readonly string[]): void {
    let totelelen = 0;
    for (const f of fields) totelelen += f.length;
    let node = this.nodes[this.nodes.length - 1];
    if (node !== undefined) {
      if (node.bytes + totelelen >= NODE_MAX_BYTES || node.live + node.deleted >= NODE_MAX_ENTRIES) {
        node = undefined;
      }
    }
    let flags = 0;
    if (node === undefined) {
      const masterFields = fields.filter((_, i) => i % 2 === 0);
      node = { master: id, masterFields, items: [], live: 0, deleted: 0, bytes: 0 };
      node.bytes = LP_OVERHEAD + nodeElements(node).reduce((n: number, e) => n + size(e), 0);
      this.nodes.push(node);
      flags = FLAG_SAMEFIELDS;
    } else if (fields.length / 2 === node.masterFields.length) {
      if (node.masterFields.every((f, i) => fields[i * 2] === f)) flags = FLAG_SAMEFIELDS;
    }
    this.setCounts(node, node.live + 1, node.deleted);
    const item: StreamItem = { id, fields: [...fields], flags };
    node.items.push(item);
    for (const e of itemElements(node, item)) node.bytes += size(e);
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
    if (this.length === 1) this.firstId = id;
  }

  /** lpReplaceInteger on the master entry's counts, keeping the byte size right. */
  private setCounts(node: StreamNode, live: number, deleted: number): void {
    node.bytes += size(live) - size(node.live) + size(deleted) - size(node.deleted);
    node.live = live;
    node.deleted = deleted;
  }

  private markDeleted(node: StreamNode, item: StreamItem): void {
    const flags = item.flags | FLAG_DELETED;
    node.bytes += size(flags) - size(item.flags);
    item.flags = flags;
  }

  /** The live entries from `start` to `end` (inclusive), forward or backward, at most `count` (0: all). */
  range(start: StreamId, end: StreamId, rev: boolean, count = 0): StreamItem[] {
    const out: StreamItem[] = [];
    if (compareIds(start, end) > 0) return out;
    const nodes = rev ? [...this.nodes].reverse() : this.nodes;
    for (const node of nodes) {
      const items = rev ? [...node.items].reverse() : node.items;
      for (const item of items) {
        if (item.flags & FLAG_DELETED) continue;
        if (compareIds(item.id, start) < 0) {
          if (rev) return out;
          continue;
        }
        if (compareIds(item.id, end) > 0) {
          if (!rev) return out;
          continue;
        }
        out.push(item);
        if (count > 0 && out.length >= count) return out;
      }
    }
    return out;
  }

  /** The live entry with this ID, if any (streamEntryExists). */
  find(id: StreamId): StreamItem | undefined {
    return this.range(id, id, false, 1)[0];
  }

  /** streamGetEdgeID: first or last live ID; MAX_ID / ZERO_ID when there is none. */
  edgeId(first: boolean): StreamId {
    const item = this.range(ZERO_ID, MAX_ID, !first, 1)[0];
    return item?.id ?? (first ? MAX_ID : ZERO_ID);
  }

  /** streamDeleteItem: tombstones the entry (dropping its node when it was the last live one). */
  delete(id: StreamId): boolean {
    for (let n = 0; n < this.nodes.length; n++) {
      const node = this.nodes[n] as StreamNode;
      const item = node.items.find((i) => !(i.flags & FLAG_DELETED) && compareIds(i.id, id) === 0);
      if (item === undefined) continue;
      if (node.live === 1) {
        this.nodes.splice(n, 1);
      } else {
        this.markDeleted(node, item);
        this.setCounts(node, node.live - 1, node.deleted + 1);
      }
      this.length--;
      return true;
    }
    return false;
  }

  /**
   * streamTrim: whole nodes from the head while they fit the strategy, then (unless approximate)
   * tombstones inside the next node; `limit` caps the entries removed (0: no cap).
   */
  trim(strategy: { maxlen: bigint } | { minid: StreamId }, approx: boolean, limit: bigint): number {
    let deleted = 0;
    while (this.nodes.length > 0) {
      const node = this.nodes[0] as StreamNode;
      if ('maxlen' in strategy && BigInt(this.length) <= strategy.maxlen) break;
      if (limit > 0n && BigInt(deleted + node.live) > limit) break;
      const last = (node.items[node.items.length - 1] as StreamItem).id;
      const removeNode =
        'maxlen' in strategy
          ? BigInt(this.length - node.live) >= strategy.maxlen
          : compareIds(last, strategy.minid) < 0;
      if (removeNode) {
        this.nodes.shift();
        this.length -= node.live;
        deleted += node.live;
        continue;
      }
      if (approx) break;
      let fromNode = 0;
      for (const item of node.items) {
        const stop =
          'maxlen' in strategy
            ? BigInt(this.length) <= strategy.maxlen
            : compareIds(item.id, strategy.minid) >= 0;
        if (stop) break;
        if (!(item.flags & FLAG_DELETED)) {
          this.markDeleted(node, item);
          fromNode++;
          this.length--;
        }
      }
      deleted += fromNode;
      this.setCounts(node, node.live - fromNode, node.deleted + fromNode);
      break;
    }
    if (this.length === 0) this.firstId = ZERO_ID;
    else if (deleted > 0) this.firstId = this.edgeId(true);
    return deleted;
  }

  /**
   * rax numnodes for the node keys (16-byte big-endian master IDs): Redis's radix tree compresses
   * single-child chains, so a root, every branching point, every key and every chain hanging off a
   * branch is one node.
   */
  radixTreeNodes(): number {
    const keys = this.nodes.map((n) => keyBytes(n.master));
    return keys.length === 0 ? 1 : subtreeNodes(keys, 0);
  }
}

function keyBytes(id: StreamId): number[] {
  const out: number[] = [];
  for (const part of [id.ms, id.seq])
    for (let i = 7; i >= 0; i--) out.push(Number((part >> BigInt(8 * i)) & 0xffn));
  return out;
}

/** Nodes of the compressed trie rooted at `depth` for sorted, distinct keys sharing their first `depth` bytes. */
function subtreeNodes(keys: readonly number[][], depth: number): number {
  const first = keys[0] as number[];
  if (depth === first.length) return 1;
  let common = 0;
  while (depth + common < first.length && keys.every((k) => k[depth + common] === first[depth + common]))
    common++;
  const at = depth + common;
  // A chain of shared bytes is one compressed node; then a key (leaf) or a branching node.
  let nodes = common > 0 ? 1 : 0;
  if (at === first.length) return nodes + 1;
  nodes += 1;
  let i = 0;
  while (i < keys.length) {
    const b = (keys[i] as number[])[at];
    let j = i;
    while (j < keys.length && (keys[j] as number[])[at] === b) j++;
    nodes += subtreeNodes(keys.slice(i, j), at + 1);
    i = j;
  }
  return nodes;
}

/** A deep copy (COPY): nodes, counters, groups, consumers and their shared NACKs. */
export function cloneStream(s: Stream): Stream {
  const c = new Stream();
  for (const n of s.nodes) {
    c.nodes.push({ ...n, items: n.items.map((i) => ({ ...i })) });
  }
  c.length = s.length;
  c.lastId = s.lastId;
  c.firstId = s.firstId;
  c.maxDeletedId = s.maxDeletedId;
  c.entriesAdded = s.entriesAdded;
  for (const [name, g] of s.groups) {
    const group: ConsumerGroup = {
      lastId: g.lastId,
      entriesRead: g.entriesRead,
      pel: new Map(),
      consumers: new Map(),
    };
    for (const [cname, consumer] of g.consumers) {
      group.consumers.set(cname, { name: cname, seenTime: consumer.seenTime, pel: new Map() });
    }
    for (const [key, nack] of g.pel) {
      const owner = nack.consumer ? (group.consumers.get(nack.consumer.name) ?? null) : null;
      const copy: Nack = { ...nack, consumer: owner };
      group.pel.set(key, copy);
      owner?.pel.set(key, copy);
    }
    c.groups.set(name, group);
  }
  return c;
}

/** The approximate byte size of a stream for the memory estimate. */
export function streamBytes(s: Stream): number {
  let n = 0;
  for (const node of s.nodes) n += node.bytes + 32;
  for (const g of s.groups.values()) n += 64 + g.pel.size * 48 + g.consumers.size * 64;
  return n;
}

export const isDeleted = (item: StreamItem): boolean => (item.flags & FLAG_DELETED) !== 0;
