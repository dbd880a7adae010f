import { parseInt64 } from './int64.ts';
import type { Collection, Entry, StringEntry } from './keyspace.ts';

/**
 * OBJECT ENCODING as Redis 7.0 reports it for the engine's representations, and the size limits
 * (redis.conf defaults) at which Redis moves a collection to its "big" encoding. DUMP, OBJECT
 * ENCODING and the key table's rows all ask here.
 */

/** hash-max-listpack-entries / hash-max-listpack-value. */
export const HASH_MAX_LISTPACK_ENTRIES = 512;
export const HASH_MAX_LISTPACK_VALUE = 64;
/** set-max-intset-entries. */
export const SET_MAX_INTSET_ENTRIES = 512;
/** zset-max-listpack-entries / zset-max-listpack-value. */
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;

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
export function encodingName(e: Entry): string {
  switch (e.type) {
    case 'string':
      return stringEncoding(e);
    case 'list':
      return 'quicklist';
    case 'set': {
      const members = e.coll;
      if (isConverted(members)) return 'hashtable';
      if (members.size <= SET_MAX_INTSET_ENTRIES && [...members].every(isIntMember)) return 'intset';
      return 'hashtable';
    }
    case 'hash': {
      const fields = e.coll;
      if (isConverted(fields) || fields.size > HASH_MAX_LISTPACK_ENTRIES) return 'hashtable';
      for (const [f, v] of fields) {
        if (f.length > HASH_MAX_LISTPACK_VALUE || v.length > HASH_MAX_LISTPACK_VALUE) return 'hashtable';
      }
      return 'listpack';
    }
    case 'zset': {
      const members = e.coll;
      if (isConverted(members) || members.size > ZSET_MAX_LISTPACK_ENTRIES) return 'skiplist';
      for (const m of members.keys()) if (m.length > ZSET_MAX_LISTPACK_VALUE) return 'skiplist';
      return 'listpack';
    }
    case 'stream':
      return 'stream';
  }
}
