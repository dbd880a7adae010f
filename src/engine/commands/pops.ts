import type { CommandContext } from '../command.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, bulkArray, type Reply } from '../reply.ts';
import { listBytes } from './lists.ts';
import { deleteIfEmptyZset, removeMembers, scoreReply, sortedEntries, type ZEntry } from './sorted-sets.ts';

/**
 * Pops shared by the blocking commands and their non-blocking forms (t_list.c
 * listPopRangeAndReplyWithKey, t_zset.c genericZpopCommand): the elements, the keyspace events
 * (`lpop`/`rpop`/`zpopmin`/`zpopmax`, then `del` when the key is emptied) and the replies.
 */

/** Pops up to `count` elements from one end of a non-empty list. */
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

/** Pops up to `count` lowest (or highest) members of a non-empty sorted set. */
export function popZset(ctx: CommandContext, e: EntryOf<'zset'>, max: boolean, count: number): ZEntry[] {
  const sorted = sortedEntries(e.coll);
  const n = Math.min(count, sorted.length);
  const taken = max ? sorted.slice(sorted.length - n).reverse() : sorted.slice(0, n);
  removeMembers(
    ctx,
    e,
    taken.map(([m]) => m),
  );
  ctx.ks.notify(ctx.db.id, e.key, max ? 'zpopmax' : 'zpopmin', 'z');
  deleteIfEmptyZset(ctx, e);
  return taken;
}

/** LMPOP / BLMPOP: `[key, [element, …]]`. */
export function listRangeReply(key: string, elements: readonly string[]): Reply {
  return array([bulk(key), bulkArray(elements)]);
}

/** ZMPOP / BZMPOP: `[key, [[member, score], …]]` (nested in RESP2 too). */
export function zsetRangeReply(key: string, entries: readonly ZEntry[]): Reply {
  return array([bulk(key), array(entries.map(([m, s]) => array([bulk(m), scoreReply(s)])))]);
}

/** BZPOPMIN / BZPOPMAX: `[key, member, score]`. */
export function zsetKeyedReply(key: string, [member, score]: ZEntry): Reply {
  return array([bulk(key), bulk(member), scoreReply(score)]);
}
