import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli. */
describe('list commands', () => {
  it('match redis-server replies and errors', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['RPUSH l a b c a b c a', '(integer) 7'],
        ['LINDEX l 0', '"a"'],
        ['LINDEX l -1', '"a"'],
        ['LINDEX l 7', '(nil)'],
        ['LINDEX l -8', '(nil)'],
        ['LINDEX l x', '(error) ERR value is not an integer or out of range'],
        ['LINDEX nokey x', '(nil)'],
        ['LINDEX nokey 0', '(nil)'],
        ['LSET l 0 A', 'OK'],
        ['LSET l -1 Z', 'OK'],
        ['LSET l 7 x', '(error) ERR index out of range'],
        ['LSET l x y', '(error) ERR value is not an integer or out of range'],
        ['LSET nokey 0 x', '(error) ERR no such key'],
        ['LSET nokey x x', '(error) ERR no such key'],
        ['LRANGE l 0 -1', '1) "A"\n2) "b"\n3) "c"\n4) "a"\n5) "b"\n6) "c"\n7) "Z"'],
        ['LINSERT l BEFORE b X', '(integer) 8'],
        ['LINSERT l after c Y', '(integer) 9'],
        ['LINSERT l AFTER nope Y', '(integer) -1'],
        ['LINSERT l middle b Y', '(error) ERR syntax error'],
        ['LINSERT nokey BEFORE a b', '(integer) 0'],
        ['LINSERT nokey foo a b', '(error) ERR syntax error'],
        ['LRANGE l 0 -1', '1) "A"\n2) "X"\n3) "b"\n4) "c"\n5) "Y"\n6) "a"\n7) "b"\n8) "c"\n9) "Z"'],
        ['LREM l 0 zzz', '(integer) 0'],
        ['LREM l 1 b', '(integer) 1'],
        ['LREM l -1 c', '(integer) 1'],
        ['LRANGE l 0 -1', '1) "A"\n2) "X"\n3) "c"\n4) "Y"\n5) "a"\n6) "b"\n7) "Z"'],
        ['LREM l 0 a', '(integer) 1'],
        ['LREM l x a', '(error) ERR value is not an integer or out of range'],
        ['LREM nokey 1 a', '(integer) 0'],
        ['LRANGE l 0 -1', '1) "A"\n2) "X"\n3) "c"\n4) "Y"\n5) "b"\n6) "Z"'],
        ['RPUSH r x x y x x', '(integer) 5'],
        ['LREM r -2 x', '(integer) 2'],
        ['LRANGE r 0 -1', '1) "x"\n2) "x"\n3) "y"'],
        ['RPUSH r2 x x y x x', '(integer) 5'],
        ['LREM r2 3 x', '(integer) 3'],
        ['LRANGE r2 0 -1', '1) "y"\n2) "x"'],
        ['LTRIM l 1 -1', 'OK'],
        ['LRANGE l 0 -1', '1) "X"\n2) "c"\n3) "Y"\n4) "b"\n5) "Z"'],
        ['LTRIM l x 1', '(error) ERR value is not an integer or out of range'],
        ['LTRIM nokey 0 1', 'OK'],
        ['LTRIM l 0 100', 'OK'],
        ['LTRIM l 5 1', 'OK'],
        ['EXISTS l', '(integer) 0'],
        ['RPUSH p a b c 1 2 3 c b a c', '(integer) 10'],
        ['LPOS p c', '(integer) 2'],
        ['LPOS p c RANK 2', '(integer) 6'],
        ['LPOS p c RANK -1', '(integer) 9'],
        ['LPOS p c RANK -2', '(integer) 6'],
        ['LPOS p c COUNT 0', '1) (integer) 2\n2) (integer) 6\n3) (integer) 9'],
        ['LPOS p c COUNT 2', '1) (integer) 2\n2) (integer) 6'],
        ['LPOS p c RANK 2 COUNT 0', '1) (integer) 6\n2) (integer) 9'],
        ['LPOS p c RANK -1 COUNT 0', '1) (integer) 9\n2) (integer) 6\n3) (integer) 2'],
        ['LPOS p c MAXLEN 3', '(integer) 2'],
        ['LPOS p c MAXLEN 2', '(nil)'],
        ['LPOS p c COUNT 0 MAXLEN 5', '1) (integer) 2'],
        ['LPOS p zz', '(nil)'],
        ['LPOS p zz COUNT 1', '(empty array)'],
        [
          'LPOS p c RANK 0',
          "(error) ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
        ],
        ['LPOS p c RANK x', '(error) ERR value is not an integer or out of range'],
        ['LPOS p c COUNT -1', "(error) ERR COUNT can't be negative"],
        ['LPOS p c COUNT x', "(error) ERR COUNT can't be negative"],
        ['LPOS p c MAXLEN -1', "(error) ERR MAXLEN can't be negative"],
        ['LPOS p c MAXLEN x', "(error) ERR MAXLEN can't be negative"],
        ['LPOS p c RANK', '(error) ERR syntax error'],
        ['LPOS p c FOO 1', '(error) ERR syntax error'],
        ['LPOS p c RANK 9', '(nil)'],
        ['LPOS p c RANK -9223372036854775808', '(integer) 9'],
        ['LPOS p c RANK -9223372036854775808 COUNT 2', '1) (integer) 9\n2) (integer) 6\n3) (integer) 2'],
        ['LPOS p c RANK 9223372036854775807', '(nil)'],
        ['LPOS nokey a', '(nil)'],
        ['LPOS nokey a COUNT 1', '(empty array)'],
        [
          'LPOS nokey a RANK 0',
          "(error) ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
        ],
        ['RPUSH m 1 2 3', '(integer) 3'],
        ['LMOVE m dst LEFT RIGHT', '"1"'],
        ['LMOVE m dst right left', '"3"'],
        ['LMOVE m dst UP LEFT', '(error) ERR syntax error'],
        ['LMOVE m dst LEFT DOWN', '(error) ERR syntax error'],
        ['LRANGE m 0 -1', '1) "2"'],
        ['LRANGE dst 0 -1', '1) "3"\n2) "1"'],
        ['LMOVE m m LEFT RIGHT', '"2"'],
        ['LRANGE m 0 -1', '1) "2"'],
        ['LMOVE m dst LEFT LEFT', '"2"'],
        ['EXISTS m', '(integer) 0'],
        ['LRANGE dst 0 -1', '1) "2"\n2) "3"\n3) "1"'],
        ['LMOVE nokey dst LEFT LEFT', '(nil)'],
        ['RPOPLPUSH dst dst', '"1"'],
        ['LRANGE dst 0 -1', '1) "1"\n2) "2"\n3) "3"'],
        ['RPOPLPUSH dst new', '"3"'],
        ['LRANGE new 0 -1', '1) "3"'],
        ['RPOPLPUSH nokey dst', '(nil)'],
        ['SET s v', 'OK'],
        ['RPOPLPUSH dst s', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          'LMOVE s dst LEFT LEFT',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        ['LMOVE nokey s LEFT LEFT', '(nil)'],
        ['LPUSHX s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['LPUSHX nokey a', '(integer) 0'],
        ['EXISTS nokey', '(integer) 0'],
        ['LPUSHX dst x y', '(integer) 4'],
        ['RPUSHX dst z', '(integer) 5'],
        ['LRANGE dst 0 -1', '1) "y"\n2) "x"\n3) "1"\n4) "2"\n5) "z"'],
        ['LINDEX s 0', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['LSET s 0 a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['LINSERT s BEFORE a b', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['LREM s 0 a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['LTRIM s 0 1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['LPOS s a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
      ]),
    ).toEqual([]);
  });

  it('fire events in Redis order, keep TTLs and delete emptied lists', () => {
    const h = new Harness();
    h.run('RPUSH l a b');
    h.run('EXPIRE l 100');
    h.run('LSET l 0 x');
    h.run('LINSERT l AFTER x y');
    h.run('LREM l 0 nope');
    h.run('LREM l 1 y');
    h.run('LTRIM l 0 -1');
    expect(h.run('TTL l')).toBe('(integer) 100');
    h.run('LMOVE l d LEFT RIGHT');
    h.run('LMOVE l d LEFT RIGHT');
    h.run('LPUSHX l z');
    h.run('RPUSHX d z');
    h.run('LTRIM d 1 0');
    expect(h.takeEvents()).toEqual([
      'new l',
      'rpush l',
      'expire l',
      'lset l',
      'linsert l',
      'lrem l',
      'ltrim l',
      'new d',
      'rpush d',
      'lpop l',
      'rpush d',
      'lpop l',
      'del l',
      'rpush d',
      'ltrim d',
      'del d',
    ]);
  });
});
