import type { Int } from './int64.ts';

/** A RESP2 reply as the engine produces it. Bulk strings and statuses are byte strings. */
export type Reply =
  | { readonly t: 'status'; readonly s: string }
  | { readonly t: 'error'; readonly s: string }
  | { readonly t: 'int'; readonly n: Int }
  | { readonly t: 'bulk'; readonly s: string }
  | { readonly t: 'nil' }
  | { readonly t: 'array'; readonly items: readonly Reply[] };

export const OK: Reply = Object.freeze({ t: 'status', s: 'OK' });
export const QUEUED: Reply = Object.freeze({ t: 'status', s: 'QUEUED' });
export const PONG: Reply = Object.freeze({ t: 'status', s: 'PONG' });
export const NIL: Reply = Object.freeze({ t: 'nil' });
export const EMPTY_ARRAY: Reply = Object.freeze({ t: 'array', items: Object.freeze([]) });

const SMALL_INTS: Reply[] = [];
for (let i = -2; i <= 16; i++) SMALL_INTS.push(Object.freeze({ t: 'int', n: i }));

export function status(s: string): Reply {
  return { t: 'status', s };
}

/** `message` is the full text including its prefix, e.g. `ERR syntax error` or `WRONGTYPE ...`. */
export function error(message: string): Reply {
  return { t: 'error', s: message };
}

export function int(n: Int): Reply {
  if (typeof n === 'number' && n >= -2 && n <= 16 && Number.isInteger(n)) {
    const cached = SMALL_INTS[n + 2];
    if (cached) return cached;
  }
  return { t: 'int', n };
}

export function bulk(s: string): Reply {
  return { t: 'bulk', s };
}

export function bulkOrNil(s: string | undefined): Reply {
  return s === undefined ? NIL : { t: 'bulk', s };
}

export function array(items: readonly Reply[]): Reply {
  return items.length === 0 ? EMPTY_ARRAY : { t: 'array', items };
}

export function bulkArray(items: readonly string[]): Reply {
  return array(items.map(bulk));
}

export function isError(r: Reply): r is { readonly t: 'error'; readonly s: string } {
  return r.t === 'error';
}

/**
 * What a command handler returns when it has no reply to give now: the command blocked (its reply
 * comes later through the client's sink), or its replies went there already (SUBSCRIBE's pushes).
 */
export const NO_REPLY = Object.freeze({ t: 'none' } as const);
export type NoReply = typeof NO_REPLY;
