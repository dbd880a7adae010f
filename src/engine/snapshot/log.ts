import type { Compat } from '../compat.ts';
import type { Engine } from '../engine.ts';
import { NO_EXPIRY } from '../keyspace.ts';
import { ByteReader, ByteWriter, crc32, FormatError } from './byte-io.ts';
import {
  readCompat,
  readConfig,
  readCounters,
  readEntry,
  SERVERS_SINCE,
  writeCompat,
  writeConfig,
  writeCounters,
  writeEntry,
} from './codec.ts';
import { readDoc, readLine, writeDoc, writeLine } from './codec-page.ts';
import {
  applyCounters,
  captureConfig,
  captureCounters,
  loadEntry,
  type SavedClock,
  type SavedConfig,
  type SavedCounters,
  type SavedDoc,
  type SavedEntry,
  type SavedLine,
  saveKey,
} from './snapshot.ts';

/**
 * The write-ahead log between two snapshots: one record per frame in which anything changed, holding
 * the final state of every key touched since the last record (a value, or its removal), the
 * databases flushed, and the server's small state (clock, CONFIG, counters, random position, the
 * scripts when they changed), plus the console lines shown. Replaying the records in order onto the
 * snapshot gives the playground as it was at the last one. Each record is framed with its length
 * and CRC-32, so a record torn by a killed tab is recognised and replay stops before it.
 */

/**
 * 1: the first. 2: function libraries. 3: the server it answers as, member deadlines and field
 * counters (as in snapshot format 3, codec.ts). Records of every format still replay.
 */
export const LOG_VERSION = 3;

export interface LogRecord {
  /** The snapshot generation this record continues (records of an older one are ignored). */
  readonly generation: number;
  readonly time: number;
  readonly clock: SavedClock;
  readonly selectedDb: number;
  readonly config: SavedConfig;
  readonly counters: SavedCounters;
  readonly randomState: number;
  /** The server it answers as (the Compatibility box); Redis 7.0 in a version-1 record. */
  readonly compat: Compat;
  /** The whole script cache, when it changed since the previous record. */
  readonly scripts?: readonly string[];
  /** Every function library's code, when they changed since the previous record. */
  readonly functions?: readonly string[];
  /** Databases emptied before the key changes. */
  readonly flushed: readonly number[];
  readonly upserts: readonly { readonly db: number; readonly entry: SavedEntry }[];
  readonly deletes: readonly { readonly db: number; readonly key: string }[];
  /** The docs page opened or moved (null: closed); absent when unchanged. */
  readonly doc?: SavedDoc | null;
  /** The console was cleared before `lines`. */
  readonly cleared: boolean;
  readonly lines: readonly SavedLine[];
}

/** Which keys changed since the last record; fed by the keyspace observer. */
export class Journal {
  private readonly touched = new Map<string, { db: number; key: string }>();
  private readonly flushed = new Set<number>();
  private scriptsSeen = -1;
  private functionsSeen = -1;

  touch(db: number, key: string): void {
    this.touched.set(`${db}\0${key}`, { db, key });
  }

  flush(db: number): void {
    for (const [id, t] of this.touched) if (t.db === db) this.touched.delete(id);
    this.flushed.add(db);
  }

  get pendingKeys(): number {
    return this.touched.size;
  }

  get dirty(): boolean {
    return this.touched.size > 0 || this.flushed.size > 0;
  }

  /** Forgets what was pending (a snapshot was just written, which holds it all). */
  clear(engine: Engine): void {
    this.touched.clear();
    this.flushed.clear();
    this.scriptsSeen = engine.scriptsVersion;
    this.functionsSeen = engine.functionsVersion;
  }

  /** The key changes since the last call, read from `engine` as it is now. */
  take(engine: Engine): Pick<LogRecord, 'flushed' | 'upserts' | 'deletes' | 'scripts' | 'functions'> {
    const upserts: { db: number; entry: SavedEntry }[] = [];
    const deletes: { db: number; key: string }[] = [];
    for (const { db, key } of this.touched.values()) {
      const e = engine.ks.dbAt(db)?.dict.get(key);
      if (e === undefined) deletes.push({ db, key });
      else upserts.push({ db, entry: saveKey(engine.ks, e) });
    }
    const flushed = [...this.flushed];
    this.touched.clear();
    this.flushed.clear();
    const changes: Pick<LogRecord, 'flushed' | 'upserts' | 'deletes' | 'scripts' | 'functions'> = {
      flushed,
      upserts,
      deletes,
      ...(engine.scriptsVersion !== this.scriptsSeen && { scripts: engine.scriptBodies() }),
      ...(engine.functionsVersion !== this.functionsSeen && { functions: engine.functionCodes() }),
    };
    this.scriptsSeen = engine.scriptsVersion;
    this.functionsSeen = engine.functionsVersion;
    return changes;
  }
}

/** A record of the engine's state now: the journal's key changes and everything small. */
export function recordOf(
  engine: Engine,
  journal: Journal,
  rest: Pick<LogRecord, 'generation' | 'clock' | 'selectedDb' | 'cleared' | 'lines' | 'doc'>,
): LogRecord {
  return {
    ...rest,
    ...journal.take(engine),
    time: engine.clock.now(),
    config: captureConfig(engine),
    counters: captureCounters(engine),
    randomState: engine.random.state,
    compat: engine.compat,
  };
}

/** Applies a record's key changes and server state to `engine` (restored from the snapshot before). */
export function applyRecord(engine: Engine, rec: LogRecord): void {
  const ks = engine.ks;
  if (rec.compat !== engine.compat) engine.setCompat(rec.compat);
  for (const id of rec.flushed) {
    const db = ks.dbAt(id);
    if (db) ks.flush(db);
  }
  for (const { db: id, key } of rec.deletes) {
    const db = ks.dbAt(id);
    const e = db?.dict.get(key);
    if (db && e) ks.delete(db, e);
  }
  for (const { db: id, entry } of rec.upserts) {
    const db = ks.dbAt(id);
    if (!db) continue;
    const old = db.dict.get(entry.key);
    if (old) ks.delete(db, old);
    const e = loadEntry(engine, db, { ...entry, expiresAt: NO_EXPIRY });
    if (entry.expiresAt !== NO_EXPIRY) ks.setExpire(db, e, entry.expiresAt);
  }
  Object.assign(engine.config, rec.config);
  applyCounters(engine, rec.counters);
  if (rec.scripts) engine.replaceScripts(rec.scripts);
  if (rec.functions) engine.replaceFunctions(rec.functions);
  engine.random.state = rec.randomState;
}

/** A record framed for the log: length, CRC-32 of the payload, payload. */
export function encodeRecord(rec: LogRecord): Uint8Array {
  const w = new ByteWriter(256 + rec.upserts.length * 48);
  w.u32(0);
  w.u32(0);
  w.uint(LOG_VERSION);
  w.uint(rec.generation);
  w.f64(rec.time);
  w.f64(rec.clock.rate);
  w.bool(rec.clock.paused);
  w.uint(rec.selectedDb);
  writeConfig(w, rec.config);
  writeCounters(w, rec.counters);
  w.u32(rec.randomState);
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
    writeEntry(w, u.entry);
  }
  w.u8(rec.doc === undefined ? 0 : rec.doc === null ? 1 : 2);
  if (rec.doc) writeDoc(w, rec.doc);
  w.bool(rec.cleared);
  w.uint(rec.lines.length);
  for (const l of rec.lines) writeLine(w, l);
  const out = w.finish();
  const view = new DataView(out.buffer);
  view.setUint32(0, out.length - 8);
  view.setUint32(4, crc32(out, 8));
  return out;
}

function readRecord(r: ByteReader): LogRecord {
  const version = r.uint();
  if (version < 1 || version > LOG_VERSION) throw new FormatError(`log format ${version} is unknown`);
  const generation = r.uint();
  const time = r.f64();
  const clock = { rate: r.f64(), paused: r.bool() };
  const selectedDb = r.uint();
  const config = readConfig(r);
  const counters = readCounters(r, version);
  const randomState = r.u32();
  // Entries and counters are read as the snapshot format of the same number wrote them.
  const compat = version >= SERVERS_SINCE ? readCompat(r) : 'redis-7.0';
  let scripts: string[] | undefined;
  if (r.bool()) {
    scripts = [];
    for (let n = r.count(), i = 0; i < n; i++) scripts.push(r.bytes());
  }
  let functions: string[] | undefined;
  if (version >= 2 && r.bool()) {
    functions = [];
    for (let n = r.count(), i = 0; i < n; i++) functions.push(r.bytes());
  }
  const flushed: number[] = [];
  for (let n = r.count(), i = 0; i < n; i++) flushed.push(r.uint());
  const deletes: { db: number; key: string }[] = [];
  for (let n = r.count(2), i = 0; i < n; i++) deletes.push({ db: r.uint(), key: r.bytes() });
  const upserts: { db: number; entry: SavedEntry }[] = [];
  for (let n = r.count(5), i = 0; i < n; i++) upserts.push({ db: r.uint(), entry: readEntry(r, version) });
  const docTag = r.u8();
  if (docTag > 2) throw new FormatError(`unknown page tag ${docTag}`);
  const doc = docTag === 2 ? readDoc(r) : docTag === 1 ? null : undefined;
  const cleared = r.bool();
  const lines: SavedLine[] = [];
  for (let n = r.count(6), i = 0; i < n; i++) lines.push(readLine(r));
  return {
    generation,
    time,
    clock,
    selectedDb,
    config,
    counters,
    randomState,
    compat,
    ...(scripts ? { scripts } : {}),
    ...(functions ? { functions } : {}),
    flushed,
    deletes,
    upserts,
    ...(doc !== undefined ? { doc } : {}),
    cleared,
    lines,
  };
}

/**
 * The records of a log, in order, up to the first one that is torn or damaged (a tab killed while
 * writing it); `validBytes` is where the good part ends, so the writer can continue from there.
 */
export function decodeLog(bytes: Uint8Array): { records: LogRecord[]; validBytes: number; damaged: boolean } {
  const records: LogRecord[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
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
