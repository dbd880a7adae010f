import { KEY1, NOT_INTEGER, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { encodingName, markConverted, modernEncodingName, noteSetAdd } from '../encodings.ts';
import { ERR_BAD_DATA_FORMAT, ERR_BUSYKEY, ERR_DUMP_PAYLOAD } from '../errors.ts';
import { adoptTtls, earliestDeadline, ensureTtls, registeredAt } from '../field-expiry.ts';
import { INT64_MAX, normalizeInt, parseInt64 } from '../int64.ts';
import type { Collection, EntryOf } from '../keyspace.ts';
import { loadPayload } from '../rdb/load.ts';
import { dumpPayload, verifyPayload } from '../rdb/payload.ts';
import { bulk, error, NIL, OK, type Reply } from '../reply.ts';
import { Stream, streamBytes } from '../stream.ts';
import { sortedEntries } from './sorted-sets.ts';

/** DUMP and RESTORE (cluster.c), with payloads in Redis 7.0's own format (see rdb/payload.ts). */

/** DUMP in the server's format: Redis 7.0's, or (`modern`) 7.4's with its encodings and types. */
const dumpWith =
  (modern: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = ctx.ks.lookupRead(ctx.db, arg(argv, 1));
    if (e === undefined) return NIL;
    const encoding = modern ? modernEncodingName(e) : encodingName(e);
    const registered = e.type === 'hash' ? registeredAt(ctx.ks, e.coll) : null;
    const format = { rdbVersion: ctx.server.profile.rdbVersion, modern, registered };
    return bulk(dumpPayload(e, encoding, sortedEntries, format));
  };

/** The memory estimate of a loaded collection, as the families count it (text plus a small overhead). */
function payloadBytes(coll: Collection): number {
  if (coll instanceof Stream) return streamBytes(coll);
  let n = 0;
  if (Array.isArray(coll) || coll instanceof Set) {
    for (const s of coll) n += s.length + 8;
  } else {
    for (const [k, v] of coll) n += k.length + (typeof v === 'string' ? v.length : 8) + 8;
  }
  return n;
}

const restore = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let replace = false;
  let absttl = false;
  let idle = false;
  let idleSeconds = 0n;
  let freq = false;
  for (let j = 4; j < argv.length; j++) {
    const opt = optionName(arg(argv, j));
    const more = argv.length - j - 1;
    if (opt === 'replace') replace = true;
    else if (opt === 'absttl') absttl = true;
    else if ((opt === 'idletime' && more >= 1 && !freq) || (opt === 'freq' && more >= 1 && !idle)) {
      const v = parseInt64(arg(argv, ++j));
      if (v === null) return NOT_INTEGER;
      // IDLETIME sets the key's access time; FREQ is checked, then unused (no LFU policy here).
      if (opt === 'idletime') {
        if (v < 0) return error('ERR Invalid IDLETIME value, must be >= 0');
        idle = true;
        idleSeconds = BigInt(v);
      } else {
        if (v < 0 || v > 255) return error('ERR Invalid FREQ value, must be >= 0 and <= 255');
        freq = true;
      }
    } else return SYNTAX;
  }
  const key = arg(argv, 1);
  const { ks, db } = ctx;
  if (!replace && ks.lookupWrite(db, key) !== undefined) return error(ERR_BUSYKEY);
  const ttlArg = parseInt64(arg(argv, 2));
  if (ttlArg === null) return NOT_INTEGER;
  if (ttlArg < 0) return error('ERR Invalid TTL value, must be >= 0');
  const payload = arg(argv, 3);
  if (!verifyPayload(payload, ctx.server.profile.rdbVersion)) return error(ERR_DUMP_PAYLOAD);
  const value = loadPayload(payload);
  if (value === null) return error(ERR_BAD_DATA_FORMAT);
  // REPLACE deletes what is there without looking it up, so a stale key goes with no `expired`.
  const existing = replace ? db.dict.get(key) : undefined;
  if (existing) ks.delete(db, existing);
  let deadline: number | bigint = 0;
  if (ttlArg !== 0) {
    const sum = absttl ? BigInt(ttlArg) : BigInt(ttlArg) + BigInt(ctx.clock.now());
    // C's signed overflow wraps to a negative deadline, which counts as already past.
    deadline = normalizeInt(sum > INT64_MAX ? sum - 2n ** 64n : sum);
  }
  if (deadline !== 0 && deadline <= ctx.clock.now()) {
    if (existing) ks.notify(db.id, key, 'del', 'g');
    return OK;
  }
  if (value.type === 'string') {
    ks.setString(db, key, value.str, false);
  } else {
    const e = ks.addCollection(db, key, value.type, value.coll);
    ks.collectionChanged(db, e, payloadBytes(value.coll));
    // rdbLoadObject picks the encoding from the contents; the families remember a big encoding.
    const enc = encodingName(e);
    if (enc === 'hashtable' || enc === 'skiplist') markConverted(e.coll);
    if (e.type === 'set') for (const m of e.coll) noteSetAdd(e.coll, m);
    if (e.type === 'hash' && 'ttls' in value && value.ttls) restoreTtls(ctx, e, value.ttls);
  }
  const e = db.dict.get(key);
  if (e && deadline !== 0) ks.setExpire(db, e, deadline);
  if (e && idle)
    ks.setLastAccess(e, ks.now - Number(idleSeconds < 1000000000000n ? idleSeconds : 1000000000000n) * 1000);
  ks.notify(db.id, key, 'restore', 'g');
  return OK;
};

/** A Redis 7.4 hash comes back with its fields' deadlines, registered under the earliest. */
function restoreTtls(ctx: CommandContext, e: EntryOf<'hash'>, ttls: ReadonlyMap<string, number>): void {
  const t = ensureTtls(e.coll, 'redis');
  for (const [f, at] of ttls) t.at.set(f, at);
  adoptTtls(ctx.ks, ctx.db, e, earliestDeadline(e.coll));
}

export const dumpCommands: readonly CommandSpec[] = [
  {
    name: 'dump',
    arity: 2,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { serverDependent: "DUMP's payload is tied to the server's RDB version and checksum" },
    group: 'generic',
    summary: 'Returns a serialized representation of the value stored at a key.',
    syntax: 'DUMP key',
    since: '2.6.0',
    complexity: 'O(1) to access the key and additional O(N*M) to serialize it.',
    keys: KEY1,
    handler: dumpWith(false),
    versions: { 'redis-7.4': { handler: dumpWith(true) } },
    notes:
      "Byte-exact for strings, intsets and listpacks; hashtable and skiplist values list members in the engine's order (a valid payload, other bytes).",
  },
  {
    name: 'restore',
    arity: -4,
    flags: ['write', 'denyoom'],
    group: 'generic',
    summary: 'Creates a key from the serialized representation of a value.',
    syntax: 'RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]',
    since: '2.6.0',
    complexity: 'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value.',
    keys: KEY1,
    handler: restore,
    notes:
      'IDLETIME sets the access time OBJECT IDLETIME reads; FREQ is validated and then ignored (no LFU policy); pre-7.0 ziplist/zipmap payloads are refused.',
  },
  {
    name: 'restore-asking',
    arity: -4,
    flags: ['write', 'denyoom', 'asking'],
    group: 'server',
    summary: 'An internal command for migrating keys in a cluster.',
    syntax: 'RESTORE-ASKING key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]',
    since: '3.0.0',
    complexity: 'O(1) to create the new key and additional O(N*M) to reconstruct the serialized value.',
    keys: KEY1,
    handler: restore,
    notes:
      'RESTORE under another name, as on a standalone Redis (the ASKING flag only matters in a cluster).',
  },
];
