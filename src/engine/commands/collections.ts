import { optionName, parseScanOptions, type ScanOptions, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext } from '../command.ts';
import { ERR_INVALID_CURSOR } from '../errors.ts';
import { dropExpiredOnAccess } from '../field-expiry.ts';
import { globMatch } from '../glob.ts';
import { parseCursor, parseInt64 } from '../int64.ts';
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

/**
 * The typed entry for a key; undefined when missing, WRONGTYPE when it holds something else. A hash
 * or set whose member TTLs Dragonfly set loses its expired members first (and, emptied, the key).
 */
export function lookupTyped<T extends ValueType>(
  ctx: CommandContext,
  key: string,
  type: T,
  write: boolean,
): EntryOf<T> | undefined | Reply {
  const e = write ? ctx.ks.lookupWrite(ctx.db, key) : ctx.ks.lookupRead(ctx.db, key);
  if (e === undefined) return undefined;
  if (!isOfType(e, type)) return WRONGTYPE;
  return dropExpiredOnAccess(ctx.ks, ctx.db, e) ? undefined : e;
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

/** How a scan command checks its cursor: an error reply for a bad one (7.0's or 7.4's rules). */
export type CursorCheck = (ks: Keyspace, arg: string) => Reply | undefined;

/** The cursor argument of HSCAN/SSCAN/ZSCAN, checked before the key is looked up. */
export const scanCursor: CursorCheck = (ks, arg) => {
  scanCursorErrno(ks, arg);
  return parseCursor(arg) === null ? error(ERR_INVALID_CURSOR) : undefined;
};

const UINT64_MAX = 2n ** 64n - 1n;

/**
 * Redis 7.4's cursor (string2ull): a canonical integer that is not negative, or else whatever
 * strtoull reads to the very end (leading blanks and a sign allowed: " -1" wraps to 2^64 - 1).
 * Null for a bad cursor; glibc's errno is left as strtoull leaves it.
 */
export function parseCursor74(ks: Keyspace, text: string): bigint | null {
  const ll = parseInt64(text);
  if (ll !== null) return ll < 0 ? null : BigInt(ll);
  const m = /^[\t\n\v\f\r ]*([+-]?)([0-9]+)$/.exec(text);
  const v = m ? BigInt(m[2] as string) : 0n;
  ks.errno.erange = v > UINT64_MAX;
  if (m === null || ks.errno.erange) return null;
  return m[1] === '-' && v !== 0n ? UINT64_MAX + 1n - v : v;
}

export const scanCursor74: CursorCheck = (ks, arg) =>
  parseCursor74(ks, arg) === null ? error(ERR_INVALID_CURSOR) : undefined;

/** scanGenericCommand's options for a collection: COUNT (validated, unused here) and MATCH. */
export function scanOptions(argv: readonly string[], from: number): ScanOptions | Reply {
  return parseScanOptions(argv, from, false);
}

/**
 * Redis 7.4's scan options: also NOVALUES, a lone word that only HSCAN takes (the others answer
 * with their own error), read in turn with the rest.
 */
export function scanOptions74(
  argv: readonly string[],
  from: number,
  kind: 'keys' | 'hash' | 'other',
): (ScanOptions & { readonly noValues: boolean }) | Reply {
  let noValues = false;
  const rest: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const a = arg(argv, i);
    if (optionName(a) !== 'novalues' || rest.length % 2 === 1) {
      rest.push(a);
      continue;
    }
    // What comes before must parse first: its error wins.
    const before = parseScanOptions(rest, 0, kind === 'keys');
    if (!('count' in before)) return before;
    if (kind !== 'hash') return error('ERR NOVALUES option can only be used in HSCAN');
    noValues = true;
  }
  const opts = parseScanOptions(rest, 0, kind === 'keys');
  return 'count' in opts ? { ...opts, noValues } : opts;
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
