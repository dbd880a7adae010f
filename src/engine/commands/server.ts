import { NO_KEYS } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { errWrongArity } from '../errors.ts';
import { array, bulk, error, PONG, type Reply } from '../reply.ts';

/** Connection and server commands: PING, ECHO, TIME, INFO (COMMAND, CONFIG and DEBUG have files of their own). */

const ping = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 2) return error(errWrongArity(ctx.fullName));
  // A RESP2 client in pub/sub mode reads pushes, so PING answers in their shape.
  if (ctx.client.resp === 2 && ctx.client.subscriptionCount > 0) {
    return array([bulk('pong'), bulk(argv[1] ?? '')]);
  }
  return argv.length === 2 ? bulk(arg(argv, 1)) : PONG;
};

const echo = (_ctx: CommandContext, argv: readonly string[]): Reply => bulk(arg(argv, 1));

const time = (ctx: CommandContext): Reply => {
  const now = ctx.clock.now();
  const seconds = Math.floor(now / 1000);
  return array([bulk(String(seconds)), bulk(String(Math.floor((now - seconds * 1000) * 1000)))]);
};

const info = (ctx: CommandContext, argv: readonly string[]): Reply =>
  bulk(ctx.server.info(argv.slice(1).map((s) => s.toLowerCase())));

const server = { group: 'server', keys: NO_KEYS } as const;

export const serverCommands: readonly CommandSpec[] = [
  {
    name: 'ping',
    group: 'connection',
    keys: NO_KEYS,
    arity: -1,
    flags: ['fast'],
    tips: ['request_policy:all_shards', 'response_policy:all_succeeded'],
    summary: "Returns the server's liveliness response.",
    syntax: 'PING [message]',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: ping,
  },
  {
    name: 'echo',
    group: 'connection',
    keys: NO_KEYS,
    arity: 2,
    flags: ['loading', 'stale', 'fast'],
    summary: 'Returns the given string.',
    syntax: 'ECHO message',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: echo,
  },
  {
    ...server,
    name: 'time',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    tips: ['nondeterministic_output'],
    traits: { serverDependent: "TIME reads the server's clock" },
    summary: 'Returns the server time.',
    syntax: 'TIME',
    since: '2.6.0',
    complexity: 'O(1)',
    handler: time,
  },
  {
    ...server,
    name: 'info',
    notes: 'Sections server, clients, memory, stats, keyspace, with the fields the playground can answer.',
    arity: -1,
    flags: ['loading', 'stale'],
    tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
    traits: { serverDependent: 'INFO describes the server it runs on' },
    summary: 'Returns information and statistics about the server.',
    syntax: 'INFO [section [section ...]]',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: info,
  },
];
