import { isDbIndex, NO_EXPIRY } from '../keyspace.ts';
import type { EngineState, SavedEntry } from './snapshot.ts';

/**
 * Checks what a decoder cannot: database numbers exist, creation numbers rise, and each volatile
 * index names a key with a deadline.
 */
export function validateEngineState(state: EngineState): string | null {
  for (const db of state.dbs) {
    if (!isDbIndex(db.id)) return `database ${db.id} does not exist`;
    let last = 0;
    for (const e of db.entries) {
      if (!(e.seq > last)) return `db${db.id}'s keys are out of order`;
      last = e.seq;
    }
    if (last > db.seq) return `db${db.id}'s keys are out of order`;
    if (db.volatile === null) continue;
    const seen = new Set<number>();
    for (const i of db.volatile) {
      const e = db.entries[i];
      if (e === undefined || e.expiresAt === NO_EXPIRY || seen.has(i))
        return `db${db.id}'s expires index is damaged`;
      seen.add(i);
    }
    const withDeadline = db.entries.filter((e) => e.expiresAt !== NO_EXPIRY).length;
    if (withDeadline !== seen.size) return `db${db.id}'s expires index is damaged`;
    for (const e of db.entries) {
      const bad = e.memberTtls && memberTtlsProblem(e);
      if (bad) return `db${db.id}'s key ${JSON.stringify(e.key)} ${bad}`;
    }
  }
  return null;
}

/** What is wrong with a saved key's member deadlines, or null. */
function memberTtlsProblem(e: SavedEntry): string | null {
  const t = e.memberTtls;
  if (!t) return null;
  const v = e.value;
  if (v.type !== 'hash' && !(v.type === 'set' && t.flavour === 'dragonfly')) {
    return 'has member deadlines its type cannot hold';
  }
  for (const [m, at] of t.at) {
    if (!v.coll.has(m)) return 'has a deadline for a member it does not hold';
    if (!Number.isFinite(at)) return 'has a member deadline that is not a time';
  }
  return null;
}
