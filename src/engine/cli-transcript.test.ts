import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRedisServer, type RunningRedis, startRedis, warnRedisMissing } from '../testing/redis-server.ts';
import { CliSession, outcomeText } from './cli-session.ts';
import { ManualClock } from './clock.ts';
import { Engine } from './engine.ts';
import { luaScripting } from './scripting/index.ts';

/**
 * The whole console path (tokenizer, repeat prefix, client-side messages, reply formatting) against
 * the real redis-cli --no-raw fed the same lines through a pipe.
 */

const LINES = [
  'set   q    spaced    ',
  'get q',
  'set q "hello world"',
  'get q',
  'set q "nl\\nhere\\ttab\\r\\a\\b"',
  'get q',
  'set q "\\x41\\x42\\x7a\\x4\\xZZ"',
  'get q',
  'set q "quote\\"inside \\\\ \\q \\u0041"',
  'get q',
  "set q 'it\\'s' ",
  "set q 'no\\nescape'",
  'get q',
  'set q back\\slash',
  'get q',
  'set q a"b c"',
  'get q',
  'set q a"b c"d',
  'set q "a"b',
  "set q 'a'b",
  'set q "unterminated',
  "set q 'x",
  'set q ""',
  'get q',
  'set q é',
  'get q',
  'strlen q',
  'set bin "a\\x00b\\xff"',
  'get bin',
  '3 incr rc',
  '0 incr rc',
  '-1 incr rc',
  '"" incr rc',
  '5',
  '   ',
  '',
  'rpush biglist 1 2 3 4 5 6 7 8 9 10 11',
  'lrange biglist 0 -1',
  'mget q nokey bin',
  'multi',
  'keys nomatch*',
  'mget q nokey',
  'ping',
  'get nokey',
  'select 2',
  'exec',
  'select 0',
  'FOO a "b c"',
  'GeT a b',
  'set k v EX 0',
  'type biglist',
  'info keyspace',
  'echo ""',
  'incrbyfloat f 3.0e3',
  'incrbyfloat f 1.1',
];

const bin = findRedisServer();
const cli = bin ? bin.replace(/redis-server$/, 'redis-cli') : null;
const available = bin !== null && cli !== null && existsSync(cli);
if (!available) warnRedisMissing('cli transcript', 'the headless console against redis-cli --no-raw');

// Skipped only where redis-server and redis-cli are not installed (CI installs them).
describe.skipIf(!available)('console output vs redis-cli --no-raw', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis(bin as string);
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('prints every line exactly as redis-cli does', () => {
    const expected = execFileSync(cli as string, ['-p', String(redis.port), '--no-raw'], {
      input: Buffer.from(`${LINES.join('\n')}\n`, 'utf8'),
      encoding: 'latin1',
    });
    const session = new CliSession(
      new Engine({ clock: new ManualClock(Date.now()), scripting: luaScripting }),
    );
    const actual = LINES.map((l) => outcomeText(session.runLine(l))).join('');
    const bytes = (s: string) => s.split('\n');
    expect(bytes(actual)).toEqual(bytes(expected));
  });
});
