import { NO_KEYS, optionName } from '../cmdutil.ts';
import { arg, type ClientState, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_SYNTAX } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, bulk, EMPTY_ARRAY, error, int, NIL, OK, type Reply } from '../reply.ts';

/**
 * The commands about the connection itself (networking.c): HELLO, QUIT and CLIENT ID / GETNAME /
 * SETNAME / LIST / INFO. They read and change the caller's ClientState; the host acts on `resp`
 * (how replies are encoded) and `closeAfterReply`.
 */

const ERR_CLIENT_NAME = 'ERR Client names cannot contain spaces, newlines or special characters.';

/** printf's %s stops at a zero byte; addReplyErrorFormat turns CR and LF into spaces. */
function formatArg(s: string): string {
  const nul = s.indexOf('\0');
  return (nul < 0 ? s : s.slice(0, nul)).replace(/[\r\n]/g, ' ');
}

/** clientSetName: an empty name removes it; otherwise only printable ASCII without spaces. */
function setName(client: ClientState, name: string): Reply | null {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return error(ERR_CLIENT_NAME);
  }
  client.name = name;
  return null;
}

/** The only user, `default` (on nopass): any password authenticates it (acl.ts has the rest of ACL). */
const DEFAULT_USER = 'default';

/**
 * ACLAuthenticateUser for `username`: only `default` exists and it takes any password. A failure
 * goes to the ACL log, as the command typed (AUTH, HELLO) from this client.
 */
export function authenticate(ctx: CommandContext, argv: readonly string[], username: string): boolean {
  if (username === DEFAULT_USER) return true;
  ctx.server.diagnostics.addAclLogEntry({
    reason: 'auth',
    context: ctx.client.inExec ? 'multi' : 'toplevel',
    object: arg(argv, 0),
    username,
    ctime: ctx.ks.now,
    clientInfo: clientInfoLine(ctx, ctx.client, argv).replace(/\n$/, ''),
  });
  return false;
}

const hello = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let version = 0;
  let next = 1;
  if (argv.length >= 2) {
    const v = parseInt64(argv[next++] as string);
    if (v === null) return error('ERR Protocol version is not an integer or out of range');
    if (v < 2 || v > 3) return error('NOPROTO unsupported protocol version');
    version = Number(v);
  }
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = optionName(argv[j] as string);
    if (opt === 'auth' && more >= 2) {
      if (!authenticate(ctx, argv, argv[j + 1] as string)) {
        return error('WRONGPASS invalid username-password pair or user is disabled.');
      }
      j += 2;
    } else if (opt === 'setname' && more >= 1) {
      const failed = setName(ctx.client, argv[j + 1] as string);
      if (failed) return failed;
      j++;
    } else {
      return error(`ERR Syntax error in HELLO option '${formatArg(argv[j] as string)}'`);
    }
  }
  if (version === 2 || version === 3) ctx.client.resp = version;
  // A map in RESP3: the host's reply shapes turn this flat list into one.
  return array([
    bulk('server'),
    bulk('redis'),
    bulk('version'),
    bulk(ctx.server.profile.redisVersion),
    bulk('proto'),
    int(ctx.client.resp),
    bulk('id'),
    int(ctx.client.id),
    bulk('mode'),
    bulk('standalone'),
    bulk('role'),
    bulk('master'),
    bulk('modules'),
    EMPTY_ARRAY,
  ]);
};

const quit = (ctx: CommandContext): Reply => {
  ctx.client.closeAfterReply = true;
  return OK;
};

const argvBytes = (argv: readonly string[]): number => argv.reduce((n, a) => n + a.length, 0);

/**
 * One line of CLIENT LIST (catClientInfoString). Buffer sizes and memory figures have no meaning
 * here and get the values of an idle Redis 7.0 connection; argv-mem and multi-mem are computed.
 */
export function clientInfoLine(ctx: CommandContext, c: ClientState, argv: readonly string[]): string {
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const now = seconds(ctx.clock.now());
  let flags = '';
  if (c.multi !== null) flags += 'x';
  if (c.closeAfterReply) flags += 'c';
  const argvMem = c === ctx.client ? argvBytes(argv) : 0;
  // queueMultiCommand counts each queued command's bytes plus a pointer per argument.
  const multiMem = (c.multi ?? []).reduce((n, q) => n + argvBytes(q.argv) + 8 * q.argv.length, 0);
  const { addr, laddr, fd } = c.endpoint;
  return (
    `id=${c.id} addr=${addr} laddr=${laddr} fd=${fd} name=${c.name} age=${now - seconds(c.createdAt)} ` +
    `idle=${now - seconds(c.lastInteraction)} flags=${flags || 'N'} db=${c.db} sub=0 psub=0 ssub=0 ` +
    `multi=${c.multi === null ? -1 : c.multi.length} qbuf=0 qbuf-free=20474 argv-mem=${argvMem} ` +
    `multi-mem=${multiMem} rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=${37648 + argvMem + multiMem} ` +
    `events=r cmd=${c.lastCommand} user=default redir=-1 resp=${c.resp}\n`
  );
}

/** getClientTypeByName: every client here is a normal one (no replicas, no pub/sub yet). */
const CLIENT_TYPES = new Set(['normal', 'slave', 'replica', 'pubsub', 'master']);

const clientList = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let clients = [...ctx.server.clients()];
  if (argv.length === 4 && optionName(argv[2] as string) === 'type') {
    const type = optionName(argv[3] as string);
    if (!CLIENT_TYPES.has(type)) return error(`ERR Unknown client type '${formatArg(argv[3] as string)}'`);
    if (type !== 'normal') clients = [];
  } else if (argv.length > 3 && optionName(argv[2] as string) === 'id') {
    const picked: ClientState[] = [];
    for (const arg of argv.slice(3)) {
      const id = parseInt64(arg);
      if (id === null) return error('ERR Invalid client ID');
      const found = clients.find((c) => c.id === Number(id));
      if (found) picked.push(found);
    }
    clients = picked;
  } else if (argv.length !== 2) {
    return error(ERR_SYNTAX);
  }
  // A verbatim string in RESP3 (see the host's reply shapes).
  return bulk(clients.map((c) => clientInfoLine(ctx, c, argv)).join(''));
};

const conn = { group: 'connection', keys: NO_KEYS, complexity: 'O(1)' } as const;
export const CLIENT_IDS = 'client ids and addresses differ per connection';
const clientSub = { ...conn, flags: ['noscript', 'loading', 'stale'] } as const;
const handshake = ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'] as const;

export const connectionCommands: readonly CommandSpec[] = [
  {
    ...conn,
    name: 'hello',
    traits: { serverDependent: CLIENT_IDS },
    notes:
      'AUTH knows only the user `default`, which takes any password (a fresh Redis without requirepass).',
    arity: -1,
    flags: handshake,
    summary: 'Handshake with Redis',
    syntax: 'HELLO [protover [AUTH username password] [SETNAME clientname]]',
    since: '6.0.0',
    handler: hello,
  },
  {
    ...conn,
    name: 'quit',
    arity: -1,
    flags: handshake,
    summary: 'Close the connection',
    syntax: 'QUIT',
    since: '1.0.0',
    handler: quit,
  },
  {
    ...conn,
    name: 'client',
    notes:
      'Only ID, GETNAME, SETNAME, LIST and INFO; buffer and memory fields of CLIENT LIST are fixed values.',
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
        handler: (ctx, argv) => setName(ctx.client, argv[2] as string) ?? OK,
        versions: { 'redis-7.4': { tips: ['request_policy:all_nodes', 'response_policy:all_succeeded'] } },
      },
      {
        ...clientSub,
        name: 'list',
        arity: -2,
        tips: ['nondeterministic_output'],
        traits: { serverDependent: CLIENT_IDS },
        flags: ['admin', 'noscript', 'loading', 'stale'],
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
    ],
  },
];
