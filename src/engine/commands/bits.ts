import { MAX_VALUE_BYTES } from '../bytes.ts';
import {
  isReplyNotEntry,
  KEY1,
  NOT_INTEGER,
  optionName,
  readString,
  SYNTAX,
  writeString,
} from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_BIT_ARG, ERR_BIT_OFFSET, ERR_BIT_VALUE, ERR_BITOP_NOT, ERR_OOM } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import type { StringEntry } from '../keyspace.ts';
import { error, int, type Reply } from '../reply.ts';
import { deleteStored } from './collections.ts';
import { GROWTH_NOTES, PROTO_MAX_BULK_LEN } from './string-ranges.ts';

/** Bitmap commands on strings (bitops.c): bit 0 is the most significant bit of the first byte. */

const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + (POPCOUNT[i >> 1] as number);

export const BIT_OFFSET = error(ERR_BIT_OFFSET);

/**
 * getBitOffsetFromArgument: a non-negative int64 below 2^32 (proto-max-bulk-len in bits). With `#`
 * (BITFIELD only) it is multiplied by the width first, wrapping as C's int64 multiply does.
 */
export function parseBitOffset(arg: string, bits = 0): number | null {
  const hash = bits > 0 && arg.startsWith('#');
  const v = parseInt64(hash ? arg.slice(1) : arg);
  if (v === null) return null;
  const offset = hash ? BigInt.asIntN(64, BigInt(v) * BigInt(bits)) : BigInt(v);
  if (offset < 0n || offset >> 3n >= BigInt(PROTO_MAX_BULK_LEN)) return null;
  return Number(offset);
}

/**
 * lookupStringForBitCommand: the key's string zero-padded so that `maxBit` exists, created when
 * missing. Returns the padded value (not stored yet) and whether it was created or grew.
 */
export function stringForBits(
  ctx: CommandContext,
  key: string,
  maxBit: number,
): { e: StringEntry | undefined; value: string; grown: boolean } | Reply {
  const e = writeString(ctx, key);
  if (isReplyNotEntry(e)) return e;
  const old = e === undefined ? '' : e.str;
  const need = Math.floor(maxBit / 8) + 1;
  if (need <= old.length) return { e, value: old, grown: e === undefined };
  // Not in Redis (it checks memory only before a command): a tab must not allocate 512 MB, and
  // cannot hold a string past MAX_VALUE_BYTES.
  if (need > MAX_VALUE_BYTES || ctx.server.wouldExceedMemory(need - old.length)) return error(ERR_OOM);
  return { e, value: old + '\0'.repeat(need - old.length), grown: true };
}

/** Stores a bit command's result; the value becomes a raw string (dbUnshareStringValue). */
export function storeBits(ctx: CommandContext, key: string, e: StringEntry | undefined, value: string): void {
  const { ks, db } = ctx;
  if (e === undefined) ks.setString(db, key, value, false, 'raw');
  else ks.writeString(db, e, value, 'raw');
}

const setbit = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const offset = parseBitOffset(arg(argv, 2));
  if (offset === null) return BIT_OFFSET;
  const on = parseInt64(arg(argv, 3));
  if (on !== 0 && on !== 1) return error(ERR_BIT_VALUE);
  const key = arg(argv, 1);
  const target = stringForBits(ctx, key, offset);
  if ('t' in target) return target;
  const { e, grown } = target;
  let value = target.value;
  const byte = Math.floor(offset / 8);
  const mask = 1 << (7 - (offset % 8));
  const old = value.charCodeAt(byte);
  const was = (old & mask) !== 0 ? 1 : 0;
  if (grown || was !== on) {
    value = value.slice(0, byte) + String.fromCharCode(on ? old | mask : old & ~mask) + value.slice(byte + 1);
    storeBits(ctx, key, e, value);
    ctx.ks.notify(ctx.db.id, key, 'setbit', '$');
  } else if (e !== undefined && e.enc !== 'raw') {
    storeBits(ctx, key, e, value);
  }
  return int(was);
};

const getbit = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const offset = parseBitOffset(arg(argv, 2));
  if (offset === null) return BIT_OFFSET;
  const e = readString(ctx, arg(argv, 1));
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const byte = Math.floor(offset / 8);
  if (byte >= e.str.length) return int(0);
  return int((e.str.charCodeAt(byte) >> (7 - (offset % 8))) & 1);
};

/** The unit of a BITCOUNT/BITPOS range: byte offsets (default) or bit offsets. */
function rangeUnit(arg: string): 'bit' | 'byte' | null {
  const u = optionName(arg);
  return u === 'bit' || u === 'byte' ? u : null;
}

/** Clamps a start/end pair the way bitcount and bitpos do, over `total` units. */
function clampRange(start: number, end: number, total: number): [number, number] {
  let s = start < 0 ? total + start : start;
  let t = end < 0 ? total + end : end;
  if (s < 0) s = 0;
  if (t < 0) t = 0;
  if (t >= total) t = total - 1;
  return [s, t];
}

function bitAt(s: string, bit: number): number {
  return (s.charCodeAt(Math.floor(bit / 8)) >> (7 - (bit % 8))) & 1;
}

/** BITCOUNT's and BITPOS's range arguments as read: start, end (null when not given), unit. */
interface RangeArgs {
  readonly start: number;
  readonly end: number | null;
  readonly unit: 'bit' | 'byte';
}

/**
 * `start [end [BYTE | BIT]]` from `at` (bitops.c): BITPOS reads the unit before the end, BITCOUNT
 * after it, which decides the error when both are bad.
 */
function rangeArgs(argv: readonly string[], at: number, endRequired: boolean): RangeArgs | Reply {
  const start = parseInt64(arg(argv, at));
  if (start === null) return NOT_INTEGER;
  const unitFirst = !endRequired;
  let unit: 'bit' | 'byte' = 'byte';
  const readUnit = (): Reply | null => {
    if (argv.length !== at + 3) return null;
    const u = rangeUnit(arg(argv, at + 2));
    if (u === null) return SYNTAX;
    unit = u;
    return null;
  };
  if (unitFirst) {
    const bad = readUnit();
    if (bad) return bad;
  }
  let end: number | null = null;
  if (argv.length >= at + 2) {
    const v = parseInt64(arg(argv, at + 1));
    if (v === null) return NOT_INTEGER;
    end = clampToNumber(v);
  }
  if (!unitFirst) {
    const bad = readUnit();
    if (bad) return bad;
  }
  return { start: clampToNumber(start), end, unit };
}

function countBits(s: string, first: number, last: number, unit: 'bit' | 'byte'): number {
  let n = 0;
  if (unit === 'byte') {
    for (let i = first; i <= last; i++) n += POPCOUNT[s.charCodeAt(i)] as number;
    return n;
  }
  // Whole bytes through the table, the partial first and last bytes bit by bit.
  let b = first;
  for (; b <= last && b % 8 !== 0; b++) n += bitAt(s, b);
  for (; b + 7 <= last; b += 8) n += POPCOUNT[s.charCodeAt(Math.floor(b / 8))] as number;
  for (; b <= last; b++) n += bitAt(s, b);
  return n;
}

/**
 * BITCOUNT. Redis 7.0 looks the key up before reading the range (a missing key answers 0 to any
 * arguments); 7.4 reads the range first (`parseFirst`), so bad arguments fail on any key.
 */
const bitcountWith =
  (parseFirst: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const ranged = argv.length === 4 || argv.length === 5;
    if (parseFirst && !ranged && argv.length !== 2) return SYNTAX;
    let range: RangeArgs | Reply | null = null;
    if (parseFirst && ranged) {
      range = rangeArgs(argv, 2, true);
      if ('t' in range) return range;
    }
    const e = readString(ctx, arg(argv, 1));
    if (isReplyNotEntry(e)) return e;
    if (e === undefined && !parseFirst) return int(0);
    if (!ranged && argv.length !== 2) return SYNTAX;
    if (ranged && range === null) {
      // 7.0 returns 0 for an empty negative range before it reads the unit.
      const start = parseInt64(arg(argv, 2));
      const end = start === null ? null : parseInt64(arg(argv, 3));
      if (start !== null && end !== null && start < 0 && end < 0 && start > end) return int(0);
      range = rangeArgs(argv, 2, true);
      if ('t' in range) return range;
    }
    if (e === undefined) return int(0);
    const s = e.str;
    if (range === null) return int(countBits(s, 0, s.length - 1, 'byte'));
    const end = range.end as number;
    if (range.start < 0 && end < 0 && range.start > end) return int(0);
    const total = range.unit === 'bit' ? s.length * 8 : s.length;
    const [first, last] = clampRange(range.start, end, total);
    return int(first > last ? 0 : countBits(s, first, last, range.unit));
  };

/** BITPOS, with the same difference in order between 7.0 and 7.4 as BITCOUNT. */
const bitposWith =
  (parseFirst: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const bitArg = parseInt64(arg(argv, 2));
    if (bitArg === null) return NOT_INTEGER;
    if (bitArg !== 0 && bitArg !== 1) return error(ERR_BIT_ARG);
    const bit = bitArg;
    const ranged = argv.length >= 4 && argv.length <= 6;
    if (parseFirst && !ranged && argv.length !== 3) return SYNTAX;
    let range: RangeArgs | Reply | null = null;
    if (parseFirst && ranged) {
      range = rangeArgs(argv, 3, false);
      if ('t' in range) return range;
    }
    const e = readString(ctx, arg(argv, 1));
    if (isReplyNotEntry(e)) return e;
    if (e === undefined && !parseFirst) return int(bit ? -1 : 0);
    if (!ranged && argv.length !== 3) return SYNTAX;
    if (ranged && range === null) {
      range = rangeArgs(argv, 3, false);
      if ('t' in range) return range;
    }
    if (e === undefined) return int(bit ? -1 : 0);
    return int(findBit(e.str, bit, range));
  };

function findBit(s: string, bit: number, range: RangeArgs | null): number {
  const unit = range?.unit ?? 'byte';
  const total = unit === 'bit' ? s.length * 8 : s.length;
  const [first, last] =
    range === null ? [0, s.length - 1] : clampRange(range.start, range.end ?? total - 1, total);
  if (first > last) return -1;
  const [fromBit, toBit] = unit === 'bit' ? [first, last] : [first * 8, last * 8 + 7];
  for (let b = fromBit; b <= toBit; b++) if (bitAt(s, b) === bit) return b;
  // Looking for a clear bit past an open-ended range finds the zero padding after the string.
  if (bit === 1 || (range !== null && range.end !== null)) return -1;
  return (Math.floor(toBit / 8) + 1) * 8;
}

const bitop = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const op = optionName(arg(argv, 1));
  if (op !== 'and' && op !== 'or' && op !== 'xor' && op !== 'not') return SYNTAX;
  if (op === 'not' && argv.length !== 4) return error(ERR_BITOP_NOT);
  const sources: string[] = [];
  for (let i = 3; i < argv.length; i++) {
    const e = readString(ctx, arg(argv, i));
    if (isReplyNotEntry(e)) return e;
    sources.push(e === undefined ? '' : e.str);
  }
  const maxLen = Math.max(...sources.map((s) => s.length));
  const { ks, db } = ctx;
  const destKey = arg(argv, 2);
  if (maxLen === 0) {
    deleteStored(ctx, destKey);
    return int(0);
  }
  const out: number[] = new Array(maxLen);
  for (let j = 0; j < maxLen; j++) {
    let byte = sources[0]?.charCodeAt(j) || 0;
    if (op === 'not') byte = ~byte & 0xff;
    for (let i = 1; i < sources.length; i++) {
      const b = sources[i]?.charCodeAt(j) || 0;
      if (op === 'and') byte &= b;
      else if (op === 'or') byte |= b;
      else byte ^= b;
    }
    out[j] = byte;
  }
  let value = '';
  for (let j = 0; j < maxLen; j += 8192) value += String.fromCharCode(...out.slice(j, j + 8192));
  ks.lookupWrite(db, destKey);
  ks.setString(db, destKey, value, false, 'raw');
  ks.notify(db.id, destKey, 'set', '$');
  return int(maxLen);
};

// Redis files these under a `bitmap` group; the playground lists them with the strings they edit.
export const bit = { group: 'string', keys: KEY1 } as const;

export const bitCommands: readonly CommandSpec[] = [
  {
    ...bit,
    name: 'setbit',
    notes: GROWTH_NOTES,
    arity: 4,
    flags: ['write', 'denyoom'],
    summary: 'Sets or clears the bit at offset of the string value. Creates the key if it does not exist.',
    syntax: 'SETBIT key offset value',
    since: '2.2.0',
    complexity: 'O(1)',
    handler: setbit,
  },
  {
    ...bit,
    name: 'getbit',
    arity: 3,
    flags: ['readonly', 'fast'],
    summary: 'Returns a bit value by offset.',
    syntax: 'GETBIT key offset',
    since: '2.2.0',
    complexity: 'O(1)',
    handler: getbit,
  },
  {
    ...bit,
    name: 'bitcount',
    arity: -2,
    flags: ['readonly'],
    summary: 'Counts the number of set bits (population counting) in a string.',
    syntax: 'BITCOUNT key [start end [BYTE | BIT]]',
    since: '2.6.0',
    complexity: 'O(N)',
    handler: bitcountWith(false),
    versions: { 'redis-7.4': { handler: bitcountWith(true) } },
  },
  {
    ...bit,
    name: 'bitpos',
    arity: -3,
    flags: ['readonly'],
    summary: 'Finds the first set (1) or clear (0) bit in a string.',
    syntax: 'BITPOS key bit [start [end [BYTE | BIT]]]',
    since: '2.8.7',
    complexity: 'O(N)',
    handler: bitposWith(false),
    versions: { 'redis-7.4': { handler: bitposWith(true) } },
  },
  {
    ...bit,
    name: 'bitop',
    keys: [2, -1, 1],
    arity: -4,
    flags: ['write', 'denyoom'],
    summary: 'Performs bitwise operations on multiple strings, and stores the result.',
    syntax: 'BITOP AND | OR | XOR | NOT destkey key [key ...]',
    since: '2.6.0',
    complexity: 'O(N)',
    handler: bitop,
  },
];
