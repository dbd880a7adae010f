import { helpReply, NO_KEYS, optionName } from '../cmdutil.ts';
import { arg, arityOk, type CommandContext, type CommandSpec } from '../command.ts';
import { COMMAND_META } from '../command-meta.ts';
import {
  ERR_NOT_INTEGER,
  ERR_SYNTAX,
  ERR_WRONGPASS,
  errSubcommandSyntax,
  errText,
  errWrongArity,
} from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, bulk, EMPTY_ARRAY, error, int, NIL, OK, type Reply } from '../reply.ts';
import { authenticate } from './connection.ts';
import { formatScore } from './zset-score.ts';

/**
 * AUTH and ACL (acl.c) on a server whose only user is `default`, `on nopass ~* &* +@all`, as a fresh
 * Redis 7.0 without requirepass: any password authenticates it, every command and key is allowed,
 * so the ACL log holds only failed authentications. Creating or changing users is not modelled.
 */

const DEFAULT_USER = 'default';

/** ACLCommandCategories, in Redis's order (ACL CAT). */
const CATEGORIES = [
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'admin',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
];

/** addReplyErrorFormat's rewriting of CR and LF, after printf's %s stopped at a zero byte. */
const printable = (s: string): string => {
  const nul = s.indexOf('\0');
  return (nul < 0 ? s : s.slice(0, nul)).replace(/[\r\n]/g, ' ');
};

const auth = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 3) return error(ERR_SYNTAX);
  if (argv.length === 2) {
    return error(
      errText(
        'AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      ),
    );
  }
  return authenticate(ctx, argv, arg(argv, 1)) ? OK : error(ERR_WRONGPASS);
};

const aclCat = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length === 2) return array(CATEGORIES.map(bulk));
  if (argv.length !== 3) return error(errSubcommandSyntax(argv));
  const category = arg(argv, 2).toLowerCase();
  if (!CATEGORIES.includes(category)) {
    return error(errText(`Unknown category '${printable(arg(argv, 2)).slice(0, 128)}'`));
  }
  const names: string[] = [];
  for (const spec of ctx.server.table.all()) {
    if (COMMAND_META[spec.name]?.acl.includes(`@${category}`)) names.push(spec.name);
    for (const sub of spec.subcommands ?? []) {
      const full = `${spec.name}|${sub.name}`;
      if (COMMAND_META[full]?.acl.includes(`@${category}`)) names.push(full);
    }
  }
  return array(names.map(bulk));
};

const aclDeluser = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.slice(2).includes(DEFAULT_USER)) return error(errText("The 'default' user cannot be removed"));
  return int(0);
};

/** The default user's flags; the 7.4.1 oracle's default user also has `sanitize-payload`. */
const FLAGS_70 = ['on', 'nopass'];
const FLAGS_74 = [...FLAGS_70, 'sanitize-payload'];

/** ACL GETUSER default: a map in RESP3, its flags a set. */
const aclGetuser =
  (flags: readonly string[]) =>
  (_ctx: CommandContext, argv: readonly string[]): Reply => {
    if (arg(argv, 2) !== DEFAULT_USER) return NIL;
    return array([
      bulk('flags'),
      array(flags.map(bulk)),
      bulk('passwords'),
      EMPTY_ARRAY,
      bulk('commands'),
      bulk('+@all'),
      bulk('keys'),
      bulk('~*'),
      bulk('channels'),
      bulk('&*'),
      bulk('selectors'),
      EMPTY_ARRAY,
    ]);
  };

const aclList = (flags: readonly string[]) => (): Reply =>
  array([bulk(`user default ${flags.join(' ')} ~* &* +@all`)]);

const aclDryrun = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const user = arg(argv, 2);
  if (user !== DEFAULT_USER) return error(errText(`User '${printable(user)}' not found`));
  const cmd = argv.slice(3);
  const base = ctx.server.table.get(arg(cmd, 0));
  const subName = cmd.length >= 2 ? arg(cmd, 1).toLowerCase() : '';
  const spec = base?.subcommands && cmd.length >= 2 ? base.subcommands.find((s) => s.name === subName) : base;
  if (base === undefined || spec === undefined) {
    return error(errText(`Command '${printable(arg(cmd, 0))}' not found`));
  }
  const fullName = spec === base ? base.name : `${base.name}|${spec.name}`;
  if (!arityOk(spec.arity, cmd.length)) return error(errWrongArity(fullName));
  return OK;
};

const GENPASS_MAX_BITS = 4096;

const aclGenpass = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 3) return error(errSubcommandSyntax(argv));
  let bits = 256n;
  if (argv.length === 3) {
    const n = parseInt64(arg(argv, 2));
    if (n === null) return error(ERR_NOT_INTEGER);
    bits = BigInt(n);
  }
  if (bits <= 0n || bits > BigInt(GENPASS_MAX_BITS)) {
    return error(
      errText(
        `ACL GENPASS argument must be the number of bits for the output password, a positive number up to ${GENPASS_MAX_BITS}`,
      ),
    );
  }
  const chars = Math.floor((Number(bits) + 3) / 4);
  let pass = '';
  for (let i = 0; i < chars; i++) pass += '0123456789abcdef'[Math.floor(ctx.random() * 16)];
  return bulk(pass);
};

/** ACL LOG: the newest entries first, each a map in RESP3 whose age is a double. */
const aclLog = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 3) return error(errSubcommandSyntax(argv));
  const log = ctx.server.diagnostics.aclLog;
  let count = 10;
  if (argv.length === 3) {
    if (optionName(arg(argv, 2)) === 'reset') {
      log.length = 0;
      return OK;
    }
    const n = parseInt64(arg(argv, 2));
    if (n === null) return error(ERR_NOT_INTEGER);
    count = n < 0n ? 0 : Number(n > BigInt(log.length) ? log.length : n);
  }
  return array(
    log
      .slice(0, count)
      .map((e) =>
        array([
          bulk('count'),
          int(e.count),
          bulk('reason'),
          bulk(e.reason),
          bulk('context'),
          bulk(e.context),
          bulk('object'),
          bulk(e.object),
          bulk('username'),
          bulk(e.username),
          bulk('age-seconds'),
          bulk(formatScore((ctx.ks.now - e.ctime) / 1000)),
          bulk('client-info'),
          bulk(e.clientInfo),
        ]),
      ),
  );
};

const ACL_FILE_ERROR = errText(
  'This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.',
);

const aclSetuser = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (/[\s\0]/.test(arg(argv, 2))) return error(errText("Usernames can't contain spaces or null characters"));
  return error(
    errText('ACL SETUSER is not in the playground: its only user is default, which may run every command'),
  );
};

const ACL_HELP = [
  'CAT [<category>]',
  '    List all commands that belong to <category>, or all command categories',
  '    when no category is specified.',
  'DELUSER <username> [<username> ...]',
  '    Delete a list of users.',
  'DRYRUN <username> <command> [<arg> ...]',
  '    Returns whether the user can execute the given command without executing the command.',
  'GETUSER <username>',
  "    Get the user's details.",
  'GENPASS [<bits>]',
  '    Generate a secure 256-bit user password. The optional `bits` argument can',
  '    be used to specify a different size.',
  'LIST',
  '    Show users details in config file format.',
  'LOAD',
  '    Reload users from the ACL file.',
  'LOG [<count> | RESET]',
  '    Show the ACL log entries.',
  'SAVE',
  '    Save the current config to the ACL file.',
  'SETUSER <username> <attribute> [<attribute> ...]',
  '    Create or modify a user with the specified attributes.',
  'USERS',
  '    List all the registered usernames.',
  'WHOAMI',
  '    Return the current connection username.',
];

const server = { group: 'server', keys: NO_KEYS, since: '6.0.0' } as const;
const admin = ['admin', 'noscript', 'loading', 'stale'] as const;

export const aclCommands: readonly CommandSpec[] = [
  {
    name: 'auth',
    arity: -2,
    flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
    group: 'connection',
    summary: 'Authenticates the connection.',
    syntax: 'AUTH [username] password',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of passwords defined for the user',
    keys: NO_KEYS,
    handler: auth,
    notes: 'The only user is `default` without a password (a fresh Redis without requirepass).',
  },
  {
    ...server,
    name: 'acl',
    arity: -2,
    flags: [],
    summary: 'A container for Access List Control commands.',
    syntax: 'ACL subcommand',
    complexity: 'Depends on subcommand.',
    notes:
      'One user, `default` (on nopass ~* &* +@all); the log records failed AUTH/HELLO AUTH; ACL SETUSER answers that it is not in the playground.',
    subcommands: [
      {
        ...server,
        name: 'cat',
        arity: -2,
        flags: ['noscript', 'loading', 'stale'],
        summary: 'Lists the ACL categories, or the commands inside a category.',
        syntax: 'ACL CAT [category]',
        complexity: 'O(1) since the categories and commands are a fixed set.',
        handler: aclCat,
        notes: 'A category lists the playground’s commands, in its table’s order.',
      },
      {
        ...server,
        name: 'deluser',
        arity: -3,
        flags: [...admin],
        versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
        summary: 'Deletes ACL users, and terminates their connections.',
        syntax: 'ACL DELUSER username [username ...]',
        complexity: 'O(1) amortized time considering the typical user.',
        handler: aclDeluser,
      },
      {
        ...server,
        name: 'dryrun',
        arity: -4,
        flags: [...admin],
        summary: 'Simulates the execution of a command by a user, without executing the command.',
        syntax: 'ACL DRYRUN username command [arg [arg ...]]',
        since: '7.0.0',
        complexity: 'O(1).',
        handler: aclDryrun,
      },
      {
        ...server,
        name: 'genpass',
        arity: -2,
        flags: ['noscript', 'loading', 'stale'],
        summary: 'Generates a pseudorandom, secure password that can be used to identify ACL users.',
        syntax: 'ACL GENPASS [bits]',
        complexity: 'O(1)',
        handler: aclGenpass,
      },
      {
        ...server,
        name: 'getuser',
        arity: 3,
        flags: [...admin],
        summary: 'Lists the ACL rules of a user.',
        syntax: 'ACL GETUSER username',
        complexity: 'O(N). Where N is the number of password, command and pattern rules that the user has.',
        handler: aclGetuser(FLAGS_70),
        versions: { 'redis-7.4': { handler: aclGetuser(FLAGS_74) } },
      },
      {
        ...server,
        name: 'help',
        arity: 2,
        flags: ['loading', 'stale'],
        summary: 'Returns helpful text about the different subcommands.',
        syntax: 'ACL HELP',
        complexity: 'O(1)',
        handler: (_ctx, argv) => helpReply(argv, ACL_HELP),
      },
      {
        ...server,
        name: 'list',
        arity: 2,
        flags: [...admin],
        summary: 'Dumps the effective rules in ACL file format.',
        syntax: 'ACL LIST',
        complexity: 'O(N). Where N is the number of configured users.',
        handler: aclList(FLAGS_70),
        versions: { 'redis-7.4': { handler: aclList(FLAGS_74) } },
      },
      {
        ...server,
        name: 'load',
        arity: 2,
        flags: [...admin],
        summary: 'Reloads the rules from the configured ACL file.',
        syntax: 'ACL LOAD',
        complexity: 'O(N). Where N is the number of configured users.',
        handler: () => error(ACL_FILE_ERROR),
      },
      {
        ...server,
        name: 'log',
        arity: -2,
        flags: [...admin],
        summary: 'Lists recent security events generated due to ACL rules.',
        syntax: 'ACL LOG [count | RESET]',
        complexity: 'O(N) with N being the number of entries shown.',
        traits: { serverDependent: 'entry ages and client details' },
        handler: aclLog,
      },
      {
        ...server,
        name: 'save',
        arity: 2,
        flags: [...admin],
        versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
        summary: 'Saves the effective ACL rules in the configured ACL file.',
        syntax: 'ACL SAVE',
        complexity: 'O(N). Where N is the number of configured users.',
        handler: () => error(ACL_FILE_ERROR),
      },
      {
        ...server,
        name: 'setuser',
        arity: -3,
        flags: [...admin],
        versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
        summary: 'Creates and modifies an ACL user and its rules.',
        syntax: 'ACL SETUSER username [rule [rule ...]]',
        complexity: 'O(N). Where N is the number of rules provided.',
        handler: aclSetuser,
        notes: 'Not in the playground (no users besides `default`).',
      },
      {
        ...server,
        name: 'users',
        arity: 2,
        flags: [...admin],
        summary: 'Lists all ACL users.',
        syntax: 'ACL USERS',
        complexity: 'O(N). Where N is the number of configured users.',
        handler: () => array([bulk(DEFAULT_USER)]),
      },
      {
        ...server,
        name: 'whoami',
        arity: 2,
        flags: ['noscript', 'loading', 'stale'],
        summary: 'Returns the authenticated username of the current connection.',
        syntax: 'ACL WHOAMI',
        complexity: 'O(1)',
        handler: () => bulk(DEFAULT_USER),
      },
    ],
  },
];
