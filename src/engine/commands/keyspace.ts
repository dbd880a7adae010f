import { ALL_KEYS, KEY1, NO_KEYS, optionName, parseScanOptions, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_INVALID_CURSOR } from '../errors.ts';
import { globMatch } from '../glob.ts';
import { parseCursor } from '../int64.ts';
import { array, bulk, bulkArray, error, int, NIL, OK, type Reply, status } from '../reply.ts';
import { parseCursor74, scanOptions74 } from './collections.ts';
import { keyMoveCommands, targetDb } from './key-moves.ts';
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

const select = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const db = targetDb(ctx, arg(argv, 1));
  if (!('dict' in db)) return db;
  ctx.client.db = db.id;
  return OK;
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
  ...keyMoveCommands,
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
