import type { Engine } from '../engine/engine.ts';
import { ENTRY_OVERHEAD_BYTES, NO_EXPIRY } from '../engine/keyspace.ts';

/**
 * Structural invariants of the keyspace, checked by the fuzz tests after every command: the expires
 * index holds exactly the volatile keys with correct back-pointers, the dict lists
 * its live keys in creation order, and the memory estimate adds up.
 */
export function keyspaceViolations(engine: Engine): string[] {
  const bad: string[] = [];
  let bytes = 0;
  for (const db of engine.ks.dbs) {
    for (const e of db.dict.values()) {
      const key = e.key;
      if (db.dict.get(key) !== e) bad.push(`db${db.id}: ${key} does not map to its entry`);
      const volatile = e.expiresAt !== NO_EXPIRY;
      if (volatile !== e.slot >= 0) bad.push(`db${db.id}: ${key} deadline/slot mismatch`);
      if (volatile && db.volatile[e.slot] !== e) bad.push(`db${db.id}: ${key} slot points elsewhere`);
      if (e.type === 'string' && e.bytes !== ENTRY_OVERHEAD_BYTES + key.length + e.str.length) {
        bad.push(`db${db.id}: ${key} byte estimate ${e.bytes} is stale`);
      }
      bytes += e.bytes;
    }
    for (const e of db.volatile)
      if (db.dict.get(e.key) !== e) bad.push(`db${db.id}: volatile ${e.key} not in dict`);
    const live = [...db.dict.values()];
    if (live.length !== db.dict.size)
      bad.push(`db${db.id}: ${live.length} live entries, size says ${db.dict.size}`);
    for (let i = 1; i < live.length; i++) {
      if ((live[i - 1]?.seq ?? 0) >= (live[i]?.seq ?? 0))
        bad.push(`db${db.id}: creation order broken at ${i}`);
    }
  }
  if (bytes !== engine.ks.usedBytes) bad.push(`usedBytes ${engine.ks.usedBytes} but entries sum to ${bytes}`);
  return bad;
}
