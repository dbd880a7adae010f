import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseDocPage } from '../docs/page.ts';
import { checkPage } from '../docs/report.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { CORPUS_DIR, corpusExists } from '../testing/corpus-expectations.ts';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from '../testing/redis-server.ts';
import { runDocs } from './docs-check.ts';
import { ServerRunner } from './server-runner.ts';

/** `docs check --against`: pages replayed on a redis-server started for the test. */

const bin = findRedisServer();
if (!bin) warnRedisMissing('docs against', 'docs check --against and --compare on a real server');

const LESSONS = join(import.meta.dirname, '..', 'docs', 'lessons');
const dir = mkdtempSync(join(tmpdir(), 'docs-against-'));
const fence = (body: string) => `\`\`\`cli\n${body}\n\`\`\`\n`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    return { code: await runDocs(['check', ...args]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('docs check --against: refusals that need no server', () => {
  it('refuses a server that is not on this machine, without printing its password', async () => {
    const r = await run([LESSONS, '--against', 'redis://admin:s3cret@10.11.12.13:6379', '--db', '15']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('refusing redis://admin:***@10.11.12.13:6379: it is not on this machine');
    expect(r.err + r.out).not.toContain('s3cret');
  });

  it('says so when nothing answers, and still hides the password', async () => {
    const r = await run([LESSONS, '--against', 'redis://:hunter2@127.0.0.1:9', '--db', '15']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/could not connect to redis:\/\/:\*\*\*@127\.0\.0\.1:9/);
    expect(r.err + r.out).not.toContain('hunter2');
  });
});

describe.skipIf(!bin)('docs check --against a redis-server', () => {
  let redis: RunningRedis;
  let url: string;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
    url = `redis://127.0.0.1:${redis.port}`;
  });
  afterAll(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays every bundled lesson with the verdicts the playground gives', async () => {
    // Database 0, as the lessons are written: one listens on __keyevent@0__ channels.
    const r = await run([LESSONS, '--against', url, '--yes-flush', '--compare']);
    expect(r.err).toBe('');
    expect(r.out).toContain(`against ${url} (Redis 7.0.`);
    expect(r.out).toMatch(/total \(\d+ files\): \d+ passed, 0 failed/);
    expect(r.out).toContain('the playground and the server agree on every step');
    expect(r.code).toBe(0);
  }, 180_000);

  it.skipIf(!corpusExists())(
    'a corpus family passes on Redis wherever it passes on the playground',
    async () => {
      const family = join(CORPUS_DIR, 'dragonfly', 'strings');
      const pages = readdirSync(family).filter((f) => f.endsWith('.md'));
      const worse: string[] = [];
      for (const name of pages) {
        const source = readFileSync(join(family, name), 'utf8');
        const local = checkPage(source, name, { scripting: luaScripting });
        const runner = new ServerRunner(redis.client, { db: 15, wholeServer: false, maxRealWaitMs: 5000 });
        const remote = await runner.runAll(parseDocPage(source, name));
        local.results.forEach((p, i) => {
          const r = remote[i];
          if (
            p.kind === 'command' &&
            p.verdict.kind === 'pass' &&
            r?.kind === 'command' &&
            r.verdict.kind !== 'pass'
          )
            worse.push(`${name} line ${p.step.range.start.line}: ${p.step.line} → ${r.verdict.kind}`);
        });
      }
      expect(pages.length).toBeGreaterThan(10);
      expect(worse).toEqual([]);
    },
    300_000,
  );

  it('--compare finds a difference planted in the server', async () => {
    const page = join(dir, 'encoding.md');
    writeFileSync(
      page,
      `### A small hash\n\n${fence('redis> HSET h a 1 b 2 c 3\n(integer) 3\nredis> OBJECT ENCODING h\n"listpack"')}`,
    );
    // A server configured unlike the playground: three fields no longer fit a listpack.
    await redis.client.send(['CONFIG', 'SET', 'hash-max-listpack-entries', '2']);
    try {
      const r = await run([page, '--against', url, '--db', '15', '--compare']);
      expect(r.code).toBe(1);
      expect(r.out).toContain('1 step(s) where the playground and the server disagree');
      expect(r.out).toContain('playground (pass): "listpack"');
      expect(r.out).toContain('server     (fail): "hashtable"');
    } finally {
      await redis.client.send(['CONFIG', 'SET', 'hash-max-listpack-entries', '128']);
    }
  });

  it('refuses to empty a database nobody named, and keeps a page in the one that was', async () => {
    await redis.client.send(['SELECT', '0']);
    await redis.client.send(['SET', 'precious', 'data']);
    const page = join(dir, 'select.md');
    writeFileSync(page, `### Elsewhere\n\n${fence('redis> SELECT 3\nOK\nredis> SET k v\nOK')}`);
    const refused = await run([page, '--against', url]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('holds 1 key(s)');
    const kept = await run([page, '--against', url, '--db', '15', '--verbose']);
    expect(kept.out).toContain('--db keeps to database 15');
    expect(await redis.client.send(['GET', 'precious'])).toEqual({ t: 'bulk', s: 'data' });
    await redis.client.send(['SELECT', '3']);
    expect(await redis.client.send(['DBSIZE'])).toEqual({ t: 'int', n: 0 });
    await redis.client.send(['SELECT', '0']);
    await redis.client.send(['DEL', 'precious']);
  });

  it('does not send a command that would block for good', async () => {
    const page = join(dir, 'block.md');
    writeFileSync(page, `### Waiting\n\n${fence('redis> BLPOP queue 0\n1) "queue"\n2) "job"')}`);
    const r = await run([page, '--against', url, '--db', '15', '--verbose']);
    expect(r.out).toContain('BLPOP with timeout 0 blocks until another client pushes');
    expect(r.out).toContain('0 failed, 0 not comparable, 1 unsupported');
  });

  it('runs a page with several clients on connections of their own: a blocked pop woken by a push', async () => {
    const page = join(dir, 'clients.md');
    const body = [
      'client 1> BLPOP queue 0',
      'client 2> RPUSH queue job',
      '(integer) 1',
      'client 1>',
      '1) "queue"',
      '2) "job"',
      'client 2> CLIENT LIST TYPE PUBSUB',
      '',
      'client 3> SUBSCRIBE news',
      'Reading messages... (press Ctrl-C to quit)',
      '1) "subscribe"',
      '2) "news"',
      '3) (integer) 1',
      'client 2> PUBLISH news hello',
      '(integer) 1',
      'client 3>',
      '1) "message"',
      '2) "news"',
      '3) "hello"',
      'client 3>              # nothing more',
    ].join('\n');
    writeFileSync(page, `### Two clients\n\n${fence(body)}`);
    const r = await run([page, '--against', url, '--db', '15', '--compare', '--verbose']);
    expect(r.out).toContain('6 passed, 0 failed');
    expect(r.out).toContain('the playground and the server agree on every step');
    expect(r.code).toBe(0);
  });

  it('puts back the expiry settings a page changed', async () => {
    const page = join(dir, 'hz.md');
    writeFileSync(page, `### Faster\n\n${fence('redis> CONFIG SET hz 100\nOK')}`);
    await redis.client.send(['CONFIG', 'SET', 'hz', '42']);
    await run([page, '--against', url, '--db', '15']);
    expect(await redis.client.send(['CONFIG', 'GET', 'hz'])).toEqual({
      t: 'array',
      items: [
        { t: 'bulk', s: 'hz' },
        { t: 'bulk', s: '42' },
      ],
    });
  });
});
