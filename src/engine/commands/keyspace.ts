import { ALL_KEYS, KEY1, NO_KEYS, NOT_INTEGER, optionName, parseScanOptions, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { copyEncoding } from '../encodings.ts';
import { ERR_DB_INDEX, ERR_INVALID_CURSOR, ERR_NO_SUCH_KEY, ERR_SAME_OBJECT } from '../errors.ts';
import { adoptTtls, copyTtls, registeredAt } from '../field-expiry.ts';
import { globMatch } from '../glob.ts';
import { parseCursor, parseInt32 } from '../int64.ts';
import { type Collection, type Db, type Entry, isDbIndex, NO_EXPIRY } from '../keyspace.ts';
import { array, bulk, bulkArray, error, int, NIL, OK, type Reply, status } from '../reply.ts';
import { cloneStream } from '../stream.ts';
import { parseCursor74, scanOptions74 } from './collections.ts';
import { scanCursorErrno } from './strtod.ts';

/** Commands on keys as a whole, whatever their type (db.c). */

const del = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = arg(argv, i);
    const e = ctx.ks.lookupWrite(ctx.db, key);
    if (e === undefined) continue;
    ctx.ks.delete(ctx.db, e);
    ctx.ks.notify(ctx.db.id, key, 'del', 'g');
    n++;
  }
  return int(n);
};

/** EXISTS looks up with LOOKUP_NOTOUCH; TOUCH is the same count, updating each key's access time. */
const countExisting =
  (touch: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    let n = 0;
    for (let i = 1; i < argv.length; i++) if (ctx.ks.lookupRead(ctx.db, arg(argv, i), true, touch)) n++;
    return int(n);
  };

const exists = countExisting(false);
const touch = countExisting(true);

const type = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = ctx.ks.lookupRead(ctx.db, arg(argv, 1), true, false);
  return status(e === undefined ? 'none' : e.type);
};

/** KEYS hides logically expired keys but leaves them stored (db.c keysCommand). */
const keys = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const pattern = arg(argv, 1);
  const all = pattern === '*';
  const out: string[] = [];
  for (const e of ctx.db.dict.values()) {
    if ((all || globMatch(pattern, e.key)) && !ctx.ks.isExpired(e)) out.push(e.key);
  }
  return bulkArray(out);
};

/**
 * SCAN. db.c scanGenericCommand's filter order: pattern, then type (a lookup, which may expire the
 * key), then expiry. Redis 7.4 (`modern`) reads the cursor with string2ull, takes NOVALUES by name
 * only to refuse it, and checks the type with a lookup that publishes no `keymiss` and skips the
 * expiry step.
 */
const scanWith =
  (modern: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const cursor = modern ? parseCursor74(ctx.ks, arg(argv, 1)) : classicCursor(ctx, arg(argv, 1));
    if (cursor === null) return error(ERR_INVALID_CURSOR);
    const opts = modern ? scanOptions74(argv, 2, 'keys') : parseScanOptions(argv, 2, true);
    if (!('count' in opts)) return opts;
    const { count, pattern, typeName } = opts;
    const { ks, db } = ctx;
    const step = db.dict.scan(cursor, count);
    const out: string[] = [];
    for (const e of step.entries) {
      if (pattern !== undefined && !globMatch(pattern, e.key)) continue;
      if (typeName !== undefined) {
        // LOOKUP_NOTOUCH; 7.4 also LOOKUP_NONOTIFY.
        const live = ks.lookupRead(db, e.key, !modern, false);
        if ((live === undefined ? 'none' : live.type) !== typeName) continue;
        if (modern) {
          out.push(e.key);
          continue;
        }
      }
      if (!e.dead && ks.isExpired(e)) {
        ks.lookupWrite(db, e.key);
        continue;
      }
      out.push(e.key);
    }
    return array([bulk(String(step.next)), bulkArray(out)]);
  };

function classicCursor(ctx: CommandContext, text: string): bigint | null {
  scanCursorErrno(ctx.ks, text);
  return parseCursor(text);
}

const dbsize = (ctx: CommandContext): Reply => int(ctx.db.dict.size);

/** FLUSHDB/FLUSHALL accept one optional SYNC or ASYNC (both run synchronously here). */
function flushMode(argv: readonly string[]): Reply | undefined {
  if (argv.length > 2) return SYNTAX;
  if (argv.length === 2 && !['sync', 'async'].includes(optionName(arg(argv, 1)))) return SYNTAX;
  return undefined;
}

const flushdb = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const err = flushMode(argv);
  if (err) return err;
  ctx.ks.flush(ctx.db);
  return OK;
};

const flushall = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const err = flushMode(argv);
  if (err) return err;
  for (const db of ctx.ks.dbs) ctx.ks.flush(db);
  return OK;
};

function targetDb(ctx: CommandContext, arg: string): Db | Reply {
  const id = parseInt32(arg);
  if (id === null) return NOT_INTEGER;
  if (!isDbIndex(id)) return error(ERR_DB_INDEX);
  return ctx.ks.db(id);
}

const select = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const db = targetDb(ctx, arg(argv, 1));
  if (!('dict' in db)) return db;
  ctx.client.db = db.id;
  return OK;
};

const renameGeneric =
  (nx: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const from = arg(argv, 1);
    const to = arg(argv, 2);
    const { ks, db } = ctx;
    const src = ks.lookupWrite(db, from);
    if (src === undefined) return error(ERR_NO_SUCH_KEY);
    if (from === to) return nx ? int(0) : OK;
    const deadline = src.expiresAt;
    const existing = ks.lookupWrite(db, to);
    if (existing !== undefined) {
      if (nx) return int(0);
      ks.delete(db, existing);
    }
    const registered = src.type === 'string' ? null : registeredAt(ks, src.coll);
    const moved = ks.addWithValueOf(db, to, src);
    ks.setLastAccess(moved, src.lru);
    if (deadline !== NO_EXPIRY) ks.setExpire(db, moved, deadline);
    ks.delete(db, src);
    adoptTtls(ks, db, moved, registered);
    ks.notify(db.id, from, 'rename_from', 'g');
    ks.notify(db.id, to, 'rename_to', 'g');
    return nx ? int(1) : OK;
  };

/** A duplicate of a collection's payload with its encoding; undefined for a string (shared as is). */
function cloneCollection(e: Entry): Collection | undefined {
  let copy: Collection;
  switch (e.type) {
    case 'string':
      return undefined;
    case 'list':
      return e.coll.slice();
    case 'set':
      copy = new Set(e.coll);
      break;
    case 'hash':
      copy = new Map(e.coll);
      break;
    case 'zset':
      copy = new Map(e.coll);
      break;
    case 'stream':
      return cloneStream(e.coll);
  }
  copyEncoding(e.coll, copy);
  copyTtls(e.coll, copy);
  return copy;
}

const copy = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let dst = ctx.db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = optionName(arg(argv, j));
    if (opt === 'replace') {
      replace = true;
    } else if (opt === 'db' && j + 1 < argv.length) {
      const target = targetDb(ctx, arg(argv, ++j));
      if (!('dict' in target)) return target;
      dst = target;
    } else {
      return SYNTAX;
    }
  }
  const from = arg(argv, 1);
  const to = arg(argv, 2);
  if (dst === ctx.db && from === to) return error(ERR_SAME_OBJECT);
  const { ks } = ctx;
  const src = ks.lookupRead(ctx.db, from);
  if (src === undefined) return int(0);
  const existing = ks.lookupWrite(dst, to);
  if (existing !== undefined) {
    if (!replace) return int(0);
    ks.delete(dst, existing);
  }
  const copied = ks.addWithValueOf(dst, to, src, cloneCollection(src));
  if (src.expiresAt !== NO_EXPIRY) ks.setExpire(dst, copied, src.expiresAt);
  if (src.type !== 'string') adoptTtls(ks, dst, copied, registeredAt(ks, src.coll));
  ks.notify(dst.id, to, 'copy_to', 'g');
  return int(1);
};

const move = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const dst = targetDb(ctx, arg(argv, 2));
  if (!('dict' in dst)) return dst;
  const { ks, db } = ctx;
  if (dst === db) return error(ERR_SAME_OBJECT);
  const key = arg(argv, 1);
  const src = ks.lookupWrite(db, key);
  if (src === undefined) return int(0);
  if (ks.lookupWrite(dst, key) !== undefined) return int(0);
  const registered = src.type === 'string' ? null : registeredAt(ks, src.coll);
  const moved = ks.addWithValueOf(dst, key, src);
  ks.setLastAccess(moved, src.lru);
  if (src.expiresAt !== NO_EXPIRY) ks.setExpire(dst, moved, src.expiresAt);
  ks.delete(db, src);
  adoptTtls(ks, dst, moved, registered);
  ks.notify(db.id, key, 'move_from', 'g');
  ks.notify(dst.id, key, 'move_to', 'g');
  return int(1);
};

const randomkey = (ctx: CommandContext): Reply => {
  const { ks, db } = ctx;
  while (true) {
    const e = ks.randomEntry(db, ctx.random);
    if (e === undefined) return NIL;
    if (!ks.isExpired(e)) return bulk(e.key);
    ks.lookupWrite(db, e.key);
  }
};

const generic = { group: 'generic' } as const;

export const keyspaceCommands: readonly CommandSpec[] = [
  {
    ...generic,
    name: 'del',
    arity: -2,
    flags: ['write'],
    tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
    summary: 'Deletes one or more keys.',
    syntax: 'DEL key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of keys that will be removed.',
    keys: ALL_KEYS,
    handler: del,
  },
  {
    ...generic,
    name: 'unlink',
    arity: -2,
    flags: ['write', 'fast'],
    tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
    summary: 'Asynchronously deletes one or more keys.',
    syntax: 'UNLINK key [key ...]',
    since: '4.0.0',
    complexity: 'O(1) for each key removed regardless of its size.',
    keys: ALL_KEYS,
    handler: del,
  },
  {
    ...generic,
    name: 'exists',
    arity: -2,
    flags: ['readonly', 'fast'],
    tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
    summary: 'Determines whether one or more keys exist.',
    syntax: 'EXISTS key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of keys to check.',
    keys: ALL_KEYS,
    handler: exists,
  },
  {
    ...generic,
    name: 'touch',
    arity: -2,
    flags: ['readonly', 'fast'],
    tips: ['request_policy:multi_shard', 'response_policy:agg_sum'],
    summary:
      'Returns the number of existing keys out of those specified after updating the time they were last accessed.',
    syntax: 'TOUCH key [key ...]',
    since: '3.2.1',
    complexity: 'O(N) where N is the number of keys that will be touched.',
    keys: ALL_KEYS,
    handler: touch,
  },
  {
    ...generic,
    name: 'type',
    arity: 2,
    flags: ['readonly', 'fast'],
    summary: 'Determines the type of value stored at a key.',
    syntax: 'TYPE key',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: KEY1,
    handler: type,
  },
  {
    ...generic,
    name: 'keys',
    arity: 2,
    flags: ['readonly'],
    tips: ['request_policy:all_shards', 'nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns all key names that match a pattern.',
    syntax: 'KEYS pattern',
    since: '1.0.0',
    complexity: 'O(N) with N being the number of keys in the database.',
    keys: NO_KEYS,
    handler: keys,
  },
  {
    ...generic,
    name: 'scan',
    notes:
      'Cursors are creation sequence numbers, not hash-table positions; the full-iteration guarantee holds.',
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output', 'request_policy:special'],
    traits: { scan: 'members' },
    summary: 'Iterates over the key names in the database.',
    syntax: 'SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]',
    since: '2.8.0',
    complexity: 'O(1) for every call. O(N) for a complete iteration.',
    keys: NO_KEYS,
    handler: scanWith(false),
    versions: {
      'redis-7.4': {
        tips: ['nondeterministic_output', 'request_policy:special', 'response_policy:special'],
        handler: scanWith(true),
      },
    },
  },
  {
    ...generic,
    name: 'randomkey',
    notes: 'O(N) instead of O(1).',
    arity: 1,
    flags: ['readonly'],
    tips: ['request_policy:all_shards', 'nondeterministic_output'],
    traits: { random: true },
    summary: 'Returns a random key name from the database.',
    syntax: 'RANDOMKEY',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: NO_KEYS,
    handler: randomkey,
    versions: {
      'redis-7.4': {
        tips: ['request_policy:all_shards', 'response_policy:special', 'nondeterministic_output'],
      },
    },
  },
  {
    ...generic,
    name: 'rename',
    arity: 3,
    flags: ['write'],
    summary: 'Renames a key and overwrites the destination.',
    syntax: 'RENAME key newkey',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: [1, 2, 1],
    handler: renameGeneric(false),
  },
  {
    ...generic,
    name: 'renamenx',
    arity: 3,
    flags: ['write', 'fast'],
    summary: "Renames a key only when the target key name doesn't exist.",
    syntax: 'RENAMENX key newkey',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: [1, 2, 1],
    handler: renameGeneric(true),
  },
  {
    ...generic,
    name: 'copy',
    arity: -3,
    flags: ['write', 'denyoom'],
    summary: 'Copies the value of a key to a new key.',
    syntax: 'COPY source destination [DB destination-db] [REPLACE]',
    since: '6.2.0',
    complexity:
      'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
    keys: [1, 2, 1],
    handler: copy,
  },
  {
    ...generic,
    name: 'move',
    arity: 3,
    flags: ['write', 'fast'],
    summary: 'Moves a key to another database.',
    syntax: 'MOVE key db',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: KEY1,
    handler: move,
  },
  {
    name: 'dbsize',
    group: 'server',
    arity: 1,
    flags: ['readonly', 'fast'],
    tips: ['request_policy:all_shards', 'response_policy:agg_sum'],
    summary: 'Returns the number of keys in the database.',
    syntax: 'DBSIZE',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: NO_KEYS,
    handler: dbsize,
  },
  {
    name: 'flushdb',
    group: 'server',
    arity: -1,
    flags: ['write'],
    tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
    summary: 'Remove all keys from the current database.',
    syntax: 'FLUSHDB [ASYNC | SYNC]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of keys in the selected database',
    keys: NO_KEYS,
    handler: flushdb,
  },
  {
    name: 'flushall',
    group: 'server',
    arity: -1,
    flags: ['write'],
    tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
    summary: 'Removes all keys from all databases.',
    syntax: 'FLUSHALL [ASYNC | SYNC]',
    since: '1.0.0',
    complexity: 'O(N) where N is the total number of keys in all databases',
    keys: NO_KEYS,
    handler: flushall,
  },
  {
    name: 'select',
    group: 'connection',
    arity: 2,
    flags: ['loading', 'stale', 'fast'],
    summary: 'Changes the selected database.',
    syntax: 'SELECT index',
    since: '1.0.0',
    complexity: 'O(1)',
    keys: NO_KEYS,
    handler: select,
  },
];
