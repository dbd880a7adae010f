import type { Compat } from '../compat.ts';
import { ByteReader, ByteWriter, crc32, FormatError } from './byte-io.ts';
import { readClient, type SavedClient, writeClient } from './client.ts';
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
import { readRecordV1 } from './log-v1.ts';
import type { SavedClock, SavedConfig, SavedCounters, SavedDoc, SavedEntry, SavedLine } from './snapshot.ts';

// The records' making (the journal of touched keys, the server's state) lives in journal.ts.
export { Journal, keyTotals, replayStart, serverState } from './journal.ts';

/**
 * The write-ahead log between two snapshots: one record per frame in which anything changed. Each
 * holds the server's small state after the frame (clock, CONFIG, counters, the random generators'
 * positions, the scripts when they changed), the console lines shown, and the frame's key changes
 * in one of two forms:
 *
 * - `effect`: the final state of every key touched (a value with its creation number, or its
 *   removal) and the databases flushed. Replaying it is idempotent, so it also corrects a snapshot
 *   taken in slices while keys changed (stream.ts).
 * - `command`: the lines themselves, each with the virtual time it ran at, and what they ran on:
 *   the console's connection and the generators as they were before. A frame that touches very many
 *   keys (a 10,000-line paste, a million-key EVAL) is written this way in a few kilobytes instead of
 *   megabytes; replaying it runs the lines again (replay.ts), and the key count and memory they
 *   left are kept to check that the replay came out the same.
 *
 * Records are numbered (`lsn`) across log files; each is framed with its length and CRC-32, so a
 * record torn by a killed tab is recognised and replay stops before it.
 */

/**
 * Records of formats 1 to 3 (log-v1.ts) still replay; 5 is 4 with the entry flag for sets past
 * 7.2's listpack limits, so one reader takes both.
 */
export const LOG_VERSION = 5;

export interface RecordBase {
  /** Its place in the log, counted from the playground's first record. */
  readonly lsn: number;
  readonly time: number;
  readonly clock: SavedClock;
  readonly selectedDb: number;
  readonly config: SavedConfig;
  readonly counters: SavedCounters;
  readonly randomState: number;
  readonly luaRandom: number;
  /** The server it answers as (the Compatibility box). */
  readonly compat: Compat;
  /** The whole script cache, when it changed since the previous record. */
  readonly scripts?: readonly string[];
  /** Every function library's code, when they changed since the previous record. */
  readonly functions?: readonly string[];
  /** The docs page opened or moved (null: closed); absent when unchanged. */
  readonly doc?: SavedDoc | null;
  /** The console was cleared before `lines`. */
  readonly cleared: boolean;
  readonly lines: readonly SavedLine[];
}

export interface EffectRecord extends RecordBase {
  readonly kind: 'effect';
  /** Databases emptied before the key changes. */
  readonly flushed: readonly number[];
  readonly upserts: readonly { readonly db: number; readonly entry: SavedEntry }[];
  readonly deletes: readonly { readonly db: number; readonly key: string }[];
  /** The last creation number of each database touched. */
  readonly seqs: readonly { readonly db: number; readonly seq: number }[];
}

/** What a replayed batch of lines starts from, besides the keys. */
export interface ReplayStart {
  readonly client: SavedClient;
  readonly randomState: number;
  readonly luaRandom: number;
  readonly counters: SavedCounters;
}

export interface CommandRecord extends RecordBase {
  readonly kind: 'command';
  readonly before: ReplayStart;
  /** Keys in all databases and the memory estimate after the lines: a replay must match. */
  readonly keysAfter: number;
  readonly bytesAfter: number;
}

export type LogRecord = EffectRecord | CommandRecord;
export type RecordState = Omit<RecordBase, 'lsn'>;

const KIND_EFFECT = 0;
const KIND_COMMAND = 1;

/** A record framed for the log: length, CRC-32 of the payload, payload. */
export function encodeRecord(rec: LogRecord): Uint8Array {
  const w = new ByteWriter(256 + (rec.kind === 'effect' ? rec.upserts.length * 48 : 0));
  w.u32(0);
  w.u32(0);
  w.uint(LOG_VERSION);
  w.uint(rec.lsn);
  w.u8(rec.kind === 'effect' ? KIND_EFFECT : KIND_COMMAND);
  writeState(w, rec);
  if (rec.kind === 'effect') writeEffects(w, rec);
  else {
    writeClient(w, rec.before.client);
    w.u32(rec.before.randomState);
    w.f64(rec.before.luaRandom);
    writeCounters(w, rec.before.counters);
    w.uint(rec.keysAfter);
    w.f64(rec.bytesAfter);
  }
  const out = w.finish();
  const view = new DataView(out.buffer);
  view.setUint32(0, out.length - 8);
  view.setUint32(4, crc32(out, 8));
  return out;
}

function writeState(w: ByteWriter, rec: RecordBase): void {
  w.f64(rec.time);
  w.f64(rec.clock.rate);
  w.bool(rec.clock.paused);
  w.uint(rec.selectedDb);
  writeConfig(w, rec.config);
  writeCounters(w, rec.counters);
  w.u32(rec.randomState);
  w.f64(rec.luaRandom);
  writeCompat(w, rec.compat);
  w.bool(rec.scripts !== undefined);
  if (rec.scripts) {
    w.uint(rec.scripts.length);
    for (const s of rec.scripts) w.bytes(s);
  }
  w.bool(rec.functions !== undefined);
  if (rec.functions) {
    w.uint(rec.functions.length);
    for (const f of rec.functions) w.bytes(f);
  }
  w.u8(rec.doc === undefined ? 0 : rec.doc === null ? 1 : 2);
  if (rec.doc) writeDoc(w, rec.doc);
  w.bool(rec.cleared);
  w.uint(rec.lines.length);
  for (const l of rec.lines) writeLine(w, l);
}

function writeEffects(w: ByteWriter, rec: EffectRecord): void {
  w.uint(rec.flushed.length);
  for (const db of rec.flushed) w.uint(db);
  w.uint(rec.deletes.length);
  for (const d of rec.deletes) {
    w.uint(d.db);
    w.bytes(d.key);
  }
  w.uint(rec.upserts.length);
  for (const u of rec.upserts) {
    w.uint(u.db);
    w.uint(u.entry.seq);
    writeEntry(w, u.entry, u.entry.value);
  }
  w.uint(rec.seqs.length);
  for (const s of rec.seqs) {
    w.uint(s.db);
    w.uint(s.seq);
  }
}

function readState(r: ByteReader): RecordState {
  const time = r.f64();
  const clock = { rate: r.f64(), paused: r.bool() };
  const selectedDb = r.uint();
  const config = readConfig(r);
  const counters = readCounters(r);
  const randomState = r.u32();
  const luaRandom = r.f64();
  const compat = readCompat(r);
  let scripts: string[] | undefined;
  if (r.bool()) {
    scripts = [];
    for (let n = r.count(), i = 0; i < n; i++) scripts.push(r.bytes());
  }
  let functions: string[] | undefined;
  if (r.bool()) {
    functions = [];
    for (let n = r.count(), i = 0; i < n; i++) functions.push(r.bytes());
  }
  const docTag = r.u8();
  if (docTag > 2) throw new FormatError(`unknown page tag ${docTag}`);
  const doc = docTag === 2 ? readDoc(r) : docTag === 1 ? null : undefined;
  const cleared = r.bool();
  const lines: SavedLine[] = [];
  for (let n = r.count(6), i = 0; i < n; i++) lines.push(readLine(r));
  return {
    time,
    clock,
    selectedDb,
    config,
    counters,
    randomState,
    luaRandom,
    compat,
    ...(scripts ? { scripts } : {}),
    ...(functions ? { functions } : {}),
    ...(doc !== undefined ? { doc } : {}),
    cleared,
    lines,
  };
}

function readRecord(r: ByteReader): LogRecord {
  const version = r.uint();
  if (version >= 1 && version <= 3) return readRecordV1(r, version);
  if (version !== LOG_VERSION && version !== 4) throw new FormatError(`log format ${version} is unknown`);
  const lsn = r.uint();
  const kind = r.u8();
  const state = readState(r);
  if (kind === KIND_COMMAND) {
    const client = readClient(r);
    const before = { client, randomState: r.u32(), luaRandom: r.f64(), counters: readCounters(r) };
    return { kind: 'command', lsn, ...state, before, keysAfter: r.uint(), bytesAfter: r.f64() };
  }
  if (kind !== KIND_EFFECT) throw new FormatError(`unknown record kind ${kind}`);
  const flushed: number[] = [];
  for (let n = r.count(), i = 0; i < n; i++) flushed.push(r.uint());
  const deletes: { db: number; key: string }[] = [];
  for (let n = r.count(2), i = 0; i < n; i++) deletes.push({ db: r.uint(), key: r.bytes() });
  const upserts: { db: number; entry: SavedEntry }[] = [];
  for (let n = r.count(6), i = 0; i < n; i++) {
    const db = r.uint();
    upserts.push({ db, entry: readEntry(r, r.uint()) });
  }
  const seqs: { db: number; seq: number }[] = [];
  for (let n = r.count(2), i = 0; i < n; i++) seqs.push({ db: r.uint(), seq: r.uint() });
  return { kind: 'effect', lsn, ...state, flushed, deletes, upserts, seqs };
}

/**
 * The records of a log, in order, up to the first one that is torn or damaged (a tab killed while
 * writing it); `validBytes` is where the good part ends, so the writer can continue from there.
 */
export function decodeLog(
  bytes: Uint8Array,
  from = 0,
): { records: LogRecord[]; validBytes: number; damaged: boolean } {
  const records: LogRecord[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = from;
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const end = pos + 8 + len;
    if (len === 0 || end > bytes.length || view.getUint32(pos + 4) !== crc32(bytes, pos + 8, end)) break;
    try {
      const r = new ByteReader(bytes.subarray(pos + 8, end));
      records.push(readRecord(r));
      if (r.remaining !== 0) throw new FormatError('bytes after a record');
    } catch (e) {
      if (e instanceof FormatError) break;
      throw e;
    }
    pos = end;
  }
  return { records, validBytes: pos, damaged: pos < bytes.length };
}
