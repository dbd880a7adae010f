import { helpReply, NO_KEYS, optionName, SYNTAX, subcommandSyntaxError } from '../cmdutil.ts';
import { arg, type ClientState, type CommandSpec, type Handler } from '../command.ts';
import { ERR_NOT_INTEGER } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { bulk, error, int, NIL, OK, type Reply } from '../reply.ts';
import { clientInfoLine } from './client-info.ts';
import { CLIENT_IDS, formatArg, setName } from './connection.ts';

/**
 * CLIENT (networking.c clientCommand): ID, GETNAME, SETNAME, LIST, INFO, KILL, UNBLOCK, NO-EVICT and
 * HELP. They read and change ClientStates; the host acts on `closeAfterReply` and on a sink's close.
 */

type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

/** getClientTypeByName; null for an unknown name. */
function clientType(name: string): ClientType | null {
  const t = optionName(name);
  if (t === 'normal' || t === 'master' || t === 'pubsub') return t;
  return t === 'slave' || t === 'replica' ? 'replica' : null;
}

/** getClientType: there are no masters or replicas here. */
const typeOf = (c: ClientState): ClientType => (c.subscriptionCount > 0 ? 'pubsub' : 'normal');

const unknownType = (name: string): Reply => error(`ERR Unknown client type '${formatArg(name)}'`);

const clientList: Handler = (ctx, argv) => {
  let clients = [...ctx.server.clients()];
  if (argv.length === 4 && optionName(arg(argv, 2)) === 'type') {
    const type = clientType(arg(argv, 3));
    if (type === null) return unknownType(arg(argv, 3));
    clients = clients.filter((c) => typeOf(c) === type);
  } else if (argv.length > 3 && optionName(arg(argv, 2)) === 'id') {
    const picked: ClientState[] = [];
    for (const text of argv.slice(3)) {
      const id = parseInt64(text);
      if (id === null) return error('ERR Invalid client ID');
      const found = clients.find((c) => c.id === Number(id));
      if (found) picked.push(found);
    }
    clients = picked;
  } else if (argv.length !== 2) {
    return SYNTAX;
  }
  // A verbatim string in RESP3 (see the host's reply shapes).
  return bulk(clients.map((c) => clientInfoLine(ctx, c, argv)).join(''));
};

interface KillFilter {
  addr?: string;
  laddr?: string;
  type?: ClientType;
  id?: number;
  skipMe: boolean;
}

/** CLIENT KILL's new-style options, or the error reply. */
function killFilter(argv: readonly string[]): KillFilter | Reply {
  const f: KillFilter = { skipMe: true };
  for (let i = 2; i < argv.length; i += 2) {
    const opt = optionName(arg(argv, i));
    const value = argv[i + 1];
    if (value === undefined) return SYNTAX;
    if (opt === 'id') {
      const id = parseInt64(value);
      if (id === null || id < 1) return error('ERR client-id should be greater than 0');
      f.id = Number(id);
    } else if (opt === 'type') {
      const type = clientType(value);
      if (type === null) return unknownType(value);
      f.type = type;
    } else if (opt === 'addr') {
      f.addr = value;
    } else if (opt === 'laddr') {
      f.laddr = value;
    } else if (opt === 'user') {
      // Only the default user exists (and every client is authenticated as it).
      if (value !== 'default') return error(`ERR No such user '${formatArg(value)}'`);
    } else if (opt === 'skipme') {
      const yes = optionName(value);
      if (yes !== 'yes' && yes !== 'no') return SYNTAX;
      f.skipMe = yes === 'yes';
    } else {
      return SYNTAX;
    }
  }
  return f;
}

/** CLIENT KILL addr (OK or "No such client", may kill the caller) or the filters (a count). */
const clientKill: Handler = (ctx, argv) => {
  const oldStyle = argv.length === 3;
  const filter = oldStyle ? { addr: arg(argv, 2), skipMe: false } : killFilter(argv);
  if ('t' in filter) return filter;
  let killed = 0;
  for (const c of [...ctx.server.clients()]) {
    if (filter.addr !== undefined && c.endpoint.addr !== filter.addr) continue;
    if (filter.laddr !== undefined && c.endpoint.laddr !== filter.laddr) continue;
    if (filter.type !== undefined && typeOf(c) !== filter.type) continue;
    if (filter.id !== undefined && c.id !== filter.id) continue;
    if (c === ctx.client && filter.skipMe) continue;
    // The caller is closed only after its reply (CLIENT_CLOSE_AFTER_REPLY).
    if (c === ctx.client) c.closeAfterReply = true;
    else ctx.server.kill(c);
    killed++;
  }
  if (!oldStyle) return int(killed);
  return killed === 0 ? error('ERR No such client') : OK;
};

const clientUnblock: Handler = (ctx, argv) => {
  let withError = false;
  if (argv.length === 4) {
    const reason = optionName(arg(argv, 3));
    if (reason !== 'timeout' && reason !== 'error') {
      return error('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    }
    withError = reason === 'error';
  }
  const id = parseInt64(arg(argv, 2));
  if (id === null) return error(ERR_NOT_INTEGER);
  const target = [...ctx.server.clients()].find((c) => c.id === Number(id));
  return int(target !== undefined && ctx.server.unblock(target, withError) ? 1 : 0);
};

const clientNoEvict: Handler = (ctx, argv) => {
  const mode = optionName(arg(argv, 2));
  if (mode !== 'on' && mode !== 'off') return SYNTAX;
  ctx.client.noEvict = mode === 'on';
  return OK;
};

const CLIENT_HELP = [
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
];

const conn = { group: 'connection', keys: NO_KEYS, complexity: 'O(1)' } as const;
const clientSub = { ...conn, flags: ['noscript', 'loading', 'stale'] } as const;
const admin = { ...conn, flags: ['admin', 'noscript', 'loading', 'stale'] } as const;

export const clientCommand: CommandSpec = {
  ...conn,
  name: 'client',
  notes:
    'ID, GETNAME, SETNAME, LIST, INFO, KILL, UNBLOCK, NO-EVICT and HELP (no TRACKING, CACHING, PAUSE, REPLY); buffer and memory fields of CLIENT LIST are fixed values.',
  arity: -2,
  flags: [],
  summary: 'A container for client connection commands',
  syntax: 'CLIENT subcommand',
  since: '2.4.0',
  complexity: 'Depends on subcommand.',
  subcommands: [
    {
      ...clientSub,
      name: 'id',
      arity: 2,
      traits: { serverDependent: CLIENT_IDS },
      summary: 'Returns the client ID for the current connection',
      syntax: 'CLIENT ID',
      since: '5.0.0',
      handler: (ctx) => int(ctx.client.id),
    },
    {
      ...clientSub,
      name: 'getname',
      arity: 2,
      summary: 'Get the current connection name',
      syntax: 'CLIENT GETNAME',
      since: '2.6.9',
      handler: (ctx) => (ctx.client.name === '' ? NIL : bulk(ctx.client.name)),
    },
    {
      ...clientSub,
      name: 'setname',
      arity: 3,
      summary: 'Set the current connection name',
      syntax: 'CLIENT SETNAME connection-name',
      since: '2.6.9',
      handler: (ctx, argv) => setName(ctx.client, arg(argv, 2)) ?? OK,
      versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
    },
    {
      ...admin,
      name: 'list',
      arity: -2,
      tips: ['nondeterministic_output'],
      traits: { serverDependent: CLIENT_IDS },
      summary: 'Get the list of client connections',
      syntax: 'CLIENT LIST [TYPE NORMAL | MASTER | REPLICA | PUBSUB] [ID client-id [client-id ...]]',
      since: '2.4.0',
      complexity: 'O(N) where N is the number of client connections',
      handler: clientList,
    },
    {
      ...clientSub,
      name: 'info',
      arity: 2,
      tips: ['nondeterministic_output'],
      traits: { serverDependent: CLIENT_IDS },
      summary: 'Returns information about the current client connection.',
      syntax: 'CLIENT INFO',
      since: '6.2.0',
      handler: (ctx, argv) => bulk(clientInfoLine(ctx, ctx.client, argv)),
    },
    {
      ...admin,
      name: 'kill',
      arity: -3,
      summary: 'Kill the connection of a client',
      syntax:
        'CLIENT KILL ip:port | [ID client-id] [TYPE NORMAL | MASTER | SLAVE | REPLICA | PUBSUB] [USER username] [ADDR ip:port] [LADDR ip:port] [SKIPME yes/no]',
      since: '2.4.0',
      complexity: 'O(N) where N is the number of client connections',
      handler: clientKill,
    },
    {
      ...admin,
      name: 'unblock',
      arity: -3,
      summary: 'Unblock a client blocked in a blocking command from a different connection',
      syntax: 'CLIENT UNBLOCK client-id [TIMEOUT | ERROR]',
      since: '5.0.0',
      complexity: 'O(log N) where N is the number of client connections',
      handler: (ctx, argv) => (argv.length > 4 ? subcommandSyntaxError(argv) : clientUnblock(ctx, argv)),
    },
    {
      ...admin,
      name: 'no-evict',
      arity: 3,
      summary: 'Set client eviction mode for the current connection',
      syntax: 'CLIENT NO-EVICT ON | OFF',
      since: '7.0.0',
      handler: clientNoEvict,
    },
    {
      ...conn,
      name: 'help',
      arity: 2,
      flags: ['loading', 'stale'],
      summary: 'Show helpful text about the different subcommands',
      syntax: 'CLIENT HELP',
      since: '5.0.0',
      handler: (_ctx, argv) => helpReply(argv, CLIENT_HELP),
    },
  ],
};
