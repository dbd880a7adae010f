import type { Reply } from '../engine/reply.ts';

/**
 * A reply as it goes on the wire: the engine's Reply plus what only the protocol can tell apart
 * (redis-cli --no-raw prints them alike, so the engine does not model them): RESP3's maps, sets,
 * doubles and verbatim strings, and RESP2's null array (`*-1`) next to the null bulk (`$-1`).
 */
export type Wire =
  | Exclude<Reply, { readonly t: 'array' }>
  | { readonly t: 'array'; readonly items: readonly Wire[] }
  /** Flat: key, value, key, value. */
  | { readonly t: 'map'; readonly items: readonly Wire[] }
  | { readonly t: 'set'; readonly items: readonly Wire[] }
  /** The `%.17g` text Redis prints (`inf`, `-inf` included). */
  | { readonly t: 'double'; readonly s: string }
  /** Always `txt` in Redis 7.0. */
  | { readonly t: 'verbatim'; readonly s: string }
  | { readonly t: 'nullarray' }
  /** Pub/sub messages and (un)subscribe confirmations: `>` in RESP3, a plain array in RESP2. */
  | { readonly t: 'push'; readonly items: readonly Wire[] };

export type Protocol = 2 | 3;

/** CR and LF inside a status or error line would break the protocol; Redis maps them to spaces. */
function line(s: string): string {
  return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace(/[\r\n]/g, ' ');
}

/** The reply's bytes (a byte string: one char per byte) for a client speaking `resp`. */
export function encode(w: Wire, resp: Protocol): string {
  switch (w.t) {
    case 'status':
      return `+${line(w.s)}\r\n`;
    case 'error':
      return `-${line(w.s)}\r\n`;
    case 'int':
      return `:${w.n}\r\n`;
    case 'bulk':
      return `$${w.s.length}\r\n${w.s}\r\n`;
    case 'nil':
      return resp === 2 ? '$-1\r\n' : '_\r\n';
    case 'nullarray':
      return resp === 2 ? '*-1\r\n' : '_\r\n';
    case 'array':
      return aggregate('*', w.items.length, w.items, resp);
    case 'map':
      return resp === 2
        ? aggregate('*', w.items.length, w.items, resp)
        : aggregate('%', w.items.length / 2, w.items, resp);
    case 'set':
      return aggregate(resp === 2 ? '*' : '~', w.items.length, w.items, resp);
    case 'push':
      return aggregate(resp === 2 ? '*' : '>', w.items.length, w.items, resp);
    case 'double':
      return resp === 2 ? `$${w.s.length}\r\n${w.s}\r\n` : `,${w.s}\r\n`;
    case 'verbatim':
      return resp === 2 ? `$${w.s.length}\r\n${w.s}\r\n` : `=${w.s.length + 4}\r\ntxt:${w.s}\r\n`;
  }
}

function aggregate(prefix: string, count: number, items: readonly Wire[], resp: Protocol): string {
  let out = `${prefix}${count}\r\n`;
  for (const item of items) out += encode(item, resp);
  return out;
}
