import { parseScanOptions, type ScanOptions, WRONGTYPE } from '../cmdutil.ts';
import type { CommandContext } from '../command.ts';
import { ERR_INVALID_CURSOR } from '../errors.ts';
import { globMatch } from '../glob.ts';
import { parseCursor } from '../int64.ts';
import {
  type Collections,
  type CollectionType,
  ENTRY_OVERHEAD_BYTES,
  type Entry,
  type EntryOf,
  type Keyspace,
  type ValueType,
} from '../keyspace.ts';
import { array, bulk, bulkArray, error, type Reply } from '../reply.ts';
import { scanCursorErrno } from './strtod.ts';

/** Helpers shared by the hash, set and sorted-set families. */

/** Bytes a member costs on top of its text in the memory estimate (pointers, lengths). */
export const MEMBER_OVERHEAD = 8;

/** The typed entry for a key; undefined when missing, WRONGTYPE when it holds something else. */
export function lookupTyped<T extends ValueType>(
  ctx: CommandContext,
  key: string,
  type: T,
  write: boolean,
): EntryOf<T> | undefined | Reply {
  const e = write ? ctx.ks.lookupWrite(ctx.db, key) : ctx.ks.lookupRead(ctx.db, key);
  if (e === undefined) return undefined;
  return isOfType(e, type) ? e : WRONGTYPE;
}

export function isOfType<T extends ValueType>(e: Entry, type: T): e is EntryOf<T> {
  return e.type === type;
}

/** Creates a key holding an empty collection (fires `new`). */
export function createCollection<T extends CollectionType>(
  ctx: CommandContext,
  key: string,
  type: T,
  coll: Collections[T],
): EntryOf<T> {
  return ctx.ks.addCollection(ctx.db, key, type, coll);
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
export function storeCollection<T extends CollectionType>(
  ctx: CommandContext,
  key: string,
  type: T,
  coll: Collections[T],
  payload: number,
): EntryOf<T> {
  const { ks, db } = ctx;
  const found = ks.lookupWrite(db, key);
  const e = found === undefined ? ks.addCollection(db, key, type, coll) : ks.overwrite(db, found, type, coll);
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
