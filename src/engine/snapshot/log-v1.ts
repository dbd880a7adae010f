import { RAND48_DEFAULT } from '../scripting/rand48.ts';
import { type ByteReader, FormatError } from './byte-io.ts';
import { readCompat, readConfig, readDoc, readLine } from './codec-parts.ts';
import { readCounters, readEntry } from './codec-v1.ts';
import type { EffectRecord } from './log.ts';
import type { SavedEntry, SavedLine } from './snapshot.ts';

/**
 * Log formats 1 to 3 (stores saved before format 4; 2 added function libraries, 3 the server, member
 * deadlines and field counters, as snapshot format 3 did), read only: effect records tagged with the snapshot
 * generation they continued instead of a place in the log, and keys without creation numbers. The
 * generation comes back in `lsn` (the store keeps those of its snapshot's generation); a key's
 * creation number is 0, which replay reads as "in place if it is there, else a new one".
 */
export function readRecordV1(r: ByteReader, version: number): EffectRecord {
  const generation = r.uint();
  const time = r.f64();
  const clock = { rate: r.f64(), paused: r.bool() };
  const selectedDb = r.uint();
  const config = readConfig(r);
  const counters = readCounters(r, version);
  const randomState = r.u32();
  const compat = version >= 3 ? readCompat(r) : 'redis-7.0';
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
  for (let n = r.count(5), i = 0; i < n; i++)
    upserts.push({ db: r.uint(), entry: { ...readEntry(r, version), seq: 0 } });
  const docTag = r.u8();
  if (docTag > 2) throw new FormatError(`unknown page tag ${docTag}`);
  const doc = docTag === 2 ? readDoc(r) : docTag === 1 ? null : undefined;
  const cleared = r.bool();
  const lines: SavedLine[] = [];
  for (let n = r.count(6), i = 0; i < n; i++) lines.push(readLine(r));
  return {
    kind: 'effect',
    lsn: generation,
    time,
    clock,
    selectedDb,
    config,
    counters,
    randomState,
    compat,
    luaRandom: RAND48_DEFAULT,
    ...(scripts ? { scripts } : {}),
    ...(functions ? { functions } : {}),
    flushed,
    deletes,
    upserts,
    seqs: [],
    ...(doc !== undefined ? { doc } : {}),
    cleared,
    lines,
  };
}
