import type { Entry } from '../engine/keyspace.ts';
import { TIMELINE_CAPACITY } from './protocol-keys.ts';

/**
 * Which keys' lifetimes the page's timeline can still be holding. It keeps the TIMELINE_CAPACITY
 * lifetimes set most recently (ui/timeline/lifetimes.ts) and needs a key's removal only to end
 * one of those; the other removals of a mass expiry (a million keys going at once) would cost the
 * worker a queue, the channel a million strings and the page a lookup each, to change nothing
 * drawn. So each deadline set is numbered, and a removal goes to the page only when its key's
 * deadline was among the last `reach` set. The numbering never runs ahead of the page's count of
 * lifetimes (a key whose deadline changes several times between two batches is numbered once, as
 * the page sees one upsert), and `reach` is three times the page's capacity for what the two
 * cannot agree on exactly (a new entry for a key with an unchanged deadline, a session shown again).
 *
 * The number lives in the record of the TTL a key was given (sessions.ts, `ttlGiven`): a second
 * map with an entry per key would make every full GC of a million-key worker longer.
 */
export interface Numbered {
  /** The count of deadlines set when this one was. */
  n: number;
  /** The batch it was set in. */
  flush: number;
}

export class TimelineReach {
  private count = 0;
  private flushes = 0;
  /** Volatile entries with no `ttlGiven` record (restored ones) that a snapshot sent the page. */
  private readonly resentOnly = new WeakMap<Entry, Numbered>();

  constructor(readonly reach = 3 * TIMELINE_CAPACITY) {}

  /** The number of a deadline set now, for a key whose previous deadline was numbered `prev`. */
  started(prev: Numbered | undefined): Numbered {
    if (prev?.flush === this.flushes) return { n: prev.n, flush: prev.flush };
    return { n: ++this.count, flush: this.flushes };
  }

  /** A batch went out: the next deadline set is another upsert on the page. */
  flushed(): void {
    this.flushes++;
  }

  /** A snapshot sent the page `e` again (it keeps the last ones it was sent). */
  resent(e: Entry, record: Numbered | undefined): void {
    const numbered = { n: ++this.count, flush: this.flushes };
    if (record) Object.assign(record, numbered);
    else this.resentOnly.set(e, numbered);
  }

  /**
   * Does the page need to hear that `e` went? Yes if its deadline was set within reach; a key
   * that never had one (numbered never) is always told, as few such removals come at once; a
   * volatile one never numbered (restored from storage, and not among the snapshot's last) is not.
   */
  holds(e: Entry, record: Numbered | undefined, volatile: boolean): boolean {
    const known = record ?? this.resentOnly.get(e);
    if (known === undefined) return !volatile;
    return known.n > this.count - this.reach;
  }
}
