import type { EventClass } from '../engine/events.ts';
import type { EventRecord, EventRecordCause } from './protocol-events.ts';

/**
 * Keyspace events as they cross to the page: columns, not one object per event. A mass expiry
 * sends 2,000 events a frame, and the page spent more time deserialising them as objects (each
 * with its cause object) than on anything else it ran in JavaScript; numbers go as typed arrays
 * (copied in one piece), names and causes as small tables the events point into. The page turns
 * an event back into an `EventRecord` only when something reads it (`eventAt`).
 */
export interface EventColumns {
  readonly length: number;
  /** Distinct event names of the batch with their class; `kind` points into it. */
  readonly kinds: readonly { readonly event: string; readonly cls: EventClass }[];
  /** Distinct causes of the batch (an active cycle, a command line); `cause` points into it. */
  readonly causes: readonly EventRecordCause[];
  readonly kind: Uint32Array;
  readonly cause: Uint32Array;
  readonly db: Uint32Array;
  readonly at: Float64Array;
  readonly key: readonly string[];
  /** Each event's channels (null: none); absent when no event of the batch had any. */
  readonly channels?: readonly (readonly string[] | null)[];
}

export const NO_EVENTS: EventColumns = packEvents([]);

function causeId(c: EventRecordCause): string {
  switch (c.kind) {
    case 'command':
      return `c\0${c.command}\0${c.text === undefined ? '\x01' : c.text}`;
    case 'lazy':
      return `l\0${c.command}`;
    case 'active':
      return `a\0${c.cycle}`;
    case 'server':
      return 's';
  }
}

export function packEvents(records: readonly EventRecord[]): EventColumns {
  const n = records.length;
  const kinds: { event: string; cls: EventClass }[] = [];
  const kindIds = new Map<string, number>();
  const causes: EventRecordCause[] = [];
  const causeIds = new Map<string, number>();
  const cols = {
    kind: new Uint32Array(n),
    cause: new Uint32Array(n),
    db: new Uint32Array(n),
    at: new Float64Array(n),
    key: new Array<string>(n),
  };
  let channels: (readonly string[] | null)[] | undefined;
  for (let i = 0; i < n; i++) {
    const r = records[i] as EventRecord;
    let k = kindIds.get(r.event);
    if (k === undefined) {
      k = kinds.push({ event: r.event, cls: r.cls }) - 1;
      kindIds.set(r.event, k);
    }
    const id = causeId(r.cause);
    let c = causeIds.get(id);
    if (c === undefined) {
      c = causes.push(r.cause) - 1;
      causeIds.set(id, c);
    }
    cols.kind[i] = k;
    cols.cause[i] = c;
    cols.db[i] = r.db;
    cols.at[i] = r.at;
    cols.key[i] = r.key;
    if (r.channels) {
      channels ??= new Array<readonly string[] | null>(n).fill(null);
      channels[i] = r.channels;
    }
  }
  return { length: n, kinds, causes, ...cols, ...(channels ? { channels } : {}) };
}

/** The event name of event `i` (no record built). */
export const eventName = (c: EventColumns, i: number): string =>
  (c.kinds[c.kind[i] as number] as EventColumns['kinds'][number]).event;

export function eventAt(c: EventColumns, i: number): EventRecord {
  const kind = c.kinds[c.kind[i] as number] as EventColumns['kinds'][number];
  const channels = c.channels?.[i];
  return {
    db: c.db[i] as number,
    key: c.key[i] as string,
    event: kind.event,
    cls: kind.cls,
    cause: c.causes[c.cause[i] as number] as EventRecordCause,
    at: c.at[i] as number,
    ...(channels ? { channels } : {}),
  };
}

export function* eachEvent(c: EventColumns): IterableIterator<EventRecord> {
  for (let i = 0; i < c.length; i++) yield eventAt(c, i);
}
