import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli. */
describe('SORT and SORT_RO', () => {
  // The transcript also covers Redis 7.0's stale-errno behaviour: after any strtod-family ERANGE
  // (ZADD 1e-400, ZCOUNT 1e400, HINCRBYFLOAT 1e5000, SORT of 1e400), SORT fails on text values
  // until string2d, string2ld or CONFIG SET maxmemory clears errno; integer-encoded values are
  // never parsed and so never fail.
  it('match redis-server replies and errors', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['RPUSH l 3 1 2 10 -5', '(integer) 5'],
        ['SORT l', '1) "-5"\n2) "1"\n3) "2"\n4) "3"\n5) "10"'],
        ['SORT l DESC', '1) "10"\n2) "3"\n3) "2"\n4) "1"\n5) "-5"'],
        ['SORT l ALPHA', '1) "-5"\n2) "1"\n3) "10"\n4) "2"\n5) "3"'],
        ['SORT l ALPHA DESC', '1) "3"\n2) "2"\n3) "10"\n4) "1"\n5) "-5"'],
        ['SORT l LIMIT 1 2', '1) "1"\n2) "2"'],
        ['SORT l LIMIT -5 2', '1) "-5"\n2) "1"'],
        ['SORT l LIMIT 1 -5', '1) "1"\n2) "2"\n3) "3"\n4) "10"'],
        ['SORT l LIMIT 5 1', '(empty array)'],
        ['SORT l LIMIT 0 0', '(empty array)'],
        ['SORT l LIMIT 4 10', '1) "10"'],
        ['SORT l LIMIT x 1', '(error) ERR value is not an integer or out of range'],
        ['SORT l LIMIT 1', '(error) ERR syntax error'],
        ['SORT l STORE', '(error) ERR syntax error'],
        ['SORT_RO l STORE x', '(error) ERR syntax error'],
        ['SORT l FOO', '(error) ERR syntax error'],
        ['SORT l BY nosort', '1) "3"\n2) "1"\n3) "2"\n4) "10"\n5) "-5"'],
        ['SORT l BY nosort DESC', '1) "-5"\n2) "10"\n3) "2"\n4) "1"\n5) "3"'],
        ['SORT l BY nosort DESC LIMIT 1 2', '1) "10"\n2) "2"'],
        ['SORT l BY nosort LIMIT 10 2', '(empty array)'],
        ['SORT nokey', '(empty array)'],
        ['SORT nokey STORE dst', '(integer) 0'],
        ['SORT nokey LIMIT x 1', '(error) ERR value is not an integer or out of range'],
        ['SET str v', 'OK'],
        ['SORT str', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['SORT str LIMIT x 1', '(error) ERR value is not an integer or out of range'],
        ['SORT_RO str', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HSET h a 1', '(integer) 1'],
        ['SORT h', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['MSET w_3 30 w_1 10 w_2 20 w_10 -1 w_-5 5', 'OK'],
        ['SORT l BY w_*', '1) "10"\n2) "-5"\n3) "1"\n4) "2"\n5) "3"'],
        ['SORT l BY w_* DESC', '1) "3"\n2) "2"\n3) "1"\n4) "-5"\n5) "10"'],
        ['SORT l BY w_* LIMIT 1 2', '1) "-5"\n2) "1"'],
        ['SORT l BY w_* GET #', '1) "10"\n2) "-5"\n3) "1"\n4) "2"\n5) "3"'],
        [
          'SORT l BY w_* GET # GET w_*',
          ' 1) "10"\n 2) "-1"\n 3) "-5"\n 4) "5"\n 5) "1"\n 6) "10"\n 7) "2"\n 8) "20"\n 9) "3"\n10) "30"',
        ],
        [
          'SORT l GET w_* GET nostar GET #',
          ' 1) "5"\n 2) (nil)\n 3) "-5"\n 4) "10"\n 5) (nil)\n 6) "1"\n 7) "20"\n 8) (nil)\n 9) "2"\n10) "30"\n11) (nil)\n12) "3"\n13) "-1"\n14) (nil)\n15) "10"',
        ],
        ['HSET o_1 name one n 5', '(integer) 2'],
        ['HSET o_2 name two n 3', '(integer) 2'],
        ['HSET o_3 name three n 9', '(integer) 2'],
        [
          'SORT l BY o_*->n GET o_*->name GET #',
          ' 1) (nil)\n 2) "-5"\n 3) (nil)\n 4) "10"\n 5) "two"\n 6) "2"\n 7) "one"\n 8) "1"\n 9) "three"\n10) "3"',
        ],
        ['SORT l BY o_*->n ALPHA', '1) "10"\n2) "-5"\n3) "2"\n4) "1"\n5) "3"'],
        ['SORT l BY o_*-> GET o_*->', '1) (nil)\n2) (nil)\n3) (nil)\n4) (nil)\n5) (nil)'],
        ['SORT l BY o_*->missing', '1) "-5"\n2) "1"\n3) "10"\n4) "2"\n5) "3"'],
        ['SORT l GET o_*->name STORE dst', '(integer) 5'],
        ['LRANGE dst 0 -1', '1) ""\n2) "one"\n3) "two"\n4) "three"\n5) ""'],
        ['TTL dst', '(integer) -1'],
        ['SET dst x', 'OK'],
        ['EXPIRE dst 1000', '(integer) 1'],
        ['SORT l STORE dst', '(integer) 5'],
        ['TTL dst', '(integer) -1'],
        ['TYPE dst', 'list'],
        ['SORT nokey STORE dst', '(integer) 0'],
        ['EXISTS dst', '(integer) 0'],
        ['RPUSH m 1 "" " 2" 3', '(integer) 4'],
        ['SORT m', '1) ""\n2) "1"\n3) " 2"\n4) "3"'],
        ['RPUSH bad 1 "2 " 3', '(integer) 3'],
        ['SORT bad', "(error) ERR One or more scores can't be converted into double"],
        ['SORT bad ALPHA', '1) "1"\n2) "2 "\n3) "3"'],
        ['SORT bad STORE dst2', "(error) ERR One or more scores can't be converted into double"],
        ['EXISTS dst2', '(integer) 0'],
        ['SORT bad BY nosort', '1) "1"\n2) "2 "\n3) "3"'],
        ['RPUSH inf 1e400 2', '(integer) 2'],
        ['SORT inf', "(error) ERR One or more scores can't be converted into double"],
        ['RPUSH infs inf -inf 0 0x10 1e-400', '(integer) 5'],
        ['SORT infs', "(error) ERR One or more scores can't be converted into double"],
        ['RPUSH infs2 inf -inf 0 0x10 nan', '(integer) 5'],
        ['SORT infs2', "(error) ERR One or more scores can't be converted into double"],
        ['SADD s 3 1 2', '(integer) 3'],
        ['SORT s', "(error) ERR One or more scores can't be converted into double"],
        ['SORT s BY nosort', '1) "1"\n2) "2"\n3) "3"'],
        ['SORT s BY nosort DESC', '1) "1"\n2) "2"\n3) "3"'],
        ['SORT s BY nosort STORE sd', '(integer) 3'],
        ['LRANGE sd 0 -1', '1) "1"\n2) "2"\n3) "3"'],
        ['SADD sa b c a', '(integer) 3'],
        ['SORT sa ALPHA', '1) "a"\n2) "b"\n3) "c"'],
        ['SORT sa BY nosort STORE sd', '(integer) 3'],
        ['LRANGE sd 0 -1', '1) "a"\n2) "b"\n3) "c"'],
        ['SORT sa', "(error) ERR One or more scores can't be converted into double"],
        ['ZADD z 3 a 1 b 2 c', '(integer) 3'],
        ['OBJECT ENCODING z', '"listpack"'],
        ['SORT_RO z BY nosort', '1) "b"\n2) "c"\n3) "a"'],
        ['OBJECT ENCODING z', '"skiplist"'],
        ['SORT z BY nosort DESC', '1) "a"\n2) "c"\n3) "b"'],
        ['SORT z BY nosort LIMIT 1 1', '1) "c"'],
        ['SORT z ALPHA', '1) "a"\n2) "b"\n3) "c"'],
        ['SORT z ALPHA DESC LIMIT 0 2', '1) "c"\n2) "b"'],
        ['SORT z', "(error) ERR One or more scores can't be converted into double"],
        ['ZADD zn 3 10 1 20 2 30', '(integer) 3'],
        ['SORT zn', '1) "10"\n2) "20"\n3) "30"'],
        ['SORT zn DESC', '1) "30"\n2) "20"\n3) "10"'],
        ['RPUSH dup b a b', '(integer) 3'],
        ['SORT dup ALPHA', '1) "a"\n2) "b"\n3) "b"'],
        ['SORT dup BY w_* ALPHA', '1) "b"\n2) "a"\n3) "b"'],
        ['ZADD zz 1e-400 a', '(error) ERR value is not a valid float'],
        ['RPUSH fl 1.5 0.5', '(integer) 2'],
        ['SORT fl', "(error) ERR One or more scores can't be converted into double"],
        ['SORT fl ALPHA', '1) "0.5"\n2) "1.5"'],
        ['ZADD zz 1 a', '(integer) 1'],
        ['SORT fl', '1) "0.5"\n2) "1.5"'],
        ['ZCOUNT zz 1e400 2', '(integer) 0'],
        ['SORT fl', "(error) ERR One or more scores can't be converted into double"],
        ['INCRBYFLOAT f 1', '"1"'],
        ['SORT fl', '1) "0.5"\n2) "1.5"'],
        ['HINCRBYFLOAT h2 f 1e5000', '(error) ERR value is not a valid float'],
        ['SORT fl', "(error) ERR One or more scores can't be converted into double"],
        ['CONFIG SET maxmemory 0', 'OK'],
        ['SORT fl', '1) "0.5"\n2) "1.5"'],
        ['RPUSH ints 3 1 2', '(integer) 3'],
        ['ZCOUNT zz 1e400 2', '(integer) 0'],
        ['SORT ints', '1) "1"\n2) "2"\n3) "3"'],
        ['MSET v_1 1.5 v_2 0.5 v_3 2', 'OK'],
        ['SORT ints BY v_*', "(error) ERR One or more scores can't be converted into double"],
        ['ZADD zz 2 a', '(integer) 0'],
        ['SORT ints BY v_*', '1) "2"\n2) "1"\n3) "3"'],
        ['SET f 1.5', 'OK'],
        ['ZCOUNT zz 1e400 2', '(integer) 0'],
        ['INCRBYFLOAT f 1', '"2.5"'],
        ['SORT fl', '1) "0.5"\n2) "1.5"'],
        ['LPUSH lst ""', '(integer) 1'],
        ['SET "" v', 'OK'],
        ['SORT lst BY nosort BY *', '1) ""'],
        ['SORT lst BY * BY nosort', '1) ""'],
        ['SORT lst BY *', "(error) ERR One or more scores can't be converted into double"],
      ]),
    ).toEqual([]);
  });

  it('sees errno as a SCAN-family cursor parse leaves it (cleared unless the cursor overflows)', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['ZADD z 1e-400 a', '(error) ERR value is not a valid float'],
        ['RPUSH n ""', '(integer) 1'],
        ['SORT n', "(error) ERR One or more scores can't be converted into double"],
        ['HSCAN z 0', '1) "0"\n2) (empty array)'],
        ['SORT n', '1) ""'],
      ]),
    ).toEqual([]);
  });

  it('stores with sortstore (replacing the destination and its TTL) or deletes on an empty result', () => {
    const h = new Harness();
    h.run('RPUSH l 2 1');
    h.run('SET d x');
    h.run('EXPIRE d 100');
    h.takeEvents();
    expect(h.run('SORT l STORE d')).toBe('(integer) 2');
    expect(h.run('TTL d')).toBe('(integer) -1');
    expect(h.run('SORT none STORE d')).toBe('(integer) 0');
    expect(h.takeEvents()).toEqual(['sortstore d', 'keymiss none', 'del d']);
  });
});
