import { isReplyNotEntry, NOT_INTEGER, optionName, readString, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_BITFIELD_OVERFLOW, ERR_BITFIELD_RO, ERR_BITFIELD_TYPE } from '../errors.ts';
import { normalizeInt, parseInt64 } from '../int64.ts';
import { array, error, int, NIL, type Reply } from '../reply.ts';
import { BIT_OFFSET, bit, parseBitOffset, storeBits, stringForBits } from './bits.ts';
import { GROWTH_NOTES } from './string-ranges.ts';

/** BITFIELD and BITFIELD_RO (bitops.c bitfieldGeneric): integers of 1 to 64 bits at any bit offset. */

interface FieldOp {
  readonly op: 'get' | 'set' | 'incrby';
  readonly signed: boolean;
  readonly bits: number;
  readonly offset: number;
  readonly value: bigint;
  readonly overflow: 'wrap' | 'sat' | 'fail';
}

const BITFIELD_TYPE = error(ERR_BITFIELD_TYPE);

/** `i1`..`i64` or `u1`..`u63`; the sign letter is case-sensitive and the width is read as a C string. */
function parseFieldType(arg: string): { signed: boolean; bits: number } | null {
  const signed = arg[0] === 'i';
  if (!signed && arg[0] !== 'u') return null;
  const nul = arg.indexOf('\0');
  const bits = parseInt64(arg.slice(1, nul < 0 ? undefined : nul));
  if (bits === null || bits < 1 || bits > (signed ? 64 : 63)) return null;
  return { signed, bits: Number(bits) };
}

function readField(s: string, offset: number, bits: number, signed: boolean): bigint {
  let v = 0n;
  for (let b = offset; b < offset + bits; b++) {
    const byte = Math.floor(b / 8);
    const bit = byte < s.length ? (s.charCodeAt(byte) >> (7 - (b % 8))) & 1 : 0;
    v = (v << 1n) | BigInt(bit);
  }
  return signed ? BigInt.asIntN(bits, v) : v;
}

function writeField(bytes: Uint8Array, offset: number, bits: number, value: bigint): void {
  for (let j = 0; j < bits; j++) {
    const on = (value >> BigInt(bits - 1 - j)) & 1n;
    const b = offset + j;
    const mask = 1 << (7 - (b % 8));
    const i = Math.floor(b / 8);
    bytes[i] = on ? (bytes[i] as number) | mask : (bytes[i] as number) & ~mask;
  }
}

const i64 = (v: bigint) => BigInt.asIntN(64, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);

/**
 * bitops.c checkSignedBitfieldOverflow / checkUnsignedBitfieldOverflow, with their C int64
 * wrap-arounds kept: 1 overflow, -1 underflow, 0 fits, and the value WRAP or SAT stores. The wraps
 * are visible, e.g. an i8 SET of -9223372036854775808 under SAT stores 127, not -128, because
 * `max - value` overflows and the value is taken for too big.
 */
function checkOverflow(
  signed: boolean,
  bits: number,
  value: bigint,
  incr: bigint,
  policy: FieldOp['overflow'],
): { result: number; limit: bigint } {
  const b = BigInt(bits);
  let result = 0;
  let limit = 0n;
  if (signed) {
    const max = bits === 64 ? 9223372036854775807n : (1n << (b - 1n)) - 1n;
    const min = -max - 1n;
    const maxincr = i64(u64(max) - u64(value));
    const minincr = i64(min - value);
    if (value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)) {
      result = 1;
      limit = max;
    } else if (
      value < min ||
      (bits !== 64 && incr < minincr) ||
      (value < 0n && incr < 0n && incr < minincr)
    ) {
      result = -1;
      limit = min;
    }
    if (result !== 0 && policy === 'wrap') limit = BigInt.asIntN(bits, u64(value + incr));
  } else {
    const max = (1n << b) - 1n;
    const maxincr = i64(max - value);
    const minincr = i64(-value);
    if (value > max || (incr > 0n && incr > maxincr)) {
      result = 1;
      limit = max;
    } else if (incr < 0n && incr < minincr) {
      result = -1;
      limit = 0n;
    }
    if (result !== 0 && policy === 'wrap') limit = BigInt.asUintN(bits, u64(value + incr));
  }
  return { result, limit };
}

/** One SET or INCRBY as bitfieldGeneric runs it: what to reply and what to write (null = FAIL). */
function applyField(op: FieldOp, old: bigint): { reply: bigint; write: bigint | null } {
  const { signed, bits } = op;
  let newval: bigint;
  let retval: bigint;
  let result: number;
  if (op.op === 'incrby') {
    const c = checkOverflow(signed, bits, old, op.value, op.overflow);
    result = c.result;
    newval = result !== 0 ? c.limit : signed ? i64(old + op.value) : u64(old + op.value);
    retval = newval;
  } else {
    newval = signed ? op.value : u64(op.value);
    const c = checkOverflow(signed, bits, newval, 0n, op.overflow);
    result = c.result;
    if (result !== 0) newval = c.limit;
    retval = old;
  }
  if (result !== 0 && op.overflow === 'fail') return { reply: 0n, write: null };
  return { reply: i64(retval), write: newval };
}

const bitfieldGeneric =
  (readOnly: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const ops: FieldOp[] = [];
    let overflow: FieldOp['overflow'] = 'wrap';
    let writes = false;
    let highestBit = 0;
    for (let j = 2; j < argv.length; j++) {
      const rem = argv.length - j - 1;
      const name = optionName(arg(argv, j));
      if (name === 'overflow' && rem >= 1) {
        const kind = optionName(arg(argv, ++j));
        if (kind !== 'wrap' && kind !== 'sat' && kind !== 'fail') return error(ERR_BITFIELD_OVERFLOW);
        overflow = kind;
        continue;
      }
      if (!((name === 'get' && rem >= 2) || ((name === 'set' || name === 'incrby') && rem >= 3)))
        return SYNTAX;
      const type = parseFieldType(arg(argv, j + 1));
      if (type === null) return BITFIELD_TYPE;
      const offset = parseBitOffset(arg(argv, j + 2), type.bits);
      if (offset === null) return BIT_OFFSET;
      let value = 0n;
      if (name !== 'get') {
        writes = true;
        highestBit = Math.max(highestBit, offset + type.bits - 1);
        const v = parseInt64(arg(argv, j + 3));
        if (v === null) return NOT_INTEGER;
        value = BigInt(v);
      }
      ops.push({ op: name as FieldOp['op'], ...type, offset, value, overflow });
      j += name === 'get' ? 2 : 3;
    }
    const key = arg(argv, 1);
    if (!writes) {
      const e = readString(ctx, key);
      if (isReplyNotEntry(e)) return e;
      const s = e === undefined ? '' : e.str;
      return array(ops.map((op) => int(readField(s, op.offset, op.bits, op.signed))));
    }
    if (readOnly) return error(ERR_BITFIELD_RO);
    const target = stringForBits(ctx, key, highestBit);
    if ('t' in target) return target;
    const bytes = Uint8Array.from(target.value, (c) => c.charCodeAt(0));
    let changes = 0;
    const replies: Reply[] = [];
    for (const op of ops) {
      const current = String.fromCharCode(
        ...bytes.subarray(Math.floor(op.offset / 8), Math.ceil((op.offset + op.bits) / 8)),
      );
      const old = readField(current, op.offset % 8, op.bits, op.signed);
      if (op.op === 'get') {
        replies.push(int(old));
        continue;
      }
      const { reply, write } = applyField(op, old);
      if (write === null) {
        replies.push(NIL);
        continue;
      }
      replies.push(int(normalizeInt(reply)));
      writeField(bytes, op.offset, op.bits, write);
      if (target.grown || old !== write) changes++;
    }
    let value = '';
    for (let j = 0; j < bytes.length; j += 8192) value += String.fromCharCode(...bytes.subarray(j, j + 8192));
    storeBits(ctx, key, target.e, value);
    if (changes > 0) ctx.ks.notify(ctx.db.id, key, 'setbit', '$');
    return array(replies);
  };

export const bitfieldCommands: readonly CommandSpec[] = [
  {
    ...bit,
    name: 'bitfield',
    notes: GROWTH_NOTES,
    arity: -2,
    flags: ['write', 'denyoom'],
    summary: 'Performs arbitrary bitfield integer operations on strings.',
    syntax:
      'BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value | INCRBY encoding offset increment ...]',
    since: '3.2.0',
    complexity: 'O(1) for each subcommand specified',
    handler: bitfieldGeneric(false),
  },
  {
    ...bit,
    name: 'bitfield_ro',
    arity: -2,
    flags: ['readonly', 'fast'],
    summary: 'Performs arbitrary read-only bitfield integer operations on strings.',
    syntax: 'BITFIELD_RO key [GET encoding offset ...]',
    since: '6.0.0',
    complexity: 'O(1) for each subcommand specified',
    handler: bitfieldGeneric(true),
  },
];
