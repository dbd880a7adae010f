import { array, bulk, bulkArray, type Reply } from '../reply.ts';
import { scoreReply, type ZEntry } from './sorted-sets.ts';

/**
 * Pops shared by the blocking commands and their non-blocking forms (t_list.c
 * listPopRangeAndReplyWithKey, t_zset.c genericZpopCommand): the elements, the keyspace events
 * (`lpop`/`rpop`/`zpopmin`/`zpopmax`, then `del` when the key is emptied) and the replies.
 */

// The list's pop is LPOP's own (lists.ts): its elements, `lpop`/`rpop`, and `del` when emptied.
export { popList } from './lists.ts';

export { popZset } from './sorted-sets.ts';

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
