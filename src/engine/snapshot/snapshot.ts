import { seededRandom } from '../clock.ts';
import type { Compat } from '../compat.ts';
import { isBeyondListpack, isConverted, markBeyondListpack, markConverted } from '../encodings.ts';
import type { Engine } from '../engine.ts';
import {
  earliestDeadline,
  ensureTtls,
  fieldState,
  memberTtls,
  register,
  registeredAt,
  type TtlFlavour,
} from '../field-expiry.ts';
import { type Db, type Entry, type Keyspace, type Millis, NO_EXPIRY, type Value } from '../keyspace.ts';
import { isSticky, markSticky } from '../sticky.ts';
import { cloneStream } from '../stream.ts';

/**
 * A whole playground as data: the server's state (every database's keys with their values, types,
 * deadlines and order, CONFIG, cached scripts, counters, the random generator's position), the
 * clock, the console's selected database, and optionally the open docs page and the console
 * transcript. `codec.ts` turns it into versioned bytes; the worker saves it, share links carry it.
 */

export interface SavedEntry {
  readonly key: string;
  /** Its creation number in the database (the dict's order, SCAN's cursors). */
  readonly seq: number;
  readonly value: Value;
  /** NO_EXPIRY (-1) for a key without a deadline. */
  readonly expiresAt: Millis;
  /** The memory estimate the key counted for (kept so `used_memory` reads the same). */
  readonly bytes: number;
  /** The collection had moved to its big encoding (OBJECT ENCODING remembers it). */
  readonly converted: boolean;
  /** A converted set went past 7.2's listpack limits (OBJECT ENCODING under 7.4, DUMP's type). */
  readonly beyondListpack?: boolean;
  /** Dragonfly's STICK marked the key. */
  readonly sticky?: boolean;
  /** Deadlines of single fields or members (field-expiry.ts), when the collection carries any. */
  readonly memberTtls?: SavedMemberTtls;
}

export interface SavedMemberTtls {
  /** Who set them: Redis 7.4 (HEXPIRE) or Dragonfly (HSETEX, FIELDEXPIRE, SADDEX). */
  readonly flavour: TtlFlavour;
  /** Member and deadline (unix ms); the collection's own order holds a listpackex hash's order. */
  readonly at: readonly (readonly [string, number])[];
  /**
   * Where a Redis hash is registered for the active cycle (which may lag its earliest deadline by
   * up to 4 s); null when it is not. Absent: registered at its earliest deadline.
   */
  readonly registeredAt?: number | null;
}

export interface SavedDb {
  readonly id: number;
  /** In creation order (SCAN's order). */
  readonly entries: readonly SavedEntry[];
  /**
   * Indexes into `entries` in the expires index's (random) order, which the active cycle samples;
   * null when not kept (a snapshot taken in slices while keys changed): a restore shuffles them.
   */
  readonly volatile: readonly number[] | null;
  /** The last creation number the database handed out. */
  readonly seq: number;
  readonly expiresCursor: number;
  readonly avgTtl: number;
}

export interface SavedConfig {
  readonly hz: number;
  readonly activeExpireEffort: number;
  readonly notifyFlags: number;
  readonly maxmemory: number;
  readonly activeExpireEnabled: boolean;
}

export interface SavedCounters {
  readonly totalCommands: number;
  readonly errorReplies: number;
  readonly expiredKeys: number;
  readonly keyspaceHits: number;
  readonly keyspaceMisses: number;
  readonly activeCycle: number;
  readonly cyclesRun: number;
  readonly timeCapReachedCount: number;
  readonly staleEstimate: number;
  readonly cycleTimeUsedUs: number;
  readonly currentDb: number;
  readonly lastFastCycleUs: number;
  readonly timeLimitExit: boolean;
  /** Hash fields expired (INFO expired_subkeys) and where Redis 7.4's field pass stands. */
  readonly expiredSubkeys: number;
  readonly fieldCurrentDb: number;
  readonly fieldSequence: number;
}

export interface EngineState {
  /** The clock's reading when the state was taken (virtual unix ms). */
  readonly time: number;
  readonly startedAt: number;
  /** The random generator's position. */
  readonly randomState: number;
  /** Lua's math.random generator's position (48 bits). */
  readonly luaRandom: number;
  readonly config: SavedConfig;
  /** Cached script bodies (SCRIPT LOAD and EVAL), in load order. */
  readonly scripts: readonly string[];
  /** Function libraries' code (FUNCTION LOAD), in load order; Redis saves them in its RDB too. */
  readonly functions: readonly string[];
  /** Only the databases that hold keys or differ from a fresh one. */
  readonly dbs: readonly SavedDb[];
  readonly counters: SavedCounters;
  /** The server it answers as; absent: Redis 7.0 (saves made before there was a choice). */
  readonly compat?: Compat;
}

export interface SavedClock {
  readonly rate: number;
  readonly paused: boolean;
}

/** A docs page that was open: a bundled lesson by id, or a page's own text, and the next step. */
export type SavedDoc =
  | { readonly kind: 'lesson'; readonly id: string; readonly step: number }
  | {
      readonly kind: 'page';
      readonly path: string;
      readonly source: string;
      readonly step: number;
      /** Where its examples start: 0 each section afresh, 1 carried between sections, 2 from the keys it was opened on. */
      readonly keyspace?: number;
    };

/** One console line and what it printed (the console's own entry, persisted). */
export interface SavedLine {
  readonly line: string;
  readonly text: string;
  readonly isError: boolean;
  readonly at: number;
  readonly prompt: string;
  /** redis-cli handled the line itself (help, a tokenizer error): nothing reached the server. */
  readonly local?: boolean;
  /** How far DEBUG SLEEP moved the clock during the line. */
  readonly slept?: number;
}

export interface PlaygroundSnapshot {
  readonly engine: EngineState;
  readonly clock: SavedClock;
  readonly selectedDb: number;
  readonly doc?: SavedDoc;
  readonly transcript?: readonly SavedLine[];
}

/** The server's state now, read without changing anything (no lazy expiry, no events); without its keys when `withKeys` is false. */
export function captureEngine(engine: Engine, withKeys = true): EngineState {
  const dbs: SavedDb[] = [];
  for (const db of withKeys ? engine.ks.dbs : []) {
    if (db.dict.lastSeq === 0 && db.expiresCursor === 0 && db.avgTtl === 0) continue;
    dbs.push(captureDb(engine.ks, db));
  }
  return {
    time: engine.clock.now(),
    startedAt: engine.startedAt,
    randomState: engine.random.state,
    luaRandom: engine.luaRandom.state,
    config: captureConfig(engine),
    scripts: engine.scriptBodies(),
    functions: engine.functionCodes(),
    dbs,
    counters: captureCounters(engine),
    ...(engine.compat !== 'redis-7.0' ? { compat: engine.compat } : {}),
  };
}

export function captureConfig(engine: Engine): SavedConfig {
  const c = engine.config;
  return {
    hz: c.hz,
    activeExpireEffort: c.activeExpireEffort,
    notifyFlags: c.notifyFlags,
    maxmemory: c.maxmemory,
    activeExpireEnabled: c.activeExpireEnabled,
  };
}

export function captureCounters(engine: Engine): SavedCounters {
  const ks = engine.ks.stats;
  const x = engine.expiry;
  const f = fieldState(engine.ks);
  return {
    totalCommands: engine.stats.totalCommands,
    errorReplies: engine.stats.errorReplies,
    expiredKeys: ks.expiredKeys,
    keyspaceHits: ks.keyspaceHits,
    keyspaceMisses: ks.keyspaceMisses,
    activeCycle: engine.ks.activeCycle,
    cyclesRun: x.cyclesRun,
    timeCapReachedCount: x.timeCapReachedCount,
    staleEstimate: x.staleEstimate,
    cycleTimeUsedUs: x.cycleTimeUsedUs,
    currentDb: x.currentDb,
    lastFastCycleUs: x.lastFastCycleUs,
    timeLimitExit: x.timeLimitExit,
    expiredSubkeys: f.expiredSubkeys,
    fieldCurrentDb: f.currentDb,
    fieldSequence: f.sequence,
  };
}

export function applyCounters(engine: Engine, k: SavedCounters): void {
  engine.stats.totalCommands = k.totalCommands;
  engine.stats.errorReplies = k.errorReplies;
  engine.ks.stats.expiredKeys = k.expiredKeys;
  engine.ks.stats.keyspaceHits = k.keyspaceHits;
  engine.ks.stats.keyspaceMisses = k.keyspaceMisses;
  engine.ks.activeCycle = k.activeCycle;
  Object.assign(engine.expiry, {
    cyclesRun: k.cyclesRun,
    timeCapReachedCount: k.timeCapReachedCount,
    staleEstimate: k.staleEstimate,
    cycleTimeUsedUs: k.cycleTimeUsedUs,
    currentDb: k.currentDb,
    lastFastCycleUs: k.lastFastCycleUs,
    timeLimitExit: k.timeLimitExit,
  });
  const f = fieldState(engine.ks);
  f.expiredSubkeys = k.expiredSubkeys;
  f.currentDb = k.fieldCurrentDb;
  f.sequence = k.fieldSequence;
}

function captureDb(ks: Keyspace, db: Db): SavedDb {
  const entries: SavedEntry[] = [];
  const index = new Map<Entry, number>();
  for (const e of db.dict.values()) {
    index.set(e, entries.length);
    entries.push(saveKey(ks, e));
  }
  return {
    id: db.id,
    entries,
    volatile: db.volatile.map((e) => index.get(e) as number),
    seq: db.dict.lastSeq,
    expiresCursor: db.expiresCursor,
    avgTtl: db.avgTtl,
  };
}

/** One key as a snapshot holds it; the value is copied, so later commands do not change it. */
export function saveEntry(e: Entry): SavedEntry {
  const saved = {
    key: e.key,
    seq: e.seq,
    value: copyValue(e),
    expiresAt: e.expiresAt,
    bytes: e.bytes,
    converted: converted(e),
    ...(beyond(e) ? { beyondListpack: true } : {}),
    ...(isSticky(e) ? { sticky: true } : {}),
  };
  const t = e.type === 'string' ? undefined : memberTtls(e.coll);
  return t ? { ...saved, memberTtls: { flavour: t.flavour, at: [...t.at] } } : saved;
}

/** saveEntry, with where the hash is registered for Redis 7.4's field pass. */
export function saveKey(ks: Keyspace, e: Entry): SavedEntry {
  const saved = saveEntry(e);
  if (!saved.memberTtls || e.type === 'string' || saved.memberTtls.flavour !== 'redis') return saved;
  return { ...saved, memberTtls: { ...saved.memberTtls, registeredAt: registeredAt(ks, e.coll) } };
}

function converted(e: Entry): boolean {
  return e.type !== 'string' && isConverted(e.coll);
}

export function beyond(e: Entry): boolean {
  return e.type === 'set' && isBeyondListpack(e.coll);
}

/**
 * Fills a new, empty engine with a saved state. Its clock is the caller's: set it to `state.time`
 * first (the worker's virtual clock resumes there).
 */
export function restoreEngine(engine: Engine, state: EngineState): void {
  engine.setCompat(state.compat ?? 'redis-7.0');
  engine.ks.now = engine.clock.now();
  Object.assign(engine.config, state.config);
  engine.startedAt = state.startedAt;
  engine.random.state = state.randomState;
  engine.luaRandom.state = state.luaRandom;
  applyCounters(engine, state.counters);
  for (const saved of state.dbs) {
    const db = engine.ks.dbAt(saved.id);
    if (db === undefined) continue;
    const loaded = saved.entries.map((e) => loadEntry(engine, db, e));
    db.dict.advanceSeq(saved.seq);
    const volatile = saved.volatile
      ? saved.volatile.map((i) => loaded[i] as Entry)
      : shuffled(
          loaded.filter((e) => e.expiresAt !== NO_EXPIRY),
          seededRandom(state.randomState ^ saved.id),
        );
    engine.ks.loadVolatile(db, volatile);
    db.expiresCursor = saved.expiresCursor;
    db.avgTtl = saved.avgTtl;
  }
  engine.loadScripts(state.scripts);
  engine.loadFunctions(state.functions);
}

/** Fisher-Yates: the expires index of a snapshot that did not keep its order is random again. */
function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Adds one saved key to `db` (no events): a restore, or a log record replayed. */
export function loadEntry(engine: Engine, db: Db, e: SavedEntry): Entry {
  const value = loadedValue(e);
  const entry = engine.ks.load(db, e.key, value, e.expiresAt, e.bytes, e.seq);
  if (e.sticky) markSticky(entry);
  registerFields(engine, db, e, value);
  return entry;
}

/** A Redis 7.4 hash with field deadlines is registered for the field pass where it was. */
export function registerFields(engine: Engine, db: Db, e: SavedEntry, value: Value): void {
  const saved = e.memberTtls;
  if (saved?.flavour === 'redis' && value.type === 'hash') {
    const at = saved.registeredAt === undefined ? earliestDeadline(value.coll) : saved.registeredAt;
    register(engine.ks, db, e.key, value.coll, at);
  }
}

/** A saved key's value as the keyspace holds it: a copy (the saved one stays as it is). */
export function loadedValue(e: SavedEntry): Value {
  const value = copyValue(e.value);
  if (e.converted && value.type !== 'string') markConverted(value.coll);
  if (e.beyondListpack && value.type === 'set') markBeyondListpack(value.coll);
  const saved = e.memberTtls;
  if (saved && value.type !== 'string') {
    const t = ensureTtls(value.coll, saved.flavour);
    for (const [m, at] of saved.at) t.at.set(m, at);
  }
  return value;
}

function copyValue(v: Value): Value {
  switch (v.type) {
    case 'string':
      return { type: 'string', str: v.str, enc: v.enc };
    case 'list':
      return { type: 'list', coll: v.coll.slice() };
    case 'set':
      return { type: 'set', coll: new Set(v.coll) };
    case 'hash':
      return { type: 'hash', coll: new Map(v.coll) };
    case 'zset':
      return { type: 'zset', coll: new Map(v.coll) };
    case 'stream':
      return { type: 'stream', coll: cloneStream(v.coll) };
  }
}
