import type { Compat } from '../compat.ts';
import type { StringEncoding, Value } from '../keyspace.ts';
import { Reader } from '../rdb/load.ts';
import { loadStream, saveStream } from '../rdb/stream-payload.ts';
import { ByteReader, ByteWriter, crc32, FormatError } from './byte-io.ts';
import { readMemberTtls, writeMemberTtls } from './codec-members.ts';
import { readDoc, readLine, writeDoc, writeLine } from './codec-page.ts';
import {
  type EngineState,
  type PlaygroundSnapshot,
  type SavedConfig,
  type SavedCounters,
  type SavedDb,
  type SavedEntry,
  type SavedLine,
  validateEngineState,
} from './snapshot.ts';

/**
 * The snapshot's bytes: `EXPG`, the format version (varint), the body, and a CRC-32 of all that.
 * A reader exists for every version ever written; an older body is read by its own reader and then
 * brought up to date by `upgrade` steps, one version at a time, so old saves and old links keep
 * opening. A newer version than this build knows, a damaged checksum or a body that does not parse
 * is refused with a SnapshotError that says which.
 */

/**
 * 1: the first. 2: function libraries. 3: the server it answers as (redis-7.0, redis-7.4,
 * dragonfly), deadlines of single hash fields and set members, and the field-expiry counters. The
 * readers, told a body's version, fill in what format 3 added (Redis 7.0, no member deadlines, zero
 * counters), so the step from 2 has nothing left to do.
 */
export const SNAPSHOT_VERSION = 3;
/** The format (of snapshots and of log records alike) that added the server and member deadlines. */
export const SERVERS_SINCE = 3;
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
  read: { 1: (r) => readBody(r, 1), 2: (r) => readBody(r, 2), 3: (r) => readBody(r, 3) },
  // Format 2 added the function libraries; a format 1 save had none.
  upgrade: { 1: (old) => withFunctions(old as SnapshotV1), 2: (old) => old },
};

/** A format 1 model: the engine state had no function libraries. */
type SnapshotV1 = Omit<PlaygroundSnapshot, 'engine'> & { engine: Omit<EngineState, 'functions'> };

function withFunctions(old: SnapshotV1): PlaygroundSnapshot {
  return { ...old, engine: { ...old.engine, functions: [] } };
}

export function encodeSnapshot(s: PlaygroundSnapshot): Uint8Array {
  const w = new ByteWriter(1024 + estimateSize(s));
  for (const b of MAGIC) w.u8(b);
  w.uint(SNAPSHOT_VERSION);
  writeBody(w, s);
  const body = w.finish();
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32(body));
  return out;
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

// ---- versions 1 to 3 ------------------------------------------------------------------------

/** Value types by tag; a new type is appended, so older tags keep their meaning. */
const TYPES = ['string', 'list', 'hash', 'set', 'zset', 'stream'] as const;
const STRING_ENCODINGS: readonly StringEncoding[] = ['auto', 'raw', 'nonint'];
const NO_DEADLINE = 0;
const NUMBER_DEADLINE = 1;
const BIG_DEADLINE = 2;
/** Index = the byte a version-3 body writes. */
const COMPAT_CODES: readonly Compat[] = ['redis-7.0', 'redis-7.4', 'dragonfly'];
/** In an entry's type byte (version 3): member deadlines follow the value. */
const MEMBER_TTLS = 0x40;

function writeBody(w: ByteWriter, s: PlaygroundSnapshot): void {
  writeEngine(w, s.engine);
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

/** The body of format 1, 2 or 3 (which differ only in the engine state, see readEngine). */
function readBody(r: ByteReader, version: number): PlaygroundSnapshot | SnapshotV1 {
  const engine = readEngine(r, version);
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

export function writeEngine(w: ByteWriter, e: EngineState): void {
  w.f64(e.time);
  w.f64(e.startedAt);
  w.u32(e.randomState);
  writeConfig(w, e.config);
  writeCounters(w, e.counters);
  w.uint(e.scripts.length);
  for (const s of e.scripts) w.bytes(s);
  w.uint(e.functions.length);
  for (const f of e.functions) w.bytes(f);
  w.uint(e.dbs.length);
  for (const db of e.dbs) writeDb(w, db);
  writeCompat(w, e.compat ?? 'redis-7.0');
}

/** The engine state as format `version` wrote it (format 1 had no function libraries). */
export function readEngine(r: ByteReader, version: 1): Omit<EngineState, 'functions'>;
export function readEngine(r: ByteReader, version?: 2 | 3): EngineState;
export function readEngine(r: ByteReader, version: number): EngineState | Omit<EngineState, 'functions'>;
export function readEngine(
  r: ByteReader,
  version: number = SNAPSHOT_VERSION,
): EngineState | Omit<EngineState, 'functions'> {
  const time = r.f64();
  const startedAt = r.f64();
  const randomState = r.u32();
  const config = readConfig(r);
  const counters = readCounters(r, version);
  const scripts: string[] = [];
  for (let n = r.count(), i = 0; i < n; i++) scripts.push(r.bytes());
  const functions: string[] = [];
  if (version >= 2) for (let n = r.count(), i = 0; i < n; i++) functions.push(r.bytes());
  const dbs: SavedDb[] = [];
  for (let n = r.count(4), i = 0; i < n; i++) dbs.push(readDb(r, version));
  const compat = version >= SERVERS_SINCE ? readCompat(r) : 'redis-7.0';
  if (!Number.isFinite(time) || !Number.isFinite(startedAt)) throw new FormatError('the clock is not a time');
  const state = {
    time,
    startedAt,
    randomState,
    config,
    scripts,
    dbs,
    counters,
    ...(compat !== 'redis-7.0' ? { compat } : {}),
  };
  return version >= 2 ? { ...state, functions } : state;
}

export function writeCompat(w: ByteWriter, c: Compat): void {
  w.u8(COMPAT_CODES.indexOf(c));
}

export function readCompat(r: ByteReader): Compat {
  const code = r.u8();
  const c = COMPAT_CODES[code];
  if (c === undefined) throw new FormatError(`unknown server ${code}`);
  return c;
}

export function writeConfig(w: ByteWriter, c: SavedConfig): void {
  w.uint(c.hz);
  w.uint(c.activeExpireEffort);
  w.uint(c.notifyFlags);
  w.f64(c.maxmemory);
  w.bool(c.activeExpireEnabled);
}

export function readConfig(r: ByteReader): SavedConfig {
  const c = {
    hz: r.uint(),
    activeExpireEffort: r.uint(),
    notifyFlags: r.uint(),
    maxmemory: r.f64(),
    activeExpireEnabled: r.bool(),
  };
  const bad = c.hz < 1 || c.hz > 500 || c.activeExpireEffort < 1 || c.activeExpireEffort > 10;
  if (bad || !(c.maxmemory >= 0)) {
    throw new FormatError('a CONFIG value is out of range');
  }
  return c;
}

const COUNTER_INTS = [
  'totalCommands',
  'errorReplies',
  'expiredKeys',
  'keyspaceHits',
  'keyspaceMisses',
  'activeCycle',
  'cyclesRun',
  'timeCapReachedCount',
  'currentDb',
] as const;

export function writeCounters(w: ByteWriter, k: SavedCounters): void {
  for (const name of COUNTER_INTS) w.uint(k[name]);
  w.f64(k.staleEstimate);
  w.f64(k.cycleTimeUsedUs);
  w.f64(k.lastFastCycleUs);
  w.bool(k.timeLimitExit);
  w.uint(k.expiredSubkeys);
  w.uint(k.fieldCurrentDb);
  w.uint(k.fieldSequence);
}

export function readCounters(r: ByteReader, version = SNAPSHOT_VERSION): SavedCounters {
  const ints = {} as Record<(typeof COUNTER_INTS)[number], number>;
  for (const name of COUNTER_INTS) ints[name] = r.uint();
  const rest = {
    staleEstimate: r.f64(),
    cycleTimeUsedUs: r.f64(),
    lastFastCycleUs: r.f64(),
    timeLimitExit: r.bool(),
  };
  if (version < SERVERS_SINCE)
    return { ...ints, ...rest, expiredSubkeys: 0, fieldCurrentDb: 0, fieldSequence: 0 };
  const fields = { expiredSubkeys: r.uint(), fieldCurrentDb: r.uint(), fieldSequence: r.uint() };
  if (fields.fieldCurrentDb > 15)
    throw new FormatError('the field pass is in a database that does not exist');
  return { ...ints, ...rest, ...fields };
}

function writeDb(w: ByteWriter, db: SavedDb): void {
  w.uint(db.id);
  w.uint(db.expiresCursor);
  w.f64(db.avgTtl);
  w.uint(db.entries.length);
  for (const e of db.entries) writeEntry(w, e);
  w.uint(db.volatile.length);
  for (const i of db.volatile) w.uint(i);
}

function readDb(r: ByteReader, version: number): SavedDb {
  const id = r.uint();
  const expiresCursor = r.uint();
  const avgTtl = r.f64();
  const entries: SavedEntry[] = [];
  for (let n = r.count(4), i = 0; i < n; i++) entries.push(readEntry(r, version));
  const volatile: number[] = [];
  for (let n = r.count(), i = 0; i < n; i++) volatile.push(r.uint());
  return { id, entries, volatile, expiresCursor, avgTtl };
}

export function writeEntry(w: ByteWriter, e: SavedEntry): void {
  w.bytes(e.key);
  const deadline = e.expiresAt;
  if (deadline === -1) w.u8(NO_DEADLINE);
  else if (typeof deadline === 'bigint') {
    w.u8(BIG_DEADLINE);
    w.i64(deadline);
  } else {
    w.u8(NUMBER_DEADLINE);
    w.f64(deadline);
  }
  w.uint(e.bytes);
  w.u8(TYPES.indexOf(e.value.type) | (e.converted ? 0x80 : 0) | (e.memberTtls ? MEMBER_TTLS : 0));
  writeValue(w, e.value);
  if (e.memberTtls) writeMemberTtls(w, e.memberTtls);
}

export function readEntry(r: ByteReader, version = SNAPSHOT_VERSION): SavedEntry {
  const key = r.bytes();
  const tag = r.u8();
  let expiresAt: number | bigint;
  if (tag === NO_DEADLINE) expiresAt = -1;
  else if (tag === BIG_DEADLINE) expiresAt = r.i64();
  else if (tag === NUMBER_DEADLINE) expiresAt = r.f64();
  else throw new FormatError(`unknown deadline tag ${tag}`);
  const bytes = r.uint();
  const typeTag = r.u8();
  const withTtls = version >= SERVERS_SINCE && (typeTag & MEMBER_TTLS) !== 0;
  const type = TYPES[typeTag & (withTtls ? 0x3f : 0x7f)];
  if (type === undefined) throw new FormatError(`unknown value type ${typeTag & 0x7f}`);
  const entry = { key, expiresAt, bytes, converted: (typeTag & 0x80) !== 0, value: readValue(r, type) };
  return withTtls ? { ...entry, memberTtls: readMemberTtls(r) } : entry;
}

function writeValue(w: ByteWriter, v: Value): void {
  switch (v.type) {
    case 'string':
      w.u8(STRING_ENCODINGS.indexOf(v.enc));
      w.bytes(v.str);
      return;
    case 'list':
    case 'set':
      w.uint(v.type === 'list' ? v.coll.length : v.coll.size);
      for (const m of v.coll) w.bytes(m);
      return;
    case 'hash':
      w.uint(v.coll.size);
      for (const [f, x] of v.coll) {
        w.bytes(f);
        w.bytes(x);
      }
      return;
    case 'zset':
      w.uint(v.coll.size);
      for (const [m, score] of v.coll) {
        w.bytes(m);
        w.f64(score);
      }
      return;
    case 'stream':
      // Redis's own RDB form (rdb/stream-payload.ts): nodes, IDs, groups, consumers and PELs.
      w.bytes(saveStream(v.coll));
      return;
  }
}

function readValue(r: ByteReader, type: (typeof TYPES)[number]): Value {
  switch (type) {
    case 'string': {
      const enc = STRING_ENCODINGS[r.u8()];
      if (enc === undefined) throw new FormatError('unknown string encoding');
      return { type, str: r.bytes(), enc };
    }
    case 'list': {
      const coll: string[] = [];
      for (let n = r.count(), i = 0; i < n; i++) coll.push(r.bytes());
      return { type, coll };
    }
    case 'set': {
      const coll = new Set<string>();
      for (let n = r.count(), i = 0; i < n; i++) coll.add(r.bytes());
      return { type, coll };
    }
    case 'hash': {
      const coll = new Map<string, string>();
      for (let n = r.count(2), i = 0; i < n; i++) coll.set(r.bytes(), r.bytes());
      return { type, coll };
    }
    case 'zset': {
      const coll = new Map<string, number>();
      for (let n = r.count(9), i = 0; i < n; i++) {
        const m = r.bytes();
        const score = r.f64();
        if (Number.isNaN(score)) throw new FormatError('a score is NaN');
        coll.set(m, score);
      }
      return { type, coll };
    }
    case 'stream': {
      const coll = loadStream(new Reader(r.bytes(), 1));
      if (coll === null) throw new FormatError('a stream is damaged');
      return { type, coll };
    }
  }
}
