import type { Db } from './db.ts';
import type { Entry } from './entry.ts';
import type { EventCause, EventClass } from './events.ts';
import type { Millis, ValueType } from './value.ts';

/** `fields`: a hash or set deleted because its last member expired (field-expiry.ts). */
export type RemovalReason = 'command' | 'lazy' | 'active' | 'flush' | 'fields';

/** Receives every change to the keyspace (the worker turns these into diffs for the UI). */
export interface KeyspaceObserver {
  changed(db: number, key: string): void;
  /** `entry` is the removed entry; `deadline` the deadline it had (NO_EXPIRY for none). */
  removed(db: number, key: string, reason: RemovalReason, entry: Entry, deadline: Millis): void;
  flushed(db: number): void;
}

/**
 * What the server above the keyspace must hear of (db.c's hooks): signalModifiedKey for WATCH,
 * signalKeyAsReady when a key is created (blocked BLPOP/BZPOPMIN clients), and a database about to
 * be emptied (touchAllWatchedKeysInDb).
 */
export interface KeyspaceHooks {
  modified(db: Db, key: string): void;
  added(db: Db, key: string, type: ValueType): void;
  flushing(db: Db): void;
  /**
   * SWAPDB (dbSwapDatabases): `swapping` before the contents change places (touchAllWatchedKeysInDb
   * both ways), `swapped` after (scanDatabaseForReadyKeys on both).
   */
  swapping(a: Db, b: Db): void;
  swapped(a: Db, b: Db): void;
}

export type EmitFn = (db: number, key: string, event: string, cls: EventClass, cause: EventCause) => void;
