import {
  type Collection,
  type Millis,
  NO_EXPIRY,
  type StringEncoding,
  type StringValue,
  type Value,
  type ValueType,
} from './value.ts';

/** Rough bytes per key beyond its key and value (dict entry, object header, expires entry). */
export const ENTRY_OVERHEAD_BYTES = 64;

/** What every key has, whatever it holds. */
interface KeyRecord {
  readonly key: string;
  readonly seq: number;
  readonly expiresAt: Millis;
  /** Index in `db.volatile`, or -1. */
  readonly slot: number;
  /** Deleted or expired; a dead entry's value is released (blank), whatever its type says. */
  readonly dead: boolean;
  readonly bytes: number;
  readonly lru: number;
}

/**
 * A stored key: its record and its value, as one tagged union; narrowing on `type` gives the
 * payload, which commands may edit in place. Only the keyspace changes the type an entry holds
 * (setString, overwrite): after such a call a command uses the entry it returns, not an old narrowing.
 */
export type Entry = KeyRecord & Value;
export type StringEntry = KeyRecord & StringValue;
export type EntryOf<T extends ValueType> = Extract<Entry, { readonly type: T }>;

/**
 * The one runtime shape of every entry (one hidden class for all types, so lookups stay
 * monomorphic): the fields of whichever value it holds are set, the others blank.
 */
export class StoredEntry {
  type: ValueType = 'string';
  str = '';
  enc: StringEncoding = 'auto';
  coll: Collection | null = null;
  expiresAt: Millis = NO_EXPIRY;
  slot = -1;
  dead = false;
  bytes = 0;
  /** When the key was last looked up (ms): OBJECT IDLETIME (Redis's LRU clock, 1 s resolution). */
  lru = 0;
  constructor(
    readonly key: string,
    readonly seq: number,
  ) {}
}

/** The entry's fields as the keyspace writes them (the union's view hides the blank ones). */
export function stored(e: Entry): StoredEntry {
  return e as unknown as StoredEntry;
}

/** True for a stored entry (as opposed to a reply or anything else a lookup helper may return). */
export function isEntry(x: unknown): x is Entry {
  return x instanceof StoredEntry;
}
