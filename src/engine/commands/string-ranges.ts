import { MAX_VALUE_BYTES } from '../bytes.ts';
import { isReplyNotEntry, KEY1, NOT_INTEGER, readString, writeString } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_OFFSET_RANGE, ERR_OOM, ERR_STRING_TOO_LONG } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import { bulk, error, int, type Reply } from '../reply.ts';

/** Byte-level string commands: APPEND, STRLEN, SETRANGE, GETRANGE and its old name SUBSTR. */

/** proto-max-bulk-len: the largest string Redis lets a command build. */
export const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
const EMPTY = bulk('');

/** What the compatibility table says about the commands that grow a string. */
export const GROWTH_NOTES =
  'Growing a value past 536,870,888 bytes (the longest string a browser tab holds, 24 bytes short of 512 MB) or past maxmemory gets the OOM error (Redis checks memory only before the command).';

/** Growth check for commands that can build a big value from a small argument. */
function growthError(ctx: CommandContext, total: number, growth: number): Reply | undefined {
  if (total > PROTO_MAX_BULK_LEN) return error(ERR_STRING_TOO_LONG);
  // Not in Redis (it only checks before the command): a tab must not allocate half a gigabyte, and
  // cannot hold the last 24 bytes of Redis's 512 MB at all.
  if (total > MAX_VALUE_BYTES || ctx.server.wouldExceedMemory(growth)) return error(ERR_OOM);
  return undefined;
}

const append = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const value = arg(argv, 2);
  const e = writeString(ctx, key);
  if (isReplyNotEntry(e)) return e;
  const { ks, db } = ctx;
  let length: number;
  if (e === undefined) {
    ks.setString(db, key, value, false);
    length = value.length;
  } else {
    const err = growthError(ctx, e.str.length + value.length, value.length);
    if (err) return err;
    ks.writeString(db, e, e.str + value, 'raw');
    length = e.str.length;
  }
  ks.notify(db.id, key, 'append', '$');
  return int(length);
};

const strlen = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = readString(ctx, arg(argv, 1));
  if (isReplyNotEntry(e)) return e;
  return int(e === undefined ? 0 : e.str.length);
};

const setrange = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const value = arg(argv, 3);
  const offsetArg = parseInt64(arg(argv, 2));
  if (offsetArg === null) return NOT_INTEGER;
  if (offsetArg < 0) return error(ERR_OFFSET_RANGE);
  const offset = clampToNumber(offsetArg);
  const e = writeString(ctx, key);
  if (isReplyNotEntry(e)) return e;
  if (value.length === 0) return int(e === undefined ? 0 : e.str.length);
  const total = offset + value.length;
  const old = e === undefined ? '' : e.str;
  const err = growthError(ctx, total, Math.max(0, total - old.length));
  if (err) return err;
  const padded = old.length >= offset ? old : old + '\0'.repeat(offset - old.length);
  const next = padded.slice(0, offset) + value + padded.slice(offset + value.length);
  const { ks, db } = ctx;
  if (e === undefined) ks.setString(db, key, next, false, 'raw');
  else ks.writeString(db, e, next, 'raw');
  ks.notify(db.id, key, 'setrange', '$');
  return int(next.length);
};

const getrange = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const startArg = parseInt64(arg(argv, 2));
  if (startArg === null) return NOT_INTEGER;
  const endArg = parseInt64(arg(argv, 3));
  if (endArg === null) return NOT_INTEGER;
  const e = readString(ctx, arg(argv, 1));
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return EMPTY;
  const s = e.str;
  // Compared exactly (number/bigint comparisons are exact in JS) before clamping loses precision.
  if (startArg < 0 && endArg < 0 && startArg > endArg) return EMPTY;
  let start = clampToNumber(startArg);
  let end = clampToNumber(endArg);
  if (start < 0) start += s.length;
  if (end < 0) end += s.length;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= s.length) end = s.length - 1;
  if (start > end || s.length === 0) return EMPTY;
  return bulk(s.slice(start, end + 1));
};

const common = { group: 'string', keys: KEY1 } as const;

export const stringRangeCommands: readonly CommandSpec[] = [
  {
    ...common,
    name: 'append',
    notes: GROWTH_NOTES,
    arity: 3,
    flags: ['write', 'denyoom', 'fast'],
    summary: "Appends a string to the value of a key. Creates the key if it doesn't exist.",
    syntax: 'APPEND key value',
    since: '2.0.0',
    complexity: 'O(1). The amortized time complexity is O(1) assuming the appended value is small.',
    handler: append,
  },
  {
    ...common,
    name: 'strlen',
    arity: 2,
    flags: ['readonly', 'fast'],
    summary: 'Returns the length of a string value.',
    syntax: 'STRLEN key',
    since: '2.2.0',
    complexity: 'O(1)',
    handler: strlen,
  },
  {
    ...common,
    name: 'setrange',
    notes: GROWTH_NOTES,
    arity: 4,
    flags: ['write', 'denyoom'],
    summary:
      "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.",
    syntax: 'SETRANGE key offset value',
    since: '2.2.0',
    complexity: 'O(1), not counting the time taken to copy the new string in place.',
    handler: setrange,
  },
  {
    ...common,
    name: 'getrange',
    arity: 4,
    flags: ['readonly'],
    summary: 'Returns a substring of the string stored at a key.',
    syntax: 'GETRANGE key start end',
    since: '2.4.0',
    complexity: 'O(N) where N is the length of the returned string.',
    handler: getrange,
  },
  {
    ...common,
    name: 'substr',
    arity: 4,
    flags: ['readonly'],
    summary: 'Returns a substring from a string value.',
    syntax: 'SUBSTR key start end',
    since: '1.0.0',
    complexity: 'O(N) where N is the length of the returned string.',
    handler: getrange,
  },
];
