import type { Compat } from '../compat.ts';
import type { StringEncoding, Value } from '../keyspace.ts';
import { Reader } from '../rdb/load.ts';
import { loadStream } from '../rdb/stream-payload.ts';
import { RAND48_DEFAULT } from '../scripting/rand48.ts';
import { type ByteReader, FormatError } from './byte-io.ts';
import { readMemberTtls } from './codec-members.ts';
import { readDoc, readLine } from './codec-page.ts';
import type {
  EngineState,
  PlaygroundSnapshot,
  SavedConfig,
  SavedCounters,
  SavedDb,
  SavedEntry,
  SavedLine,
} from './snapshot.ts';

/**
 * Formats 1 to 3, read only (saves, links and logs made before format 4): databases with a count of
 * keys and an exact expires index, no creation numbers, no Lua generator; 2 added the function
 * libraries, 3 the server it answers as, member deadlines and the field counters. The readers, told
 * a body's version, fill in what a later one added; `upgrade3` brings the model to format 4: keys
 * numbered in their order, the Lua generator at its start.
 */

const SERVERS_SINCE = 3;
type OldEntry = Omit<SavedEntry, 'seq'>;
type OldDb = Omit<SavedDb, 'seq' | 'entries' | 'volatile'> & {
  readonly entries: readonly OldEntry[];
  readonly volatile: readonly number[];
};
type OldEngine = Omit<EngineState, 'luaRandom' | 'dbs' | 'functions'> & {
  readonly dbs: readonly OldDb[];
  readonly functions?: readonly string[];
};
type OldSnapshot = Omit<PlaygroundSnapshot, 'engine'> & { readonly engine: OldEngine };

export const readOld = (version: number) => (r: ByteReader) => readBody(r, version);

/** Format 2 added the function libraries; a format 1 save had none. */
export function upgrade1(old: unknown): OldSnapshot {
  const s = old as OldSnapshot;
  return { ...s, engine: { ...s.engine, functions: s.engine.functions ?? [] } };
}

export function upgrade3(old: unknown): PlaygroundSnapshot {
  const s = old as OldSnapshot;
  return {
    ...s,
    engine: {
      ...s.engine,
      functions: s.engine.functions ?? [],
      luaRandom: RAND48_DEFAULT,
      dbs: s.engine.dbs.map((db) => ({
        ...db,
        entries: db.entries.map((e, i) => ({ ...e, seq: i + 1 })),
        seq: db.entries.length,
      })),
    },
  };
}

const TYPES = ['string', 'list', 'hash', 'set', 'zset', 'stream'] as const;
const STRING_ENCODINGS: readonly StringEncoding[] = ['auto', 'raw', 'nonint'];
const NO_DEADLINE = 0;
const NUMBER_DEADLINE = 1;
const BIG_DEADLINE = 2;
/** Index = the byte a version-3 body writes. */
const COMPAT_CODES: readonly Compat[] = ['redis-7.0', 'redis-7.4', 'dragonfly'];
/** In an entry's type byte (version 3): member deadlines follow the value. */
const MEMBER_TTLS = 0x40;

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

function readBody(r: ByteReader, version: number): OldSnapshot {
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

/** The engine state as format `version` wrote it (format 1 had no function libraries). */
function readEngine(r: ByteReader, version: number): OldEngine {
  const time = r.f64();
  const startedAt = r.f64();
  const randomState = r.u32();
  const config = readConfig(r);
  const counters = readCounters(r, version);
  const scripts: string[] = [];
  for (let n = r.count(), i = 0; i < n; i++) scripts.push(r.bytes());
  const functions: string[] = [];
  if (version >= 2) for (let n = r.count(), i = 0; i < n; i++) functions.push(r.bytes());
  const dbs: OldDb[] = [];
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

function readCompat(r: ByteReader): Compat {
  const code = r.u8();
  const c = COMPAT_CODES[code];
  if (c === undefined) throw new FormatError(`unknown server ${code}`);
  return c;
}

function readConfig(r: ByteReader): SavedConfig {
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

export function readCounters(r: ByteReader, version: number): SavedCounters {
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

function readDb(r: ByteReader, version: number): OldDb {
  const id = r.uint();
  const expiresCursor = r.uint();
  const avgTtl = r.f64();
  const entries: OldEntry[] = [];
  for (let n = r.count(4), i = 0; i < n; i++) entries.push(readEntry(r, version));
  const volatile: number[] = [];
  for (let n = r.count(), i = 0; i < n; i++) volatile.push(r.uint());
  return { id, entries, volatile, expiresCursor, avgTtl };
}

export function readEntry(r: ByteReader, version: number): OldEntry {
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
