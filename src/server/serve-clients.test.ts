import { createConnection } from 'node:net';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bindWarning, type RunningServer } from '../cli/serve.ts';
import { startServe } from '../testing/serve-harness.ts';

/**
 * `serve` driven by a real client library (ioredis) over several connections sharing one engine,
 * its own expiry timer with the system clock, a virtual clock that moves only with DEBUG SLEEP,
 * and connections that vanish mid-request.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(25);
  }
  return check();
}

/** Every client a test opened; each is disconnected after its test. */
const open: Redis[] = [];

afterEach(() => {
  for (const r of open.splice(0)) r.disconnect();
});

function clientsOf(server: RunningServer, n: number, names: readonly string[] = []): Redis[] {
  const made = Array.from(
    { length: n },
    (_, i) =>
      new Redis({
        port: server.port,
        host: '127.0.0.1',
        connectionName: names[i],
        maxRetriesPerRequest: 1,
        retryStrategy: () => null,
      }),
  );
  open.push(...made);
  return made;
}

const connectedClients = async (r: Redis) =>
  Number(/connected_clients:(\d+)/.exec(await r.info('clients'))?.[1]);

describe('serve with ioredis', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServe('system');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('serves several connections sharing one keyspace, each with its own db and name', async () => {
    const [a, b, c] = clientsOf(server, 3, ['alpha', 'beta', 'gamma']) as [Redis, Redis, Redis];
    await a.flushall();
    await a.set('shared', 'from-a', 'PX', 100_000);
    expect(await b.get('shared')).toBe('from-a');
    expect(await c.pttl('shared')).toBeGreaterThan(99_000);
    await b.select(5);
    await b.set('only-in-5', '1');
    expect(await a.exists('only-in-5')).toBe(0);
    expect(await b.exists('only-in-5')).toBe(1);
    expect(await c.client('GETNAME')).toBe('gamma');
    const list = (await a.client('LIST')) as string;
    for (const name of ['alpha', 'beta', 'gamma']) expect(list).toContain(` name=${name} `);
    expect(list).toMatch(/ name=beta .* db=5 /);
    expect(await connectedClients(a)).toBe(3);
    const ids = await Promise.all([a, b, c].map((r) => r.client('ID')));
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps a transaction to its connection until EXEC, and pipelines', async () => {
    const [a, b] = clientsOf(server, 2) as [Redis, Redis];
    await a.flushall();
    const tx = a.multi().set('t', '1').incr('t').hset('h', 'f', 'v');
    const pipeline = b.pipeline();
    for (let i = 0; i < 1000; i++) pipeline.rpush('list', String(i));
    const results = await pipeline.exec();
    expect(results?.at(-1)).toEqual([null, 1000]);
    expect(await b.exists('t')).toBe(0);
    expect(await tx.exec()).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, 1],
    ]);
    expect(await b.get('t')).toBe('2');
    expect(await b.hgetall('h')).toEqual({ f: 'v' });
    expect(await b.lrange('list', -2, -1)).toEqual(['998', '999']);
    await expect(a.call('SET', 'k')).rejects.toThrow("ERR wrong number of arguments for 'set' command");
  });

  it('removes keys with the active cycle on its own timer, with no client asking', async () => {
    const [a] = clientsOf(server, 1) as [Redis];
    await a.flushall();
    await a.config('SET', 'hz', '50');
    const before = Number(/expired_keys:(\d+)/.exec(await a.info('stats'))?.[1]);
    const pipeline = a.pipeline();
    for (let i = 0; i < 300; i++) pipeline.set(`v${i}`, 'x', 'PX', 50);
    await pipeline.exec();
    // Nothing is sent for a while; then DBSIZE, which counts keys past their deadline until they are
    // removed, runs before any work its own arrival triggers: 0 means the timer's cycles did it.
    await sleep(1500);
    expect(await a.dbsize()).toBe(0);
    const after = Number(/expired_keys:(\d+)/.exec(await a.info('stats'))?.[1]);
    expect(after - before).toBe(300);
    await a.config('SET', 'hz', '10');
  });

  it('forgets a connection that vanishes mid-transaction or mid-request', async () => {
    const [a] = clientsOf(server, 1) as [Redis];
    await a.flushall();
    await a.ping();
    const n = await connectedClients(a);
    const socket = createConnection({ port: server.port, host: '127.0.0.1' });
    await new Promise((r) => socket.once('connect', r));
    socket.write('MULTI\r\nSET lost 1\r\n*3\r\n$3\r\nSET\r\n$4\r\nhalf');
    expect(await until(async () => (await connectedClients(a)) === n + 1)).toBe(true);
    socket.destroy();
    expect(await until(async () => (await connectedClients(a)) === n)).toBe(true);
    expect(await a.exists('lost', 'half')).toBe(0);
    expect(await a.ping()).toBe('PONG');
  });

  it('tells an ioredis subscriber that a key expired when the active cycle removes it', async () => {
    const [a, sub] = clientsOf(server, 2) as [Redis, Redis];
    await a.flushall();
    await a.config('SET', 'notify-keyspace-events', 'Ex');
    const heard: string[] = [];
    sub.on('message', (channel: string, message: string) => heard.push(`${channel} ${message}`));
    await sub.subscribe('__keyevent@0__:expired');
    await a.set('session:1', 'v', 'PX', 100);
    expect(await until(async () => heard.length > 0)).toBe(true);
    expect(heard).toEqual(['__keyevent@0__:expired session:1']);
    await a.config('SET', 'notify-keyspace-events', '');
  });

  it('wakes a BLPOP on one connection with an RPUSH on another, first blocked first served', async () => {
    const [a, w1, w2] = clientsOf(server, 3) as [Redis, Redis, Redis];
    await a.flushall();
    const first = w1.blpop('jobs', 0);
    await until(async () => /blocked_clients:1/.test(await a.info('clients')));
    const second = w2.blpop('jobs', 0);
    await until(async () => /blocked_clients:2/.test(await a.info('clients')));
    expect(await a.rpush('jobs', 'j1', 'j2')).toBe(2);
    expect(await first).toEqual(['jobs', 'j1']);
    expect(await second).toEqual(['jobs', 'j2']);
    // A timeout passes on the server's clock (system here): nil after about 200 ms.
    expect(await w1.brpop('empty', 0.2)).toBeNull();
  });

  it('fails an EXEC whose watched key another connection changed', async () => {
    const [a, b] = clientsOf(server, 2) as [Redis, Redis];
    await a.flushall();
    await a.set('counter', '1');
    await a.watch('counter');
    await b.incr('counter');
    expect(await a.multi().incr('counter').exec()).toBeNull();
    await a.watch('counter');
    expect(await a.multi().incr('counter').exec()).toEqual([[null, 3]]);
  });

  it('closes the socket of a client killed by another, and takes maxclients from CONFIG SET', async () => {
    const [a, victim] = clientsOf(server, 2) as [Redis, Redis];
    const id = Number(await victim.client('ID'));
    const closed = new Promise((r) => victim.once('end', r));
    expect(await a.client('KILL', 'ID', String(id))).toBe(1);
    await closed;
    expect(await a.config('GET', 'maxclients')).toEqual(['maxclients', '10000']);
    expect(await a.config('GET', 'port')).toEqual(['port', String(server.port)]);
    expect(await a.info('server')).toContain(`tcp_port:${server.port}\r\n`);
    const n = await connectedClients(a);
    await a.config('SET', 'maxclients', String(n));
    const socket = createConnection({ port: server.port, host: '127.0.0.1' });
    const refused = await new Promise<string>((r) => socket.once('data', (d) => r(d.toString())));
    expect(refused).toBe('-ERR max number of clients reached\r\n');
    socket.destroy();
    await a.config('SET', 'maxclients', '10000');
  });
});

describe('serve --clock virtual', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServe('virtual');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps time still except DEBUG SLEEP, after which the cron runs once', async () => {
    const [a] = clientsOf(server, 1) as [Redis];
    await a.psetex('k', 100, 'v');
    for (let i = 0; i < 50; i++) await a.psetex(`s${i}`, 100, 'v');
    await sleep(300);
    expect(await a.pttl('k')).toBe(100);
    expect(await a.dbsize()).toBe(51);
    await a.call('DEBUG', 'SLEEP', '0.2');
    // The keys are past their deadline: the cron's tick after the sleep removes them.
    expect(await until(async () => (await a.dbsize()) === 0)).toBe(true);
    expect(await a.get('k')).toBeNull();
  });
});

describe('serve command line', () => {
  it('warns when asked to listen beyond the loopback interface', () => {
    for (const bind of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(bindWarning(bind)).toBeNull();
    for (const bind of ['0.0.0.0', '::', '192.168.1.10']) expect(bindWarning(bind)).toMatch(/^WARNING: /);
  });
});
