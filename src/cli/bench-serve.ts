import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { findRedisServer, startRedis } from '../testing/redis-server.ts';
import { startServer } from './serve.ts';

/**
 * `npm run bench:serve`: redis-benchmark -t set,get -P 16 against `serve` (in this process, on the
 * system clock) and against a real redis-server, in the same run, and the ratio. Each figure is the
 * best of ROUNDS runs, the two servers taking turns, since the machine is shared and noisy.
 */

const run = promisify(execFile);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

type Rates = Record<'SET' | 'GET', number>;

async function benchmark(port: number): Promise<Rates> {
  const args = [
    '-p',
    String(port),
    '-t',
    'set,get',
    '-P',
    '16',
    '-n',
    String(REQUESTS),
    '-c',
    String(CLIENTS),
    '-q',
  ];
  const { stdout } = await run('redis-benchmark', args, { maxBuffer: 64 * 1024 * 1024 });
  const rates: Rates = { SET: 0, GET: 0 };
  for (const m of stdout.matchAll(/(SET|GET): ([\d.]+) requests per second/g)) {
    rates[m[1] as keyof Rates] = Number(m[2]);
  }
  return rates;
}

const best = (a: Rates, b: Rates): Rates => ({ SET: Math.max(a.SET, b.SET), GET: Math.max(a.GET, b.GET) });
const fmt = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;

async function main(): Promise<number> {
  const bin = findRedisServer();
  if (!bin || !existsSync('/usr/bin/redis-benchmark')) {
    process.stderr.write('bench:serve needs redis-server and redis-benchmark installed\n');
    return 1;
  }
  const redis = await startRedis(bin);
  const serve = await startServer({ port: 0, bind: '127.0.0.1', clock: 'system' });
  let redisBest: Rates = { SET: 0, GET: 0 };
  let serveBest: Rates = { SET: 0, GET: 0 };
  try {
    for (let i = 0; i < ROUNDS; i++) {
      redisBest = best(redisBest, await benchmark(redis.port));
      serveBest = best(serveBest, await benchmark(serve.port));
    }
  } finally {
    await serve.close();
    await redis.stop();
  }
  process.stdout.write(
    `redis-benchmark -t set,get -P 16 -n ${REQUESTS} -c ${CLIENTS}, best of ${ROUNDS}\n` +
      '| command | serve | redis-server 7.0 | serve / redis-server |\n| --- | --- | --- | --- |\n',
  );
  for (const cmd of ['SET', 'GET'] as const) {
    const ratio = redisBest[cmd] > 0 ? serveBest[cmd] / redisBest[cmd] : 0;
    process.stdout.write(
      `| ${cmd} | ${fmt(serveBest[cmd])} | ${fmt(redisBest[cmd])} | ${ratio.toFixed(2)} |\n`,
    );
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
