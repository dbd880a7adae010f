import { KEY1, NOT_INTEGER, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { copyEncoding } from '../encodings.ts';
import { ERR_DB_INDEX, ERR_NO_SUCH_KEY, ERR_SAME_OBJECT } from '../errors.ts';
import { adoptTtls, copyTtls, registeredAt } from '../field-expiry.ts';
import { parseInt32 } from '../int64.ts';
import { type Collection, type Db, type Entry, isDbIndex, NO_EXPIRY } from '../keyspace.ts';
import { error, int, OK, type Reply } from '../reply.ts';
import { cloneStream } from '../stream.ts';

/**
 * Commands that give a key's value another name or database (db.c renameGenericCommand,
 * copyCommand, moveCommand): the value, its deadline and its fields' TTLs go along (RENAME and MOVE
 * keep its last access too).
 */

/** The database a DB argument names (SELECT, COPY … DB, MOVE), or the error Redis replies. */
export function targetDb(ctx: CommandContext, arg: string): Db | Reply {
  const id = parseInt32(arg);
  if (id === null) return NOT_INTEGER;
  if (!isDbIndex(id)) return error(ERR_DB_INDEX);
  return ctx.ks.db(id);
}

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

const generic = { group: 'generic' } as const;

/** Spread into keyspaceCommands, so the table keeps its order. */
export const keyMoveCommands: readonly CommandSpec[] = [
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
];
