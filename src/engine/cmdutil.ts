import { arg, type CommandContext } from './command.ts';
import { ERR_NOT_INTEGER, ERR_SYNTAX, ERR_WRONGTYPE, errText } from './errors.ts';
import { clampToNumber, INT64_MAX, INT64_MIN, type Int, normalizeInt, parseInt64 } from './int64.ts';
import { type Entry, isEntry, type Millis, NO_EXPIRY, type StringEntry } from './keyspace.ts';
import { array, error, type Reply, status } from './reply.ts';

/** Shared helpers for command families: argument parsing and common replies. */

export const WRONGTYPE: Reply = error(ERR_WRONGTYPE);
export const SYNTAX: Reply = error(ERR_SYNTAX);
export const NOT_INTEGER: Reply = error(ERR_NOT_INTEGER);

/** Options are compared as C strings, so anything after a zero byte is ignored. */
export function optionName(arg: string): string {
  const nul = arg.indexOf('\0');
  return (nul < 0 ? arg : arg.slice(0, nul)).toLowerCase();
}

/**
 * An expire amount from SET/SETEX/PSETEX/GETEX (t_string.c getExpireMillisecondsOrReply) as an absolute
 * deadline: it must be positive, seconds must not overflow when turned into ms, and a relative time
 * must not overflow when now is added. Returns 'not-int', 'invalid', or the deadline.
 */
export function stringCommandDeadline(
  arg: string,
  unitMs: 1 | 1000,
  relative: boolean,
  now: number,
): Millis | 'not-int' | 'invalid' {
  const v = parseInt64(arg);
  if (v === null) return 'not-int';
  if (typeof v === 'number' && v > 0 && v < 2 ** 40) {
    return v * unitMs + (relative ? now : 0);
  }
  let ms = BigInt(v);
  if (ms <= 0n || (unitMs === 1000 && ms > INT64_MAX / 1000n)) return 'invalid';
  ms *= BigInt(unitMs);
  if (relative) ms += BigInt(now);
  if (ms > INT64_MAX) return 'invalid';
  return normalizeInt(ms);
}

/** `when` for EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT (expire.c): negatives allowed, overflow rejected. */
export function expireCommandDeadline(v: Int, unitMs: 1 | 1000, base: number): Millis | 'invalid' {
  if (typeof v === 'number' && Math.abs(v) < 2 ** 40) return v * unitMs + base;
  let when = BigInt(v);
  if (unitMs === 1000) {
    if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) return 'invalid';
    when *= 1000n;
  }
  if (when > INT64_MAX - BigInt(base)) return 'invalid';
  return normalizeInt(when + BigInt(base));
}

/** Remaining ms until the deadline (never negative), or -1 without a TTL. */
export function remainingMs(e: Entry, now: number): Int {
  const at = e.expiresAt;
  if (at === NO_EXPIRY) return -1;
  if (typeof at === 'number') return Math.max(0, at - now);
  return normalizeInt(at - BigInt(now));
}

/** TTL's rounding: (ms + 500) / 1000 with C integer division. */
export function msToRoundedSeconds(ms: Int): Int {
  if (typeof ms === 'number') return Math.floor((ms + 500) / 1000);
  return normalizeInt((ms + 500n) / 1000n);
}

/** Adds for INCR-family arithmetic; null on int64 overflow. */
export function addInt64(a: Int, b: Int): Int | null {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  const r = BigInt(a) + BigInt(b);
  if (r > INT64_MAX || r < INT64_MIN) return null;
  return normalizeInt(r);
}

/** A string key looked up for reading: undefined when missing, WRONGTYPE for another type. */
export function readString(ctx: CommandContext, key: string): StringEntry | undefined | Reply {
  const e = ctx.ks.lookupRead(ctx.db, key);
  if (e === undefined) return undefined;
  return e.type === 'string' ? e : WRONGTYPE;
}

/** The same for commands that write (no hit/miss stats, no keymiss event). */
export function writeString(ctx: CommandContext, key: string): StringEntry | undefined | Reply {
  const e = ctx.ks.lookupWrite(ctx.db, key);
  if (e === undefined) return undefined;
  return e.type === 'string' ? e : WRONGTYPE;
}

/** The usual shape of a command's key positions: one key, first argument. */
export const KEY1 = [1, 1, 1] as const;
export const ALL_KEYS = [1, -1, 1] as const;
export const NO_KEYS = [0, 0, 0] as const;

/** True when a typed lookup answered with an error reply (WRONGTYPE) instead of an entry. */
export function isReplyNotEntry<E extends Entry>(x: E | Reply | undefined): x is Reply {
  return x !== undefined && !isEntry(x);
}

export interface ScanOptions {
  readonly count: number;
  readonly pattern: string | undefined;
  /** Only the keyspace SCAN takes TYPE. */
  readonly typeName: string | undefined;
}

/** db.c scanGenericCommand's options: COUNT (a positive long), MATCH, and TYPE for SCAN itself. */
export function parseScanOptions(
  argv: readonly string[],
  from: number,
  allowType: boolean,
): ScanOptions | Reply {
  let count = 10;
  let pattern: string | undefined;
  let typeName: string | undefined;
  for (let i = from; i < argv.length; i += 2) {
    const opt = optionName(arg(argv, i));
    const value = argv[i + 1];
    if (value === undefined) return SYNTAX;
    if (opt === 'count') {
      const n = parseInt64(value);
      if (n === null) return NOT_INTEGER;
      if (n < 1) return SYNTAX;
      count = clampToNumber(n);
    } else if (opt === 'match') {
      // "*" matches everything, so Redis skips the pattern altogether.
      pattern = value === '*' ? undefined : value;
    } else if (opt === 'type' && allowType) {
      typeName = optionName(value);
    } else {
      return SYNTAX;
    }
  }
  return { count, pattern, typeName };
}

/**
 * getRangeLongFromObjectOrReply(1, LONG_MAX) with a message of its own: a number that is not an
 * integer gets the same message as one out of range.
 */
export function positiveLong(text: string, message: string): number | Reply {
  const n = parseInt64(text);
  if (n === null || n < 1) return error(errText(message));
  return Number(n);
}

/**
 * The shared tail of LMPOP/ZMPOP: numkeys, the direction word after the keys, then an optional
 * COUNT. Returns the keys, the direction's index in `directions` and the count.
 */
export function parseMpop(
  argv: readonly string[],
  directions: readonly [string, string],
): { keys: readonly string[]; where: 0 | 1; count: number } | Reply {
  const numkeys = positiveLong(arg(argv, 1), 'numkeys should be greater than 0');
  if (typeof numkeys !== 'number') return numkeys;
  const whereIdx = 2 + numkeys;
  if (whereIdx >= argv.length) return SYNTAX;
  const where = directions.indexOf(optionName(arg(argv, whereIdx)));
  if (where < 0) return SYNTAX;
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && optionName(arg(argv, j)) === 'count' && j + 1 < argv.length) {
      const c = positiveLong(arg(argv, ++j), 'count should be greater than 0');
      if (typeof c !== 'number') return c;
      count = c;
    } else {
      return SYNTAX;
    }
  }
  return { keys: argv.slice(2, whereIdx), where: where as 0 | 1, count: count === -1 ? 1 : count };
}

/** addReplyHelp: the container's usage line (argv[0] as typed, upper-cased), the lines, then HELP. */
export function helpReply(argv: readonly string[], lines: readonly string[]): Reply {
  return array(
    [
      `${arg(argv, 0).toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`,
      ...lines,
      'HELP',
      '    Prints this help.',
    ].map(status),
  );
}
