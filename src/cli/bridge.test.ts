import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type BridgeMessage, type BridgeRequest, decodeBridge, encodeBridge } from '../bridge/protocol.ts';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from '../testing/redis-server.ts';
import { type RunningBridge, refusal, startBridge } from './bridge.ts';
import { parseRedisTarget, type RedisTarget } from './redis-target.ts';

/** The WebSocket bridge to a real server: who may connect, what it forwards, the events it relays. */

const bin = findRedisServer();
if (!bin) warnRedisMissing('bridge', 'the WebSocket bridge against a real server');

const APP = 'http://127.0.0.1:5173';

describe('what the bridge refuses to forward', () => {
  it.each([
    [['SHUTDOWN'], 'SHUTDOWN stops the server'],
    [['flushall'], 'FLUSHALL empties every database'],
    [['CONFIG', 'SET', 'hz', '100'], 'CONFIG SET changes the server configuration'],
    [['DEBUG', 'SLEEP', '0'], 'DEBUG reaches into the server'],
    [['MODULE', 'LOAD', '/x.so'], 'MODULE loads code'],
    [['SUBSCRIBE', 'c'], 'SUBSCRIBE would take over the connection'],
    [['CLIENT', 'KILL', 'ID', '1'], 'CLIENT KILL closes other clients'],
  ])('%j', (argv, why) => {
    expect(refusal(argv, false)).toContain(why);
  });

  it('forwards the rest, notify-keyspace-events, and FLUSHALL when allowed', () => {
    expect(refusal(['SET', 'k', 'v'], false)).toBeNull();
    expect(refusal(['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'], false)).toBeNull();
    expect(refusal(['CONFIG', 'GET', 'hz'], false)).toBeNull();
    expect(refusal(['FLUSHALL'], true)).toBeNull();
  });
});

interface Peer {
  readonly ws: WebSocket;
  next(): Promise<BridgeMessage>;
  send(req: BridgeRequest): void;
}

/** Connects like the app would; rejects with the HTTP status when the bridge refuses. */
function connect(bridge: RunningBridge, token: string, origin = APP): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/?token=${token}`, { origin });
    const queue: BridgeMessage[] = [];
    const waiters: ((m: BridgeMessage) => void)[] = [];
    ws.on('message', (data) => {
      const m = decodeBridge<BridgeMessage>(String(data));
      const w = waiters.shift();
      if (w) w(m);
      else queue.push(m);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('open', () =>
      resolve({
        ws,
        next: () => {
          const m = queue.shift();
          return m ? Promise.resolve(m) : new Promise((r) => waiters.push(r));
        },
        send: (req) => ws.send(encodeBridge(req)),
      }),
    );
  });
}

describe.skipIf(!bin)('the bridge on a redis-server', () => {
  let redis: RunningRedis;
  let target: RedisTarget;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
    target = parseRedisTarget(`redis://127.0.0.1:${redis.port}`) as RedisTarget;
  });
  afterAll(() => redis.stop());

  const open = () => startBridge({ target, appOrigin: APP, allowFlush: false, idleMs: 20_000 });

  it('takes one page from the app origin with the token, and no other', async () => {
    const bridge = await open();
    await expect(connect(bridge, 'not-the-token')).rejects.toThrow('HTTP 401');
    await expect(connect(bridge, bridge.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
    const page = await connect(bridge, bridge.token);
    expect(await page.next()).toMatchObject({ type: 'hello', server: target.display, version: '7.0.15' });
    await expect(connect(bridge, bridge.token)).rejects.toThrow('HTTP 401');
    page.ws.close();
    await bridge.closed;
  });

  it('forwards commands with exact replies, refuses the dangerous ones, lists keys', async () => {
    const bridge = await open();
    const page = await connect(bridge, bridge.token);
    await page.next();
    page.send({ type: 'command', id: 1, argv: ['SET', 'big', '9223372036854775806'] });
    expect(await page.next()).toEqual({ type: 'reply', id: 1, reply: { t: 'status', s: 'OK' } });
    page.send({ type: 'command', id: 2, argv: ['INCR', 'big'] });
    expect(await page.next()).toEqual({ type: 'reply', id: 2, reply: { t: 'int', n: 9223372036854775807n } });
    page.send({ type: 'command', id: 3, argv: ['FLUSHALL'] });
    expect(await page.next()).toMatchObject({ type: 'refused', id: 3 });
    expect(await redis.client.send(['EXISTS', 'big'])).toEqual({ t: 'int', n: 1 });
    await redis.client.send(['SET', 'session', 'x', 'PX', '60000']);
    page.send({ type: 'keys', id: 4, db: 0, cursor: '0' });
    const keys = await page.next();
    expect(keys.type === 'keys' && [...keys.rows].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'big', type: 'string', pttl: -1 },
      { key: 'session', type: 'string', pttl: expect.any(Number) },
    ]);
    page.ws.close();
    await bridge.closed;
    await redis.client.send(['FLUSHALL']);
  });

  it('relays keyspace events only when asked, including expired at removal, and puts the setting back', async () => {
    await redis.client.send(['CONFIG', 'SET', 'notify-keyspace-events', 'g']);
    const bridge = await open();
    const page = await connect(bridge, bridge.token);
    await page.next();
    page.send({ type: 'events', enable: true });
    expect(await page.next()).toEqual({ type: 'events', enabled: true });
    await redis.client.send(['SET', 'soon', 'v', 'PX', '50']);
    expect(await page.next()).toMatchObject({ type: 'event', db: 0, event: 'set', key: 'soon' });
    expect(await page.next()).toMatchObject({ type: 'event', db: 0, event: 'expire', key: 'soon' });
    // The active cycle removes it within a few of its runs (hz 10): the message comes then.
    expect(await page.next()).toMatchObject({ type: 'event', db: 0, event: 'expired', key: 'soon' });
    page.ws.close();
    await bridge.closed;
    const setting = await redis.client.send(['CONFIG', 'GET', 'notify-keyspace-events']);
    expect(setting).toEqual({
      t: 'array',
      items: [
        { t: 'bulk', s: 'notify-keyspace-events' },
        { t: 'bulk', s: 'g' },
      ],
    });
    await redis.client.send(['CONFIG', 'SET', 'notify-keyspace-events', '']);
  });
});
