import { type EventCause, type KeyspaceEvent, publishedChannels } from '../engine/events.ts';
import { quoteBytes } from '../engine/format.ts';
import type { EventRecord } from './protocol.ts';

/**
 * The keyspace events of one batch. Every event is counted by name; under a flood only the newest
 * records are kept (they are what a learner looks at), the oldest dropped in bulk and only counted.
 */

const MAX_EVENTS_PER_BATCH = 2000;
const MAX_COMMAND_TEXT = 120;

export class EventBuffer {
  private events: EventRecord[] = [];
  private dropped = 0;
  private counts: Record<string, number> = {};

  get size(): number {
    return this.events.length;
  }

  add(ev: KeyspaceEvent, at: number, notifyFlags: number): void {
    this.counts[ev.event] = (this.counts[ev.event] ?? 0) + 1;
    if (this.events.length >= 2 * MAX_EVENTS_PER_BATCH) this.trim();
    const record: EventRecord = {
      db: ev.db,
      key: ev.key,
      event: ev.event,
      cls: ev.cls,
      cause: wireCause(ev.cause),
      at,
    };
    const channels = publishedChannels(ev, notifyFlags);
    this.events.push(channels.length ? { ...record, channels } : record);
  }

  /** This batch's records, how many were left out, and the counts of all of them. */
  take(): { events: EventRecord[]; dropped: number; counts: Record<string, number> } {
    this.trim();
    const out = { events: this.events, dropped: this.dropped, counts: this.counts };
    this.events = [];
    this.dropped = 0;
    this.counts = {};
    return out;
  }

  private trim(): void {
    const extra = this.events.length - MAX_EVENTS_PER_BATCH;
    if (extra <= 0) return;
    this.dropped += extra;
    this.events.splice(0, extra);
  }
}

/** The cause as the page shows it: a command's text quoted as typed in redis-cli, cut short. */
function wireCause(cause: EventCause): EventRecord['cause'] {
  if (cause.kind !== 'command' || cause.argv === undefined) return cause;
  let text = cause.argv
    .map((a) => (/^[\x21-\x7e]+$/.test(a) && !/["'\\]/.test(a) ? a : quoteBytes(a)))
    .join(' ');
  if (text.length > MAX_COMMAND_TEXT) text = `${text.slice(0, MAX_COMMAND_TEXT)}…`;
  return { kind: 'command', command: cause.command, text };
}
