import { NO_KEYS, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, arityOk, type CommandContext, type CommandSpec } from '../command.ts';
import { COMMAND_META } from '../command-meta.ts';
import { globMatch } from '../glob.ts';
import { type KeyRef, type KeySpec, keySpecReply, keysFromSpecs } from '../key-specs.ts';
import { array, bulk, bulkArray, error, int, NIL, type Reply, status } from '../reply.ts';
import { findSubcommand } from '../table.ts';

/** COMMAND and its subcommands: INFO (with key specs), DOCS, COUNT, LIST, GETKEYS, GETKEYSANDFLAGS, HELP. */

const fullName = (spec: CommandSpec, parent?: CommandSpec) =>
  parent ? `${parent.name}|${spec.name}` : spec.name;

function commandInfo(spec: CommandSpec, parent?: CommandSpec): Reply {
  const meta = COMMAND_META[fullName(spec, parent)];
  return array([
    bulk(fullName(spec, parent)),
    int(spec.arity),
    array(spec.flags.map(status)),
    int(spec.keys[0]),
    int(spec.keys[1]),
    int(spec.keys[2]),
    array((meta?.acl ?? []).map(status)),
    bulkArray(spec.tips ?? []),
    array((meta?.keySpecs ?? []).map(keySpecReply)),
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

/** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
const commandList = (ctx: CommandContext, argv: readonly string[]): Reply => {
  // Subcommands are listed too, after their container (commandListWithoutFilter and
  // commandListWithFilter both walk them).
  const names = ctx.server.table
    .all()
    .flatMap((s) => [
      { name: s.name, spec: s },
      ...(s.subcommands ?? []).map((sub) => ({ name: `${s.name}|${sub.name}`, spec: sub })),
    ]);
  if (argv.length === 2) return array(names.map((n) => bulk(n.name)));
  if (argv.length !== 5 || optionName(arg(argv, 2)) !== 'filterby') return SYNTAX;
  const by = optionName(arg(argv, 3));
  const value = arg(argv, 4);
  let picked: string[];
  if (by === 'module') picked = [];
  else if (by === 'aclcat') {
    const cat = `@${value.toLowerCase()}`;
    picked = names.filter((n) => COMMAND_META[n.name]?.acl.includes(cat)).map((n) => n.name);
  } else if (by === 'pattern')
    picked = names.filter((n) => globMatch(value, n.name, true)).map((n) => n.name);
  else return SYNTAX;
  return array(picked.map(bulk));
};

const commandInfoCmd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length === 2) return command(ctx);
  return array(
    argv.slice(2).map((name) => {
      const [base, sub] = name.split('|');
      const spec = ctx.server.table.get(base ?? '');
      if (sub === undefined) return spec ? commandInfo(spec) : NIL;
      const child = spec && findSubcommand(spec, sub);
      return spec && child ? commandInfo(child, spec) : NIL;
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

/** Key flags in COMMAND GETKEYSANDFLAGS's order (addReplyFlagsForKeyArgs). */
const FLAG_ORDER = [
  'RO',
  'RW',
  'OW',
  'RM',
  'access',
  'update',
  'insert',
  'delete',
  'not_key',
  'incomplete',
  'variable_flags',
];

/** setGetKeys and bitfieldGetKeys: the two commands whose key flags depend on their arguments. */
function variableFlags(name: string, argv: readonly string[]): readonly string[] {
  if (name === 'set') {
    const get = argv.slice(3).some((a) => optionName(a) === 'get');
    return get ? ['RW', 'access', 'update'] : ['OW', 'update'];
  }
  let readonly = true;
  for (let i = 2; i < argv.length; i++) {
    const a = optionName(arg(argv, i));
    const rem = argv.length - i - 1;
    if (a === 'get' && rem >= 2) i += 2;
    else if ((a === 'set' || a === 'incrby') && rem >= 3) {
      readonly = false;
      break;
    } else if (a === 'overflow' && rem >= 1) i += 1;
    else {
      readonly = false;
      break;
    }
  }
  return readonly ? ['RO', 'access'] : ['RW', 'access', 'update'];
}

/** C atoi. */
function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?[0-9]+)/.exec(s);
  return m ? Number.parseInt(m[1] as string, 10) : 0;
}

/**
 * The getkeys procs Redis falls back on when the key specs cannot be followed: sortGetKeys (the sort
 * key, then the last STORE key) and genericGetKeys for the numkeys commands (keys found by atoi of
 * numkeys, the destination last, no flags). null when they find no key either.
 */
function fallbackKeys(
  spec: CommandSpec,
  specs: readonly KeySpec[],
  argv: readonly string[],
): KeyRef[] | null {
  if (spec.name === 'sort' || spec.name === 'sort_ro') {
    const keys: KeyRef[] = [{ pos: 1, flags: ['RO', 'access'] }];
    let store: KeyRef | undefined;
    for (let i = 2; spec.name === 'sort' && i < argv.length; i++) {
      const a = optionName(arg(argv, i));
      if (a === 'limit') i += 2;
      else if (a === 'get' || a === 'by') i += 1;
      else if (a === 'store' && i + 1 < argv.length) store = { pos: i + 1, flags: ['OW', 'update'] };
    }
    return store ? [...keys, store] : keys;
  }
  const keynum = specs.find((k) => 'keynum' in k.fk);
  if (keynum === undefined || !('index' in keynum.bs) || !('keynum' in keynum.fk)) return null;
  const [keynumidx, firstkey, keystep] = keynum.fk.keynum;
  const countAt = keynum.bs.index + keynumidx;
  const firstAt = countAt + firstkey;
  const num = atoi(argv[countAt] ?? '');
  if (num < 1 || num > Math.floor((argv.length - firstAt) / keystep)) return null;
  const keys: KeyRef[] = [];
  for (let i = 0; i < num; i++) keys.push({ pos: firstAt + i * keystep, flags: [] });
  const store = specs.find((k) => k !== keynum && 'index' in k.bs);
  if (store !== undefined && 'index' in store.bs) keys.push({ pos: store.bs.index, flags: [] });
  return keys;
}

/** getKeysSubcommandImpl. */
const getKeys =
  (withFlags: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const target = argv.slice(2);
    const base = ctx.server.table.get(arg(target, 0));
    const sub = base?.subcommands && target.length >= 2 ? findSubcommand(base, arg(target, 1)) : undefined;
    const spec = base?.subcommands && target.length >= 2 ? sub : base;
    if (base === undefined || spec === undefined) return error('ERR Invalid command specified');
    const meta = COMMAND_META[sub && base ? `${base.name}|${sub.name}` : spec.name];
    const specs = meta?.keySpecs ?? [];
    if (!specs.some((k) => !k.flags.includes('not_key')))
      return error('ERR The command has no key arguments');
    if (!arityOk(spec.arity, target.length))
      return error('ERR Invalid number of arguments specified for command');
    const varflags = specs.some((k) => k.flags.includes('variable_flags'));
    const keys = varflags
      ? [{ pos: 1, flags: variableFlags(spec.name, target) }]
      : (keysFromSpecs(specs, target) ?? fallbackKeys(spec, specs, target));
    if (keys === null || keys.length === 0) {
      if (spec.flags.includes('no_mandatory_keys')) return array([]);
      return error('ERR Invalid arguments specified for command');
    }
    return array(
      keys.map((k) => {
        const key = bulk(arg(target, k.pos));
        if (!withFlags) return key;
        const flags = FLAG_ORDER.filter((f) => k.flags.includes(f));
        return array([key, array(flags.map(status))]);
      }),
    );
  };

const HELP = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
  'HELP',
  '    Prints this help.',
];

const server = { group: 'server', keys: NO_KEYS } as const;
const sub = (
  name: string,
  arity: number,
  syntax: string,
  summary: string,
  handler: CommandSpec['handler'],
  since = '2.8.13',
): CommandSpec => ({
  ...server,
  name,
  arity,
  flags: ['loading', 'stale'],
  summary,
  syntax,
  since,
  complexity: 'O(N) where N is the number of arguments to the command',
  handler,
});

export const commandCommands: readonly CommandSpec[] = [
  {
    ...server,
    name: 'command',
    notes: 'COMMAND DOCS has no argument trees.',
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
        ...sub('count', 2, 'COMMAND COUNT', 'Returns a count of commands.', commandCount),
        complexity: 'O(1)',
      },
      {
        ...sub(
          'docs',
          -2,
          'COMMAND DOCS [command-name ...]',
          'Returns documentary information about one, multiple or all commands.',
          commandDocsCmd,
          '7.0.0',
        ),
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'pairs' },
        complexity: 'O(N) where N is the number of commands to look up',
      },
      {
        ...sub(
          'getkeys',
          -4,
          'COMMAND GETKEYS command [arg ...]',
          'Extracts the key names from an arbitrary command.',
          getKeys(false),
        ),
        // 7.4 takes the command alone and answers "Invalid number of arguments" for it.
        versions: { 'redis-7.4': { arity: -3 } },
      },
      {
        ...sub(
          'getkeysandflags',
          -4,
          'COMMAND GETKEYSANDFLAGS command [arg ...]',
          'Extracts the key names and access flags for an arbitrary command.',
          getKeys(true),
          '7.0.0',
        ),
        versions: { 'redis-7.4': { arity: -3 } },
      },
      {
        ...sub(
          'help',
          2,
          'COMMAND HELP',
          'Returns helpful text about the different subcommands.',
          () => array(HELP.map(status)),
          '5.0.0',
        ),
        complexity: 'O(1)',
      },
      {
        ...sub(
          'info',
          -2,
          'COMMAND INFO [command-name ...]',
          'Returns information about one, multiple or all commands.',
          commandInfoCmd,
        ),
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'members' },
        complexity: 'O(N) where N is the number of commands to look up',
      },
      {
        ...sub(
          'list',
          -2,
          'COMMAND LIST [FILTERBY MODULE module-name | ACLCAT category | PATTERN pattern]',
          'Returns a list of command names.',
          commandList,
          '7.0.0',
        ),
        tips: ['nondeterministic_output_order'],
        traits: { unordered: 'members' },
        complexity: 'O(N) where N is the total number of Redis commands',
      },
    ],
  },
];
