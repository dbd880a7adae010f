import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './ports.ts';
import { RespClient } from './resp-client.ts';

/**
 * Starts a throwaway redis-server on 127.0.0.1 at a free port, for tests that compare the engine with
 * the real thing. Stopped by its own pid. `findRedisServer()` is null where none is installed: the
 * tests that need one are then skipped with a notice (CI installs it, so there they always run).
 */

export function findRedisServer(): string | null {
  const fromEnv = process.env.REDIS_SERVER;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of [
    '/usr/bin/redis-server',
    '/usr/local/bin/redis-server',
    '/opt/homebrew/bin/redis-server',
  ]) {
    if (existsSync(p)) return p;
  }
  try {
    const found = execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
    return found || null;
  } catch {
    return null;
  }
}

/**
 * The notice a test file prints when it is skipped for want of redis-server: what it would check,
 * and how to get a 7.0 server (the differential tests require 7.0.x, which Homebrew no longer ships).
 */
export function warnRedisMissing(suite: string, wouldCheck: string): void {
  console.warn(
    [
      '',
      `[${suite}] SKIPPED: redis-server (and redis-cli) 7.0 not found. With it, this file checks ${wouldCheck}.`,
      '  Debian/Ubuntu: sudo apt-get install redis-server   (Debian 12 ships 7.0.15)',
      '  macOS or anywhere with make: curl -O https://download.redis.io/releases/redis-7.0.15.tar.gz,',
      '    tar xzf redis-7.0.15.tar.gz && make -C redis-7.0.15, then REDIS_SERVER=$PWD/redis-7.0.15/src/redis-server',
      '  Docker (Linux): docker create --name r redis:7.0.15 && docker cp r:/usr/local/bin/. .redis/ && docker rm r,',
      '    then REDIS_SERVER=$PWD/.redis/redis-server   (redis-cli is looked for beside it)',
      '',
    ].join('\n'),
  );
}

/**
 * The Redis 7.4.1 oracle that judges the engine's `redis-7.4` replies: `$REDIS_74_SERVER`, or
 * `shared/oracles/redis-7.4.1/redis-server` two levels up (a worktree beside the shared folder) or
 * one level up (a CI checkout). Null where none is there: the tests that need it are skipped, each
 * with a notice.
 */
export function findRedis74(): string | null {
  const fromEnv = process.env.REDIS_74_SERVER;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const up of ['../..', '..']) {
    const bin = resolve(process.cwd(), up, 'shared/oracles/redis-7.4.1/redis-server');
    if (existsSync(bin)) return bin;
  }
  return null;
}

/** The notice a test prints when it is skipped for want of the 7.4.1 oracle. */
export function warnRedis74Missing(suite: string, wouldCheck: string): void {
  console.warn(
    [
      '',
      `[${suite}] SKIPPED: the Redis 7.4.1 oracle was not found (../shared/oracles/redis-7.4.1 or ../../shared/oracles/redis-7.4.1, or $REDIS_74_SERVER).`,
      `  With it, this checks ${wouldCheck}.`,
      '',
    ].join('\n'),
  );
}

export function redisServerVersion(bin: string): string {
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
  return /v=([0-9.]+)/.exec(out)?.[1] ?? 'unknown';
}

export interface RunningRedis {
  readonly port: number;
  readonly client: RespClient;
  stop(): Promise<void>;
}

export async function startRedis(bin: string): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'expiry-playground-redis-'));
  const child: ChildProcess = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--enable-debug-command',
      'yes',
      '--dir',
      dir,
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  let client: RespClient | undefined;
  for (let attempt = 0; attempt < 100 && !client; attempt++) {
    try {
      client = await RespClient.connect(port);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  if (!client) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${port}`);
  }
  const ready = client;
  return {
    port,
    client: ready,
    async stop() {
      ready.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
