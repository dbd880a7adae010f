import { type EventCause, type KeyspaceEvent, publishedChannels } from '../engine/events.ts';
import { quoteBytes } from '../engine/format.ts';
import { packEvents } from './event-columns.ts';
import type { EventChunk, EventRecord } from './protocol.ts';

/**
 * The keyspace events waiting for the page. A flood is paced, not dropped: each batch carries at
 * most `MAX_EVENTS_PER_BATCH` records (what a frame can take with a million keys expiring) and the
 * rest wait for the next frames, in order. Only records the page's log could never keep are
 * dropped: past `capacity` waiting records, the oldest go, counted by name so the totals stay exact.
 *
 * A flush splits the queue into segments, so the page clears its log (unless "Preserve log") at
 * the right point of the stream even when the events before the flush are still on their way.
 */

const MAX_EVENTS_PER_BATCH = 2000;
/** The page's log keeps this many (EVENT_LOG_CAPACITY): an older waiting record could never show. */
export const EVENT_QUEUE_CAPACITY = 50_000;
const MAX_COMMAND_TEXT = 120;

interface Segment {
  /** A flush happened before this segment's events. */
  flushedBefore: boolean;
  records: EventRecord[];
  /** Records before `head` have gone out (or were dropped). */
  head: number;
  dropped: number;
  /** Counts of the dropped records not yet reported. */
  droppedCounts: Record<string, number>;
}

const segment = (flushedBefore: boolean): Segment => ({
  flushedBefore,
  records: [],
  head: 0,
  dropped: 0,
  droppedCounts: {},
});

const remaining = (s: Segment): number => s.records.length - s.head;

export class EventBuffer {
  private segments: Segment[] = [segment(false)];
  private waiting = 0;
  /** Index of the oldest segment that may still hold records (the ones before it hold none). */
  private dropAt = 0;

  /** The console line being run, cut short: its commands' events name it as typed (quotes and all). */
  private typed: string | undefined;

  constructor(private readonly capacity = EVENT_QUEUE_CAPACITY) {}

  set typedLine(line: string | undefined) {
    const text = line?.trim();
    this.typed = text ? cut(text) : undefined;
  }

  /** Nothing to send: no record, no drop count, no flush mark. */
  get idle(): boolean {
    const s = this.segments[0] as Segment;
    return this.segments.length === 1 && remaining(s) === 0 && s.dropped === 0 && !s.flushedBefore;
  }

  add(ev: KeyspaceEvent, at: number, notifyFlags: number): void {
    const record: EventRecord = {
      db: ev.db,
      key: ev.key,
      event: ev.event,
      cls: ev.cls,
      cause: wireCause(ev.cause, this.typed),
      at,
    };
    const channels = publishedChannels(ev, notifyFlags);
    (this.segments.at(-1) as Segment).records.push(channels.length ? { ...record, channels } : record);
    if (++this.waiting > this.capacity) this.dropOldest();
  }

  /** A database was flushed: the events after this point belong after the page's clear. */
  markFlush(): void {
    const last = this.segments.at(-1) as Segment;
    if (remaining(last) === 0 && last.dropped === 0) {
      last.flushedBefore = true;
      last.records = [];
      last.head = 0;
    } else this.segments.push(segment(true));
  }

  /** The next batch's events, oldest first: up to the per-batch budget, split at flushes. */
  take(): EventChunk[] {
    const chunks: EventChunk[] = [];
    let budget = MAX_EVENTS_PER_BATCH;
    while (budget > 0) {
      const s = this.segments[0] as Segment;
      const n = Math.min(budget, remaining(s));
      if (n === 0 && s.dropped === 0 && !s.flushedBefore && this.segments.length === 1) break;
      const records = s.records.slice(s.head, s.head + n);
      s.head += n;
      this.waiting -= n;
      const counts = { ...s.droppedCounts };
      for (const r of records) counts[r.event] = (counts[r.event] ?? 0) + 1;
      chunks.push({
        flushedBefore: s.flushedBefore,
        columns: packEvents(records),
        dropped: s.dropped,
        counts,
      });
      s.flushedBefore = false;
      s.dropped = 0;
      s.droppedCounts = {};
      // An empty chunk (a flush alone) still costs a little, so a storm of them is paced too.
      budget -= Math.max(1, n);
      if (remaining(s) > 0) break;
      if (this.segments.length === 1) {
        s.records = [];
        s.head = 0;
        break;
      }
      this.segments.shift();
      this.dropAt = Math.max(0, this.dropAt - 1);
    }
    this.compact();
    return chunks;
  }

  private dropOldest(): void {
    let s = this.segments[this.dropAt] as Segment;
    while (remaining(s) === 0) s = this.segments[++this.dropAt] as Segment;
    const r = s.records[s.head] as EventRecord;
    s.records[s.head++] = undefined as unknown as EventRecord;
    s.dropped++;
    s.droppedCounts[r.event] = (s.droppedCounts[r.event] ?? 0) + 1;
    this.waiting--;
    if (s.head > 4096 && s.head * 2 > s.records.length) this.compactSegment(s);
  }

  /** Sent records are released in bulk, so memory stays bounded by what waits. */
  private compact(): void {
    const s = this.segments[0] as Segment;
    if (s.head > 4096 && s.head * 2 > s.records.length) this.compactSegment(s);
  }

  private compactSegment(s: Segment): void {
    s.records = s.records.slice(s.head);
    s.head = 0;
  }
}

/**
 * The cause as the page shows it: the console line as typed, or else (a command with no line: the
 * docs runner's, a control's) the command quoted as redis-cli would need it; cut short.
 */
function wireCause(cause: EventCause, typedLine: string | undefined): EventRecord['cause'] {
  if (cause.kind !== 'command' || cause.argv === undefined) return cause;
  const text =
    typedLine ??
    cut(cause.argv.map((a) => (/^[\x21-\x7e]+$/.test(a) && !/["'\\]/.test(a) ? a : quoteBytes(a))).join(' '));
  return { kind: 'command', command: cause.command, text };
}

const cut = (text: string): string =>
  text.length > MAX_COMMAND_TEXT ? `${text.slice(0, MAX_COMMAND_TEXT)}…` : text;
