import { memberTtls } from '../engine/field-expiry.ts';
import { quoteBytes } from '../engine/format.ts';
import type { Collection, Entry } from '../engine/keyspace.ts';
import type { FieldLifetime, FieldTtlSummary } from './protocol.ts';

/**
 * The field-level lifetimes the key table and the details pane show: per hash (or Dragonfly set),
 * how many members have a deadline and the nearest one, and for each such member the TTL it was given
 * when its deadline was set (a bar's full length), remembered as keys' TTLs are (host.ts).
 */
export class FieldLifetimes {
  private given = new WeakMap<Collection, Map<string, { deadline: number; ttl: number }>>();

  /** After `e` changed: a member whose deadline is new is taken to have been given it now. */
  note(e: Entry, now: number): void {
    if (e.type !== 'hash' && e.type !== 'set') return;
    const t = memberTtls(e.coll);
    if (t === undefined) return;
    let seen = this.given.get(e.coll);
    if (seen === undefined) {
      if (t.at.size === 0) return;
      seen = new Map();
      this.given.set(e.coll, seen);
    }
    for (const [m, deadline] of t.at) {
      if (seen.get(m)?.deadline !== deadline) seen.set(m, { deadline, ttl: Math.max(0, deadline - now) });
    }
    for (const m of seen.keys()) if (!t.at.has(m)) seen.delete(m);
  }

  summary(e: Entry): FieldTtlSummary | undefined {
    if (e.type !== 'hash' && e.type !== 'set') return undefined;
    const t = memberTtls(e.coll);
    if (t === undefined || t.at.size === 0) return undefined;
    let nearest = Number.POSITIVE_INFINITY;
    for (const at of t.at.values()) nearest = Math.min(nearest, at);
    return { count: t.at.size, nearest };
  }

  /** The members with a deadline, nearest first, capped: a bar each in the details. */
  list(e: Entry, now: number, max = 200): FieldLifetime[] | undefined {
    if (e.type !== 'hash' && e.type !== 'set') return undefined;
    const t = memberTtls(e.coll);
    if (t === undefined || t.at.size === 0) return undefined;
    const seen = this.given.get(e.coll);
    return [...t.at]
      .sort((a, b) => a[1] - b[1])
      .slice(0, max)
      .map(([field, deadline]) => ({
        field,
        label: quoteBytes(field),
        deadline,
        ttlGiven: seen?.get(field)?.ttl ?? Math.max(0, deadline - now),
      }));
  }
}
