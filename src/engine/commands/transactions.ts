import { NO_KEYS } from '../cmdutil.ts';
import type { CommandContext, CommandSpec } from '../command.ts';
import { ERR_DISCARD_WITHOUT_MULTI, ERR_EXEC_WITHOUT_MULTI, ERR_MULTI_NESTED } from '../errors.ts';
import { error, OK, type Reply } from '../reply.ts';

/** MULTI / EXEC / DISCARD. Queueing itself happens in the engine's dispatch, as in processCommand. */

const multi = (ctx: CommandContext): Reply => {
  if (ctx.client.multi) return error(ERR_MULTI_NESTED);
  ctx.client.multi = [];
  ctx.client.multiDirty = false;
  return OK;
};

const exec = (ctx: CommandContext): Reply => {
  if (!ctx.client.multi) return error(ERR_EXEC_WITHOUT_MULTI);
  return ctx.server.exec(ctx.client);
};

const discard = (ctx: CommandContext): Reply => {
  if (!ctx.client.multi) return error(ERR_DISCARD_WITHOUT_MULTI);
  ctx.client.multi = null;
  ctx.client.multiDirty = false;
  return OK;
};

const tx = { group: 'transactions', keys: NO_KEYS, arity: 1, since: '1.2.0', complexity: 'O(1)' } as const;

export const transactionCommands: readonly CommandSpec[] = [
  {
    ...tx,
    name: 'multi',
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    summary: 'Starts a transaction.',
    syntax: 'MULTI',
    handler: multi,
  },
  {
    ...tx,
    name: 'exec',
    flags: ['noscript', 'loading', 'stale', 'skip_slowlog'],
    summary: 'Executes all commands in a transaction.',
    syntax: 'EXEC',
    complexity: 'Depends on commands in the transaction',
    handler: exec,
  },
  {
    ...tx,
    name: 'discard',
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    summary: 'Discards a transaction.',
    syntax: 'DISCARD',
    complexity: 'O(N), when N is the number of queued commands',
    handler: discard,
  },
];

/** Commands that run immediately even inside MULTI (server.c processCommand). */
export const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
