import { helpReply, NO_KEYS, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { CONFIG_PARAMS, findParam, type Param } from '../config.ts';
import { errSubcommandSyntax, errText, errWrongArity } from '../errors.ts';
import { globMatch } from '../glob.ts';
import { array, bulk, error, OK, PONG, type Reply } from '../reply.ts';
import { memtoullErrno } from './strtod.ts';

/** Connection and server commands: PING, ECHO, TIME, INFO, CONFIG, DEBUG, COMMAND. */

const ping = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 2) return error(errWrongArity(ctx.fullName));
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

const configGet = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const out: Reply[] = [];
  const seen = new Set<string>();
  for (let i = 2; i < argv.length; i++) {
    const pattern = arg(argv, i);
    const exact = findParam(pattern);
    if (exact && !/[*?[]/.test(pattern)) {
      // Redis echoes an exact (non-glob) name the way it was typed.
      if (!seen.has(exact.name)) out.push(bulk(pattern), bulk(exact.get(ctx.config)));
      seen.add(exact.name);
      continue;
    }
    for (const p of CONFIG_PARAMS) {
      if (!seen.has(p.name) && globMatch(pattern, p.name, true)) {
        out.push(bulk(p.name), bulk(p.get(ctx.config)));
        seen.add(p.name);
      }
    }
  }
  return array(out);
};

/**
 * CONFIG SET name value [name value ...] as configSetCommand does it: every name is checked first
 * (the first unknown or duplicate one is the error), then the values are set in order. When one is
 * rejected, it and those set before it are restored from their CONFIG GET text, which is lossy for
 * notify-keyspace-events: `AKEmn` reads back as `AKEm`, so a rejected value turns `new` events off.
 */
const configSet = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length % 2 !== 0) return SYNTAX;
  const params: Param[] = [];
  let invalid: Reply | undefined;
  for (let i = 2; i < argv.length; i += 2) {
    const name = arg(argv, i);
    const param = findParam(name);
    if (!param) invalid ??= error(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
    else if (!invalid && params.includes(param)) {
      invalid = error(`ERR CONFIG SET failed (possibly related to argument '${name}') - duplicate parameter`);
    } else params.push(param);
  }
  if (invalid) return invalid;
  const old = params.map((p) => p.get(ctx.config));
  for (const [i, param] of params.entries()) {
    const parsed = param.parse(arg(argv, 3 + 2 * i));
    if (!parsed.ok) {
      for (const [j, p] of params.slice(0, i + 1).entries()) {
        const back = p.parse(old[j] as string);
        if (back.ok) back.apply(ctx.config);
      }
      return error(`ERR CONFIG SET failed (possibly related to argument '${param.name}') - ${parsed.error}`);
    }
    parsed.apply(ctx.config);
  }
  if (params.some((p) => p.name === 'maxmemory')) memtoullErrno(ctx.ks);
  return OK;
};

const CONFIG_HELP = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

const debugError = (argv: readonly string[]): Reply => error(errSubcommandSyntax(argv));

/** C strtod on the whole prefix it can read; 0 when nothing is a number (DEBUG SLEEP abc sleeps 0). */
function strtod(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** C atoi. */
function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?[0-9]+)/.exec(s);
  return m ? Number.parseInt(m[1] as string, 10) : 0;
}

const debug = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const sub = optionName(arg(argv, 1));
  if (sub === 'sleep' && argv.length === 3) {
    const seconds = strtod(arg(argv, 2));
    // Redis truncates to whole microseconds; the clock works in milliseconds.
    const ms = Math.trunc(seconds * 1_000_000) / 1000;
    if (ms > 0) ctx.clock.sleep(ms);
    return OK;
  }
  if (sub === 'set-active-expire' && argv.length === 3) {
    ctx.server.setActiveExpire(atoi(arg(argv, 2)) !== 0);
    return OK;
  }
  return debugError(argv);
};

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
  {
    ...server,
    name: 'config',
    notes: 'Parameters: hz, active-expire-effort, notify-keyspace-events, maxmemory (default 256mb, not 0).',
    arity: -2,
    flags: [],
    summary: 'A container for server configuration commands.',
    syntax: 'CONFIG subcommand',
    since: '2.0.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      {
        ...server,
        name: 'get',
        arity: -3,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        summary: 'Returns the effective values of configuration parameters.',
        syntax: 'CONFIG GET parameter [parameter ...]',
        since: '2.0.0',
        complexity: 'O(N) when N is the number of configuration parameters provided',
        handler: configGet,
      },
      {
        ...server,
        name: 'set',
        arity: -4,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
        summary: 'Sets configuration parameters in-flight.',
        syntax: 'CONFIG SET parameter value [parameter value ...]',
        since: '2.0.0',
        complexity: 'O(N) when N is the number of configuration parameters provided',
        handler: configSet,
      },
      {
        ...server,
        name: 'help',
        arity: 2,
        flags: ['loading', 'stale'],
        summary: 'Returns helpful text about the different subcommands.',
        syntax: 'CONFIG HELP',
        since: '5.0.0',
        complexity: 'O(1)',
        handler: (_ctx, argv) => helpReply(argv, CONFIG_HELP),
      },
      {
        ...server,
        name: 'rewrite',
        arity: 2,
        flags: ['admin', 'noscript', 'loading', 'stale'],
        versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
        summary: 'Persists the effective configuration to file.',
        syntax: 'CONFIG REWRITE',
        since: '2.8.0',
        complexity: 'O(1)',
        handler: () => error(errText('The server is running without a config file')),
      },
    ],
  },
  {
    ...server,
    name: 'debug',
    notes: 'Only SLEEP (instant on a virtual clock) and SET-ACTIVE-EXPIRE.',
    arity: -2,
    flags: ['admin', 'noscript', 'loading', 'stale'],
    traits: { serverDependent: 'DEBUG replies are server internals' },
    summary: 'A container for debugging commands (here: SLEEP seconds, SET-ACTIVE-EXPIRE 0|1).',
    syntax: 'DEBUG SLEEP seconds | DEBUG SET-ACTIVE-EXPIRE 0|1',
    since: '1.0.0',
    complexity: 'Depends on subcommand.',
    handler: debug,
  },
];
