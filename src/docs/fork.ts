import { type Clock, ManualClock } from '../engine/clock.ts';
import { copyEncoding } from '../engine/encodings.ts';
import { Engine } from '../engine/engine.ts';
import { adoptTtls, copyTtls, registeredAt } from '../engine/field-expiry.ts';
import { type Collection, type Db, type Entry, NO_EXPIRY } from '../engine/keyspace.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';

export interface ForkOptions {
  /** The copy's clock; by default one frozen at the source's current instant. */
  readonly clock?: Clock;
  readonly scripting?: ScriptVmFactory;
}

/**
 * A copy of a server frozen at its current instant, to ask questions of without changing the
 * original: a lesson's "try it yourself" check runs its commands here, so a probe that touches a
 * stale key expires it in the copy only, and the learner's keyspace, events and stats stay as they
 * were. Stale keys are copied as they are (still stored, past their deadline), so DBSIZE and KEYS
 * see what they would see on the original. The playground's worker also forks the learner's server
 * with a clock of its own, for a page that continues from the learner's keys.
 */
export function forkEngine(source: Engine, options: ForkOptions = {}): Engine {
  const fork = new Engine({
    clock: options.clock ?? new ManualClock(source.clock.now()),
    compat: source.compat,
    table: source.table,
    ...(options.scripting ? { scripting: options.scripting } : {}),
  });
  Object.assign(fork.config, source.config);
  Object.assign(fork.ks.stats, source.ks.stats);
  Object.assign(fork.stats, source.stats);
  Object.assign(fork.expiry, source.expiry);
  for (const db of source.ks.dbs) {
    const into = fork.ks.db(db.id);
    into.avgTtl = db.avgTtl;
    for (const e of db.dict.values()) copyEntry(source, fork, into, e);
  }
  return fork;
}

function copyEntry(source: Engine, fork: Engine, into: Db, e: Entry): void {
  const copy = fork.ks.addWithValueOf(
    into,
    e.key,
    e,
    e.type === 'string' ? undefined : copyCollection(e.coll),
  );
  if (e.expiresAt !== NO_EXPIRY) fork.ks.setExpire(into, copy, e.expiresAt);
  if (e.type !== 'string') adoptTtls(fork.ks, into, copy, registeredAt(source.ks, e.coll));
}

/** A duplicate with the members' deadlines (field TTLs), which the copy must keep expiring. */
function copyCollection(c: Collection): Collection {
  const copy: Collection = Array.isArray(c)
    ? c.slice()
    : c instanceof Set
      ? new Set(c)
      : (new Map(c as Map<string, string>) as Collection);
  copyEncoding(c, copy);
  copyTtls(c, copy);
  return copy;
}
