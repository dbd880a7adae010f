import type { Config } from './config.ts';
import { isListpackEx } from './field-expiry.ts';
import { parseInt64 } from './int64.ts';
import type { Collection, Entry, RSet, StringEntry } from './keyspace.ts';
import { encodeEntry } from './rdb/listpack.ts';

/**
 * OBJECT ENCODING as Redis 7.0 reports it for the engine's representations, and the size limits
 * (redis.conf defaults) at which Redis moves a collection to its "big" encoding. DUMP, OBJECT
 * ENCODING and the key table's rows all ask here.
 */

/**
 * The CONFIG limits a collection's encoding follows (Config holds them; these are the defaults).
 * Redis converts at write time, so a lowered limit shows on a key at its next write; here an
 * unconverted collection is judged by the limits of now, which agrees except in between.
 */
export type EncodingLimits = Pick<
  Config,
  | 'hashMaxListpackEntries'
  | 'hashMaxListpackValue'
  | 'setMaxIntsetEntries'
  | 'zsetMaxListpackEntries'
  | 'zsetMaxListpackValue'
>;

/** hash-max-listpack-entries / hash-max-listpack-value. */
export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;
/** set-max-intset-entries. */
export const SET_MAX_INTSET_ENTRIES = 512;
/** zset-max-listpack-entries / zset-max-listpack-value. */
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;

export const DEFAULT_LIMITS: EncodingLimits = {
  hashMaxListpackEntries: HASH_MAX_LISTPACK_ENTRIES,
  hashMaxListpackValue: HASH_MAX_LISTPACK_VALUE,
  setMaxIntsetEntries: SET_MAX_INTSET_ENTRIES,
  zsetMaxListpackEntries: ZSET_MAX_LISTPACK_ENTRIES,
  zsetMaxListpackValue: ZSET_MAX_LISTPACK_VALUE,
};

/**
 * Collections Redis has moved to its "big" encoding (hashtable, skiplist). The conversion is
 * one-way: deleting members later never brings back listpack or intset, so it is remembered here
 * rather than derived from the contents.
 */
const converted = new WeakSet<object>();

export function markConverted(c: Collection): void {
  converted.add(c);
}

export function isConverted(c: Collection): boolean {
  return converted.has(c);
}

/** A copy keeps the encoding (COPY duplicates the object as it is). */
export function copyEncoding(from: Collection, to: Collection): void {
  if (converted.has(from)) converted.add(to);
  if (beyondListpack.has(from)) beyondListpack.add(to);
}

/** set-max-listpack-entries / set-max-listpack-value (Redis 7.2 and later). */
export const SET_MAX_LISTPACK_ENTRIES = 128;
export const SET_MAX_LISTPACK_VALUE = 64;
/** list-max-listpack-size -2: a list is one listpack up to 8 KB (7.2 and later). */
export const LIST_MAX_LISTPACK_BYTES = 8192;

/**
 * Sets that Redis 7.2+ would hold in a hashtable: since 7.2 a set that leaves intset goes to a
 * listpack first, and to a hashtable only past 128 members or with a member over 64 bytes. Both
 * histories are kept, so either server's OBJECT ENCODING can be answered.
 */
const beyondListpack = new WeakSet<object>();

/** A converted set that 7.2+ would hold in a hashtable (a snapshot keeps this history). */
export function isBeyondListpack(c: Collection): boolean {
  return beyondListpack.has(c);
}

export function markBeyondListpack(c: Collection): void {
  beyondListpack.add(c);
}

/**
 * For a save made before this history was kept: where a converted set's contents alone say 7.2+
 * would hold it (members removed since it grew are not known).
 */
export function looksBeyondListpack(s: RSet): boolean {
  if (s.size > SET_MAX_LISTPACK_ENTRIES) return true;
  for (const m of s) if (m.length > SET_MAX_LISTPACK_VALUE) return true;
  return false;
}

/** After `member` joined set `s` (setTypeAdd): note where 7.2+ would now keep it. */
export function noteSetAdd(s: RSet, member: string): void {
  if (!converted.has(s) || beyondListpack.has(s)) return;
  if (s.size > SET_MAX_LISTPACK_ENTRIES || member.length > SET_MAX_LISTPACK_VALUE) beyondListpack.add(s);
}

/**
 * OBJECT ENCODING as Redis 7.2 and later report it: small lists and sets are listpacks. A list's
 * size is measured now; Redis converts a quicklist back only once it shrinks to half the limit,
 * which is not modelled.
 */
export function modernEncodingName(e: Entry, limits: EncodingLimits = DEFAULT_LIMITS): string {
  switch (e.type) {
    case 'list':
      return listpackBytes(e.coll) <= LIST_MAX_LISTPACK_BYTES ? 'listpack' : 'quicklist';
    case 'set':
      if (!converted.has(e.coll)) return encodingName(e, limits);
      return beyondListpack.has(e.coll) ? 'hashtable' : 'listpack';
    default:
      return encodingName(e, limits);
  }
}

/** The bytes of a listpack holding `items` (header, entries, end byte), stopping past the list limit. */
function listpackBytes(items: readonly string[]): number {
  let n = 7;
  for (const item of items) {
    n += encodeEntry(item).length;
    if (n > LIST_MAX_LISTPACK_BYTES) break;
  }
  return n;
}

/** True for members an intset can hold (string2ll accepts them). */
export function isIntMember(m: string): boolean {
  return m.length <= 20 && parseInt64(m) !== null;
}

/** `OBJECT ENCODING` of a string entry (object.c tryObjectEncoding rules). */
export function stringEncoding(e: StringEntry): 'int' | 'embstr' | 'raw' {
  if (e.enc === 'raw') return 'raw';
  if (e.enc === 'auto' && e.str.length <= 20 && parseInt64(e.str) !== null) return 'int';
  return e.str.length <= 44 ? 'embstr' : 'raw';
}

/** OBJECT ENCODING names as Redis 7.0 reports them for our representations. */
export function encodingName(e: Entry, limits: EncodingLimits = DEFAULT_LIMITS): string {
  switch (e.type) {
    case 'string':
      return stringEncoding(e);
    case 'list':
      return 'quicklist';
    case 'set': {
      const members = e.coll;
      if (isConverted(members)) return 'hashtable';
      if (members.size <= limits.setMaxIntsetEntries && [...members].every(isIntMember)) return 'intset';
      return 'hashtable';
    }
    case 'hash': {
      const fields = e.coll;
      if (isConverted(fields) || fields.size > limits.hashMaxListpackEntries) return 'hashtable';
      const max = limits.hashMaxListpackValue;
      for (const [f, v] of fields) if (f.length > max || v.length > max) return 'hashtable';
      return isListpackEx(fields) ? 'listpackex' : 'listpack';
    }
    case 'zset': {
      const members = e.coll;
      if (isConverted(members) || members.size > limits.zsetMaxListpackEntries) return 'skiplist';
      for (const m of members.keys()) if (m.length > limits.zsetMaxListpackValue) return 'skiplist';
      return 'listpack';
    }
    case 'stream':
      return 'stream';
  }
}
