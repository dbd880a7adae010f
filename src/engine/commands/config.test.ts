import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';
import {
  findRedisServer,
  type RunningRedis,
  startRedis,
  warnRedisMissing,
} from '../../testing/redis-server.ts';
import { ManualClock } from '../clock.ts';
import { CONFIG_PARAMS } from '../config-params.ts';
import { Engine } from '../engine.ts';
import { formatReply } from '../format.ts';
import type { Reply } from '../reply.ts';

/**
 * CONFIG against redis-server 7.0.15: every parameter's default (CONFIG GET *), and CONFIG SET of a
 * set of probe values on every parameter a test server can take without harm, the reply and the
 * value read back compared one by one.
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('CONFIG', 'every CONFIG parameter against redis-server');

/** Parameters describing the machine or the test server's command line, or set by the engine on purpose. */
const SERVER_SPECIFIC = new Set([
  'dir',
  'port',
  'bind',
  'daemonize',
  'logfile',
  'pidfile',
  'maxmemory',
  'proc-title-template',
]);

/**
 * Not set on the real server: they would lock the test out (requirepass, timeout, maxmemory-clients,
 * maxclients' file limits), start work on disk (appendonly), change the process (oom-score-adj,
 * watchdog-period) or rebind it (port, bind).
 */
const NOT_ON_REAL = new Set([
  ...SERVER_SPECIFIC,
  'requirepass',
  'timeout',
  'maxmemory-clients',
  'maxclients',
  'appendonly',
  'oom-score-adj',
  'watchdog-period',
  'min-replicas-to-write',
  'min-slaves-to-write',
]);

const PROBES = [
  'yes',
  'NO',
  'maybe',
  '',
  '0',
  '-1',
  '1',
  '7',
  '100',
  '2147483648',
  '18446744073709551616',
  '1kb',
  '2MB',
  '3g',
  '10%',
  '101%',
  'a b',
  'save now',
  'save nosave',
  '60 100 300 10',
  'pubsub 1mb 2mb 3',
  'master 1 2 3',
  '1 2 3',
  '50 99.9',
  'everysec',
  'ALWAYS',
  'relative',
  'local0',
  'host-name.1',
  'bad_host',
  '{title} {port}',
  '{nope}',
  'a\u0000b',
];

function mapOf(r: Reply): Map<string, string> {
  const out = new Map<string, string>();
  if (r.t !== 'array') return out;
  for (let i = 0; i + 1 < r.items.length; i += 2) {
    const k = r.items[i] as Reply;
    const v = r.items[i + 1] as Reply;
    if (k.t === 'bulk' && v.t === 'bulk') out.set(k.s, v.s);
  }
  return out;
}

describe.skipIf(!bin)('CONFIG vs redis-server 7.0.15', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('has every parameter, alias and default of CONFIG GET *', async () => {
    const engine = new Engine({ clock: new ManualClock() });
    const client = engine.createClient();
    const theirs = mapOf(await redis.client.send(['CONFIG', 'GET', '*']));
    const ours = mapOf(engine.execute(client, ['CONFIG', 'GET', '*']));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, value] of theirs) {
      if (!SERVER_SPECIFIC.has(name)) expect(ours.get(name), name).toBe(value);
    }
    for (const hidden of ['use-exit-on-panic', 'rdb-key-save-delay', 'watchdog-period']) {
      const r = await redis.client.send(['CONFIG', 'GET', hidden]);
      expect(formatReply(engine.execute(client, ['CONFIG', 'GET', hidden]))).toBe(formatReply(r));
    }
  });

  it('sets each parameter as Redis does: reply, value read back, restored', async () => {
    const engine = new Engine({ clock: new ManualClock() });
    const client = engine.createClient();
    const names = CONFIG_PARAMS.map((p) => p.name).filter((n) => !NOT_ON_REAL.has(n));
    let compared = 0;
    for (const name of names) {
      const original = await redis.client.send(['CONFIG', 'GET', name]);
      const before = mapOf(original).get(name) ?? '';
      for (const value of PROBES) {
        const argv = ['CONFIG', 'SET', name, value];
        const expected = formatReply(await redis.client.send(argv));
        expect(formatReply(engine.execute(client, argv)), `${name} ${JSON.stringify(value)}`).toBe(expected);
        const read = ['CONFIG', 'GET', name];
        expect(formatReply(engine.execute(client, read)), `${name} after ${JSON.stringify(value)}`).toBe(
          formatReply(await redis.client.send(read)),
        );
        compared++;
      }
      await redis.client.send(['CONFIG', 'SET', name, before]);
      engine.execute(client, ['CONFIG', 'SET', name, before]);
    }
    expect(compared).toBeGreaterThan(150 * PROBES.length * 0.9);
  }, 120_000);

  it('checks names first, then values, then apply steps, as configSetCommand does', async () => {
    const engine = new Engine({ clock: new ManualClock() });
    const client = engine.createClient();
    for (const line of [
      'CONFIG SET hz x nope 1',
      'CONFIG SET nope 1 daemonize no',
      'CONFIG SET hz x daemonize no',
      'CONFIG SET HZ 1 hz 2',
      'CONFIG SET hash-max-ziplist-entries 1 hash-max-listpack-entries 2',
      'CONFIG GET hash-max-*',
      'CONFIG SET hz 5 maxmemory-policy bad',
      'CONFIG GET hz',
      'CONFIG SET tls-session-cache-size 5 tls-port 1',
      'CONFIG GET tls-session-cache-size',
      'CONFIG SET tls-replication yes hz 3',
      'CONFIG GET HZ h* hz',
      'CONFIG SET save "1 2 3"',
      'CONFIG SET hz 10 hash-max-listpack-entries 512',
      'CONFIG RESETSTAT',
      'CONFIG RESETSTAT x',
      'CONFIG REWRITE',
      'CONFIG HELP',
      'CONFIG SET a',
    ]) {
      const argv = line.match(/"[^"]*"|\S+/g)?.map((a) => a.replace(/^"(.*)"$/, '$1')) ?? [];
      const ours = mapOrText(engine.execute(client, argv));
      expect(ours, line).toEqual(mapOrText(await redis.client.send(argv)));
    }
  });
});

/** CONFIG GET answers in hash order: compare its pairs as a map. */
function mapOrText(r: Reply): unknown {
  const m = mapOf(r);
  return m.size > 1 ? Object.fromEntries([...m].sort()) : formatReply(r);
}

describe('encodings follow their CONFIG limits', () => {
  it('converts at write time under the limits of the moment', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['CONFIG SET hash-max-listpack-entries 2 set-max-intset-entries 2 zset-max-listpack-value 3', 'OK'],
        ['HSET h a 1 b 2', '(integer) 2'],
        ['OBJECT ENCODING h', '"listpack"'],
        ['HSET h c 3', '(integer) 1'],
        ['OBJECT ENCODING h', '"hashtable"'],
        ['SADD s 1 2', '(integer) 2'],
        ['OBJECT ENCODING s', '"intset"'],
        ['SADD s 3', '(integer) 1'],
        ['OBJECT ENCODING s', '"hashtable"'],
        ['ZADD z 1 abcd', '(integer) 1'],
        ['OBJECT ENCODING z', '"skiplist"'],
        ['CONFIG SET list-max-listpack-size 2', 'OK'],
        ['RPUSH l a b c d e', '(integer) 5'],
      ]),
    ).toEqual([]);
    expect(h.run('DEBUG OBJECT l')).toMatch(
      /^Value at:0x[0-9a-f]+ refcount:1 encoding:quicklist serializedlength:\d+ lru:\d+ lru_seconds_idle:0 ql_nodes:3 ql_avg_node:1\.67 ql_listpack_max:2 ql_compressed:0 ql_uncompressed_size:\d+$/,
    );
  });
});
