import { NO_KEYS } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { errWrongArity } from '../errors.ts';
import { array, bulk, bulkArray, error, int, NIL, PONG, type Reply, status } from '../reply.ts';

/** Connection and server commands: PING, ECHO, TIME, INFO, COMMAND (CONFIG and DEBUG have files of their own). */

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

const ACL_CATEGORY_OF_GROUP: Partial<Record<CommandSpec['group'], string>> = {
  generic: 'keyspace',
  'sorted-set': 'sortedset',
  transactions: 'transaction',
};

/** The ACL categories Redis lists in COMMAND INFO, derived from group and flags. */
function aclCategories(spec: CommandSpec): string[] {
  const cats: string[] = [];
  if (spec.flags.includes('write')) cats.push('@write');
  if (spec.flags.includes('readonly')) cats.push('@read');
  cats.push(`@${ACL_CATEGORY_OF_GROUP[spec.group] ?? spec.group}`);
  if (spec.flags.includes('denyoom')) cats.push('@denyoom');
  cats.push(spec.flags.includes('fast') ? '@fast' : '@slow');
  if (spec.flags.includes('blocking')) cats.push('@blocking');
  return cats;
}

function commandInfo(spec: CommandSpec, parent?: CommandSpec): Reply {
  const name = parent ? `${parent.name}|${spec.name}` : spec.name;
  return array([
    bulk(name),
    int(spec.arity),
    array(spec.flags.map(status)),
    int(spec.keys[0]),
    int(spec.keys[1]),
    int(spec.keys[2]),
    array(aclCategories(spec).map(status)),
    bulkArray(spec.tips ?? []),
    array([]),
    array((spec.subcommands ?? []).map((s) => commandInfo(s, spec))),
  ]);
}

function commandDocs(spec: CommandSpec): Reply {
  const fields: Reply[] = [
    bulk('summary'),
    bulk(spec.summary),
    bulk('since'),
    bulk(spec.since),
    bulk('group'),
    bulk(spec.group),
    bulk('complexity'),
    bulk(spec.complexity),
  ];
  if (spec.subcommands) {
    const subs: Reply[] = [];
    for (const s of spec.subcommands) subs.push(bulk(`${spec.name}|${s.name}`), commandDocs(s));
    fields.push(bulk('subcommands'), array(subs));
  }
  return array(fields);
}

const command = (ctx: CommandContext): Reply => array(ctx.server.table.all().map((s) => commandInfo(s)));

const commandCount = (ctx: CommandContext): Reply => int(ctx.server.table.all().length);

const commandList = (ctx: CommandContext): Reply => array(ctx.server.table.all().map((s) => bulk(s.name)));

const commandInfoCmd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length === 2) return command(ctx);
  return array(
    argv.slice(2).map((name) => {
      const spec = ctx.server.table.get(name);
      return spec ? commandInfo(spec) : NIL;
    }),
  );
};

const commandDocsCmd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const specs =
    argv.length === 2 ? ctx.server.table.all() : argv.slice(2).map((n) => ctx.server.table.get(n));
  const out: Reply[] = [];
  for (const spec of specs) if (spec) out.push(bulk(spec.name), commandDocs(spec));
  return array(out);
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
    name: 'command',
    notes: 'COMMAND INFO has no key specs; COMMAND DOCS has no argument trees.',
    arity: -1,
    flags: ['loading', 'stale'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns detailed information about all commands.',
    syntax: 'COMMAND [COUNT | DOCS [command-name ...] | INFO [command-name ...] | LIST]',
    since: '2.8.13',
    complexity: 'O(N) where N is the total number of Redis commands',
    handler: command,
    subcommands: [
      {
        ...server,
        name: 'count',
        arity: 2,
        flags: ['loading', 'stale'],
        summary: 'Returns a count of commands.',
        syntax: 'COMMAND COUNT',
        since: '2.8.13',
        complexity: 'O(1)',
        handler: commandCount,
      },
      {
        ...server,
        name: 'docs',
        arity: -2,
        flags: ['loading', 'stale'],
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'pairs' },
        summary: 'Returns documentary information about one, multiple or all commands.',
        syntax: 'COMMAND DOCS [command-name ...]',
        since: '7.0.0',
        complexity: 'O(N) where N is the number of commands to look up',
        handler: commandDocsCmd,
      },
      {
        ...server,
        name: 'info',
        arity: -2,
        flags: ['loading', 'stale'],
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'members' },
        summary: 'Returns information about one, multiple or all commands.',
        syntax: 'COMMAND INFO [command-name ...]',
        since: '2.8.13',
        complexity: 'O(N) where N is the number of commands to look up',
        handler: commandInfoCmd,
      },
      {
        ...server,
        name: 'list',
        arity: -2,
        flags: ['loading', 'stale'],
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'members' },
        summary: 'Returns a list of command names.',
        syntax: 'COMMAND LIST',
        since: '7.0.0',
        complexity: 'O(N) where N is the total number of Redis commands',
        handler: commandList,
      },
    ],
  },
];
