import { isReplyNotEntry, KEY1, NOT_INTEGER, optionName, parseMpop, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NOT_POSITIVE, errWrongArity } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, type Reply } from '../reply.ts';
import { createCollection, lookupTyped } from './collections.ts';

/**
 * Lists (t_list.c) as plain arrays: pushes, pops, moves, LRANGE and LLEN here, positional edits in
 * lists-edit.ts. A list that becomes empty is deleted, as in Redis.
 */

export function listBytes(items: readonly string[]): number {
  let n = 0;
  for (const s of items) n += s.length + 8;
  return n;
}

export const lookupList = (ctx: CommandContext, key: string, write: boolean) =>
  lookupTyped(ctx, key, 'list', write);

/** pushGenericCommand; with `onlyExisting` (LPUSHX/RPUSHX) a missing key is left alone. */
const push =
  (left: boolean, onlyExisting = false) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const key = arg(argv, 1);
    let e = lookupList(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    const { ks, db } = ctx;
    if (e === undefined) {
      if (onlyExisting) return int(0);
      e = createCollection(ctx, key, 'list', []);
    }
    const items = e.coll;
    for (let i = 2; i < argv.length; i++) {
      if (left) items.unshift(arg(argv, i));
      else items.push(arg(argv, i));
    }
    ks.collectionChanged(db, e, listBytes(items));
    ks.notify(db.id, key, left ? 'lpush' : 'rpush', 'l');
    return int(items.length);
  };

/** LEFT or RIGHT, as getListPositionFromObjectOrReply reads them. */
export function listEnd(arg: string): 'left' | 'right' | null {
  const end = optionName(arg);
  return end === 'left' || end === 'right' ? end : null;
}

/** lmoveGenericCommand: pops from one end of `from`, pushes onto `to` (which may be the same list). */
export function move(
  ctx: CommandContext,
  from: string,
  to: string,
  popLeft: boolean,
  pushLeft: boolean,
): Reply {
  const src = lookupList(ctx, from, true);
  if (isReplyNotEntry(src)) return src;
  if (src === undefined) return NIL;
  const dst = lookupList(ctx, to, true);
  if (isReplyNotEntry(dst)) return dst;
  const { ks, db } = ctx;
  const items = src.coll;
  const value = (popLeft ? items.shift() : items.pop()) as string;
  const target = dst ?? createCollection(ctx, to, 'list', []);
  const targetItems = target.coll;
  if (pushLeft) targetItems.unshift(value);
  else targetItems.push(value);
  ks.collectionChanged(db, target, listBytes(targetItems));
  ks.notify(db.id, to, pushLeft ? 'lpush' : 'rpush', 'l');
  ks.notify(db.id, from, popLeft ? 'lpop' : 'rpop', 'l');
  if (items.length === 0) {
    ks.delete(db, src);
    ks.notify(db.id, from, 'del', 'g');
  } else if (src !== target) {
    ks.collectionChanged(db, src, listBytes(items));
  }
  return bulk(value);
}

const lmove = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const from = listEnd(arg(argv, 3));
  const to = from === null ? null : listEnd(arg(argv, 4));
  if (from === null || to === null) return SYNTAX;
  return move(ctx, arg(argv, 1), arg(argv, 2), from === 'left', to === 'left');
};

const rpoplpush = (ctx: CommandContext, argv: readonly string[]): Reply =>
  move(ctx, arg(argv, 1), arg(argv, 2), false, true);

const pop =
  (left: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    if (argv.length > 3) return error(errWrongArity(ctx.fullName));
    let count = 1;
    const withCount = argv.length === 3;
    if (withCount) {
      const n = parseInt64(arg(argv, 2));
      if (n === null) return NOT_INTEGER;
      if (n < 0) return error(ERR_NOT_POSITIVE);
      count = clampToNumber(n);
    }
    const key = arg(argv, 1);
    const e = lookupList(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return NIL;
    if (withCount && count === 0) return EMPTY_ARRAY;
    const taken = popList(ctx, e, left, count);
    return withCount ? bulkArray(taken) : bulk(taken[0] as string);
  };

/** Pops up to `count` elements from one end (the tail's in pop order), with listElementsRemoved's events. */
export function popList(ctx: CommandContext, e: EntryOf<'list'>, left: boolean, count: number): string[] {
  const items = e.coll;
  const taken = left ? items.splice(0, count) : items.splice(Math.max(0, items.length - count)).reverse();
  const { ks, db } = ctx;
  ks.notify(db.id, e.key, left ? 'lpop' : 'rpop', 'l');
  if (items.length === 0) {
    ks.delete(db, e);
    ks.notify(db.id, e.key, 'del', 'g');
  } else {
    ks.collectionChanged(db, e, listBytes(items));
  }
  return taken;
}

/** LMPOP (mpopGenericCommand): pops from the first non-empty list, the key named in the reply. */
const lmpop = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const p = parseMpop(argv, ['left', 'right']);
  if (!('keys' in p)) return p;
  for (const key of p.keys) {
    const e = lookupList(ctx, key, true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) continue;
    return array([bulk(key), bulkArray(popList(ctx, e, p.where === 0, p.count))]);
  }
  // A null array in RESP2 (server/reply-shapes.ts), which redis-cli prints as (nil) too.
  return NIL;
};

const lrange = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const startArg = parseInt64(arg(argv, 2));
  const endArg = parseInt64(arg(argv, 3));
  if (startArg === null || endArg === null) return NOT_INTEGER;
  const e = lookupList(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return EMPTY_ARRAY;
  const items = e.coll;
  const len = items.length;
  let start = clampToNumber(startArg);
  let end = clampToNumber(endArg);
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (start > end || start >= len) return EMPTY_ARRAY;
  if (end >= len) end = len - 1;
  return array(items.slice(start, end + 1).map(bulk));
};

const llen = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupList(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(e === undefined ? 0 : e.coll.length);
};

const list = { group: 'list', keys: KEY1 } as const;

export const listCommands: readonly CommandSpec[] = [
  {
    ...list,
    name: 'lpush',
    notes: 'Lists are plain arrays: LPUSH is O(N).',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    summary: "Prepends one or more elements to a list. Creates the key if it doesn't exist.",
    syntax: 'LPUSH key element [element ...]',
    since: '1.0.0',
    complexity: 'O(1) for each element added.',
    handler: push(true),
  },
  {
    ...list,
    name: 'rpush',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    summary: "Appends one or more elements to a list. Creates the key if it doesn't exist.",
    syntax: 'RPUSH key element [element ...]',
    since: '1.0.0',
    complexity: 'O(1) for each element added.',
    handler: push(false),
  },
  {
    ...list,
    name: 'lpop',
    arity: -2,
    flags: ['write', 'fast'],
    summary:
      'Returns the first elements in a list after removing it. Deletes the list if the last element was popped.',
    syntax: 'LPOP key [count]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements returned',
    handler: pop(true),
  },
  {
    ...list,
    name: 'rpop',
    arity: -2,
    flags: ['write', 'fast'],
    summary:
      'Returns and removes the last elements of a list. Deletes the list if the last element was popped.',
    syntax: 'RPOP key [count]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements returned',
    handler: pop(false),
  },
  {
    ...list,
    name: 'lrange',
    arity: 4,
    flags: ['readonly'],
    summary: 'Returns a range of elements from a list.',
    syntax: 'LRANGE key start stop',
    since: '1.0.0',
    complexity:
      'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
    handler: lrange,
  },
  {
    ...list,
    name: 'lpushx',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'Prepends one or more elements to a list only when the list exists.',
    syntax: 'LPUSHX key element [element ...]',
    since: '2.2.0',
    complexity: 'O(1) for each element added.',
    handler: push(true, true),
  },
  {
    ...list,
    name: 'rpushx',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'Appends one or more elements to a list only when the list exists.',
    syntax: 'RPUSHX key element [element ...]',
    since: '2.2.0',
    complexity: 'O(1) for each element added.',
    handler: push(false, true),
  },
  {
    ...list,
    name: 'lmove',
    keys: [1, 2, 1],
    arity: 5,
    flags: ['write', 'denyoom'],
    summary:
      'Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.',
    syntax: 'LMOVE source destination LEFT | RIGHT LEFT | RIGHT',
    since: '6.2.0',
    complexity: 'O(1)',
    handler: lmove,
  },
  {
    ...list,
    name: 'rpoplpush',
    keys: [1, 2, 1],
    arity: 3,
    flags: ['write', 'denyoom'],
    summary:
      'Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.',
    syntax: 'RPOPLPUSH source destination',
    since: '1.2.0',
    complexity: 'O(1)',
    handler: rpoplpush,
  },
  {
    ...list,
    name: 'llen',
    arity: 2,
    flags: ['readonly', 'fast'],
    summary: 'Returns the length of a list.',
    syntax: 'LLEN key',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: llen,
  },
  {
    ...list,
    name: 'lmpop',
    keys: [0, 0, 0],
    arity: -4,
    flags: ['write', 'movablekeys'],
    summary:
      'Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.',
    syntax: 'LMPOP numkeys key [key ...] LEFT | RIGHT [COUNT count]',
    since: '7.0.0',
    complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
    handler: lmpop,
  },
];
