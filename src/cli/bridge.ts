import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  BRIDGE_PROTOCOL_VERSION,
  type BridgeKeyRow,
  type BridgeMessage,
  type BridgeRequest,
  decodeBridge,
  encodeBridge,
} from '../bridge/protocol.ts';
import type { Reply } from '../engine/reply.ts';
import { flagValue } from './flags.ts';
import { parseRedisTarget, type RedisTarget } from './redis-target.ts';
import { RespClient } from './resp-client.ts';

/**
 * `npm run -s cli -- bridge --redis redis://127.0.0.1:6379`: a WebSocket bridge on 127.0.0.1 (a free
 * port) between the app and a real server. The app, opened with the URL it prints, sends commands to
 * the server, reads its keys and, when the user agrees, its keyspace notifications.
 *
 * What keeps it safe: loopback only; one connection, which must present the one-time token and come
 * from the app's origin; commands that would stop, reconfigure or empty the server are not forwarded
 * (FLUSHALL only with --allow-flush); notify-keyspace-events is changed only on request and put back;
 * the bridge exits when the page closes, or after --idle seconds without one.
 */

export interface BridgeOptions {
  readonly target: RedisTarget;
  /** The app's origin: the only one whose pages may connect. */
  readonly appOrigin: string;
  readonly allowFlush: boolean;
  readonly idleMs: number;
  readonly port?: number;
}

export interface RunningBridge {
  readonly port: number;
  readonly token: string;
  /** Resolves when the bridge has shut down (the page closed, idle, or close()). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** Commands that are never forwarded, and why. */
const REFUSED: Record<string, string> = {
  shutdown: 'stops the server',
  debug: 'reaches into the server',
  module: 'loads code into the server',
  monitor: 'would take over the connection',
  sync: 'is for replicas',
  psync: 'is for replicas',
  replicaof: 'changes replication',
  slaveof: 'changes replication',
  failover: 'changes replication',
  cluster: 'changes the cluster',
  acl: 'changes users',
  subscribe: 'would take over the connection (the bridge forwards keyspace events itself)',
  psubscribe: 'would take over the connection (the bridge forwards keyspace events itself)',
  ssubscribe: 'would take over the connection',
  save: 'writes to the server disk',
  bgsave: 'writes to the server disk',
  bgrewriteaof: 'writes to the server disk',
};
const REFUSED_SUB: Record<string, string> = {
  'config set': 'changes the server configuration (only notify-keyspace-events may be set)',
  'config rewrite': 'writes the server configuration',
  'config resetstat': 'resets the server statistics',
  'client kill': 'closes other clients',
  'client pause': 'stops other clients',
};

/** Why a command is not forwarded, or null. */
export function refusal(argv: readonly string[], allowFlush: boolean): string | null {
  const name = (argv[0] ?? '').toLowerCase();
  const sub = `${name} ${(argv[1] ?? '').toLowerCase()}`;
  if (name === 'flushall' && !allowFlush)
    return 'FLUSHALL empties every database (start the bridge with --allow-flush)';
  if (sub === 'config set' && argv.length === 4 && argv[2]?.toLowerCase() === 'notify-keyspace-events')
    return null;
  const why = REFUSED_SUB[sub] ?? REFUSED[name];
  return why === undefined ? null : `${sub in REFUSED_SUB ? sub.toUpperCase() : name.toUpperCase()} ${why}`;
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = randomBytes(18).toString('base64url');
  let used = false;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxPayload: 1024 * 1024,
    verifyClient: (
      info: { origin: string; req: IncomingMessage },
      done: (ok: boolean, code?: number) => void,
    ) => {
      const presented = new URL(info.req.url ?? '/', 'ws://127.0.0.1').searchParams.get('token');
      if (info.origin !== options.appOrigin) return done(false, 403);
      if (used || presented !== token) return done(false, 401);
      used = true;
      done(true);
    },
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  let finish: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let session: BridgeSession | null = null;
  const shutdown = async () => {
    clearTimeout(idle);
    await session?.close();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    finish();
  };
  let idle = setTimeout(() => void shutdown(), options.idleMs);
  wss.on('connection', (ws: WebSocket) => {
    clearTimeout(idle);
    session = new BridgeSession(ws, options, () => {
      clearTimeout(idle);
      idle = setTimeout(() => void shutdown(), options.idleMs);
    });
    ws.on('close', () => void shutdown());
    void session.start().catch((e: unknown) => {
      ws.close(1011, e instanceof Error ? e.message.slice(0, 100) : 'bridge error');
    });
  });
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, token, closed, close: shutdown };
}

/** One page's connection: a command connection, an inspection one and, on request, a subscriber. */
class BridgeSession {
  private commands: RespClient | null = null;
  private inspect: RespClient | null = null;
  private events: RespClient | null = null;
  private savedNotify: string | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: BridgeOptions,
    private readonly activity: () => void,
  ) {}

  async start(): Promise<void> {
    this.commands = await this.connect();
    this.inspect = await this.connect();
    const info = await this.commands.send(['INFO', 'server']);
    const version = info.t === 'bulk' ? (/redis_version:([^\r\n]+)/.exec(info.s)?.[1] ?? '?') : '?';
    this.send({
      type: 'hello',
      v: BRIDGE_PROTOCOL_VERSION,
      server: this.options.target.display,
      version,
      refused: [
        ...Object.keys(REFUSED),
        ...Object.keys(REFUSED_SUB),
        ...(this.options.allowFlush ? [] : ['flushall']),
      ],
    });
    this.ws.on('message', (data) => {
      this.activity();
      void this.handle(decodeBridge<BridgeRequest>(String(data))).catch((e: unknown) => {
        this.ws.close(1011, e instanceof Error ? e.message.slice(0, 100) : 'bridge error');
      });
    });
  }

  private async connect(): Promise<RespClient> {
    const { target } = this.options;
    const client = await RespClient.connect(target.port, target.host);
    if (target.password !== null) {
      const argv = target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password];
      const r = await client.send(argv);
      if (r.t === 'error') throw new Error(`AUTH failed on ${target.display}`);
    }
    return client;
  }

  private async handle(req: BridgeRequest): Promise<void> {
    if (req.type === 'command') {
      const why = refusal(req.argv, this.options.allowFlush);
      if (why !== null) return this.send({ type: 'refused', id: req.id, reason: why });
      const reply = await (this.commands as RespClient).send(req.argv);
      return this.send({ type: 'reply', id: req.id, reply });
    }
    if (req.type === 'keys') return this.sendKeys(req.id, req.db, req.cursor);
    return req.enable ? this.enableEvents() : this.disableEvents();
  }

  private async sendKeys(id: number, db: number, cursor: string): Promise<void> {
    const client = this.inspect as RespClient;
    await client.send(['SELECT', String(db)]);
    const page = await client.send(['SCAN', cursor, 'COUNT', '500']);
    const next = page.t === 'array' && page.items[0]?.t === 'bulk' ? page.items[0].s : '0';
    const keys = page.t === 'array' && page.items[1]?.t === 'array' ? page.items[1].items : [];
    const rows: BridgeKeyRow[] = [];
    for (const k of keys) {
      if (k.t !== 'bulk') continue;
      const [type, pttl] = await Promise.all([client.send(['TYPE', k.s]), client.send(['PTTL', k.s])]);
      if (type.t !== 'status' || type.s === 'none' || pttl.t !== 'int') continue;
      rows.push({ key: k.s, type: type.s, pttl: Number(pttl.n) });
    }
    this.send({ type: 'keys', id, db, rows, cursor: next });
  }

  private async enableEvents(): Promise<void> {
    if (this.events) return this.send({ type: 'events', enabled: true });
    const client = this.inspect as RespClient;
    const current = await client.send(['CONFIG', 'GET', 'notify-keyspace-events']);
    const value = current.t === 'array' && current.items[1]?.t === 'bulk' ? current.items[1].s : '';
    const set = await client.send(['CONFIG', 'SET', 'notify-keyspace-events', `${value}EA`]);
    if (set.t === 'error') return this.send({ type: 'events', enabled: false, error: set.s });
    this.savedNotify = value;
    const events = await this.connect();
    events.onPush = (r) => this.forwardEvent(r);
    await events.send(['PSUBSCRIBE', '__keyevent@*__:*']);
    this.events = events;
    this.send({ type: 'events', enabled: true });
  }

  private async disableEvents(): Promise<void> {
    this.events?.close();
    this.events = null;
    if (this.savedNotify !== null) {
      await (this.inspect as RespClient).send(['CONFIG', 'SET', 'notify-keyspace-events', this.savedNotify]);
      this.savedNotify = null;
    }
    this.send({ type: 'events', enabled: false });
  }

  private forwardEvent(r: Reply): void {
    if (r.t !== 'array' || r.items.length !== 4) return;
    const [kind, , channel, message] = r.items;
    if (kind?.t !== 'bulk' || kind.s !== 'pmessage' || channel?.t !== 'bulk' || message?.t !== 'bulk') return;
    const m = /^__keyevent@(\d+)__:(.+)$/.exec(channel.s);
    if (m)
      this.send({ type: 'event', db: Number(m[1]), event: m[2] as string, key: message.s, at: Date.now() });
  }

  private send(message: BridgeMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(encodeBridge(message));
  }

  async close(): Promise<void> {
    try {
      if (this.savedNotify !== null) await this.disableEvents();
    } finally {
      for (const c of [this.commands, this.inspect, this.events]) c?.close();
    }
  }
}

const USAGE = `usage: npm run -s cli -- bridge --redis redis://[user:password@]127.0.0.1:6379
       [--app http://127.0.0.1:5173/] [--allow-flush] [--allow-remote] [--idle 600]
`;

/** The CLI: starts the bridge, prints the app URL with the token, runs until the page closes. */
export async function runBridge(args: readonly string[]): Promise<number> {
  const redis = flagValue(args, '--redis');
  const app = flagValue(args, '--app') ?? 'http://127.0.0.1:5173/';
  const idle = Number(flagValue(args, '--idle') ?? '600');
  if (!redis || !Number.isFinite(idle) || idle <= 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const target = parseRedisTarget(redis);
  if (typeof target === 'string') {
    process.stderr.write(`${target}\n`);
    return 2;
  }
  if (!target.loopback && !args.includes('--allow-remote')) {
    process.stderr.write(`refusing ${target.display}: it is not on this machine (add --allow-remote)\n`);
    return 2;
  }
  const appUrl = new URL(app);
  const bridge = await startBridge({
    target,
    appOrigin: appUrl.origin,
    allowFlush: args.includes('--allow-flush'),
    idleMs: idle * 1000,
  });
  appUrl.hash = `bridge=ws://127.0.0.1:${bridge.port}&token=${bridge.token}`;
  process.stdout.write(
    `bridge to ${target.display} on ws://127.0.0.1:${bridge.port}; open this once (the token works once):\n${appUrl.href}\n`,
  );
  await bridge.closed;
  process.stdout.write('the page closed: bridge stopped\n');
  return 0;
}
