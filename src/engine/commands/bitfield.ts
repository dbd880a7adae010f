import { isReplyNotEntry, NOT_INTEGER, optionName, readString, SYNTAX } from '../cmdutil.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR_BITFIELD_OVERFLOW, ERR_BITFIELD_RO, ERR_BITFIELD_TYPE } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, error, int, NIL, type Reply } from '../reply.ts';
import { BIT_OFFSET, bit, parseBitOffset, storeBits, stringForBits } from './bits.ts';

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

/**
 * The value to store for SET/INCRBY under the overflow policy, or null when FAIL refuses it. The
 * checks match bitops.c's checks on exact integers; note an unsigned SET of a negative number is
 * an overflow (the int64 is read as a huge uint64), so SAT stores the maximum.
 */
function fitField(op: FieldOp, old: bigint): bigint | null {
  const { bits, signed } = op;
  const base = op.op === 'incrby' ? old : signed ? op.value : BigInt.asUintN(64, op.value);
  const incr = op.op === 'incrby' ? op.value : 0n;
  const sum = base + incr;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -max - 1n : 0n;
  if (sum <= max && sum >= min) return sum;
  if (op.overflow === 'fail') return null;
  if (op.overflow === 'sat') return sum > max ? max : min;
  return signed ? BigInt.asIntN(bits, sum) : BigInt.asUintN(bits, sum);
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
      const name = optionName(argv[j] as string);
      if (name === 'overflow' && rem >= 1) {
        const kind = optionName(argv[++j] as string);
        if (kind !== 'wrap' && kind !== 'sat' && kind !== 'fail') return error(ERR_BITFIELD_OVERFLOW);
        overflow = kind;
        continue;
      }
      if (!((name === 'get' && rem >= 2) || ((name === 'set' || name === 'incrby') && rem >= 3)))
        return SYNTAX;
      const type = parseFieldType(argv[j + 1] as string);
      if (type === null) return BITFIELD_TYPE;
      const offset = parseBitOffset(argv[j + 2] as string, type.bits);
      if (offset === null) return BIT_OFFSET;
      let value = 0n;
      if (name !== 'get') {
        writes = true;
        highestBit = Math.max(highestBit, offset + type.bits - 1);
        const v = parseInt64(argv[j + 3] as string);
        if (v === null) return NOT_INTEGER;
        value = BigInt(v);
      }
      ops.push({ op: name as FieldOp['op'], ...type, offset, value, overflow });
      j += name === 'get' ? 2 : 3;
    }
    const key = argv[1] as string;
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
      const next = fitField(op, old);
      if (next === null) {
        replies.push(NIL);
        continue;
      }
      replies.push(int(op.op === 'incrby' ? next : old));
      writeField(bytes, op.offset, op.bits, next);
      if (target.grown || old !== next) changes++;
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
