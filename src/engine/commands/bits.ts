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

const bitcount = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = readString(ctx, arg(argv, 1));
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const s = e.str;
  let first: number;
  let last: number;
  let unit: 'bit' | 'byte' = 'byte';
  if (argv.length === 4 || argv.length === 5) {
    const start = parseInt64(arg(argv, 2));
    if (start === null) return NOT_INTEGER;
    const end = parseInt64(arg(argv, 3));
    if (end === null) return NOT_INTEGER;
    if (start < 0 && end < 0 && start > end) return int(0);
    if (argv.length === 5) {
      const u = rangeUnit(arg(argv, 4));
      if (u === null) return SYNTAX;
      unit = u;
    }
    const total = unit === 'bit' ? s.length * 8 : s.length;
    [first, last] = clampRange(clampToNumber(start), clampToNumber(end), total);
  } else if (argv.length === 2) {
    first = 0;
    last = s.length - 1;
  } else {
    return SYNTAX;
  }
  if (first > last) return int(0);
  let n = 0;
  if (unit === 'byte') {
    for (let i = first; i <= last; i++) n += POPCOUNT[s.charCodeAt(i)] as number;
  } else {
    // Whole bytes through the table, the partial first and last bytes bit by bit.
    let b = first;
    for (; b <= last && b % 8 !== 0; b++) n += bitAt(s, b);
    for (; b + 7 <= last; b += 8) n += POPCOUNT[s.charCodeAt(Math.floor(b / 8))] as number;
    for (; b <= last; b++) n += bitAt(s, b);
  }
  return int(n);
};

const bitpos = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const bitArg = parseInt64(arg(argv, 2));
  if (bitArg === null) return NOT_INTEGER;
  if (bitArg !== 0 && bitArg !== 1) return error(ERR_BIT_ARG);
  const bit = bitArg;
  const e = readString(ctx, arg(argv, 1));
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(bit ? -1 : 0);
  const s = e.str;
  let unit: 'bit' | 'byte' = 'byte';
  let endGiven = false;
  let first: number;
  let last: number;
  if (argv.length >= 4 && argv.length <= 6) {
    const start = parseInt64(arg(argv, 3));
    if (start === null) return NOT_INTEGER;
    if (argv.length === 6) {
      const u = rangeUnit(arg(argv, 5));
      if (u === null) return SYNTAX;
      unit = u;
    }
    const total = unit === 'bit' ? s.length * 8 : s.length;
    let end = total - 1;
    if (argv.length >= 5) {
      const v = parseInt64(arg(argv, 4));
      if (v === null) return NOT_INTEGER;
      end = clampToNumber(v);
      endGiven = true;
    }
    [first, last] = clampRange(clampToNumber(start), end, total);
  } else if (argv.length === 3) {
    first = 0;
    last = s.length - 1;
  } else {
    return SYNTAX;
  }
  if (first > last) return int(-1);
  const [fromBit, toBit] = unit === 'bit' ? [first, last] : [first * 8, last * 8 + 7];
  for (let b = fromBit; b <= toBit; b++) if (bitAt(s, b) === bit) return int(b);
  // Looking for a clear bit past an open-ended range finds the zero padding after the string.
  if (bit === 1 || endGiven) return int(-1);
  return int((Math.floor(toBit / 8) + 1) * 8);
};

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
    handler: bitcount,
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
    handler: bitpos,
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
