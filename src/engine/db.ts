import { Dict } from './dict.ts';
import type { Entry } from './keyspace.ts';

/** The number of databases (Redis's `databases` default). */
export const DB_COUNT = 16;
/** A database number that exists: `ks.db(i)` takes only these, so it cannot miss. */
export type DbIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

export function isDbIndex(n: number): n is DbIndex {
  return Number.isInteger(n) && n >= 0 && n < DB_COUNT;
}

export class Db {
  readonly dict = new Dict();
  /** The entries that have a deadline, in random order (see Keyspace.setExpire). */
  readonly volatile: Entry[] = [];
  /** Where the active cycle's next sample starts, like Redis's expires_cursor. */
  expiresCursor = 0;
  /** Running average TTL of sampled volatile keys (INFO keyspace avg_ttl), updated by the active cycle. */
  avgTtl = 0;
  constructor(readonly id: DbIndex) {}
}
