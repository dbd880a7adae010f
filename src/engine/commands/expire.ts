import {
  expireCommandDeadline,
  KEY1,
  msToRoundedSeconds,
  NOT_INTEGER,
  optionName,
  remainingMs,
} from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import {
  ERR_EXPIRE_GT_LT,
  ERR_EXPIRE_NX_COMBINED,
  errInvalidExpire,
  errUnsupportedOption,
} from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { NO_EXPIRY } from '../keyspace.ts';
import { error, int, type Reply } from '../reply.ts';
import { dragonflyExpire } from './dragonfly-expire.ts';

/** Setting, reading and removing TTLs (expire.c). */

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;

/** expire.c parseExtendedExpireArgumentsOrReply: unknown option first, then the combination rules. */
function parseExpireFlags(argv: readonly string[]): number | Reply {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const option = arg(argv, j);
    const opt = optionName(option);
    if (opt === 'nx') flags |= NX;
    else if (opt === 'xx') flags |= XX;
    else if (opt === 'gt') flags |= GT;
    else if (opt === 'lt') flags |= LT;
    else return error(errUnsupportedOption(option));
  }
  if (flags & NX && flags & (XX | GT | LT)) return error(ERR_EXPIRE_NX_COMBINED);
  if (flags & GT && flags & LT) return error(ERR_EXPIRE_GT_LT);
  return flags;
}

/** expireGenericCommand for EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT. */
const expireGeneric =
  (unitMs: 1 | 1000, relative: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const flags = parseExpireFlags(argv);
    if (typeof flags !== 'number') return flags;
    const amount = parseInt64(arg(argv, 2));
    if (amount === null) return NOT_INTEGER;
    const { ks, db } = ctx;
    const when = expireCommandDeadline(amount, unitMs, relative ? ctx.clock.now() : 0);
    if (when === 'invalid') return error(errInvalidExpire(ctx.fullName));
    const key = arg(argv, 1);
    const e = ks.lookupWrite(db, key);
    if (e === undefined) return int(0);
    if (flags) {
      const current = e.expiresAt;
      const hasTtl = current !== NO_EXPIRY;
      // A key without a TTL counts as infinite: GT always fails on it, LT always succeeds.
      if (flags & NX && hasTtl) return int(0);
      if (flags & XX && !hasTtl) return int(0);
      if (flags & GT && (!hasTtl || when <= current)) return int(0);
      if (flags & LT && hasTtl && when >= current) return int(0);
    }
    if (when <= ctx.clock.now()) {
      ks.delete(db, e);
      ks.notify(db.id, key, 'del', 'g');
    } else {
      ks.setExpire(db, e, when);
      ks.notify(db.id, key, 'expire', 'g');
    }
    return int(1);
  };

/** ttlGenericCommand: -2 missing, -1 no TTL, else remaining (or absolute) time. */
const ttlGeneric =
  (inMs: boolean, absolute: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = ctx.ks.lookupRead(ctx.db, arg(argv, 1), true, false);
    if (e === undefined) return int(-2);
    if (e.expiresAt === NO_EXPIRY) return int(-1);
    const ms = absolute ? e.expiresAt : remainingMs(e, ctx.clock.now());
    return int(inMs ? ms : msToRoundedSeconds(ms));
  };

const persist = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = ctx.ks.lookupWrite(ctx.db, key);
  if (e === undefined || !ctx.ks.persist(ctx.db, e)) return int(0);
  ctx.ks.notify(ctx.db.id, key, 'persist', 'g');
  return int(1);
};

function setter(
  name: string,
  syntax: string,
  summary: string,
  since: string,
  unitMs: 1 | 1000,
  relative: boolean,
): CommandSpec {
  return {
    name,
    arity: -3,
    flags: ['write', 'fast'],
    group: 'generic',
    summary,
    syntax,
    since,
    complexity: 'O(1)',
    keys: KEY1,
    traits: { setsExpiry: relative ? 'relative' : 'absolute' },
    handler: expireGeneric(unitMs, relative),
    versions: {
      dragonfly: {
        notes:
          'Dragonfly: relative TTLs capped at 2^28-1 s, absolute ones past that refused; its option errors.',
        handler: dragonflyExpire(unitMs, relative),
      },
    },
  };
}

function reader(name: string, summary: string, since: string, inMs: boolean, absolute: boolean): CommandSpec {
  return {
    name,
    arity: 2,
    flags: ['readonly', 'fast'],
    // A TTL moves with the clock; a deadline (EXPIRETIME) does not.
    ...(absolute ? {} : { tips: ['nondeterministic_output'] as const }),
    traits: { readsExpiry: { unitMs: inMs ? 1 : 1000, absolute } },
    group: 'generic',
    summary,
    syntax: `${name.toUpperCase()} key`,
    since,
    complexity: 'O(1)',
    keys: KEY1,
    handler: ttlGeneric(inMs, absolute),
  };
}

export const expireCommands: readonly CommandSpec[] = [
  setter(
    'expire',
    'EXPIRE key seconds [NX | XX | GT | LT]',
    "Sets a key's time-to-live in seconds.",
    '1.0.0',
    1000,
    true,
  ),
  setter(
    'pexpire',
    'PEXPIRE key milliseconds [NX | XX | GT | LT]',
    "Sets a key's time-to-live in milliseconds.",
    '2.6.0',
    1,
    true,
  ),
  setter(
    'expireat',
    'EXPIREAT key unix-time-seconds [NX | XX | GT | LT]',
    'Sets the expiration time of a key to a Unix timestamp.',
    '1.2.0',
    1000,
    false,
  ),
  setter(
    'pexpireat',
    'PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]',
    'Sets the expiration time of a key to a Unix milliseconds timestamp.',
    '2.6.0',
    1,
    false,
  ),
  reader('ttl', 'Returns the expiration time in seconds of a key.', '1.0.0', false, false),
  reader('pttl', 'Returns the expiration time in milliseconds of a key.', '2.6.0', true, false),
  reader('expiretime', 'Returns the expiration time of a key as a Unix timestamp.', '7.0.0', false, true),
  reader(
    'pexpiretime',
    'Returns the expiration time of a key as a Unix milliseconds timestamp.',
    '7.0.0',
    true,
    true,
  ),
  {
    name: 'persist',
    arity: 2,
    flags: ['write', 'fast'],
    group: 'generic',
    summary: 'Removes the expiration time of a key.',
    syntax: 'PERSIST key',
    since: '2.2.0',
    complexity: 'O(1)',
    keys: KEY1,
    handler: persist,
  },
];
