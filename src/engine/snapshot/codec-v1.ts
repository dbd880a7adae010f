import { RAND48_DEFAULT } from '../scripting/rand48.ts';
import { type ByteReader, FormatError } from './byte-io.ts';
import { readConfig, readCounters, readDoc, readEntry, readLine } from './codec-parts.ts';
import type { EngineState, PlaygroundSnapshot, SavedDb, SavedEntry, SavedLine } from './snapshot.ts';

/**
 * Formats 1 and 2, read only (saves and links made before format 3): databases with a count of keys
 * and an exact expires index, no creation numbers, no Lua generator; format 2 added the function
 * libraries. `upgradeV1` gives a format 1 model none; `upgradeV2` brings a format 2 model to
 * format 3: keys numbered in their order, the generator at its start.
 */

type V1Db = Omit<SavedDb, 'seq' | 'entries' | 'volatile'> & {
  readonly entries: readonly Omit<SavedEntry, 'seq'>[];
  readonly volatile: readonly number[];
};
type V2Engine = Omit<EngineState, 'luaRandom' | 'dbs'> & { readonly dbs: readonly V1Db[] };
type V2Snapshot = Omit<PlaygroundSnapshot, 'engine'> & { readonly engine: V2Engine };
type V1Snapshot = Omit<PlaygroundSnapshot, 'engine'> & { readonly engine: Omit<V2Engine, 'functions'> };

export const readV1 = (r: ByteReader): V1Snapshot => readOld(r, 1);
export const readV2 = (r: ByteReader): V2Snapshot => readOld(r, 2) as V2Snapshot;

function readOld(r: ByteReader, version: 1 | 2): V1Snapshot | V2Snapshot {
  const engine = readEngineOld(r, version);
  const rate = r.f64();
  const paused = r.bool();
  const selectedDb = r.uint();
  const doc = r.bool() ? readDoc(r) : undefined;
  let transcript: SavedLine[] | undefined;
  if (r.bool()) {
    const n = r.count(6);
    transcript = [];
    for (let i = 0; i < n; i++) transcript.push(readLine(r));
  }
  if (!(rate > 0 && rate <= 1000)) throw new FormatError(`the clock rate ${rate} is out of range`);
  return {
    engine,
    clock: { rate, paused },
    selectedDb,
    ...(doc ? { doc } : {}),
    ...(transcript ? { transcript } : {}),
  };
}

function readEngineOld(r: ByteReader, version: 1 | 2): V2Engine | Omit<V2Engine, 'functions'> {
  const time = r.f64();
  const startedAt = r.f64();
  const randomState = r.u32();
  const config = readConfig(r);
  const counters = readCounters(r);
  const scripts: string[] = [];
  for (let n = r.count(), i = 0; i < n; i++) scripts.push(r.bytes());
  const functions: string[] = [];
  if (version === 2) for (let n = r.count(), i = 0; i < n; i++) functions.push(r.bytes());
  const dbs: V1Db[] = [];
  for (let n = r.count(4), i = 0; i < n; i++) dbs.push(readDbV1(r));
  if (!Number.isFinite(time) || !Number.isFinite(startedAt)) throw new FormatError('the clock is not a time');
  const state = { time, startedAt, randomState, config, scripts, dbs, counters };
  return version === 2 ? { ...state, functions } : state;
}

function readDbV1(r: ByteReader): V1Db {
  const id = r.uint();
  const expiresCursor = r.uint();
  const avgTtl = r.f64();
  const entries: Omit<SavedEntry, 'seq'>[] = [];
  for (let n = r.count(4), i = 0; i < n; i++) entries.push(readEntry(r, 0));
  const volatile: number[] = [];
  for (let n = r.count(), i = 0; i < n; i++) volatile.push(r.uint());
  return { id, entries, volatile, expiresCursor, avgTtl };
}

/** Format 2 added the function libraries; a format 1 save had none. */
export function upgradeV1(old: unknown): V2Snapshot {
  const s = old as V1Snapshot;
  return { ...s, engine: { ...s.engine, functions: [] } };
}

export function upgradeV2(old: unknown): PlaygroundSnapshot {
  const s = old as V2Snapshot;
  return {
    ...s,
    engine: {
      ...s.engine,
      luaRandom: RAND48_DEFAULT,
      dbs: s.engine.dbs.map((db) => ({
        ...db,
        entries: db.entries.map((e, i) => ({ ...e, seq: i + 1 })),
        seq: db.entries.length,
      })),
    },
  };
}
