import { helpReply, NO_KEYS, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import type { ApplyFn, Param } from '../config.ts';
import { CONFIG_PARAMS, findParam } from '../config-params.ts';
import { globMatch } from '../glob.ts';
import { array, bulk, error, OK, type Reply } from '../reply.ts';

/** CONFIG GET / SET / RESETSTAT / REWRITE / HELP (config.c) over the parameters of config-params.ts. */

/**
 * configGetCommand: an exact name answers under the spelling asked; a pattern matches every
 * parameter and alias except hidden ones. A name already answered (in any case) is not repeated.
 */
const configGet = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const matches = new Map<string, { shown: string; param: Param }>();
  const add = (shown: string, param: Param) => matches.set(shown.toLowerCase(), { shown, param });
  for (let i = 2; i < argv.length; i++) {
    const name = arg(argv, i);
    if (!/[*?[]/.test(name)) {
      const p = matches.has(name.toLowerCase()) ? undefined : findParam(name);
      if (p) add(name, p);
      continue;
    }
    for (const p of CONFIG_PARAMS) {
      if (!p.hidden && !matches.has(p.name) && globMatch(name, p.name, true)) add(p.name, p);
    }
  }
  const out: Reply[] = [];
  for (const { shown, param } of matches.values()) out.push(bulk(shown), bulk(param.get(ctx.config)));
  // A map in RESP3 (see the host's reply shapes).
  return array(out);
};

interface Failure {
  readonly arg: string;
  readonly why: string;
}

/** The first problem with the names of a CONFIG SET, in configSetCommand's order; or the params. */
function lookupAll(argv: readonly string[]): Param[] | Reply {
  const params: Param[] = [];
  for (let i = 2; i < argv.length; i += 2) {
    const name = arg(argv, i);
    const p = findParam(name);
    if (p === undefined) return error(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
    if (p.immutable || p.protected) {
      return failed({
        arg: name,
        why: p.immutable ? "can't set immutable config" : "can't set protected config",
      });
    }
    if (params.includes(p)) return failed({ arg: name, why: 'duplicate parameter' });
    params.push(p);
  }
  return params;
}

const failed = (f: Failure): Reply =>
  error(`ERR CONFIG SET failed (possibly related to argument '${f.arg}') - ${f.why}`);

/**
 * configSetCommand: every name is checked first; then the values are set in order and each
 * parameter's apply step runs once at the end. When a value or an apply step is refused, the
 * values set so far are restored from their CONFIG GET text (lossy for notify-keyspace-events:
 * `AKEmn` reads back as `AKEm`, so a rejected value turns `new` events off, as in Redis).
 */
const configSet = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length % 2 !== 0) return SYNTAX;
  const params = lookupAll(argv);
  if (!Array.isArray(params)) return params;
  const old = params.map((p) => p.get(ctx.config));
  const restore = (upTo: number) => {
    for (const [j, p] of params.slice(0, upTo).entries()) {
      const back = p.parse(old[j] as string);
      if (back.ok) back.apply(ctx.config);
    }
  };
  const applies: [ApplyFn, Param][] = [];
  for (const [i, p] of params.entries()) {
    const parsed = p.parse(arg(argv, 3 + 2 * i), ctx.ks);
    if (!parsed.ok) {
      restore(i + 1);
      return failed({ arg: p.name, why: parsed.error });
    }
    parsed.apply(ctx.config);
    if (p.apply && !applies.some(([fn]) => fn === p.apply)) applies.push([p.apply, p]);
  }
  for (const [fn, p] of applies) {
    const why = fn(ctx.config);
    if (why !== null) {
      restore(params.length);
      return failed({ arg: p.name, why });
    }
  }
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

const server = { group: 'server', keys: NO_KEYS } as const;
const admin = ['admin', 'noscript', 'loading', 'stale'] as const;

export const configCommand: CommandSpec = {
  ...server,
  name: 'config',
  notes:
    'Every 7.0 parameter with its validation; hz, active-expire-effort, notify-keyspace-events, maxmemory (default 256mb, not 0) and the listpack/intset limits take effect, the rest are stored and echoed. REWRITE answers that there is no config file.',
  arity: -2,
  flags: [],
  summary: 'A container for server configuration commands',
  syntax: 'CONFIG subcommand',
  since: '2.0.0',
  complexity: 'Depends on subcommand.',
  subcommands: [
    {
      ...server,
      name: 'get',
      arity: -3,
      flags: admin,
      summary: 'Get the values of configuration parameters',
      syntax: 'CONFIG GET parameter [parameter ...]',
      since: '2.0.0',
      complexity: 'O(N) when N is the number of configuration parameters provided',
      handler: configGet,
    },
    {
      ...server,
      name: 'set',
      arity: -4,
      flags: admin,
      tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      summary: 'Set configuration parameters to the given values',
      syntax: 'CONFIG SET parameter value [parameter value ...]',
      since: '2.0.0',
      complexity: 'O(N) when N is the number of configuration parameters provided',
      handler: configSet,
    },
    {
      ...server,
      name: 'resetstat',
      arity: 2,
      flags: admin,
      versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
      summary: 'Reset the stats returned by INFO',
      syntax: 'CONFIG RESETSTAT',
      since: '2.0.0',
      complexity: 'O(1)',
      handler: (ctx) => {
        ctx.server.resetStats();
        return OK;
      },
    },
    {
      ...server,
      name: 'rewrite',
      arity: 2,
      flags: admin,
      versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
      summary: 'Rewrite the configuration file with the in memory configuration',
      syntax: 'CONFIG REWRITE',
      since: '2.8.0',
      complexity: 'O(1)',
      handler: () => error('ERR The server is running without a config file'),
    },
    {
      ...server,
      name: 'help',
      arity: 2,
      flags: ['loading', 'stale'],
      summary: 'Show helpful text about the different subcommands',
      syntax: 'CONFIG HELP',
      since: '5.0.0',
      complexity: 'O(1)',
      handler: (_ctx, argv) => helpReply(argv, CONFIG_HELP),
    },
  ],
};
