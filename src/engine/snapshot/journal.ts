import type { Engine } from '../engine.ts';
import type { SavedClient } from './client.ts';
import type { EffectRecord, RecordBase, ReplayStart } from './log.ts';
import { captureConfig, captureCounters, type SavedEntry, saveKey } from './snapshot.ts';

/**
 * What a write-ahead log record (log.ts) is made of, read from the engine: the keys touched since
 * the last record, the server's small state, and where a batch of lines starts.
 */

/** Which keys changed since the last record; fed by the keyspace observer. */
export class Journal {
  /**
   * The keys touched, a set per database: a million keys expiring together touch a million keys, and
   * a string and an object per key (a `db\0key` id) were most of the collector's work then.
   */
  private readonly touched = new Map<number, Set<string>>();
  private touchedCount = 0;
  private readonly flushed = new Set<number>();
  private readonly dbs = new Set<number>();
  private scriptsSeen = -1;
  private functionsSeen = -1;
  private cap = Number.POSITIVE_INFINITY;
  /** More keys were touched than the cap: which ones is no longer known (a command record holds them). */
  overflowed = false;

  touch(db: number, key: string): void {
    if (this.touchedCount >= this.cap) this.overflowed = true;
    else {
      let keys = this.touched.get(db);
      if (keys === undefined) {
        keys = new Set();
        this.touched.set(db, keys);
      }
      const before = keys.size;
      keys.add(key);
      this.touchedCount += keys.size - before;
    }
    this.dbs.add(db);
  }

  /** Stops listing keys past `n` until the next clear or take (a batch of lines that can be replayed). */
  limit(n: number): void {
    this.cap = n;
  }

  flush(db: number): void {
    this.touchedCount -= this.touched.get(db)?.size ?? 0;
    this.touched.delete(db);
    this.flushed.add(db);
    this.dbs.add(db);
  }

  get pendingKeys(): number {
    return this.touchedCount;
  }

  get dirty(): boolean {
    return this.touchedCount > 0 || this.flushed.size > 0 || this.overflowed;
  }

  /**
   * Whether the key changes would make a big record: more than `maxKeys` keys, or more than
   * `maxBytes` of their current values (the memory estimate, read without encoding anything).
   */
  exceeds(engine: Engine, maxKeys: number, maxBytes: number): boolean {
    if (this.overflowed || this.touchedCount > maxKeys) return true;
    let bytes = 0;
    for (const [db, keys] of this.touched) {
      const dict = engine.ks.dbAt(db)?.dict;
      for (const key of keys) {
        bytes += dict?.get(key)?.bytes ?? key.length;
        if (bytes > maxBytes) return true;
      }
    }
    return false;
  }

  /** Forgets what was pending (a snapshot or a command record holds it). */
  clear(engine: Engine): void {
    this.reset();
    this.scriptsSeen = engine.scriptsVersion;
    this.functionsSeen = engine.functionsVersion;
  }

  private reset(): void {
    this.touched.clear();
    this.touchedCount = 0;
    this.flushed.clear();
    this.dbs.clear();
    this.cap = Number.POSITIVE_INFINITY;
    this.overflowed = false;
  }

  /** The scripts and the function libraries, those that changed since the last record. */
  scripts(engine: Engine): Pick<RecordBase, 'scripts' | 'functions'> {
    const changed = {
      ...(engine.scriptsVersion !== this.scriptsSeen && { scripts: engine.scriptBodies() }),
      ...(engine.functionsVersion !== this.functionsSeen && { functions: engine.functionCodes() }),
    };
    this.scriptsSeen = engine.scriptsVersion;
    this.functionsSeen = engine.functionsVersion;
    return changed;
  }

  /** The key changes since the last call, read from `engine` as it is now. */
  take(engine: Engine): Pick<EffectRecord, 'flushed' | 'upserts' | 'deletes' | 'seqs'> {
    if (this.overflowed) throw new Error('the journal lost count of the keys touched');
    const upserts: { db: number; entry: SavedEntry }[] = [];
    const deletes: { db: number; key: string }[] = [];
    for (const [db, keys] of this.touched) {
      const dict = engine.ks.dbAt(db)?.dict;
      for (const key of keys) {
        const e = dict?.get(key);
        if (e === undefined) deletes.push({ db, key });
        else upserts.push({ db, entry: saveKey(engine.ks, e) });
      }
    }
    const seqs = [...this.dbs].map((db) => ({ db, seq: engine.ks.dbAt(db)?.dict.lastSeq ?? 0 }));
    const flushed = [...this.flushed];
    this.reset();
    return { flushed, upserts, deletes, seqs };
  }
}

/** The server's small state now, for a record. */
export function serverState(
  engine: Engine,
): Pick<RecordBase, 'time' | 'config' | 'counters' | 'randomState' | 'luaRandom' | 'compat'> {
  return {
    compat: engine.compat,
    time: engine.clock.now(),
    config: captureConfig(engine),
    counters: captureCounters(engine),
    randomState: engine.random.state,
    luaRandom: engine.luaRandom.state,
  };
}

/** Where a batch of lines starts (taken before they run). */
export function replayStart(engine: Engine, client: SavedClient): ReplayStart {
  return {
    client,
    randomState: engine.random.state,
    luaRandom: engine.luaRandom.state,
    counters: captureCounters(engine),
  };
}

/** The keys in every database and their memory estimate: what a replay must reproduce. */
export function keyTotals(engine: Engine): { keysAfter: number; bytesAfter: number } {
  let keys = 0;
  for (const db of engine.ks.dbs) keys += db.dict.size;
  return { keysAfter: keys, bytesAfter: engine.ks.usedBytes };
}
