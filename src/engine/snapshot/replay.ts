import type { CliSession } from '../cli-session.ts';
import type { Engine } from '../engine.ts';
import { type Db, NO_EXPIRY } from '../keyspace.ts';
import { applyClient } from './client.ts';
import { keyTotals } from './journal.ts';
import type { CommandRecord, EffectRecord, LogRecord } from './log.ts';
import { applyCounters, loadEntry, loadedValue, registerFields, type SavedEntry } from './snapshot.ts';

/**
 * Replays log records onto a restored engine (no observer, no events). An effect record puts each
 * key as it finally was: in place when the entry it names is there (same creation number), else
 * as a new entry, the new ones in creation order, so the keys' order (KEYS, SCAN, RANDOMKEY) is the
 * original's. A command record runs its lines again, each at the virtual time it first ran at, on
 * a console connection set up as it was; the engine being exactly as it was before them (keys and
 * their order, CONFIG, scripts, both generators, counters), they do exactly what they did.
 */

export interface ReplayHost {
  /** Runs `fn` with the engine's clock reading `t` (DEBUG SLEEP inside moves it on). */
  at<T>(t: number, fn: () => T): T;
  /** A console connection to `engine` as the playground opens one. */
  console(engine: Engine): CliSession;
}

/** Applies one record; false when a command record's lines did not come out as they first did. */
export function applyRecord(engine: Engine, rec: LogRecord, host?: ReplayHost): boolean {
  let same = true;
  if (rec.kind === 'effect') applyEffects(engine, rec);
  else {
    if (!host) throw new Error('a command record needs a replay host');
    same = replayLines(engine, rec, host);
  }
  Object.assign(engine.config, rec.config);
  applyCounters(engine, rec.counters);
  if (rec.scripts) engine.replaceScripts(rec.scripts);
  if (rec.functions) engine.replaceFunctions(rec.functions);
  engine.random.state = rec.randomState;
  engine.luaRandom.state = rec.luaRandom;
  if (rec.compat !== engine.compat) engine.setCompat(rec.compat);
  return same;
}

function applyEffects(engine: Engine, rec: EffectRecord): void {
  const ks = engine.ks;
  for (const id of rec.flushed) {
    const db = ks.dbAt(id);
    if (db) ks.flush(db);
  }
  for (const { db: id, key } of rec.deletes) {
    const db = ks.dbAt(id);
    const e = db?.dict.get(key);
    if (db && e) ks.delete(db, e);
  }
  const created: { db: Db; entry: SavedEntry }[] = [];
  for (const { db: id, entry } of rec.upserts) {
    const db = ks.dbAt(id);
    if (!db) continue;
    const old = db.dict.get(entry.key);
    if (old && (old.seq === entry.seq || entry.seq === 0)) {
      const value = loadedValue(entry);
      ks.reload(db, old, value, entry.expiresAt, entry.bytes);
      registerFields(engine, db, entry, value);
      continue;
    }
    if (old) ks.delete(db, old);
    created.push({ db, entry });
  }
  created.sort((x, y) => x.entry.seq - y.entry.seq);
  for (const { db, entry } of created) {
    const e = loadEntry(engine, db, {
      ...entry,
      expiresAt: NO_EXPIRY,
      seq: entry.seq === 0 ? db.dict.nextSeq() : entry.seq,
    });
    if (entry.expiresAt !== NO_EXPIRY) ks.setExpire(db, e, entry.expiresAt);
  }
  for (const { db, seq } of rec.seqs) ks.dbAt(db)?.dict.resetSeq(seq);
}

function replayLines(engine: Engine, rec: CommandRecord, host: ReplayHost): boolean {
  engine.random.state = rec.before.randomState;
  engine.luaRandom.state = rec.before.luaRandom;
  applyCounters(engine, rec.before.counters);
  const cli = host.console(engine);
  applyClient(cli, rec.before.client);
  for (const line of rec.lines) {
    if (line.local) continue;
    host.at(line.at, () => cli.runLine(line.line, false, () => {}));
  }
  engine.removeClient(cli.client);
  const totals = keyTotals(engine);
  return (
    totals.keysAfter === rec.keysAfter &&
    totals.bytesAfter === rec.bytesAfter &&
    engine.random.state === rec.randomState &&
    engine.luaRandom.state === rec.luaRandom
  );
}
