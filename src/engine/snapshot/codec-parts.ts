import type { Compat } from '../compat.ts';
import type { StringEncoding, Value } from '../keyspace.ts';
import { Reader } from '../rdb/load.ts';
import { loadStream, saveStream } from '../rdb/stream-payload.ts';
import { type ByteReader, type ByteWriter, FormatError } from './byte-io.ts';
import { readMemberTtls, writeMemberTtls } from './codec-members.ts';
import type { SavedConfig, SavedCounters, SavedEntry } from './snapshot.ts';

/**
 * The pieces every version of the snapshot and log formats shares: CONFIG, counters, a key with its
 * deadline and value, a docs page, a console line. Changing one of these is a new version of both.
 */

/** Value types by tag; a new type is appended, so older tags keep their meaning. */
const TYPES = ['string', 'list', 'hash', 'set', 'zset', 'stream'] as const;
export const STRING_ENCODINGS: readonly StringEncoding[] = ['auto', 'raw', 'nonint'];
const NO_DEADLINE = 0;
const NUMBER_DEADLINE = 1;
const BIG_DEADLINE = 2;

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

export function readCounters(r: ByteReader): SavedCounters {
  const ints = {} as Record<(typeof COUNTER_INTS)[number], number>;
  for (const name of COUNTER_INTS) ints[name] = r.uint();
  return {
    ...ints,
    staleEstimate: r.f64(),
    cycleTimeUsedUs: r.f64(),
    lastFastCycleUs: r.f64(),
    timeLimitExit: r.bool(),
    expiredSubkeys: r.uint(),
    fieldCurrentDb: r.uint(),
    fieldSequence: r.uint(),
  };
}

/** Index = the byte written. */
const COMPAT_CODES: readonly Compat[] = ['redis-7.0', 'redis-7.4', 'dragonfly'];

export function writeCompat(w: ByteWriter, c: Compat): void {
  w.u8(COMPAT_CODES.indexOf(c));
}

export function readCompat(r: ByteReader): Compat {
  const code = r.u8();
  const c = COMPAT_CODES[code];
  if (c === undefined) throw new FormatError(`unknown server ${code}`);
  return c;
}

/** In an entry's type byte: member deadlines follow the value. */
const MEMBER_TTLS = 0x40;
/** In an entry's type byte (format 5): a converted set past 7.2's listpack limits. */
const BEYOND_LISTPACK = 0x20;
/** In an entry's type byte (format 5): Dragonfly's STICK marked the key. */
const STICKY = 0x10;

type EntryFields = Pick<
  SavedEntry,
  'key' | 'expiresAt' | 'bytes' | 'converted' | 'beyondListpack' | 'sticky' | 'memberTtls'
>;

/** A key's fields after its creation number (a live entry is a Value too, so it is written as is). */
export function writeEntry(w: ByteWriter, e: EntryFields, value: Value): void {
  writeEntryHead(w, e, value.type);
  writeValue(w, value);
  if (e.memberTtls) writeMemberTtls(w, e.memberTtls);
}

/** A key's fields up to its value, which follows (stream.ts writes a long string in pieces). */
export function writeEntryHead(w: ByteWriter, e: EntryFields, type: Value['type']): void {
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
  const flags =
    (e.converted ? 0x80 : 0) |
    (e.memberTtls ? MEMBER_TTLS : 0) |
    (e.beyondListpack ? BEYOND_LISTPACK : 0) |
    (e.sticky ? STICKY : 0);
  w.u8(TYPES.indexOf(type) | flags);
}

/** A key's fields, under the creation number the caller read. */
export function readEntry(r: ByteReader, seq: number): SavedEntry {
  const key = r.bytes();
  const tag = r.u8();
  let expiresAt: number | bigint;
  if (tag === NO_DEADLINE) expiresAt = -1;
  else if (tag === BIG_DEADLINE) expiresAt = r.i64();
  else if (tag === NUMBER_DEADLINE) expiresAt = r.f64();
  else throw new FormatError(`unknown deadline tag ${tag}`);
  const bytes = r.uint();
  const typeTag = r.u8();
  const type = TYPES[typeTag & 0x0f];
  if (type === undefined) throw new FormatError(`unknown value type ${typeTag & 0x0f}`);
  const converted = (typeTag & 0x80) !== 0;
  const base = { key, seq, expiresAt, bytes, converted, value: readValue(r, type) };
  const wide = typeTag & BEYOND_LISTPACK ? { ...base, beyondListpack: true } : base;
  const entry = typeTag & STICKY ? { ...wide, sticky: true } : wide;
  return typeTag & MEMBER_TTLS ? { ...entry, memberTtls: readMemberTtls(r) } : entry;
}

export function writeValue(w: ByteWriter, v: Value): void {
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

// The docs page and console lines have their own file (shared with formats 1 to 3).
export { readDoc, readLine, writeDoc, writeLine } from './codec-page.ts';
