import type { Stream } from './stream.ts';

/** What a key can hold: the value types the keyspace stores (keyspace.ts re-exports them). */

/**
 * How OBJECT ENCODING will describe a string: `auto` is "int" when the text is a canonical int64,
 * else embstr/raw by length; `raw` after APPEND/SETRANGE; `nonint` for INCRBYFLOAT results, which
 * Redis never turns into an int.
 */
export type StringEncoding = 'auto' | 'raw' | 'nonint';

/** Absolute unix ms; a bigint only beyond 2^53 (deadlines go up to 2^63-1). */
export type Millis = number | bigint;
export const NO_EXPIRY = -1;

/** Lists are plain arrays; hashes and sorted sets Maps in listpack (insertion) order. */
export type List = string[];
export type Hash = Map<string, string>;
export type RSet = Set<string>;
/** Member → score. */
export type ZSet = Map<string, number>;

/** The collection each non-string type is held in. */
export interface Collections {
  list: List;
  hash: Hash;
  set: RSet;
  zset: ZSet;
  stream: Stream;
}
export type CollectionType = keyof Collections;
export type ValueType = 'string' | CollectionType;
export type Collection = Collections[CollectionType];

/** What a key holds, tagged with its type: narrowing on `type` gives the payload's own type. */
export interface StringValue {
  readonly type: 'string';
  str: string;
  enc: StringEncoding;
}
export type CollectionValue = {
  [T in CollectionType]: { readonly type: T; coll: Collections[T] };
}[CollectionType];
export type Value = StringValue | CollectionValue;
