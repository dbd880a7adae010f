import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';
const SYNTAX = '(error) ERR syntax error';
const NOT_INT = '(error) ERR value is not an integer or out of range';

describe('SET', () => {
  it('follows NX/XX/GET semantics', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET k v', 'OK'],
        ['SET k v NX', '(nil)'],
        ['SET k v2 XX', 'OK'],
        ['SET newk v XX', '(nil)'],
        ['EXISTS newk', '(integer) 0'],
        ['SET k v NX XX', SYNTAX],
        ['SET k v XX NX', SYNTAX],
        ['SET k v NX NX', '(nil)'],
        ['SET k v foo', SYNTAX],
        ['SET k v EX', SYNTAX],
        ['SET k new GET', '"v2"'],
        ['SET nokey1 val GET', '(nil)'],
        ['GET nokey1', '"val"'],
        ['SET k v GET GET', '"new"'],
        ['SET k existing', 'OK'],
        ['SET k other NX GET', '"existing"'],
        ['GET k', '"existing"'],
        ['SET nk2 fresh NX GET', '(nil)'],
        ['GET nk2', '"fresh"'],
        ['SET nk3 v XX GET', '(nil)'],
        ['EXISTS nk3', '(integer) 0'],
        ['SET', "(error) ERR wrong number of arguments for 'set' command"],
        ['SET k', "(error) ERR wrong number of arguments for 'set' command"],
        ['SET k v EX 10 extra', SYNTAX],
        ['SET "" ""', 'OK'],
        ['GET ""', '""'],
        ['EXISTS ""', '(integer) 1'],
        ['SET bin "a\\x00b"', 'OK'],
        ['STRLEN bin', '(integer) 3'],
        ['GET bin', '"a\\x00b"'],
        ['SET q "é"', 'OK'],
        ['GET q', '"\\xc3\\xa9"'],
        ['STRLEN q', '(integer) 2'],
      ]),
    ).toEqual([]);
  });

  it('validates expire options in Redis order', () => {
    const h = new Harness();
    const conflicts = [
      'EX 10 PX 100',
      'PX 100 EX 10',
      'EX 10 EXAT 2000000000',
      'EX 10 KEEPTTL',
      'KEEPTTL EX 10',
      'KEEPTTL PX 10',
    ];
    for (const c of conflicts) expect(h.run(`SET k v ${c}`)).toBe(SYNTAX);
    for (const c of ['EX 0', 'EX -1', 'PX 0', 'PX -5', 'EXAT 0', 'PXAT 0', 'EXAT -1']) {
      expect(h.run(`SET k v ${c}`)).toBe("(error) ERR invalid expire time in 'set' command");
    }
    for (const c of ['EX 1.5', 'EX abc', 'EX ""', 'EX " 10"', 'EX 10abc', 'EX 9223372036854775808']) {
      expect(h.run(`SET k v ${c}`)).toBe(NOT_INT);
    }
    for (const c of [
      'EX 9223372036854775',
      'EX 9223372036854775807',
      'PX 9223372036854775807',
      'PX 9223372036854700000',
      'EXAT 9223372036854776',
    ]) {
      expect(h.run(`SET k v ${c}`)).toBe("(error) ERR invalid expire time in 'set' command");
    }
    expect(h.run('SET k v EXAT 9223372036854775')).toBe('OK');
    expect(h.run('PEXPIRETIME k')).toBe('(integer) 9223372036854775000');
    expect(h.run('SET k v PXAT 9223372036854775807')).toBe('OK');
    expect(h.run('PEXPIRETIME k')).toBe('(integer) 9223372036854775807');
    expect(h.run('EXPIRETIME k')).toBe('(integer) 9223372036854776');
    expect(h.run('PTTL k')).toBe(`(integer) ${9223372036854775807n - 1_700_000_000_000n}`);
  });

  it('checks the expire value before the type for GET', () => {
    const h = new Harness();
    h.run('RPUSH mylist a');
    expect(h.run('SET mylist v GET')).toBe(WRONGTYPE);
    expect(h.run('SET mylist v GET NX')).toBe(WRONGTYPE);
    expect(h.run('SET mylist v GET EX 0')).toBe("(error) ERR invalid expire time in 'set' command");
    expect(h.run('SET mylist v GET foo')).toBe(SYNTAX);
    expect(h.run('TYPE mylist')).toBe('list');
    expect(h.run('SET mylist v')).toBe('OK');
    expect(h.run('TYPE mylist')).toBe('string');
  });

  it('handles TTLs: last EX wins, plain SET clears, KEEPTTL keeps', () => {
    const h = new Harness();
    expect(h.runAll(['SET k v EX 10 EX 20', 'TTL k'])).toEqual(['OK', '(integer) 20']);
    expect(h.runAll(['SET k v EX 100', 'SET k v2', 'TTL k'])).toEqual(['OK', 'OK', '(integer) -1']);
    expect(h.runAll(['SET k v EX 100', 'SET k v3 KEEPTTL', 'TTL k', 'SET k v4 KEEPTTL XX', 'TTL k'])).toEqual(
      ['OK', 'OK', '(integer) 100', 'OK', '(integer) 100'],
    );
    expect(h.runAll(['SET k v GET EX 100 GET', 'TTL k'])).toEqual(['"v4"', '(integer) 100']);
    expect(h.runAll(['SET k v PX 5000 gEt', 'SET k v KeepTTL', 'PTTL k'])).toEqual([
      '"v"',
      'OK',
      '(integer) 5000',
    ]);
  });

  it('stores EXAT/PXAT in the past as an invisible key', () => {
    const h = new Harness();
    expect(h.runAll(['SET k v EXAT 1', 'DBSIZE', 'EXISTS k', 'DBSIZE'])).toEqual([
      'OK',
      '(integer) 1',
      '(integer) 0',
      '(integer) 0',
    ]);
    expect(h.takeEvents()).toEqual(['new k', 'set k', 'expire k', 'expired k', 'keymiss k']);
    expect(h.run('SET k v EXAT 1 GET')).toBe('(nil)');
  });

  it('expires at now > deadline, not at the deadline itself', () => {
    const h = new Harness();
    h.run('PSETEX k 1000 v');
    h.advance(1000);
    expect(h.run('GET k')).toBe('"v"');
    h.advance(1);
    expect(h.run('GET k')).toBe('(nil)');
  });
});

describe('SETEX / PSETEX / SETNX / GETSET / GETDEL', () => {
  it('SETEX and PSETEX', () => {
    const h = new Harness();
    expect(h.runAll(['SETEX k 100 v', 'TTL k'])).toEqual(['OK', '(integer) 100']);
    for (const v of ['0', '-1', '9223372036854775', '9223372036854775807']) {
      expect(h.run(`SETEX k ${v} v`)).toBe("(error) ERR invalid expire time in 'setex' command");
    }
    for (const v of ['abc', '1.5', '1e3', '99999999999999999999'])
      expect(h.run(`SETEX k ${v} v`)).toBe(NOT_INT);
    expect(h.run('SETEX k 10')).toBe("(error) ERR wrong number of arguments for 'setex' command");
    expect(h.run('SETEX k 10 v extra')).toBe("(error) ERR wrong number of arguments for 'setex' command");
    expect(h.runAll(['PSETEX k 1500 v', 'PTTL k', 'TTL k'])).toEqual(['OK', '(integer) 1500', '(integer) 2']);
    for (const v of ['0', '-1', '9223372036854775807']) {
      expect(h.run(`PSETEX k ${v} v`)).toBe("(error) ERR invalid expire time in 'psetex' command");
    }
    for (const v of ['abc', '1.5', '99999999999999999999']) expect(h.run(`PSETEX k ${v} v`)).toBe(NOT_INT);
    h.run('RPUSH lst a');
    expect(h.runAll(['SETEX lst 10 v', 'TYPE lst'])).toEqual(['OK', 'string']);
  });

  it('the seed example: PSETEX, GET, wait, GET', () => {
    const h = new Harness();
    expect(h.runAll(['PSETEX mykey 2000 "Hello"', 'GET mykey', 'DEBUG SLEEP 2.001', 'GET mykey'])).toEqual([
      'OK',
      '"Hello"',
      'OK',
      '(nil)',
    ]);
  });

  it('SETNX never raises WRONGTYPE and leaves no TTL', () => {
    const h = new Harness();
    h.run('RPUSH lst a');
    expect(h.runAll(['SETNX lst v', 'SETNX n v', 'SETNX n w', 'GET n', 'TTL n'])).toEqual([
      '(integer) 0',
      '(integer) 1',
      '(integer) 0',
      '"v"',
      '(integer) -1',
    ]);
  });

  it('GETSET returns the old value and clears the TTL', () => {
    const h = new Harness();
    expect(h.runAll(['GETSET k a', 'SETEX k 100 b', 'GETSET k c', 'TTL k', 'GET k'])).toEqual([
      '(nil)',
      'OK',
      '"b"',
      '(integer) -1',
      '"c"',
    ]);
    h.run('RPUSH lst a');
    expect(h.runAll(['GETSET lst v', 'TYPE lst'])).toEqual([WRONGTYPE, 'list']);
  });

  it('GETDEL', () => {
    const h = new Harness();
    h.run('RPUSH lst a');
    expect(h.runAll(['SET k v', 'GETDEL k', 'EXISTS k', 'GETDEL k', 'GETDEL lst', 'EXISTS lst'])).toEqual([
      'OK',
      '"v"',
      '(integer) 0',
      '(nil)',
      WRONGTYPE,
      '(integer) 1',
    ]);
  });
});

describe('GETEX', () => {
  it('sets, replaces and removes TTLs', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET k v', 'OK'],
        ['GETEX k', '"v"'],
        ['TTL k', '(integer) -1'],
        ['GETEX k EX 100', '"v"'],
        ['TTL k', '(integer) 100'],
        ['GETEX k PX 5000', '"v"'],
        ['PTTL k', '(integer) 5000'],
        ['GETEX k EXAT 4000000000', '"v"'],
        ['EXPIRETIME k', '(integer) 4000000000'],
        ['GETEX k PXAT 4000000000123', '"v"'],
        ['PEXPIRETIME k', '(integer) 4000000000123'],
        ['GETEX k PERSIST', '"v"'],
        ['TTL k', '(integer) -1'],
        ['GETEX nokey EX 10', '(nil)'],
        ['GETEX nokey PERSIST', '(nil)'],
        ['GETEX nokey EX 0', '(nil)'],
        ['GETEX k EX 0', "(error) ERR invalid expire time in 'getex' command"],
        ['GETEX k EX -1', "(error) ERR invalid expire time in 'getex' command"],
        ['GETEX k PX 0', "(error) ERR invalid expire time in 'getex' command"],
        ['GETEX k EXAT 0', "(error) ERR invalid expire time in 'getex' command"],
        ['GETEX k EX 9223372036854775', "(error) ERR invalid expire time in 'getex' command"],
        ['GETEX k EX abc', NOT_INT],
        ['GETEX k EX 10 PX 100', SYNTAX],
        ['GETEX k PERSIST EX 10', SYNTAX],
        ['GETEX k EX 10 PERSIST', SYNTAX],
        ['GETEX k KEEPTTL', SYNTAX],
        ['GETEX k NX', SYNTAX],
        ['GETEX k GET', SYNTAX],
        ['GETEX k EX', SYNTAX],
        ['GETEX nokey foo', SYNTAX],
        ['GETEX k EX 10 EX 20', '"v"'],
        ['TTL k', '(integer) 20'],
        ['GETEX k EXAT 1', '"v"'],
        ['EXISTS k', '(integer) 0'],
        ['GETEX', "(error) ERR wrong number of arguments for 'getex' command"],
      ]),
    ).toEqual([]);
    h.run('RPUSH lst a');
    expect(h.run('GETEX lst EX 10')).toBe(WRONGTYPE);
  });

  it('emits del for a past EXAT and persist only when a TTL was removed', () => {
    const h = new Harness();
    h.runAll(['SET k v', 'GETEX k PERSIST']);
    expect(h.takeEvents()).toEqual(['new k', 'set k']);
    h.runAll(['GETEX k EX 10', 'GETEX k PERSIST', 'GETEX k EXAT 1']);
    expect(h.takeEvents()).toEqual(['expire k', 'persist k', 'del k']);
  });
});

describe('MSET / MSETNX / MGET', () => {
  it('follows the spec table', () => {
    const h = new Harness();
    h.run('RPUSH lst x');
    expect(
      transcript(h, [
        ['MSET a 1 b 2 c 3', 'OK'],
        ['MSET a', "(error) ERR wrong number of arguments for 'mset' command"],
        ['MSET a 1 b', "(error) ERR wrong number of arguments for 'mset' command"],
        ['MSET', "(error) ERR wrong number of arguments for 'mset' command"],
        ['MSET a x a y', 'OK'],
        ['GET a', '"y"'],
        ['MSETNX a 1 zz 2', '(integer) 0'],
        ['EXISTS zz', '(integer) 0'],
        ['MSETNX y1 1 y2 2', '(integer) 1'],
        ['MSETNX y3 1 y3 2', '(integer) 1'],
        ['GET y3', '"2"'],
        ['MSETNX lst 1', '(integer) 0'],
        ['MSETNX y9', "(error) ERR wrong number of arguments for 'msetnx' command"],
        ['MGET a b c nokey lst', '1) "y"\n2) "2"\n3) "3"\n4) (nil)\n5) (nil)'],
        ['MGET', "(error) ERR wrong number of arguments for 'mget' command"],
      ]),
    ).toEqual([]);
  });

  it('MSET clears TTLs', () => {
    const h = new Harness();
    expect(h.runAll(['SETEX a 100 v', 'MSET a 1', 'TTL a'])).toEqual(['OK', 'OK', '(integer) -1']);
  });
});
