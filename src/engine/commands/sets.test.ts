import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli (random replies are only run). */
describe('set commands', () => {
  it('match redis-server replies and errors', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SADD s 3 1 2', '(integer) 3'],
        ['SADD s 2 10 -5', '(integer) 2'],
        ['SMEMBERS s', '1) "-5"\n2) "1"\n3) "2"\n4) "3"\n5) "10"'],
        ['OBJECT ENCODING s', '"intset"'],
        ['SADD s a', '(integer) 1'],
        ['OBJECT ENCODING s', '"hashtable"'],
        ['SREM s a', '(integer) 1'],
        ['OBJECT ENCODING s', '"hashtable"'],
        ['SCARD s', '(integer) 5'],
        ['SISMEMBER s 10', '(integer) 1'],
        ['SISMEMBER s 11', '(integer) 0'],
        ['SISMEMBER nokey 1', '(integer) 0'],
        ['SMISMEMBER s 1 x 2', '1) (integer) 1\n2) (integer) 0\n3) (integer) 1'],
        ['SMISMEMBER nokey 1 2', '1) (integer) 0\n2) (integer) 0'],
        ['SCARD nokey', '(integer) 0'],
        ['SMEMBERS nokey', '(empty array)'],
        ['SADD i 5 3 9 1 7', '(integer) 5'],
        ['OBJECT ENCODING i', '"intset"'],
        ['SADD j 9 3 4', '(integer) 3'],
        ['SMEMBERS j', '1) "3"\n2) "4"\n3) "9"'],
        ['SINTER i j', '1) "3"\n2) "9"'],
        ['SINTER i j nokey', '(empty array)'],
        ['SINTER nokey i', '(empty array)'],
        ['SUNION i j', '1) "1"\n2) "3"\n3) "4"\n4) "5"\n5) "7"\n6) "9"'],
        ['SUNION nokey j', '1) "3"\n2) "4"\n3) "9"'],
        ['SDIFF i j', '1) "1"\n2) "5"\n3) "7"'],
        ['SDIFF j i', '1) "4"'],
        ['SDIFF nokey i', '(empty array)'],
        ['SDIFF i nokey', '1) "1"\n2) "3"\n3) "5"\n4) "7"\n5) "9"'],
        ['SDIFF i i', '(empty array)'],
        ['SINTERSTORE d i j', '(integer) 2'],
        ['SMEMBERS d', '1) "3"\n2) "9"'],
        ['OBJECT ENCODING d', '"intset"'],
        ['SUNIONSTORE d i j', '(integer) 6'],
        ['SMEMBERS d', '1) "1"\n2) "3"\n3) "4"\n4) "5"\n5) "7"\n6) "9"'],
        ['SDIFFSTORE d j i', '(integer) 1'],
        ['SMEMBERS d', '1) "4"'],
        ['SET str x', 'OK'],
        ['EXPIRE str 1000', '(integer) 1'],
        ['SUNIONSTORE str i', '(integer) 5'],
        ['TYPE str', 'set'],
        ['TTL str', '(integer) -1'],
        ['SINTERSTORE str nokey', '(integer) 0'],
        ['EXISTS str', '(integer) 0'],
        ['SDIFFSTORE d2 nokey', '(integer) 0'],
        ['SINTERSTORE d2 i j x', '(integer) 0'],
        ['SET w v', 'OK'],
        ['SINTER i w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SINTER nokey w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SUNION w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SDIFF nokey w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SUNIONSTORE d w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SADD w 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SREM w 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SMEMBERS w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SCARD w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SISMEMBER w 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SMISMEMBER w 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SPOP w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SRANDMEMBER w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SMOVE w i 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SMOVE i w 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SMOVE nokey w 1', '(integer) 0'],
        ['SMOVE i j 5', '(integer) 1'],
        ['SMEMBERS i', '1) "1"\n2) "3"\n3) "7"\n4) "9"'],
        ['SMEMBERS j', '1) "3"\n2) "4"\n3) "5"\n4) "9"'],
        ['SMOVE i j 77', '(integer) 0'],
        ['SMOVE i i 3', '(integer) 1'],
        ['SMOVE i i 77', '(integer) 0'],
        ['SMOVE j newset 9', '(integer) 1'],
        ['SMOVE j newset 3', '(integer) 1'],
        ['SMOVE j newset 4', '(integer) 1'],
        ['SMOVE j newset 5', '(integer) 1'],
        ['EXISTS j', '(integer) 0'],
        ['SMEMBERS newset', '1) "3"\n2) "4"\n3) "5"\n4) "9"'],
        ['SINTERCARD 2 i newset', '(integer) 2'],
        ['SINTERCARD 2 i newset LIMIT 1', '(integer) 1'],
        ['SINTERCARD 2 i newset LIMIT 0', '(integer) 2'],
        ['SINTERCARD 2 i newset LIMIT -1', "(error) ERR LIMIT can't be negative"],
        ['SINTERCARD 2 i newset LIMIT x', "(error) ERR LIMIT can't be negative"],
        ['SINTERCARD 2 i newset LIMIT', '(error) ERR syntax error'],
        ['SINTERCARD 2 i newset FOO 1', '(error) ERR syntax error'],
        ['SINTERCARD 0 i', '(error) ERR numkeys should be greater than 0'],
        ['SINTERCARD -1 i', '(error) ERR numkeys should be greater than 0'],
        ['SINTERCARD x i', '(error) ERR numkeys should be greater than 0'],
        ['SINTERCARD 3 i newset', "(error) ERR Number of keys can't be greater than number of args"],
        ['SINTERCARD 1 nokey', '(integer) 0'],
        ['SINTERCARD 2 i w', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SINTERCARD 1 i', '(integer) 4'],
        ['SPOP nokey', '(nil)'],
        ['SPOP nokey 3', '(empty array)'],
        ['SPOP i 1 2', '(error) ERR syntax error'],
        ['SPOP i -1', '(error) ERR value is out of range, must be positive'],
        ['SPOP i x', '(error) ERR value is out of range, must be positive'],
        ['SPOP i 0', '(empty array)'],
        ['SRANDMEMBER nokey', '(nil)'],
        ['SRANDMEMBER nokey 3', '(empty array)'],
        ['SRANDMEMBER i 1 2', '(error) ERR syntax error'],
        ['SRANDMEMBER i x', '(error) ERR value is not an integer or out of range'],
        ['SRANDMEMBER i 0', '(empty array)'],
        [
          'SRANDMEMBER i -9223372036854775808',
          '(error) ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
        ],
        ['SRANDMEMBER i 100', '1) "1"\n2) "3"\n3) "7"\n4) "9"'],
        ['SADD one only', '(integer) 1'],
        ['SPOP one', '"only"'],
        ['EXISTS one', '(integer) 0'],
        ['SADD two a b', '(integer) 2'],
        ['SPOP two 5', '1) "a"\n2) "b"'],
        ['EXISTS two', '(integer) 0'],
        ['SSCAN i 0', '1) "0"\n2) 1) "1"\n   2) "3"\n   3) "7"\n   4) "9"'],
        ['SSCAN i 0 MATCH 1*', '1) "0"\n2) 1) "1"'],
        ['SSCAN big 5 COUNT 100', '1) "0"\n2) (empty array)'],
        ['SSCAN i x', '(error) ERR invalid cursor'],
        ['SSCAN i 0 COUNT 0', '(error) ERR syntax error'],
        ['SSCAN i 0 TYPE set', '(error) ERR syntax error'],
        ['SSCAN nokey 0 TYPE set', '1) "0"\n2) (empty array)'],
        ['SSCAN w 0', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SADD big a b c', '(integer) 3'],
        ['SSCAN big 0 MATCH b', '1) "0"\n2) 1) "b"'],
        ['SADD ints 1 2 3 4 5 6 7 8 9 10', '(integer) 10'],
      ]),
    ).toEqual([]);
    h.run('SPOP ints 9');
    expect(
      transcript(h, [
        ['OBJECT ENCODING ints', '"intset"'],
        ['SCARD ints', '(integer) 1'],
        ['SADD mix a 1 2 3 4 5 6 7 8 9', '(integer) 10'],
        ['SREM mix a', '(integer) 1'],
        ['OBJECT ENCODING mix', '"hashtable"'],
      ]),
    ).toEqual([]);
    h.run('SPOP mix 8');
    expect(
      transcript(h, [
        ['OBJECT ENCODING mix', '"intset"'],
        ['SADD mix2 a 1 2 3 4 5 6 7 8 9', '(integer) 10'],
        ['SREM mix2 a', '(integer) 1'],
      ]),
    ).toEqual([]);
    h.run('SPOP mix2 2');
    expect(
      transcript(h, [
        ['OBJECT ENCODING mix2', '"hashtable"'],
        ['COPY mix2 mix3', '(integer) 1'],
        ['OBJECT ENCODING mix3', '"hashtable"'],
      ]),
    ).toEqual([]);
  });

  it('fire events, keep TTLs on edits and replace the destination of STORE variants', () => {
    const h = new Harness();
    h.run('SADD s 1 2');
    h.run('SADD s 1');
    h.run('EXPIRE s 100');
    h.run('SREM s 9');
    h.run('SREM s 1');
    expect(h.run('TTL s')).toBe('(integer) 100');
    h.run('SMOVE s t 2');
    h.run('SET d x');
    h.run('SUNIONSTORE d t');
    h.run('SINTERSTORE d t missing');
    h.run('SADD p a b');
    h.run('SPOP p');
    h.run('SPOP p 5');
    expect(h.takeEvents()).toEqual([
      'new s',
      'sadd s',
      'expire s',
      'srem s',
      'srem s',
      'del s',
      'new t',
      'sadd t',
      'new d',
      'set d',
      'sunionstore d',
      'keymiss missing',
      'del d',
      'new p',
      'sadd p',
      'spop p',
      'spop p',
      'del p',
    ]);
  });

  it('deletes an expired but still stored destination with del when the result is empty', () => {
    const h = new Harness();
    h.run('SET d x PXAT 1');
    h.run('SET e x PXAT 1');
    h.run('SET f x PXAT 1');
    h.takeEvents();
    expect(h.run('SINTERSTORE d nokey')).toBe('(integer) 0');
    expect(h.run('BITOP AND e nokey')).toBe('(integer) 0');
    expect(h.run('SORT nokey STORE f')).toBe('(integer) 0');
    expect(h.takeEvents()).toEqual([
      'keymiss nokey',
      'del d',
      'keymiss nokey',
      'del e',
      'keymiss nokey',
      'del f',
    ]);
    expect(h.run('DBSIZE')).toBe('(integer) 0');
  });

  it('pops and picks random members', () => {
    const h = new Harness();
    h.run('SADD s 1 2 3 4 5 6 7 8 9 10');
    expect(h.run('SPOP s 3').split('\n')).toHaveLength(3);
    expect(h.run('SCARD s')).toBe('(integer) 7');
    expect(h.run('SRANDMEMBER s -20').split('\n')).toHaveLength(20);
    expect(h.run('SRANDMEMBER s 4').split('\n')).toHaveLength(4);
    expect(h.run('SPOP s 6').split('\n')).toHaveLength(6);
    expect(h.run('SCARD s')).toBe('(integer) 1');
    expect(h.run('SPOP s')).toMatch(/^"\d+"$/);
    expect(h.run('EXISTS s')).toBe('(integer) 0');
  });
});
