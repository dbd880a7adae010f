import { NOT_INTEGER, optionName } from '../cmdutil.ts';
import { arg, type CommandContext, type Handler } from '../command.ts';
import { ERR_EXPIRE_GT_LT, errInvalidExpire } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { NO_EXPIRY } from '../keyspace.ts';
import { error, int, type Reply } from '../reply.ts';

/**
 * Dragonfly's replies on the seed page's family, where they differ from Redis's (read from
 * generic_family.cc, string_family.cc and db_slice.cc): deadlines are capped at about 8.5 years
 * (2^28 - 1 s) from now for relative TTLs and refused beyond it for absolute ones ("expiry is out
 * of range"), the amount is read before the options, and the option errors are worded its way.
 */

/** kMaxExpireDeadlineMs. */
export const MAX_EXPIRE_MS = (2 ** 28 - 1) * 1000;
const ERR_OUT_OF_RANGE = 'ERR expiry is out of range';
const INT64_MAX = 2n ** 63n - 1n;

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;

/** ParseExpireArgs: the amount first, then NX/XX/GT/LT (any number of times), then the checks. */
function parseArgs(argv: readonly string[]): { amount: bigint; flags: number } | Reply {
  const v = parseInt64(arg(argv, 2));
  if (v === null) return NOT_INTEGER;
  let flags = 0;
  for (const option of argv.slice(3)) {
    const bit = { nx: NX, xx: XX, gt: GT, lt: LT }[optionName(option)];
    if (bit === undefined) return error(`ERR Unsupported option: ${option}`);
    flags |= bit;
  }
  if (flags & NX && flags & XX) return error('ERR NX and XX options at the same time are not compatible');
  if (flags & GT && flags & LT) return error(ERR_EXPIRE_GT_LT);
  return { amount: BigInt(v), flags };
}

/**
 * EXPIRE, PEXPIRE (relative: capped) and EXPIREAT, PEXPIREAT (absolute: refused past the cap).
 * The options are OR-ed as Dragonfly does: NX with GT holds when either does.
 */
export const dragonflyExpire =
  (unitMs: 1 | 1000, relative: boolean): Handler =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const parsed = parseArgs(argv);
    if (!('amount' in parsed)) return parsed;
    const now = ctx.clock.now();
    let at = parsed.amount * BigInt(unitMs) + (relative ? BigInt(now) : 0n);
    if (at > INT64_MAX) return error(ERR_OUT_OF_RANGE);
    if (at < 0n) at = 0n;
    let rel = Number(at) - now;
    if (relative) rel = Math.min(rel, MAX_EXPIRE_MS);
    else if (rel > MAX_EXPIRE_MS) return error(ERR_OUT_OF_RANGE);
    const e = ctx.ks.lookupWrite(ctx.db, arg(argv, 1));
    if (e === undefined) return int(0);
    const abs = now + rel;
    const { flags } = parsed;
    const hasTtl = e.expiresAt !== NO_EXPIRY;
    const current = hasTtl ? Number(e.expiresAt) : Number.POSITIVE_INFINITY;
    const satisfied =
      flags === 0 ||
      (flags & XX && hasTtl) ||
      (flags & NX && !hasTtl) ||
      (flags & LT && abs < current) ||
      (flags & GT && abs > current);
    if (!satisfied) return int(0);
    if (rel <= 0) {
      ctx.ks.delete(ctx.db, e);
      ctx.ks.notify(ctx.db.id, e.key, 'del', 'g');
    } else {
      ctx.ks.setExpire(ctx.db, e, abs);
      ctx.ks.notify(ctx.db.id, e.key, 'expire', 'g');
    }
    return int(1);
  };

/**
 * SETEX and PSETEX: a TTL below 1 is refused by the command's name, an overflowing one as 'set'
 * (Dragonfly reports it through SET), and a long one is capped; the rest is SETEX as Redis does it,
 * so `psetex` (the base handler for milliseconds) stores the capped TTL.
 */
export function dragonflySetex(unitMs: 1 | 1000, psetex: Handler): Handler {
  return (ctx, argv) => {
    const v = parseInt64(arg(argv, 2));
    if (v === null) return NOT_INTEGER;
    if (v < 1) return error(errInvalidExpire(ctx.fullName));
    const ms = BigInt(v) * BigInt(unitMs);
    if (ms + BigInt(ctx.clock.now()) > INT64_MAX) return error(errInvalidExpire('set'));
    const capped = ms > BigInt(MAX_EXPIRE_MS) ? MAX_EXPIRE_MS : Number(ms);
    return psetex(ctx, [arg(argv, 0), arg(argv, 1), String(capped), arg(argv, 3)]);
  };
}
