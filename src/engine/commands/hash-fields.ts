import type { CommandContext } from '../command.ts';
import {
  earliestDeadline,
  forgetMember,
  isMemberExpired,
  lazyCause,
  memberTtls,
  reclaimExpired,
  register,
  setFieldDeadline,
} from '../field-expiry.ts';
import type { EntryOf } from '../keyspace.ts';

/**
 * How the hash commands meet fields whose TTL has passed (Redis 7.4, t_hash.c hashTypeGetValue):
 * a command that reads one field deletes it when it finds it expired (publishing `hexpired`, and
 * `del` when that was the last field); the whole-hash readers skip expired fields without deleting
 * them; HLEN and HSET see them as present. Without field TTLs (Redis 7.0) none of this happens.
 */

type HashEntry = EntryOf<'hash'>;

export type FieldRead =
  | { readonly res: 'ok'; readonly value: string }
  /** Not there, expired (and now deleted), or expired as the last field (the hash is gone too). */
  | { readonly res: 'missing' | 'expired' | 'expired-hash' };

const MISSING: FieldRead = { res: 'missing' };
const EXPIRED: FieldRead = { res: 'expired' };
const EXPIRED_HASH: FieldRead = { res: 'expired-hash' };

/** hashTypeGetValue with HFE_LAZY_EXPIRE (or HFE_LAZY_NO_NOTIFICATION when `quiet`). */
export function readField(ctx: CommandContext, e: HashEntry, field: string, quiet = false): FieldRead {
  const value = e.coll.get(field);
  if (value === undefined) return MISSING;
  if (!isMemberExpired(e.coll, field, ctx.ks.now)) return { res: 'ok', value };
  const gone = reclaimExpired(ctx.ks, ctx.db, e, lazyCause(ctx.ks), { only: field, quiet });
  return gone ? EXPIRED_HASH : EXPIRED;
}

/**
 * HMGET's fields: each expired one met is reclaimed quietly, then one `hexpired` is published (and
 * `del` when the hash went with them). As in Redis 7.4, only a field that expired without taking the
 * hash along counts towards that: a lone field taking the hash with it publishes nothing.
 */
export function readFields(
  ctx: CommandContext,
  key: string,
  e: HashEntry | undefined,
  fields: readonly string[],
): (string | undefined)[] {
  let expired = 0;
  let deleted = false;
  const out = fields.map((f) => {
    const read: FieldRead = e === undefined || deleted ? MISSING : readField(ctx, e, f, true);
    if (read.res === 'expired') expired++;
    if (read.res === 'expired-hash') deleted = true;
    return read.res === 'ok' ? read.value : undefined;
  });
  const emit = ctx.ks.emit;
  if (expired > 0 && emit) {
    emit(ctx.db.id, key, 'hexpired', 'h', lazyCause(ctx.ks));
    if (deleted) emit(ctx.db.id, key, 'del', 'g', lazyCause(ctx.ks));
  }
  return out;
}

/** The live fields and values, as HGETALL and HSCAN list them (expired ones skipped, not deleted). */
export function liveFields(ctx: CommandContext, e: HashEntry): [string, string][] {
  const h = e.coll;
  if (memberTtls(h) === undefined) return [...h];
  const now = ctx.ks.now;
  return [...h].filter(([f]) => !isMemberExpired(h, f, now));
}

/**
 * hashTypeExpireIfNeeded (HRANDFIELD): every expired field goes first, and the hash is registered
 * again under its next deadline. True when the hash was left empty and deleted.
 */
export function reclaimAllExpired(ctx: CommandContext, e: HashEntry): boolean {
  const out = { count: 0 };
  const gone = reclaimExpired(ctx.ks, ctx.db, e, lazyCause(ctx.ks), { out });
  if (!gone && out.count > 0) register(ctx.ks, ctx.db, e.key, e.coll, earliestDeadline(e.coll));
  return gone;
}

/**
 * HSET and friends set a field: an overwritten one loses its TTL unless kept (HINCRBY keeps it); a
 * new one starts without one.
 */
export function overwriteTtl(e: HashEntry, field: string, existed: boolean, keepTtl: boolean): void {
  if (!existed) forgetMember(e.coll, field);
  else if (!keepTtl) setFieldDeadline(e.coll, field, null);
}
