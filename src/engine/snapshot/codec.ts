import { looksBeyondListpack } from '../encodings.ts';
import type { Value } from '../keyspace.ts';
import { ByteReader, ByteWriter, crc32, FormatError } from './byte-io.ts';
import {
  readCompat,
  readConfig,
  readCounters,
  readDoc,
  readEntry,
  readLine,
  writeCompat,
  writeConfig,
  writeCounters,
  writeDoc,
  writeEntry,
  writeLine,
} from './codec-parts.ts';
import { readOld, upgrade1, upgrade3 } from './codec-v1.ts';
import type { EngineState, PlaygroundSnapshot, SavedDb, SavedEntry, SavedLine } from './snapshot.ts';
import { validateEngineState } from './validate.ts';

/**
 * The snapshot's bytes: `EXPG`, the format version (varint), the body, and a CRC-32 of all that.
 * A reader exists for every version ever written; an older body is read by its own reader and then
 * brought up to date by `upgrade` steps, one version at a time, so old saves and old links keep
 * opening. A newer version than this build knows, a damaged checksum or a body that does not parse
 * is refused with a SnapshotError that says which.
 *
 * Format 4 can be written as a stream (stream.ts writes it in slices while keys keep changing): the
 * small state first, then each database as its keys one by one, each flagged as present and
 * numbered by its creation number's gap from the previous one, ended by a zero flag; the expires
 * index follows its keys, or is left out (a restore shuffles it again).
 */

/**
 * 1: the first. 2: function libraries. 3: the server it answers as, member deadlines, field
 * counters. 4: written as a stream, keys with creation numbers, the Lua generator (codec-v1.ts
 * reads 1 to 3). 5: which converted sets went past 7.2's listpack limits (the body of 4 with one
 * more flag; `upgrade4` judges older saves by their contents).
 */
export const SNAPSHOT_VERSION = 5;
const MAGIC = [0x45, 0x58, 0x50, 0x47]; // "EXPG"

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

export interface SnapshotFormats {
  readonly current: number;
  /** Reads the body of each version into that version's model. */
  readonly read: Readonly<Record<number, (r: ByteReader) => unknown>>;
  /** `upgrade[v]` turns a version-v model into a version-(v+1) one. */
  readonly upgrade: Readonly<Record<number, (old: unknown) => unknown>>;
}

export const FORMATS: SnapshotFormats = {
  current: SNAPSHOT_VERSION,
  read: { 1: readOld(1), 2: readOld(2), 3: readOld(3), 4: readV4, 5: readV4 },
  upgrade: { 1: upgrade1, 2: (old) => old, 3: upgrade3, 4: upgrade4 },
};

/** Everything but the keys: what a stream writes first. */
export type SnapshotHead = Omit<PlaygroundSnapshot, 'engine'> & { readonly engine: Omit<EngineState, 'dbs'> };

export function encodeSnapshot(s: PlaygroundSnapshot): Uint8Array {
  const w = new ByteWriter(1024 + estimateSize(s));
  writeHead(w, s);
  for (const db of s.engine.dbs) {
    writeDbStart(w, db);
    let seq = 0;
    for (const e of db.entries) {
      writeKey(w, e, e.value, seq);
      seq = e.seq;
    }
    writeDbEnd(w, db.seq, db.volatile);
  }
  w.u8(0);
  return sealed(w.finish());
}

/** The bytes with their CRC-32 after them. */
function sealed(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32(body));
  return out;
}

/** The magic, the version and the small state. */
export function writeHead(w: ByteWriter, s: SnapshotHead): void {
  for (const b of MAGIC) w.u8(b);
  w.uint(SNAPSHOT_VERSION);
  const e = s.engine;
  w.f64(e.time);
  w.f64(e.startedAt);
  w.u32(e.randomState);
  w.f64(e.luaRandom);
  writeConfig(w, e.config);
  writeCounters(w, e.counters);
  w.uint(e.scripts.length);
  for (const body of e.scripts) w.bytes(body);
  w.uint(e.functions.length);
  for (const f of e.functions) w.bytes(f);
  writeCompat(w, e.compat ?? 'redis-7.0');
  w.f64(s.clock.rate);
  w.bool(s.clock.paused);
  w.uint(s.selectedDb);
  w.bool(s.doc !== undefined);
  if (s.doc) writeDoc(w, s.doc);
  w.bool(s.transcript !== undefined);
  if (s.transcript) {
    w.uint(s.transcript.length);
    for (const l of s.transcript) writeLine(w, l);
  }
}

export function writeDbStart(w: ByteWriter, db: Pick<SavedDb, 'id' | 'expiresCursor' | 'avgTtl'>): void {
  w.u8(1);
  w.uint(db.id);
  w.uint(db.expiresCursor);
  w.f64(db.avgTtl);
}

/** One key, after the one numbered `prevSeq`. */
export function writeKey(w: ByteWriter, e: Omit<SavedEntry, 'value'>, value: Value, prevSeq: number): void {
  w.u8(1);
  w.uint(e.seq - prevSeq);
  writeEntry(w, e, value);
}

export function writeDbEnd(w: ByteWriter, seq: number, volatile: readonly number[] | null): void {
  w.u8(0);
  w.uint(seq);
  w.bool(volatile !== null);
  if (volatile === null) return;
  w.uint(volatile.length);
  for (const i of volatile) w.uint(i);
}

/** The end of the databases; the CRC-32 of everything before follows. */
export function writeEnd(w: ByteWriter): void {
  w.u8(0);
}

/** The version a snapshot says it has, or null when it is not one. */
export function snapshotVersion(bytes: Uint8Array): number | null {
  if (bytes.length < 9 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
  try {
    return new ByteReader(bytes.subarray(4)).uint();
  } catch {
    return null;
  }
}

export function decodeSnapshot(bytes: Uint8Array, formats: SnapshotFormats = FORMATS): PlaygroundSnapshot {
  const version = snapshotVersion(bytes);
  if (version === null) throw new SnapshotError('this is not a saved playground');
  if (version > formats.current) {
    throw new SnapshotError(`it was made by a newer version of the playground (format ${version})`);
  }
  const end = bytes.length - 4;
  if (new DataView(bytes.buffer, bytes.byteOffset).getUint32(end) !== crc32(bytes, 0, end)) {
    throw new SnapshotError('it is damaged (checksum mismatch)');
  }
  const read = formats.read[version];
  if (read === undefined) throw new SnapshotError(`format ${version} can no longer be read`);
  const r = new ByteReader(bytes.subarray(0, end));
  let model: unknown;
  try {
    for (let i = 0; i < 4; i++) r.u8();
    r.uint();
    model = read(r);
    if (r.remaining !== 0) throw new FormatError('there are bytes after the end');
  } catch (e) {
    if (e instanceof FormatError) throw new SnapshotError(`it does not parse (${e.message})`);
    throw e;
  }
  for (let v = version; v < formats.current; v++) {
    const step = formats.upgrade[v];
    if (step === undefined) throw new SnapshotError(`there is no upgrade from format ${v}`);
    model = step(model);
  }
  const snapshot = model as PlaygroundSnapshot;
  const invalid = validateEngineState(snapshot.engine);
  if (invalid !== null) throw new SnapshotError(`it does not parse (${invalid})`);
  return snapshot;
}

function estimateSize(s: PlaygroundSnapshot): number {
  let keys = 0;
  for (const db of s.engine.dbs) keys += db.entries.length;
  return Math.min(keys * 32, 1 << 28);
}

/** Format 4 did not keep which sets went past 7.2's listpack limits: their contents tell. */
function upgrade4(old: unknown): PlaygroundSnapshot {
  const s = old as PlaygroundSnapshot;
  const judged = (e: SavedEntry): SavedEntry =>
    e.converted && e.value.type === 'set' && looksBeyondListpack(e.value.coll)
      ? { ...e, beyondListpack: true }
      : e;
  return {
    ...s,
    engine: { ...s.engine, dbs: s.engine.dbs.map((db) => ({ ...db, entries: db.entries.map(judged) })) },
  };
}

function readV4(r: ByteReader): PlaygroundSnapshot {
  const time = r.f64();
  const startedAt = r.f64();
  const randomState = r.u32();
  const luaRandom = r.f64();
  const config = readConfig(r);
  const counters = readCounters(r);
  const scripts: string[] = [];
  for (let n = r.count(), i = 0; i < n; i++) scripts.push(r.bytes());
  const functions: string[] = [];
  for (let n = r.count(), i = 0; i < n; i++) functions.push(r.bytes());
  const compat = readCompat(r);
  const rate = r.f64();
  const paused = r.bool();
  const selectedDb = r.uint();
  const doc = r.bool() ? readDoc(r) : undefined;
  let transcript: SavedLine[] | undefined;
  if (r.bool()) {
    transcript = [];
    for (let n = r.count(6), i = 0; i < n; i++) transcript.push(readLine(r));
  }
  const dbs: SavedDb[] = [];
  while (r.bool()) dbs.push(readDb(r));
  if (!Number.isFinite(time) || !Number.isFinite(startedAt)) throw new FormatError('the clock is not a time');
  if (!Number.isSafeInteger(luaRandom) || luaRandom < 0 || luaRandom >= 2 ** 48) {
    throw new FormatError('the Lua generator is out of range');
  }
  if (!(rate > 0 && rate <= 1000)) throw new FormatError(`the clock rate ${rate} is out of range`);
  return {
    engine: {
      time,
      startedAt,
      randomState,
      luaRandom,
      config,
      scripts,
      functions,
      dbs,
      counters,
      ...(compat !== 'redis-7.0' ? { compat } : {}),
    },
    clock: { rate, paused },
    selectedDb,
    ...(doc ? { doc } : {}),
    ...(transcript ? { transcript } : {}),
  };
}

function readDb(r: ByteReader): SavedDb {
  const id = r.uint();
  const expiresCursor = r.uint();
  const avgTtl = r.f64();
  const entries: SavedEntry[] = [];
  let seq = 0;
  while (r.bool()) {
    seq += r.uint();
    entries.push(readEntry(r, seq));
  }
  const last = r.uint();
  let volatile: number[] | null = null;
  if (r.bool()) {
    volatile = [];
    for (let n = r.count(), i = 0; i < n; i++) volatile.push(r.uint());
  }
  return { id, entries, volatile, seq: last, expiresCursor, avgTtl };
}
