/**
 * Keyspace notifications: Redis's event names and classes (notify.c), plus what caused each event,
 * which Redis does not publish but a learner wants to see (which command; lazy expiry on access; the
 * active cycle).
 */

/** `g` generic, `$` string, `l` list, `s` set, `h` hash, `z` zset, `x` expired, `e` evicted, `t` stream, `m` key-miss, `n` new key. */
export type EventClass = 'g' | '$' | 'l' | 's' | 'h' | 'z' | 'x' | 'e' | 't' | 'd' | 'm' | 'n';

export type EventCause =
  /** `argv` is the command as sent (a reference, not a copy: costs nothing when nobody listens). */
  | { readonly kind: 'command'; readonly command: string; readonly argv?: readonly string[] }
  /** A key found expired when `command` looked it up. */
  | { readonly kind: 'lazy'; readonly command: string }
  /** Removed by active expiry cycle number `cycle` (counted from 1 over the engine's life). */
  | { readonly kind: 'active'; readonly cycle: number };

export interface KeyspaceEvent {
  readonly db: number;
  readonly key: string;
  readonly event: string;
  readonly cls: EventClass;
  readonly cause: EventCause;
}

export type EventListener = (event: KeyspaceEvent) => void;

const FLAG_K = 1 << 0;
const FLAG_E = 1 << 1;
const CLASS_BITS: Record<EventClass, number> = {
  g: 1 << 2,
  $: 1 << 3,
  l: 1 << 4,
  s: 1 << 5,
  h: 1 << 6,
  z: 1 << 7,
  x: 1 << 8,
  e: 1 << 9,
  t: 1 << 10,
  d: 1 << 11,
  m: 1 << 12,
  n: 1 << 13,
};
/** `A` is an alias for every class except key-miss and new-key. */
const ALL_A = 'g$lshzxetd'.split('').reduce((acc, c) => acc | CLASS_BITS[c as EventClass], 0);

/** Parses a `notify-keyspace-events` value; null for an invalid character. */
export function parseNotifyFlags(text: string): number | null {
  let flags = 0;
  for (const ch of text) {
    if (ch === 'A') flags |= ALL_A;
    else if (ch === 'K') flags |= FLAG_K;
    else if (ch === 'E') flags |= FLAG_E;
    else if (ch in CLASS_BITS) flags |= CLASS_BITS[ch as EventClass];
    else return null;
  }
  return flags;
}

/** CONFIG GET's rendering (notify.c keyspaceEventsFlagsToString): `n` only shows when `A` does not. */
export function formatNotifyFlags(flags: number): string {
  let out = '';
  if ((flags & ALL_A) === ALL_A) {
    out += 'A';
  } else {
    for (const ch of 'g$lshzxetdn') {
      if (flags & CLASS_BITS[ch as EventClass]) out += ch;
    }
  }
  if (flags & FLAG_K) out += 'K';
  if (flags & FLAG_E) out += 'E';
  if (flags & CLASS_BITS.m) out += 'm';
  return out;
}

/** The channels Redis would publish this event on under `flags` (empty when it publishes nothing). */
export function publishedChannels(event: KeyspaceEvent, flags: number): string[] {
  if (!(flags & CLASS_BITS[event.cls])) return [];
  const out: string[] = [];
  if (flags & FLAG_K) out.push(`__keyspace@${event.db}__:${event.key}`);
  if (flags & FLAG_E) out.push(`__keyevent@${event.db}__:${event.event}`);
  return out;
}
