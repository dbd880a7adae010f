import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../cli/serve.ts';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from '../testing/redis-server.ts';
import { startServe } from '../testing/serve-harness.ts';

/**
 * Real tools against `serve`, unchanged: redis-cli piped (RESP2 and RESP3) and interactive (on a
 * pseudo-terminal), redis-benchmark with pipelining. redis-cli's output must be the same as against
 * a real redis-server fed the same lines.
 */

const run = promisify(execFile);
const redisCli = existsSync('/usr/bin/redis-cli') ? '/usr/bin/redis-cli' : null;
const benchmark = existsSync('/usr/bin/redis-benchmark') ? '/usr/bin/redis-benchmark' : null;
const scriptBin = existsSync('/usr/bin/script') ? '/usr/bin/script' : null;
const bin = findRedisServer();
if (!bin || !redisCli)
  warnRedisMissing('serve-tools', 'serve with redis-cli (RESP2, RESP3, a pty) and redis-benchmark');

const LINES = [
  'FLUSHALL',
  'SET k "hello world"',
  'GET k',
  'PSETEX p 100000 v',
  'TTL p',
  'HSET h f1 1 f2 "two words"',
  'HGET h f2',
  'RPUSH l a b c',
  'LRANGE l 0 -1',
  'ZADD z 1.5 a 2 b',
  'ZRANGE z 0 -1 WITHSCORES',
  'ZSCORE z a',
  'MULTI',
  'INCR n',
  'INCR n',
  'EXEC',
  'LPOP nokey 2',
  'SELECT 3',
  'DBSIZE',
  'SELECT 99',
  'CLIENT SETNAME cli',
  'CLIENT GETNAME',
  'EVAL "return redis.call(\'get\', KEYS[1])" 1 k',
  'NOSUCH command',
  'GET',
];

function cliOutput(port: number, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(redisCli as string, ['-p', String(port), ...args], (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin?.end(input);
  });
}

describe.skipIf(!bin || !redisCli)('real tools against serve', () => {
  let redis: RunningRedis;
  let serve: RunningServer;

  beforeAll(async () => {
    [redis, serve] = await Promise.all([startRedis(bin as string), startServe('system')]);
  });

  afterAll(async () => {
    await Promise.all([redis?.stop(), serve?.close()]);
  });

  it('redis-cli piped prints the same as against redis-server', async () => {
    const input = `${LINES.join('\n')}\n`;
    const [expected, actual] = await Promise.all([
      cliOutput(redis.port, ['--no-raw'], input),
      cliOutput(serve.port, ['--no-raw'], input),
    ]);
    expect(actual).toBe(expected);
    expect(actual).toContain('1) "a"\n2) "1.5"\n');
  });

  it('redis-cli -3 (RESP3) prints maps, doubles and nulls the same', async () => {
    const input =
      'FLUSHALL\nHSET h f 1\nHGETALL h\nZADD z 1.5 a\nZSCORE z a\nZRANGE z 0 -1 WITHSCORES\nGET nokey\nCONFIG GET hz\nSADD s x\nSMEMBERS s\n';
    const [expected, actual] = await Promise.all([
      cliOutput(redis.port, ['-3', '--no-raw'], input),
      cliOutput(serve.port, ['-3', '--no-raw'], input),
    ]);
    expect(actual).toBe(expected);
    expect(actual).toContain('(double) 1.5');
  });

  it.skipIf(!scriptBin)(
    'interactive redis-cli on a terminal shows the same replies',
    async () => {
      const session = async (port: number) => {
        // Typed one line at a time once redis-cli is in raw mode (it flushes input typed before).
        const typing = `sleep 2; for l in 'SET a 1' 'GET a' 'HGETALL nokey' 'HELLO 3' 'HGETALL nokey' quit; do printf '%s\\r' "$l"; sleep 0.4; done`;
        const { stdout } = await run('sh', [
          '-c',
          `(${typing}) | ${scriptBin} -qfec "stty cols 200 rows 40; ${redisCli} -p ${port}" /dev/null`,
        ]);
        // The replies: every line that is not the prompt redrawn while typing.
        return stdout
          .split('\r\n')
          .filter((l) => !l.includes('127.0.0.1:') && l !== '')
          .map((l) => l.replace(/"id" => \(integer\) \d+/, '"id" => <id>'));
      };
      const [expected, actual] = await Promise.all([session(redis.port), session(serve.port)]);
      expect(actual).toEqual(expected);
      expect(actual).toContain('(empty hash)');
    },
    30_000,
  );

  it.skipIf(!benchmark)(
    'redis-benchmark runs SET and GET pipelined without errors',
    async () => {
      const { stdout, stderr } = await run(benchmark as string, [
        '-p',
        String(serve.port),
        '-t',
        'set,get',
        '-n',
        '20000',
        '-P',
        '16',
        '-c',
        '10',
        '-q',
      ]);
      const rates = [...`${stdout}`.matchAll(/^(SET|GET): ([\d.]+) requests per second/gm)];
      expect(rates.map((m) => m[1])).toEqual(['SET', 'GET']);
      for (const m of rates) expect(Number(m[2])).toBeGreaterThan(1000);
      expect(stderr).not.toMatch(/ERR|error/i);
      // The benchmark's key holds its 3-byte value (asked asynchronously: the server is in this process).
      const got = await run(redisCli as string, ['-p', String(serve.port), 'GET', 'key:__rand_int__']);
      expect(got.stdout).toMatch(/^.{3}\n$/);
    },
    60_000,
  );
});
