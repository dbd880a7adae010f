import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, type RunningRedis, startRedis } from '../testing/redis-server.ts';
import { byteLines } from './repl.ts';

/**
 * `npm run -s cli -- repl` reads standard input as bytes, as redis-cli does: a transcript with binary
 * keys (bytes that are not UTF-8, bytes that are, `\xHH` escapes, a CR before the LF) is piped to both
 * and must print the same bytes.
 */

const INPUT = Buffer.concat([
  Buffer.from('SET \xff\xfe v\n', 'latin1'),
  Buffer.from('GET \xff\xfe\n', 'latin1'),
  Buffer.from('KEYS \xff*\n', 'latin1'),
  Buffer.from('SET q é\n', 'utf8'),
  Buffer.from('STRLEN q\n', 'latin1'),
  Buffer.from('GET q\n', 'latin1'),
  Buffer.from('SET "\\xff\\x80" \x80\xc3(\r\n', 'latin1'),
  Buffer.from('GET \xff\x80\n', 'latin1'),
  Buffer.from('EXISTS \xff\xfe \xff\x80 q nokey\n', 'latin1'),
  Buffer.from('APPEND \xff\xfe \xe2\x82\n', 'latin1'),
  Buffer.from('GETRANGE \xff\xfe 0 -1', 'latin1'),
]);

const bin = findRedisServer();
const cli = bin ? bin.replace(/redis-server$/, 'redis-cli') : null;
const available = bin !== null && cli !== null && existsSync(cli);
if (!available) console.warn('\n[repl bytes] redis-server/redis-cli not found: test SKIPPED.\n');

describe('byteLines', () => {
  it('splits at LF only and keeps every other byte', async () => {
    async function* chunks() {
      yield Buffer.from('a\xff', 'latin1');
      yield Buffer.from('\r\nb\n\nc', 'latin1');
    }
    const lines: string[] = [];
    for await (const l of byteLines(chunks())) lines.push(l);
    expect(lines).toEqual(['a\xff\r', 'b', '', 'c']);
  });
});

// Skipped only where redis-server and redis-cli are not installed (CI installs them).
describe.skipIf(!available)('the headless console on binary input vs redis-cli --no-raw', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('prints the same bytes for a transcript with binary keys', () => {
    const expected = execFileSync(cli as string, ['-p', String(redis.port), '--no-raw'], { input: INPUT });
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const actual = execFileSync(process.execPath, ['--import', 'tsx', main, 'repl', '--clock', 'virtual'], {
      input: INPUT,
    });
    expect(actual.toString('latin1')).toContain('1) "\\xff\\xfe"');
    expect(actual.toString('latin1').split('\n')).toEqual(expected.toString('latin1').split('\n'));
  }, 30_000);
});
