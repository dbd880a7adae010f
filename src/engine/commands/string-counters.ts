import { addInt64, isReplyNotEntry, KEY1, NOT_INTEGER, writeString } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_DECR_OVERFLOW, ERR_NAN_OR_INFINITY, ERR_NOT_FLOAT, ERR_OVERFLOW } from '../errors.ts';
import { INT64_MIN, type Int, parseInt64 } from '../int64.ts';
import { incrByFloat } from '../longdouble.ts';
import { bulk, error, int, type Reply } from '../reply.ts';
import { incrByFloatErrno } from './strtod.ts';

/** Counters stored in strings: INCR/DECR/INCRBY/DECRBY (int64) and INCRBYFLOAT (x87 long double). */

/** t_string.c incrDecrCommand. The TTL stays; a missing key counts as 0 and is created. */
function incrDecr(ctx: CommandContext, key: string, by: Int): Reply {
  const e = writeString(ctx, key);
  if (isReplyNotEntry(e)) return e;
  const current = e === undefined ? 0 : parseInt64(e.str);
  if (current === null) return NOT_INTEGER;
  const next = addInt64(current, by);
  if (next === null) return error(ERR_OVERFLOW);
  const text = String(next);
  const { ks, db } = ctx;
  if (e === undefined) ks.setString(db, key, text, false);
  else ks.writeString(db, e, text, 'auto');
  ks.notify(db.id, key, 'incrby', '$');
  return int(next);
}

const incr = (ctx: CommandContext, argv: readonly string[]) => incrDecr(ctx, arg(argv, 1), 1);
const decr = (ctx: CommandContext, argv: readonly string[]) => incrDecr(ctx, arg(argv, 1), -1);

const incrby = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const by = parseInt64(arg(argv, 2));
  if (by === null) return NOT_INTEGER;
  return incrDecr(ctx, arg(argv, 1), by);
};

const decrby = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const by = parseInt64(arg(argv, 2));
  if (by === null) return NOT_INTEGER;
  if (by === INT64_MIN) return error(ERR_DECR_OVERFLOW);
  return incrDecr(ctx, arg(argv, 1), typeof by === 'bigint' ? -by : -by);
};

const incrbyfloat = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  incrByFloatErrno(ctx, key, arg(argv, 2));
  const e = writeString(ctx, key);
  if (isReplyNotEntry(e)) return e;
  const result = incrByFloat(e === undefined ? '0' : e.str, arg(argv, 2));
  if (result === null) return error(ERR_NOT_FLOAT);
  if (result === 'nan-or-inf') return error(ERR_NAN_OR_INFINITY);
  const { ks, db } = ctx;
  if (e === undefined) ks.setString(db, key, result, false, 'nonint');
  else ks.writeString(db, e, result, 'nonint');
  ks.notify(db.id, key, 'incrbyfloat', '$');
  return bulk(result);
};

function counter(
  name: string,
  syntax: string,
  summary: string,
  since: string,
  handler: CommandSpec['handler'],
): CommandSpec {
  return {
    name,
    arity: syntax.split(' ').length,
    flags: ['write', 'denyoom', 'fast'],
    group: 'string',
    summary,
    syntax,
    since,
    complexity: 'O(1)',
    keys: KEY1,
    handler,
  };
}

export const stringCounterCommands: readonly CommandSpec[] = [
  counter(
    'incr',
    'INCR key',
    "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
    '1.0.0',
    incr,
  ),
  counter(
    'decr',
    'DECR key',
    "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
    '1.0.0',
    decr,
  ),
  counter(
    'incrby',
    'INCRBY key increment',
    "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
    '1.0.0',
    incrby,
  ),
  counter(
    'decrby',
    'DECRBY key decrement',
    "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.",
    '1.0.0',
    decrby,
  ),
  counter(
    'incrbyfloat',
    'INCRBYFLOAT key increment',
    "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
    '2.6.0',
    incrbyfloat,
  ),
];
