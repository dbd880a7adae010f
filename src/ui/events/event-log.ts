import { globMatch } from '../../engine/glob.ts';
import { type EventColumns, eventAt } from '../../worker/event-columns.ts';
import type { EventChunk, EventRecord } from '../../worker/protocol.ts';
import { displayKey } from '../key-view.ts';

/**
 * The Events panel's data, kept out of React: the most recent events (bounded, so a million
 * events cost no more than fifty thousand; kept as the columns they came in, each record built the
 * first time the panel reads it) and exact counts per event name (from the
 * worker, which counts even the events it did not send). Filtering, cause texts and the JSON/CSV
 * exports are plain functions over it.
 */

export const EVENT_LOG_CAPACITY = 50_000;

export interface LoggedEvent extends EventRecord {
  /** Arrival number, unique over the log's life (list rows key on it). */
  readonly n: number;
}

/** A batch's events as they came (columns); records are built the first time they are read. */
interface Block {
  readonly cols: EventColumns;
  /** Arrival number of the block's event 0. */
  readonly n0: number;
  /** Events before this one left the log (it keeps the newest `capacity`). */
  first: number;
  built?: (LoggedEvent | undefined)[];
}

export class EventLog {
  /** Oldest first; blocks before `head` are gone (released in bulk). */
  private blocks: Block[] = [];
  private head = 0;
  private length = 0;
  private next = 1;
  /** Every event counted since the last clear, by name (exact even when records were dropped). */
  readonly counts = new Map<string, number>();
  /** Events counted but never received as records (the worker drops some under load). */
  dropped = 0;

  constructor(readonly capacity = EVENT_LOG_CAPACITY) {}

  get size(): number {
    return this.length;
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  add(cols: EventColumns, counts: Readonly<Record<string, number>>, dropped: number): void {
    if (cols.length > 0) {
      this.blocks.push({ cols, n0: this.next, first: 0 });
      this.next += cols.length;
      this.length += cols.length;
      this.trim();
    }
    for (const [name, c] of Object.entries(counts)) this.counts.set(name, (this.counts.get(name) ?? 0) + c);
    this.dropped += dropped;
  }

  /** Keeps the newest `capacity` events: whole blocks go, the oldest kept one is cut. */
  private trim(): void {
    while (this.length > this.capacity) {
      const b = this.blocks[this.head] as Block;
      const over = this.length - this.capacity;
      const kept = b.cols.length - b.first;
      if (kept > over) {
        b.first += over;
        this.length -= over;
      } else {
        this.blocks[this.head++] = undefined as unknown as Block;
        this.length -= kept;
      }
    }
    if (this.head > 1024 && this.head * 2 > this.blocks.length) {
      this.blocks = this.blocks.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * A batch's events in order: a chunk that follows a flush clears the log first unless it is
   * preserved. Says whether the log changed.
   */
  addChunks(chunks: readonly EventChunk[], preserve: boolean): boolean {
    let changed = false;
    for (const c of chunks) {
      if (c.flushedBefore && !preserve) {
        this.clear();
        changed = true;
      }
      if (c.columns.length === 0 && c.dropped === 0) continue;
      this.add(c.columns, c.counts, c.dropped);
      changed = true;
    }
    return changed;
  }

  clear(): void {
    this.blocks = [];
    this.head = 0;
    this.length = 0;
    this.counts.clear();
    this.dropped = 0;
  }

  /** Oldest first. */
  *[Symbol.iterator](): IterableIterator<LoggedEvent> {
    for (let j = this.head; j < this.blocks.length; j++) {
      const b = this.blocks[j] as Block;
      b.built ??= new Array(b.cols.length);
      for (let i = b.first; i < b.cols.length; i++) {
        let e = b.built[i];
        if (!e) {
          e = { ...eventAt(b.cols, i), n: b.n0 + i };
          b.built[i] = e;
        }
        yield e;
      }
    }
  }
}

export interface EventFilter {
  /** Event names to show; empty shows all. */
  readonly names: ReadonlySet<string>;
  /** A KEYS-style glob over the key ('' or '*' for all). */
  readonly pattern: string;
}

export function filterEvents(events: Iterable<LoggedEvent>, filter: EventFilter): LoggedEvent[] {
  const all = filter.pattern === '' || filter.pattern === '*';
  const out: LoggedEvent[] = [];
  for (const e of events) {
    if (filter.names.size > 0 && !filter.names.has(e.event)) continue;
    if (!all && !globMatch(filter.pattern, e.key)) continue;
    out.push(e);
  }
  return out;
}

/** What caused an event, as the log says it: a command, or for `expired`, lazy vs active. */
export function causeText(e: EventRecord): string {
  switch (e.cause.kind) {
    case 'command':
      return e.cause.text ?? e.cause.command.toUpperCase();
    case 'lazy':
      return `lazy, on access by ${e.cause.command.toUpperCase()}`;
    case 'active':
      return `active cycle #${e.cause.cycle}`;
    case 'server':
      return 'on the server (through the bridge)';
  }
}

export function eventsToJson(events: readonly LoggedEvent[]): string {
  const rows = events.map((e) => ({
    at: new Date(e.at).toISOString(),
    atMs: e.at,
    db: e.db,
    event: e.event,
    key: displayKey(e.key),
    cause: causeText(e),
    channels: e.channels ?? [],
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function eventsToCsv(events: readonly LoggedEvent[]): string {
  const lines = ['time,ms,db,event,key,cause'];
  for (const e of events) {
    lines.push(
      [new Date(e.at).toISOString(), String(e.at), String(e.db), e.event, displayKey(e.key), causeText(e)]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
