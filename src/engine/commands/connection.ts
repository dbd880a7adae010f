import { NO_KEYS, optionName } from '../cmdutil.ts';
import { arg, type ClientState, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_WRONGPASS } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, bulk, EMPTY_ARRAY, error, int, OK, type Reply, status } from '../reply.ts';
import { clientInfoLine } from './client-info.ts';

/**
 * The commands about the connection itself (networking.c): HELLO, QUIT and RESET (CLIENT is in
 * client.ts). They read and change the caller's ClientState; the host acts on `resp` (how replies
 * are encoded) and `closeAfterReply`.
 */

const ERR_CLIENT_NAME = 'ERR Client names cannot contain spaces, newlines or special characters.';

/** printf's %s stops at a zero byte; addReplyErrorFormat turns CR and LF into spaces. */
export function formatArg(s: string): string {
  const nul = s.indexOf('\0');
  return (nul < 0 ? s : s.slice(0, nul)).replace(/[\r\n]/g, ' ');
}

/** clientSetName: an empty name removes it; otherwise only printable ASCII without spaces. */
export function setName(client: ClientState, name: string): Reply | null {
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
    const v = parseInt64(arg(argv, next++));
    if (v === null) return error('ERR Protocol version is not an integer or out of range');
    if (v < 2 || v > 3) return error('NOPROTO unsupported protocol version');
    version = Number(v);
  }
  for (let j = next; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = optionName(arg(argv, j));
    if (opt === 'auth' && more >= 2) {
      if (!authenticate(ctx, argv, arg(argv, j + 1))) {
        return error(ERR_WRONGPASS);
      }
      j += 2;
    } else if (opt === 'setname' && more >= 1) {
      const failed = setName(ctx.client, arg(argv, j + 1));
      if (failed) return failed;
      j++;
    } else {
      return error(`ERR Syntax error in HELLO option '${formatArg(arg(argv, j))}'`);
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

/**
 * RESET (clearClientConnectionState): database 0, RESP2, no transaction or watched keys, no
 * subscriptions, no name. CLIENT NO-EVICT stays as it was.
 */
const reset = (ctx: CommandContext): Reply => {
  const c = ctx.client;
  c.db = 0;
  c.resp = 2;
  c.multi = null;
  c.multiDirty = false;
  c.dirtyCas = false;
  ctx.server.watches.unwatchAll(c);
  ctx.server.pubsub.dropClient(c);
  c.name = '';
  return status('RESET');
};

const conn = { group: 'connection', keys: NO_KEYS, complexity: 'O(1)' } as const;
export const CLIENT_IDS = 'client ids and addresses differ per connection';
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
    name: 'reset',
    arity: 1,
    flags: handshake,
    summary: 'Reset the connection',
    syntax: 'RESET',
    since: '6.2.0',
    handler: reset,
  },
];
