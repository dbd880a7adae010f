import type { ClientState } from './command.ts';
import type { Db, DbIndex, Keyspace } from './keyspace.ts';

/**
 * WATCH as Redis 7.0 keeps it (multi.c): per database, each watched key's watchers in the order they
 * watched it; a client's own list of what it watches. A write to a watched key, its lazy or active
 * expiry, or a flush that empties it marks every watcher CLIENT_DIRTY_CAS, so its EXEC answers nil.
 * A key already past its deadline when WATCHed is flagged `expired`: deleting it later is no
 * change, and EXEC does not count it as expired.
 */

export interface WatchedKey {
  readonly client: ClientState;
  /** The database number: watchers stay with the number when SWAPDB swaps contents (multi.c). */
  readonly db: DbIndex;
  readonly key: string;
  /** The key was logically expired when WATCHed (wk->expired). */
  expired: boolean;
}

export class Watches {
  /** Per database number: key → watchers, oldest first (db->watched_keys). */
  private readonly byDb = new Map<number, Map<string, WatchedKey[]>>();
  /** Watched keys over all clients: the keyspace's hooks return at once while it is zero. */
  size = 0;

  /** watchForKey: nothing happens if the client already watches the key in that database. */
  watch(client: ClientState, ks: Keyspace, db: Db, key: string): void {
    if (client.watched.some((w) => w.db === db.id && w.key === key)) return;
    let keys = this.byDb.get(db.id);
    if (keys === undefined) {
      keys = new Map();
      this.byDb.set(db.id, keys);
    }
    let watchers = keys.get(key);
    if (watchers === undefined) {
      watchers = [];
      keys.set(key, watchers);
    }
    const e = db.dict.get(key);
    const wk: WatchedKey = { client, db: db.id, key, expired: e !== undefined && ks.isExpired(e) };
    client.watched.push(wk);
    watchers.push(wk);
    this.size++;
  }

  /** unwatchAllKeys. */
  unwatchAll(client: ClientState): void {
    for (const wk of client.watched) {
      const keys = this.byDb.get(wk.db);
      const watchers = keys?.get(wk.key);
      if (keys === undefined || watchers === undefined) continue;
      const i = watchers.indexOf(wk);
      if (i >= 0) watchers.splice(i, 1);
      if (watchers.length === 0) keys.delete(wk.key);
      this.size--;
    }
    client.watched.length = 0;
  }

  /** touchWatchedKey: `key` in `db` was modified (or deleted, or expired). */
  touch(db: Db, key: string): void {
    const watchers = this.byDb.get(db.id)?.get(key);
    if (watchers === undefined) return;
    for (const wk of [...watchers]) {
      if (wk.expired) {
        if (db.dict.get(key) === undefined) {
          // The expired key is gone now: logically no change.
          wk.expired = false;
          continue;
        }
        // Redis 7.0.15 leaves the loop here, so the watchers after this one stay clean.
        break;
      }
      wk.client.dirtyCas = true;
      this.unwatchAll(wk.client);
    }
  }

  /**
   * touchAllWatchedKeysInDb: `emptied` is being flushed (or swapped with `replacedWith`). Only keys
   * still stored there (or in the replacement) count; the watchers are marked, not unwatched.
   */
  touchAllInDb(ks: Keyspace, emptied: Db, replacedWith: Db | null): void {
    const keys = this.byDb.get(emptied.id);
    if (keys === undefined) return;
    for (const [key, watchers] of keys) {
      const inEmptied = emptied.dict.get(key) !== undefined;
      const replacement = replacedWith?.dict.get(key);
      if (!inEmptied && replacement === undefined) continue;
      for (const wk of watchers) {
        if (wk.expired) {
          if (replacement === undefined) {
            wk.expired = false;
            continue;
          }
          if (ks.isExpired(replacement)) continue;
        } else if (!inEmptied && replacement !== undefined && ks.isExpired(replacement)) {
          wk.expired = true;
          continue;
        }
        wk.client.dirtyCas = true;
      }
    }
  }

  /** isWatchedKeyExpired: a watched key (alive when WATCHed) is past its deadline now. */
  anyExpired(client: ClientState, ks: Keyspace): boolean {
    for (const wk of client.watched) {
      if (wk.expired) continue;
      const e = ks.db(wk.db).dict.get(wk.key);
      if (e !== undefined && ks.isExpired(e)) return true;
    }
    return false;
  }
}
