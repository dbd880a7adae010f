import { ManualClock } from '../engine/clock.ts';
import { Engine } from '../engine/engine.ts';
import { type Collection, type Db, type Entry, NO_EXPIRY } from '../engine/keyspace.ts';

/**
 * A copy of a server frozen at its current instant, to ask questions of without changing the
 * original: a lesson's "try it yourself" check runs its commands here, so a probe that touches a
 * stale key expires it in the copy only, and the learner's keyspace, events and stats stay as they
 * were. Stale keys are copied as they are (still stored, past their deadline), so DBSIZE and KEYS
 * see what they would see on the original.
 */
export function forkEngine(source: Engine): Engine {
  const fork = new Engine({ clock: new ManualClock(source.clock.now()), table: source.table });
  Object.assign(fork.config, source.config);
  Object.assign(fork.ks.stats, source.ks.stats);
  Object.assign(fork.stats, source.stats);
  Object.assign(fork.expiry, source.expiry);
  for (const db of source.ks.dbs) {
    const into = fork.ks.db(db.id);
    into.avgTtl = db.avgTtl;
    for (const e of db.dict.values()) copyEntry(fork, into, e);
  }
  return fork;
}

function copyEntry(fork: Engine, into: Db, e: Entry): void {
  const copy = fork.ks.add(into, e.key, e.type);
  copy.str = e.str;
  copy.enc = e.enc;
  copy.coll = copyCollection(e.coll);
  fork.ks.usedBytes += e.bytes - copy.bytes;
  copy.bytes = e.bytes;
  if (e.expiresAt !== NO_EXPIRY) fork.ks.setExpire(into, copy, e.expiresAt);
}

function copyCollection(c: Collection | null): Collection | null {
  if (c === null) return null;
  if (Array.isArray(c)) return c.slice();
  if (c instanceof Set) return new Set(c);
  return new Map(c as Map<string, string>) as Collection;
}
