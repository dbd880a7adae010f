import type { Entry } from './keyspace.ts';

/**
 * Keys Dragonfly's STICK marked (never evicted in its cache mode). The mark belongs to the key as
 * it is, so a snapshot keeps it; a new value under the same name starts unmarked.
 */
const sticky = new WeakSet<Entry>();

export function isSticky(e: Entry): boolean {
  return sticky.has(e);
}

export function markSticky(e: Entry): void {
  sticky.add(e);
}
