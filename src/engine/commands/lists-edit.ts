import { isReplyNotEntry, KEY1, NOT_INTEGER, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { modernEncodingName } from '../encodings.ts';
import {
  ERR_INDEX_OUT_OF_RANGE,
  ERR_LPOS_COUNT,
  ERR_LPOS_MAXLEN,
  ERR_LPOS_RANK_ZERO,
  ERR_NO_SUCH_KEY,
  ERR_NOT_LONG_MIN,
} from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, EMPTY_ARRAY, error, int, NIL, OK, type Reply } from '../reply.ts';
import { listBytes, lookupList } from './lists.ts';

/** Positional list commands (t_list.c): LINDEX, LSET, LINSERT, LREM, LTRIM, LPOS. */

/** A list index (negative from the tail) as an array position, or -1 when outside the list. */
function position(index: number, len: number): number {
  const i = index < 0 ? len + index : index;
  return i >= 0 && i < len ? i : -1;
}

function changed(ctx: CommandContext, e: EntryOf<'list'>, event: string): void {
  const items = e.coll;
  const { ks, db } = ctx;
  ks.notify(db.id, e.key, event, 'l');
  if (items.length === 0) {
    ks.delete(db, e);
    ks.notify(db.id, e.key, 'del', 'g');
  } else {
    ks.collectionChanged(db, e, listBytes(items));
  }
}

const lindex = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupList(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return NIL;
  const index = parseInt64(arg(argv, 2));
  if (index === null) return NOT_INTEGER;
  const items = e.coll;
  const i = position(clampToNumber(index), items.length);
  return i < 0 ? NIL : bulk(items[i] as string);
};

/**
 * LSET. Redis 7.2+ (`listpack32`) keeps a small list in one listpack and seeks it with the index
 * cut to a 32-bit int (lpSeek), so on such a list 2^32 + 1 sets element 1 and 2^63 - 1 the last.
 */
const lsetWith =
  (listpack32: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = lookupList(ctx, arg(argv, 1), true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return error(ERR_NO_SUCH_KEY);
    const parsed = parseInt64(arg(argv, 2));
    if (parsed === null) return NOT_INTEGER;
    const index =
      listpack32 && modernEncodingName(e) === 'listpack' ? Number(BigInt.asIntN(32, BigInt(parsed))) : parsed;
    const items = e.coll;
    const i = position(clampToNumber(index), items.length);
    if (i < 0) return error(ERR_INDEX_OUT_OF_RANGE);
    items[i] = arg(argv, 3);
    changed(ctx, e, 'lset');
    return OK;
  };

const linsert = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const where = optionName(arg(argv, 2));
  if (where !== 'before' && where !== 'after') return SYNTAX;
  const e = lookupList(ctx, arg(argv, 1), true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const items = e.coll;
  const i = items.indexOf(arg(argv, 3));
  if (i < 0) return int(-1);
  items.splice(where === 'after' ? i + 1 : i, 0, arg(argv, 4));
  changed(ctx, e, 'linsert');
  return int(items.length);
};

/** LONG_MIN, which Redis 7.2+ refuses as LREM's count and LPOS's RANK (`strict`). */
const LONG_MIN = -9223372036854775808n;

const lremWith =
  (strict: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const count = parseInt64(arg(argv, 2));
    if (count === null) return NOT_INTEGER;
    if (strict && count === LONG_MIN) return error(ERR_NOT_LONG_MIN);
    const e = lookupList(ctx, arg(argv, 1), true);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return int(0);
    const items = e.coll;
    const element = arg(argv, 3);
    const fromTail = count < 0;
    const max = fromTail ? -clampToNumber(count) : clampToNumber(count);
    let removed = 0;
    for (let k = 0; k < items.length && (max === 0 || removed < max); ) {
      const i = fromTail ? items.length - 1 - k : k;
      if (items[i] === element) {
        // The next candidate slides into the same distance from the starting end.
        items.splice(i, 1);
        removed++;
      } else {
        k++;
      }
    }
    if (removed > 0) changed(ctx, e, 'lrem');
    return int(removed);
  };

const ltrim = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const startArg = parseInt64(arg(argv, 2));
  const endArg = startArg === null ? null : parseInt64(arg(argv, 3));
  if (startArg === null || endArg === null) return NOT_INTEGER;
  const e = lookupList(ctx, arg(argv, 1), true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return OK;
  const items = e.coll;
  const len = items.length;
  let start = clampToNumber(startArg);
  let end = clampToNumber(endArg);
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (start > end || start >= len) {
    items.length = 0;
  } else {
    if (end >= len) end = len - 1;
    items.splice(end + 1);
    items.splice(0, start);
  }
  // Redis fires `ltrim` even when nothing was trimmed.
  changed(ctx, e, 'ltrim');
  return OK;
};

const lposWith =
  (strict: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    let rank = 1;
    let count = -1;
    let maxlen = 0;
    for (let j = 3; j < argv.length; j++) {
      const opt = optionName(arg(argv, j));
      const more = j + 1 < argv.length;
      if (opt === 'rank' && more) {
        const v = parseInt64(arg(argv, ++j));
        if (v === null) return NOT_INTEGER;
        if (strict && v === LONG_MIN) return error(ERR_NOT_LONG_MIN);
        if (v === 0) return error(ERR_LPOS_RANK_ZERO);
        // -LONG_MIN overflows back to LONG_MIN in C: a negative rank every match passes.
        rank = v === -9223372036854775808n ? -Infinity : clampToNumber(v);
      } else if (opt === 'count' && more) {
        const v = parseInt64(arg(argv, ++j));
        if (v === null || v < 0) return error(ERR_LPOS_COUNT);
        count = clampToNumber(v);
      } else if (opt === 'maxlen' && more) {
        const v = parseInt64(arg(argv, ++j));
        if (v === null || v < 0) return error(ERR_LPOS_MAXLEN);
        maxlen = clampToNumber(v);
      } else {
        return SYNTAX;
      }
    }
    const fromTail = rank < 0;
    if (fromTail && rank !== -Infinity) rank = -rank;
    const e = lookupList(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return count !== -1 ? EMPTY_ARRAY : NIL;
    const items = e.coll;
    const element = arg(argv, 2);
    const len = items.length;
    const found: Reply[] = [];
    let matches = 0;
    for (let k = 0; k < len && (maxlen === 0 || k < maxlen); k++) {
      const i = fromTail ? len - 1 - k : k;
      if (items[i] !== element) continue;
      matches++;
      if (matches < rank) continue;
      if (count === -1) return int(i);
      found.push(int(i));
      // With the wrapped LONG_MIN rank, matches - rank + 1 overflows negative: COUNT never stops it.
      if (count !== 0 && rank !== -Infinity && matches - rank + 1 >= count) break;
    }
    return count === -1 ? NIL : array(found);
  };

const list = { group: 'list', keys: KEY1 } as const;

export const listEditCommands: readonly CommandSpec[] = [
  {
    ...list,
    name: 'lindex',
    arity: 3,
    flags: ['readonly'],
    summary: 'Returns an element from a list by its index.',
    syntax: 'LINDEX key index',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements to traverse to get to the element at index.',
    handler: lindex,
  },
  {
    ...list,
    name: 'lset',
    arity: 4,
    flags: ['write', 'denyoom'],
    summary: 'Sets the value of an element in a list by its index.',
    syntax: 'LSET key index element',
    since: '1.0.0',
    complexity: 'O(N) where N is the length of the list.',
    handler: lsetWith(false),
    versions: { 'redis-7.4': { handler: lsetWith(true) } },
  },
  {
    ...list,
    name: 'linsert',
    arity: 5,
    flags: ['write', 'denyoom'],
    summary: 'Inserts an element before or after another element in a list.',
    syntax: 'LINSERT key BEFORE | AFTER pivot element',
    since: '2.2.0',
    complexity: 'O(N) where N is the number of elements to traverse before seeing the value pivot.',
    handler: linsert,
  },
  {
    ...list,
    name: 'lrem',
    arity: 4,
    flags: ['write'],
    summary: 'Removes elements from a list. Deletes the list if the last element was removed.',
    syntax: 'LREM key count element',
    since: '1.0.0',
    complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
    handler: lremWith(false),
    versions: { 'redis-7.4': { handler: lremWith(true) } },
  },
  {
    ...list,
    name: 'ltrim',
    arity: 4,
    flags: ['write'],
    summary: 'Removes elements from both ends a list. Deletes the list if all elements were trimmed.',
    syntax: 'LTRIM key start stop',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of elements to be removed by the operation.',
    handler: ltrim,
  },
  {
    ...list,
    name: 'lpos',
    arity: -3,
    flags: ['readonly'],
    summary: 'Returns the index of matching elements in a list.',
    syntax: 'LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]',
    since: '6.0.6',
    complexity: 'O(N) where N is the number of elements in the list, for the average case.',
    handler: lposWith(false),
    versions: { 'redis-7.4': { handler: lposWith(true) } },
  },
];
