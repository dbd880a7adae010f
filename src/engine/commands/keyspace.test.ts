import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

const SYNTAX = '(error) ERR syntax error';

function sortedLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*\d+\) /, ''))
    .sort();
}

describe('DEL / UNLINK / EXISTS / TOUCH / TYPE', () => {
  it('counts like Redis', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['MSET a 1 b 2 x 3', 'OK'],
        ['DEL a b missing', '(integer) 2'],
        ['DEL x x', '(integer) 1'],
        ['SET x 1', 'OK'],
        ['EXISTS x', '(integer) 1'],
        ['EXISTS x x x', '(integer) 3'],
        ['EXISTS x missing x', '(integer) 2'],
        ['SET a 1', 'OK'],
        ['SET b 1', 'OK'],
        ['TOUCH a b missing a', '(integer) 3'],
        ['UNLINK a missing', '(integer) 1'],
        ['DEL', "(error) ERR wrong number of arguments for 'del' command"],
        ['UNLINK', "(error) ERR wrong number of arguments for 'unlink' command"],
        ['EXISTS', "(error) ERR wrong number of arguments for 'exists' command"],
        ['TYPE x', 'string'],
        ['RPUSH l a', '(integer) 1'],
        ['TYPE l', 'list'],
        ['TYPE nope', 'none'],
      ]),
    ).toEqual([]);
  });
});

describe('expired keys with active expiry off (spec 6.6)', () => {
  it('DBSIZE counts stale keys, KEYS hides them, lookups and SCAN delete them', () => {
    const h = new Harness();
    h.runAll([
      'DEBUG SET-ACTIVE-EXPIRE 0',
      'PSETEX a 100 v',
      'PSETEX b 100 v',
      'PSETEX c 100 v',
      'PSETEX d 100 v',
      'SET e v',
    ]);
    h.advance(300);
    expect(
      transcript(h, [
        ['DBSIZE', '(integer) 5'],
        ['KEYS *', '1) "e"'],
        ['DBSIZE', '(integer) 5'],
        ['EXISTS a', '(integer) 0'],
        ['DBSIZE', '(integer) 4'],
        ['TTL b', '(integer) -2'],
        ['DBSIZE', '(integer) 3'],
        ['DEL c', '(integer) 0'],
        ['DBSIZE', '(integer) 2'],
        ['SCAN 0', '1) "0"\n2) 1) "e"'],
        ['DBSIZE', '(integer) 1'],
      ]),
    ).toEqual([]);
    const info = h.run('INFO keyspace');
    expect(info).toBe('# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n');
  });

  it('RANDOMKEY deletes expired picks and tries again', () => {
    const h = new Harness();
    h.runAll(['DEBUG SET-ACTIVE-EXPIRE 0', 'RANDOMKEY']);
    for (let i = 0; i < 20; i++) h.run(`PSETEX stale${i} 10 v`);
    h.run('SET only v');
    h.advance(20);
    expect(h.run('RANDOMKEY')).toBe('"only"');
    expect(h.run('FLUSHALL')).toBe('OK');
    expect(h.run('RANDOMKEY')).toBe('(nil)');
  });
});

describe('KEYS and SCAN', () => {
  it('SCAN returns every key across a full iteration, even with writes in between', () => {
    const h = new Harness();
    for (let i = 0; i < 250; i++) h.run(`SET key:${i} v`);
    const seen = new Set<string>();
    let cursor = '0';
    let rounds = 0;
    do {
      const out = h.engine.execute(h.session.client, ['SCAN', cursor, 'COUNT', '7']);
      if (out.t !== 'array') throw new Error('bad reply');
      const [next, keys] = out.items;
      if (next?.t !== 'bulk' || keys?.t !== 'array') throw new Error('bad reply');
      for (const k of keys.items) if (k.t === 'bulk') seen.add(k.s);
      cursor = next.s;
      // Churn: delete some keys and add new ones while iterating.
      h.run(`DEL key:${rounds * 3 + 1}`);
      h.run(`SET extra:${rounds} v`);
      rounds++;
    } while (cursor !== '0' && rounds < 1000);
    for (let i = 0; i < 250; i++) {
      const deletedDuringScan = i % 3 === 1 && i < rounds * 3 + 1;
      if (!deletedDuringScan) expect(seen.has(`key:${i}`), `key:${i}`).toBe(true);
    }
  });

  it('validates cursors and options', () => {
    const h = new Harness();
    h.runAll(['SET a 1', 'RPUSH l x']);
    expect(
      transcript(h, [
        ['SCAN abc', '(error) ERR invalid cursor'],
        ['SCAN " 1"', '(error) ERR invalid cursor'],
        ['SCAN 1.5', '(error) ERR invalid cursor'],
        ['SCAN 18446744073709551616', '(error) ERR invalid cursor'],
        ['SCAN -1', '1) "0"\n2) (empty array)'],
        ['SCAN 18446744073709551615', '1) "0"\n2) (empty array)'],
        ['SCAN 0 COUNT 0', SYNTAX],
        ['SCAN 0 COUNT -1', SYNTAX],
        ['SCAN 0 COUNT abc', '(error) ERR value is not an integer or out of range'],
        ['SCAN 0 MATCH', SYNTAX],
        ['SCAN 0 FOO bar', SYNTAX],
        ['SCAN 0 TYPE foo', '1) "0"\n2) (empty array)'],
        ['SCAN 0 TYPE LIST', '1) "0"\n2) 1) "l"'],
        ['SCAN 0 MATCH a*', '1) "0"\n2) 1) "a"'],
      ]),
    ).toEqual([]);
  });

  it('KEYS uses the exact glob rules', () => {
    const h = new Harness();
    for (const k of [
      'hello',
      'hallo',
      'hxllo',
      'hllo',
      'heeeello',
      'hbllo',
      'h*llo',
      'h?llo',
      'h[a]llo',
      'h\\\\llo',
      'abc',
      'Hello',
    ]) {
      h.run(`SET "${k}" 1`);
    }
    expect(sortedLines(h.run('KEYS h[ae]llo'))).toEqual(['"hallo"', '"hello"']);
    expect(sortedLines(h.run('KEYS h[!e]llo'))).toEqual(['"hello"']);
    expect(h.run('KEYS *LLO')).toBe('(empty array)');
    expect(sortedLines(h.run('KEYS h\\*llo'))).toEqual(['"h*llo"']);
    expect(sortedLines(h.run('KEYS "h\\\\\\\\llo"'))).toEqual(['"h\\\\llo"']);
  });
});

describe('DBSIZE / FLUSHDB / FLUSHALL / SELECT', () => {
  it('follows the spec table', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET a 1', 'OK'],
        ['DBSIZE', '(integer) 1'],
        ['DBSIZE x', "(error) ERR wrong number of arguments for 'dbsize' command"],
        ['FLUSHDB ASYNC', 'OK'],
        ['FLUSHDB SYNC', 'OK'],
        ['FLUSHDB foo', SYNTAX],
        ['FLUSHDB ASYNC SYNC', SYNTAX],
        ['FLUSHALL foo', SYNTAX],
        ['SELECT 1', 'OK'],
        ['SET inone 1', 'OK'],
        ['SELECT 16', '(error) ERR DB index is out of range'],
        ['SELECT -1', '(error) ERR DB index is out of range'],
        ['SELECT abc', '(error) ERR value is not an integer or out of range'],
        ['SELECT 99999999999', '(error) ERR value is not an integer or out of range'],
        ['SELECT 0', 'OK'],
        ['EXISTS inone', '(integer) 0'],
        ['FLUSHDB', 'OK'],
        ['SELECT 1', 'OK'],
        ['EXISTS inone', '(integer) 1'],
        ['FLUSHALL', 'OK'],
        ['DBSIZE', '(integer) 0'],
      ]),
    ).toEqual([]);
  });

  it('shows the selected database and transactions in the prompt like redis-cli', () => {
    const h = new Harness();
    expect(h.session.prompt()).toBe('127.0.0.1:6379> ');
    h.run('SELECT 2');
    expect(h.session.prompt()).toBe('127.0.0.1:6379[2]> ');
    h.run('MULTI');
    expect(h.session.prompt()).toBe('127.0.0.1:6379[2](TX)> ');
    h.run('SELECT 5');
    expect(h.session.prompt()).toBe('127.0.0.1:6379[5](TX)> ');
    h.run('DISCARD');
    expect(h.session.prompt()).toBe('127.0.0.1:6379[2]> ');
  });
});

describe('RENAME / RENAMENX / COPY / MOVE', () => {
  it('RENAME carries the TTL and overwrites', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SETEX src 100 v', 'OK'],
        ['RENAME src dst', 'OK'],
        ['TTL dst', '(integer) 100'],
        ['EXISTS src', '(integer) 0'],
        ['RENAME missing x', '(error) ERR no such key'],
        ['RENAMENX missing x', '(error) ERR no such key'],
        ['RENAME missing missing', '(error) ERR no such key'],
        ['RENAME dst dst', 'OK'],
        ['RENAMENX dst dst', '(integer) 0'],
        ['SET other 1', 'OK'],
        ['RENAMENX dst other', '(integer) 0'],
        ['RENAMENX dst r2', '(integer) 1'],
        ['TTL r2', '(integer) 100'],
        ['SETEX other 50 x', 'OK'],
        ['SET plain p', 'OK'],
        ['RENAME plain other', 'OK'],
        ['TTL other', '(integer) -1'],
        ['GET other', '"p"'],
        ['RENAME a', "(error) ERR wrong number of arguments for 'rename' command"],
        ['RENAME a b c', "(error) ERR wrong number of arguments for 'rename' command"],
      ]),
    ).toEqual([]);
    h.takeEvents();
    h.run('RENAME other fresh');
    expect(h.takeEvents()).toEqual(['new fresh', 'rename_from other', 'rename_to fresh']);
  });

  it('COPY copies value and deadline, across databases too', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SETEX a 100 v', 'OK'],
        ['COPY a b', '(integer) 1'],
        ['TTL b', '(integer) 100'],
        ['COPY a b', '(integer) 0'],
        ['COPY a b REPLACE REPLACE', '(integer) 1'],
        ['COPY a a', '(error) ERR source and destination objects are the same'],
        ['COPY a a DB 1', '(integer) 1'],
        ['COPY a c DB 16', '(error) ERR DB index is out of range'],
        ['COPY a c DB abc', '(error) ERR value is not an integer or out of range'],
        ['COPY a c DB', SYNTAX],
        ['COPY a c foo', SYNTAX],
        ['COPY missing c', '(integer) 0'],
        ['RPUSH l1 x y', '(integer) 2'],
        ['COPY l1 l2', '(integer) 1'],
        ['RPUSH l2 z', '(integer) 3'],
        ['LLEN l1', '(integer) 2'],
        ['SELECT 1', 'OK'],
        ['TTL a', '(integer) 100'],
      ]),
    ).toEqual([]);
  });

  it('MOVE moves a key with its TTL', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SETEX a 100 v', 'OK'],
        ['MOVE a 0', '(error) ERR source and destination objects are the same'],
        ['MOVE a 1', '(integer) 1'],
        ['MOVE a 1', '(integer) 0'],
        ['SELECT 1', 'OK'],
        ['TTL a', '(integer) 100'],
      ]),
    ).toEqual([]);
  });
});

describe('OBJECT ENCODING', () => {
  it('reports int / embstr / raw by Redis rules', () => {
    const h = new Harness();
    const cases: [string, string][] = [
      ['10000', 'int'],
      ['-5', 'int'],
      ['007', 'embstr'],
      ['-0', 'embstr'],
      ['1.5', 'embstr'],
      ['" 12"', 'embstr'],
      ['123456789012345678901', 'embstr'],
      ['x'.repeat(44), 'embstr'],
      ['x'.repeat(45), 'raw'],
    ];
    for (const [value, enc] of cases) {
      h.run(`SET k ${value}`);
      expect(h.run('OBJECT ENCODING k'), value).toBe(`"${enc}"`);
    }
    expect(h.run('OBJECT ENCODING missing')).toBe('(nil)');
    expect(h.run('OBJECT')).toBe("(error) ERR wrong number of arguments for 'object' command");
    expect(h.run('OBJECT foo')).toBe("(error) ERR unknown subcommand 'foo'. Try OBJECT HELP.");
    expect(h.run('object foo')).toBe("(error) ERR unknown subcommand 'foo'. Try OBJECT HELP.");
    expect(h.run('OBJECT ENCODING a b')).toBe(
      "(error) ERR wrong number of arguments for 'object|encoding' command",
    );
    h.run('RPUSH l a');
    expect(h.run('OBJECT ENCODING l')).toBe('"quicklist"');
  });
});
