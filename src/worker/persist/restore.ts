import { CliSession } from '../../engine/cli-session.ts';
import type { Engine } from '../../engine/engine.ts';
import { isDbIndex } from '../../engine/keyspace.ts';
import type { LogRecord } from '../../engine/snapshot/log.ts';
import { applyRecord } from '../../engine/snapshot/replay.ts';
import { type PlaygroundSnapshot, restoreEngine, type SavedLine } from '../../engine/snapshot/snapshot.ts';
import { MAX_REPEAT } from '../sessions.ts';
import type { VirtualClock } from '../virtual-clock.ts';
import { MAX_SAVED_LINES } from './persistence.ts';

/**
 * Puts a saved playground back in the worker: the snapshot, then each log record in order (a
 * command record's lines run again on a console connection of their own), then the
 * clock where the last record left it (not the wall clock: keys do not expire while the tab was
 * closed) and the console's database. (The open docs page is the host's: store-link.ts.)
 */

export interface RestoreTarget {
  readonly clock: VirtualClock;
  /** Replaces the engine with a new one that `fill` sets up before anything observes it. */
  rebuild(fill: (engine: Engine) => void): Engine;
  selectDb(db: number): void;
}

export interface Restored {
  readonly keys: number;
  readonly time: number;
  readonly rate: number;
  readonly paused: boolean;
  readonly lines: readonly SavedLine[];
  /** Replayed batches of lines that did not leave the keys they first did (should be none). */
  readonly differed: number;
}

export function restorePlayground(
  target: RestoreTarget,
  snapshot: PlaygroundSnapshot,
  records: readonly LogRecord[] = [],
): Restored {
  const last = records.at(-1);
  const time = last?.time ?? snapshot.engine.time;
  const clock = last?.clock ?? snapshot.clock;
  let lines: SavedLine[] = snapshot.transcript?.slice() ?? [];
  for (const r of records) {
    if (r.cleared) lines = [];
    if (r.lines.length > 0) lines = lines.concat(r.lines);
  }
  // The records' key changes happened at their own times; replay them with the clock at the snapshot's.
  target.clock.restore(snapshot.engine.time, clock.rate, true);
  let differed = 0;
  const replay = {
    at: <T>(t: number, fn: () => T): T => target.clock.at(t, fn),
    console: (e: Engine) => new CliSession(e, { maxRepeat: MAX_REPEAT }),
  };
  const engine = target.rebuild((e) => {
    restoreEngine(e, snapshot.engine);
    for (const r of records) if (!applyRecord(e, r, replay)) differed++;
  });
  target.clock.takeSlept();
  target.clock.restore(time, clock.rate, clock.paused);
  const db = last?.selectedDb ?? snapshot.selectedDb;
  target.selectDb(isDbIndex(db) ? db : 0);
  let keys = 0;
  for (const d of engine.ks.dbs) keys += d.dict.size;
  return {
    keys,
    time,
    rate: clock.rate,
    paused: clock.paused,
    lines: lines.slice(-MAX_SAVED_LINES),
    differed,
  };
}
