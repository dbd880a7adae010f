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
 */
export class TimelineReach {
  private count = 0;
  private flushes = 0;
  private readonly numbers = new WeakMap<Entry, { n: number; flush: number }>();

  constructor(readonly reach = 3 * TIMELINE_CAPACITY) {}

  /** `e` was given a new deadline (the page will start a lifetime for it). */
  started(e: Entry): void {
    const known = this.numbers.get(e);
    if (known?.flush === this.flushes) return;
    this.numbers.set(e, { n: ++this.count, flush: this.flushes });
  }

  /** A batch went out: the next deadline set is another upsert on the page. */
  flushed(): void {
    this.flushes++;
  }

  /** The page was sent `e` again in a snapshot (it keeps the last ones it was sent). */
  resent(e: Entry): void {
    this.numbers.set(e, { n: ++this.count, flush: this.flushes });
  }

  /**
   * Does the page need to hear that `e` went? Yes if its deadline was set within reach; a key
   * that never had one (numbered never) is always told, as few such removals come at once; a
   * volatile one never numbered (restored from storage, and not among the snapshot's last) is not.
   */
  holds(e: Entry, volatile: boolean): boolean {
    const known = this.numbers.get(e);
    if (known === undefined) return !volatile;
    return known.n > this.count - this.reach;
  }
}
