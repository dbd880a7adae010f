import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../cli/serve.ts';
import {
  findRedisServer,
  type RunningRedis,
  redisServerVersion,
  startRedis,
  warnRedisMissing,
} from '../testing/redis-server.ts';
import { byteByByte, type ExchangeOptions, exchange, maskIds, startServe } from '../testing/serve-harness.ts';

/**
 * `serve` and a real redis-server get the same bytes on raw sockets and must send back the same
 * bytes and close (or not) alike: protocol errors and limits, inline quirks, pipelining, requests
 * cut at every byte, QUIT, HELLO, and the RESP2/RESP3 encodings of replies.
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('serve-protocol', 'serve against redis-server byte for byte on raw sockets');

const K = 1024;

/** [what, chunks] — each sent on a fresh connection to both servers. */
const PROTOCOL_CASES: readonly (readonly [string, readonly string[]])[] = [
  ['multibulk count not a number', ['*x\r\n']],
  ['multibulk count with a leading zero', ['*01\r\n']],
  ['multibulk count with a plus sign', ['*+1\r\n']],
  ['multibulk count past INT_MAX', ['*2147483648\r\n']],
  ['empty multibulk count', ['*\r\n']],
  ['empty and negative multibulks are skipped', ['*0\r\n*-1\r\n*-5\r\nPING\r\n']],
  ['the byte after a header CR is not checked', ['*1\rX$4\r\nPING\r\n']],
  ['the two bytes after a bulk are not checked', ['*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n']],
  ['negative bulk length', ['*1\r\n$-1\r\n']],
  ['bulk length past proto-max-bulk-len', [`*1\r\n$${512 * K * K + 1}\r\n`]],
  ['bulk length with a plus sign', ['*1\r\n$+4\r\nPING\r\n']],
  ['bulk length with a leading zero', ['*1\r\n$04\r\nPING\r\n']],
  ['expected $, got CR', ['*1\r\n\r\n']],
  ['expected $, got LF', ['*1\r\n\n\r\n']],
  ['expected $, got a control byte', ['*1\r\n\x01\r\n']],
  ['expected $, got a high byte', ['*1\r\n\xff\r\n']],
  ['expected $, got a simple string', ['*2\r\n$4\r\nECHO\r\n+x\r\n']],
  ['a request still waiting for its argument', ['*1\r\nx']],
  ['a huge multibulk count waits', ['*2147483647\r\n']],
  ['a bulk at proto-max-bulk-len waits', [`*1\r\n$${512 * K * K}\r\n`]],
  ['a zero byte hides the header end', ['*1\0\r\n']],
  ['a zero byte hides the inline end', ['PING\0\r\n']],
  ['a zero byte inside a bulk is data', ['*1\r\n$4\r\nPI\0G\r\n']],
  ['commands before a protocol error are answered', ['PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$-1\r\nPING\r\n']],
  ['unbalanced double quotes inline', ['PING\r\nPING "a\r\n']],
  ['closing quote followed by a letter', ['ECHO "a"b\r\n']],
  ['unbalanced single quotes inline', ["ECHO 'a\r\n"]],
  ['inline escapes, blank lines and quotes', ["\r\n\n  \r\nECHO \"a\\x41\\n\\t\\z\"\r\nECHO 'b\\'c'\n"]],
  ['inline: vertical tab and form feed are not separators', ['ECHO a\x0bb\x0cc\r\nECHO \x0b a\r\n']],
  ['inline line ending in a bare LF', ['ECHO x\nECHO y\r\n']],
  ['inline unknown command', ['FOO bar "baz qux"\r\n']],
  ['inline request past 64 KB', ['P'.repeat(64 * K + 1)]],
  ['multibulk count line past 64 KB', [`*${'1'.repeat(64 * K + 1)}`]],
  ['bulk length line past 64 KB', [`*1\r\n$${'1'.repeat(64 * K + 1)}`]],
  ['an inline line of 60 KB is fine', [`ECHO ${'a'.repeat(60 * K)}\r\n`]],
  ['QUIT ends the connection after its reply', ['QUIT\r\nPING\r\n']],
  ['QUIT as a multibulk, with arguments', ['*2\r\n$4\r\nquit\r\n$1\r\nx\r\nPING\r\n']],
  ['QUIT inside MULTI is not queued', ['MULTI\r\nSET q 1\r\nQUIT\r\n']],
  [
    'HELLO errors',
    [
      'HELLO 4\r\nHELLO 1\r\nHELLO x\r\nHELLO 3 SETNAME\r\nHELLO 3 AUTH default\r\nHELLO 3 AUTH bob pw\r\n' +
        'HELLO 3 SETNAME "a b"\r\nHELLO 3 foo\r\nHELLO 3 AUTH default x SETNAME ok foo\r\nCLIENT GETNAME\r\n',
    ],
  ],
  [
    'HELLO 2, HELLO and HELLO 3 with AUTH and SETNAME',
    ['HELLO 2\r\nHELLO\r\nHELLO 3 auth default pw setname n1\r\n'],
  ],
  [
    'CLIENT ID, GETNAME, SETNAME and their errors',
    [
      'CLIENT GETNAME\r\nCLIENT SETNAME "a b"\r\nCLIENT SETNAME \xe9\r\nCLIENT SETNAME x\r\nCLIENT GETNAME\r\n' +
        'CLIENT SETNAME ""\r\nCLIENT GETNAME\r\nCLIENT ID x\r\nCLIENT\r\nCLIENT SETNAME\r\nCLIENT LIST foo\r\n' +
        'CLIENT LIST TYPE foo\r\nCLIENT LIST TYPE master\r\nCLIENT LIST ID x\r\nCLIENT LIST ID 999999\r\nCLIENT NOPE\r\n',
    ],
  ],
  ['RESP2 null array vs null bulk', ['LPOP nokey 2\r\nRPOP nokey 2\r\nLPOP nokey\r\nMGET nokey\r\n']],
];

/** Commands whose replies take every RESP3 type; run in RESP2 and after HELLO 3. */
const REPLY_SERIES = [
  'SET s v',
  'GET s',
  'GET nokey',
  'HSET h f 1',
  'HGETALL h',
  'HGETALL nokey',
  'HRANDFIELD h 1 WITHVALUES',
  'HRANDFIELD h -2 WITHVALUES',
  'HRANDFIELD h',
  'HKEYS h',
  'SADD st a',
  'SMEMBERS st',
  'SMEMBERS nokey',
  'SINTER st',
  'SUNION st nokey',
  'SDIFF st nokey',
  'SPOP nokey 2',
  'SPOP st 0',
  'SRANDMEMBER st 2',
  'ZADD z 1.5 a 2 b',
  'ZADD z INCR 1 a',
  'ZADD z NX INCR 1 a',
  'ZINCRBY z 0.25 b',
  'ZSCORE z a',
  'ZSCORE z nosuch',
  'ZSCORE nokey a',
  'ZMSCORE z a nosuch',
  'ZRANGE z 0 -1 WITHSCORES',
  'ZRANGE z 0 -1',
  'ZREVRANGE z 0 -1 withscores',
  'ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 0 1',
  'ZREVRANGEBYSCORE z +inf -inf WITHSCORES',
  'ZRANGE z (1 +inf BYSCORE WITHSCORES',
  'ZADD zi inf x -inf y 0.1 w',
  'ZRANGE zi 0 -1 WITHSCORES',
  'ZPOPMIN z',
  'ZPOPMAX zi 5',
  'ZPOPMIN nokey',
  'ZPOPMIN nokey 2',
  'LPUSH l a b',
  'LPOP l 5',
  'LPOP nokey 2',
  'MGET s nokey',
  'CONFIG GET hz',
  'CONFIG GET nosuchparam',
  'INFO keyspace',
  'MULTI',
  'HGETALL h',
  'LPOP nokey 3',
  'SMEMBERS st',
  'EXEC',
  'EVAL "return nil" 0',
  "EVAL \"return {1, 'a', false, redis.call('hgetall', 'h')}\" 0",
  'COMMAND INFO nosuchcommand',
  'OBJECT ENCODING h',
  'TTL nokey',
  'PING',
  'PING x',
  'ECHO ""',
  'DEL s h st z zi',
];

const wire = (lines: readonly string[]) => lines.map((l) => `${l}\r\n`).join('');

describe.skipIf(!bin)(`serve vs redis-server ${bin ? redisServerVersion(bin) : ''} on raw sockets`, () => {
  let redis: RunningRedis;
  let serve: RunningServer;

  beforeAll(async () => {
    [redis, serve] = await Promise.all([startRedis(bin as string), startServe('virtual')]);
  });

  afterAll(async () => {
    await Promise.all([redis?.stop(), serve?.close()]);
  });

  beforeEach(async () => {
    await Promise.all([exchange(redis.port, ['FLUSHALL\r\n']), exchange(serve.port, ['FLUSHALL\r\n'])]);
  });

  async function compare(chunks: readonly string[], options?: ExchangeOptions): Promise<string> {
    const expected = await exchange(redis.port, chunks, options);
    // Ids differ in length between the servers: expect a little less than redis-server sent.
    const actual = await exchange(serve.port, chunks, { ...options, expectBytes: expected.data.length - 16 });
    expect(maskIds(actual.data)).toBe(maskIds(expected.data));
    expect(actual.closed, 'closes the connection as redis-server does').toBe(expected.closed);
    return actual.data;
  }

  it.each(PROTOCOL_CASES)('%s', async (_what, chunks) => {
    await compare(chunks);
  });

  it('answers a pipeline of 500 requests in order, in one write', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100; i++)
      lines.push(`SET k${i} ${i}`, `INCR k${i}`, `GET k${i}`, `APPEND k${i} x`, `ECHO ${i}`);
    const got = await compare([wire(lines)]);
    expect(got.split('\r\n').filter((l) => l === '+OK').length).toBe(100);
  });

  it('reads requests cut at every byte, across TCP segments', async () => {
    const stream =
      '*3\r\n$3\r\nSET\r\n$3\r\nk\r\n\r\n$4\r\nv\0\r\n\r\n*2\r\n$3\r\nGET\r\n$3\r\nk\r\n\r\nECHO "a b"\r\nHSET h f 1\r\nHGETALL h\r\n';
    await compare(byteByByte(stream), { gapMs: 1 });
  });

  it('encodes replies as RESP2 does', async () => {
    await compare([wire(REPLY_SERIES)]);
  });

  it('encodes replies as RESP3 does after HELLO 3, and back to RESP2 after HELLO 2', async () => {
    await compare([
      wire(['HELLO 3', ...REPLY_SERIES, 'HELLO 2', 'ZADD z 1.5 a', 'ZSCORE z a', 'HGETALL nokey']),
    ]);
  });

  it('switches protocol inside EXEC from the reply after a queued HELLO', async () => {
    const setup = 'HSET h f 1\r\nZADD z 2.5 m\r\n';
    await compare([
      `${setup}MULTI\r\nHGETALL h\r\nHELLO 3\r\nHGETALL h\r\nZSCORE z m\r\nHELLO 2\r\nZSCORE z m\r\nEXEC\r\n`,
    ]);
  });

  it('lists clients with the fields of CLIENT LIST in order, and forgets closed ones', async () => {
    const fields = (line: string) => line.split(' ').map((f) => f.split('=')[0]);
    const [expected, actual] = await Promise.all([
      exchange(redis.port, ['CLIENT SETNAME me\r\nCLIENT INFO\r\n']),
      exchange(serve.port, ['CLIENT SETNAME me\r\nCLIENT INFO\r\n']),
    ]);
    const line = (d: string) => d.split('\r\n')[2] as string;
    expect(fields(line(actual.data))).toEqual(fields(line(expected.data)));
    expect(line(actual.data)).toMatch(
      / name=me age=0 idle=0 flags=N db=0 .* cmd=client\|info user=default .*resp=2\n$/,
    );
    const count = async () => {
      const got = await exchange(serve.port, ['CLIENT LIST\r\n']);
      return got.data.split('\n').filter((l) => l.includes(' addr=')).length;
    };
    // Only the asking connection is left once the others are gone (they closed above; the server
    // hears of it a moment later).
    let left = await count();
    for (let i = 0; i < 20 && left > 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = await count();
    }
    expect(left).toBe(1);
  });
});
