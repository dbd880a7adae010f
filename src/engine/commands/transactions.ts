import { ALL_KEYS, NO_KEYS } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_DISCARD_WITHOUT_MULTI, ERR_EXEC_WITHOUT_MULTI, ERR_MULTI_NESTED } from '../errors.ts';
import { error, OK, type Reply } from '../reply.ts';

/**
 * MULTI / EXEC / DISCARD and WATCH / UNWATCH. Queueing itself happens in the engine's dispatch, as
 * in processCommand; EXEC's checks (a watched key touched or expired) in the engine's exec.
 */

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
  ctx.client.dirtyCas = false;
  ctx.server.watches.unwatchAll(ctx.client);
  return OK;
};

const watch = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (ctx.client.multi) return error('ERR WATCH inside MULTI is not allowed');
  // Once a watched key was touched, EXEC fails anyway: watching more changes nothing.
  if (ctx.client.dirtyCas) return OK;
  for (let i = 1; i < argv.length; i++) {
    ctx.server.watches.watch(ctx.client, ctx.ks, ctx.db, arg(argv, i));
  }
  return OK;
};

const unwatch = (ctx: CommandContext): Reply => {
  ctx.server.watches.unwatchAll(ctx.client);
  ctx.client.dirtyCas = false;
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
  {
    ...tx,
    name: 'watch',
    arity: -2,
    keys: ALL_KEYS,
    since: '2.2.0',
    complexity: 'O(1) for every key.',
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    summary: 'Watch the given keys to determine execution of the MULTI/EXEC block',
    syntax: 'WATCH key [key ...]',
    handler: watch,
  },
  {
    ...tx,
    name: 'unwatch',
    since: '2.2.0',
    flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
    summary: 'Forget about all watched keys',
    syntax: 'UNWATCH',
    handler: unwatch,
  },
];

/** What a RESP2 client in pub/sub mode may still run (processCommand's check). */
export const PUBSUB_CONTEXT_COMMANDS = new Set([
  'ping',
  'subscribe',
  'ssubscribe',
  'unsubscribe',
  'sunsubscribe',
  'psubscribe',
  'punsubscribe',
  'quit',
  'reset',
]);

/** Commands that run immediately even inside MULTI (server.c processCommand). */
export const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);
