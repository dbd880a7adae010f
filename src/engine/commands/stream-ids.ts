import type { CommandContext } from '../command.ts';
import { ERR_INVALID_STREAM_ID } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, bulkArray, error, type Reply } from '../reply.ts';
import {
  decrId,
  idText,
  incrId,
  MAX_ID,
  type StreamId,
  type StreamItem,
  streamBytes,
  UINT64_MAX,
} from '../stream.ts';
import { lookupTyped } from './collections.ts';

/** Stream IDs as t_stream.c parses them, and the replies and lookups the stream families share. */

export const ERR_INVALID_ID = error(ERR_INVALID_STREAM_ID);

function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * util.c string2ull: string2ll when it parses (negatives refused), else strtoull, which skips
 * leading blanks, takes a sign (a minus wraps around) and refuses only what it cannot consume
 * entirely or what overflows 64 bits.
 */
function string2ull(s: string): bigint | null {
  const ll = parseInt64(s);
  if (ll !== null) return ll < 0 ? null : BigInt(ll);
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (m === null) return null;
  const v = BigInt(m[2] as string);
  if (v > UINT64_MAX) return null;
  return m[1] === '-' ? BigInt.asUintN(64, -v) : v;
}

/**
 * streamGenericParseIDOrReply: `ms-seq`, `ms` (seq = missingSeq), `-`, `+` (not when strict) and,
 * for XADD, `ms-*` (seqGiven false). null for an invalid ID.
 */
export function parseStreamId(
  text: string,
  missingSeq: bigint,
  strict: boolean,
  seqStar = false,
): { id: StreamId; seqGiven: boolean } | null {
  if (text.length > 127) return null;
  const c = cString(text);
  if (strict && (c === '-' || c === '+')) return null;
  if (c === '-') return { id: { ms: 0n, seq: 0n }, seqGiven: true };
  if (c === '+') return { id: MAX_ID, seqGiven: true };
  const dash = c.indexOf('-');
  const ms = string2ull(dash < 0 ? c : c.slice(0, dash));
  if (ms === null) return null;
  if (dash < 0) return { id: { ms, seq: missingSeq }, seqGiven: true };
  const seqText = c.slice(dash + 1);
  if (seqStar && seqText === '*') return { id: { ms, seq: 0n }, seqGiven: false };
  const seq = string2ull(seqText);
  return seq === null ? null : { id: { ms, seq }, seqGiven: true };
}

/** A strict ID (no `-`/`+`), or the invalid-ID error. */
export function strictId(text: string): StreamId | Reply {
  return parseStreamId(text, 0n, true)?.id ?? ERR_INVALID_ID;
}

/**
 * streamParseIntervalIDOrReply plus the exclusive adjustment of XRANGE/XPENDING/XAUTOCLAIM: `(id`
 * moves past the ID, with Redis's errors at the ends of the ID space.
 */
export function intervalId(text: string, missingSeq: bigint, start: boolean): StreamId | Reply {
  const exclusive = text.length > 1 && text[0] === '(';
  const parsed = exclusive
    ? parseStreamId(text.slice(1), missingSeq, true)
    : parseStreamId(text, missingSeq, false);
  if (parsed === null) return ERR_INVALID_ID;
  if (!exclusive) return parsed.id;
  const moved = start ? incrId(parsed.id) : decrId(parsed.id);
  return moved ?? error(`ERR invalid ${start ? 'start' : 'end'} ID for the interval`);
}

export const isId = (x: StreamId | Reply): x is StreamId => 'ms' in x;

export function entryReply(item: StreamItem): Reply {
  return array([bulk(idText(item.id)), bulkArray(item.fields)]);
}

export const idReply = (id: StreamId): Reply => bulk(idText(id));

export const lookupStream = (ctx: CommandContext, key: string, write: boolean) =>
  lookupTyped(ctx, key, 'stream', write);

/** After an edit: the memory estimate follows the stream's listpacks and groups. */
export function streamChanged(ctx: CommandContext, e: EntryOf<'stream'>): void {
  ctx.ks.collectionChanged(ctx.db, e, streamBytes(e.coll));
}

/** getLongLongFromObjectOrReply as a bigint, or null when not an integer. */
export function longLong(text: string): bigint | null {
  const v = parseInt64(text);
  return v === null ? null : BigInt(v);
}
