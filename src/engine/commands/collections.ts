import { parseScanOptions, type ScanOptions, WRONGTYPE } from '../cmdutil.ts';
import type { CommandContext } from '../command.ts';
import { ERR_INVALID_CURSOR } from '../errors.ts';
import { globMatch } from '../glob.ts';
import { parseCursor, parseInt64 } from '../int64.ts';
import {
  type Collection,
  ENTRY_OVERHEAD_BYTES,
  type Entry,
  type Keyspace,
  type ValueType,
} from '../keyspace.ts';
import { array, bulk, bulkArray, error, type Reply } from '../reply.ts';
import { scanCursorErrno } from './strtod.ts';

/** Helpers shared by the hash, set and sorted-set families. */

/** Bytes a member costs on top of its text in the memory estimate (pointers, lengths). */
export const MEMBER_OVERHEAD = 8;

/**
 * Collections Redis has moved to its "big" encoding (hashtable, skiplist). The conversion is
 * one-way: deleting members later never brings back listpack or intset, so it is remembered here
 * rather than derived from the contents.
 */
const converted = new WeakSet<object>();

export function markConverted(c: object): void {
  converted.add(c);
}

export function isConverted(c: object): boolean {
  return converted.has(c);
}

/** A copy keeps the encoding (COPY duplicates the object as it is). */
export function copyEncoding(from: object, to: object): void {
  if (converted.has(from)) converted.add(to);
}

/** The typed entry for a key; undefined when missing, WRONGTYPE when it holds something else. */
export function lookupTyped(
  ctx: CommandContext,
  key: string,
  type: ValueType,
  write: boolean,
): Entry | undefined | Reply {
  const e = write ? ctx.ks.lookupWrite(ctx.db, key) : ctx.ks.lookupRead(ctx.db, key);
  if (e === undefined) return undefined;
  return e.type === type ? e : WRONGTYPE;
}

/** Creates a key holding an empty collection (fires `new`). */
export function createCollection<T extends Collection>(
  ctx: CommandContext,
  key: string,
  type: ValueType,
  coll: T,
): Entry {
  const e = ctx.ks.add(ctx.db, key, type);
  e.coll = coll;
  return e;
}

/** An in-place edit changed the payload estimate by `delta` bytes. */
export function payloadChanged(ctx: CommandContext, e: Entry, delta: number): void {
  const payload = e.bytes - ENTRY_OVERHEAD_BYTES - e.key.length + delta;
  ctx.ks.collectionChanged(ctx.db, e, payload);
}

/** After removals: deletes the key when its collection became empty, with the `del` event. */
export function deleteIfEmpty(ctx: CommandContext, e: Entry, size: number): boolean {
  if (size > 0) return false;
  ctx.ks.delete(ctx.db, e);
  ctx.ks.notify(ctx.db.id, e.key, 'del', 'g');
  return true;
}

/**
 * setKey for the *STORE commands: `key` ends up holding `coll` whatever it held before, without a
 * TTL. An existing key is overwritten in place (no `new` event, as dbOverwrite).
 */
export function storeCollection(
  ctx: CommandContext,
  key: string,
  type: ValueType,
  coll: Collection,
  payload: number,
): Entry {
  const { ks, db } = ctx;
  let e = ks.lookupWrite(db, key);
  if (e === undefined) {
    e = ks.add(db, key, type);
  } else {
    ks.persist(db, e);
    e.type = type;
    e.str = '';
    e.enc = 'auto';
  }
  e.coll = coll;
  ks.collectionChanged(db, e, payload);
  return e;
}

/**
 * dbDelete for a destination that ends up empty (the *STORE commands, BITOP): no expiry check
 * first, so a key whose TTL has passed but is still stored is deleted with `del`, not `expired`.
 */
export function deleteStored(ctx: CommandContext, key: string): void {
  const e = ctx.db.dict.get(key);
  if (e === undefined) return;
  ctx.ks.delete(ctx.db, e);
  ctx.ks.notify(ctx.db.id, key, 'del', 'g');
}

/** True for members an intset can hold (string2ll accepts them). */
export function isIntMember(m: string): boolean {
  return m.length <= 20 && parseInt64(m) !== null;
}

/** The cursor argument of HSCAN/SSCAN/ZSCAN, checked before the key is looked up. */
export function scanCursor(ks: Keyspace, arg: string): Reply | undefined {
  scanCursorErrno(ks, arg);
  return parseCursor(arg) === null ? error(ERR_INVALID_CURSOR) : undefined;
}

/** scanGenericCommand's options for a collection: COUNT (validated, unused here) and MATCH. */
export function scanOptions(argv: readonly string[], from: number): ScanOptions | Reply {
  return parseScanOptions(argv, from, false);
}

/**
 * The reply of a scan that returns the whole collection at once, as Redis does for listpack and
 * intset encodings: cursor 0 and the matching members (with their values when `pairs`).
 */
export function wholeScanReply(items: readonly string[], pattern: string | undefined, pairs: boolean): Reply {
  const out: string[] = [];
  const step = pairs ? 2 : 1;
  for (let i = 0; i < items.length; i += step) {
    const m = items[i] as string;
    if (pattern !== undefined && !globMatch(pattern, m)) continue;
    out.push(m);
    if (pairs) out.push(items[i + 1] as string);
  }
  return array([bulk('0'), bulkArray(out)]);
}
