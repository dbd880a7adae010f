import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/**
 * listpack/intset → hashtable/skiplist conversions at Redis 7.0's default thresholds
 * (hash-max-listpack-entries 512, zset-max-listpack-entries 128, set-max-intset-entries 512,
 * *-max-listpack-value 64), and that they are one-way. Expectations from redis-server 7.0.15.
 */
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('collection encodings', () => {
  it('convert at the default thresholds and never convert back', () => {
    const h = new Harness();
    h.run(`HSET bigh ${range(512, (i) => `f${i} ${i}`)}`);
    h.run(`ZADD bigz ${range(128, (i) => `${i} m${i}`)}`);
    h.run(`SADD bigs ${range(512, String)}`);
    h.run(`SADD bigs2 ${range(513, String)}`);
    h.run(`RPUSH sl ${range(200, (i) => `e${i}`)}`);
    expect(
      transcript(h, [
        ['OBJECT ENCODING bigh', '"listpack"'],
        ['HSET bigh extra 1', '(integer) 1'],
        ['OBJECT ENCODING bigh', '"hashtable"'],
        ['HDEL bigh extra f1', '(integer) 2'],
        ['OBJECT ENCODING bigh', '"hashtable"'],
        ['HLEN bigh', '(integer) 511'],
        ['OBJECT ENCODING bigz', '"listpack"'],
        ['ZADD bigz 1 extra', '(integer) 1'],
        ['OBJECT ENCODING bigz', '"skiplist"'],
        ['ZREM bigz extra m1', '(integer) 2'],
        ['OBJECT ENCODING bigz', '"skiplist"'],
        ['ZCARD bigz', '(integer) 127'],
        [
          'ZRANGE bigz 0 4 WITHSCORES',
          ' 1) "m0"\n 2) "0"\n 3) "m2"\n 4) "2"\n 5) "m3"\n 6) "3"\n 7) "m4"\n 8) "4"\n 9) "m5"\n10) "5"',
        ],
        ['ZRANGE bigz (3 +inf BYSCORE LIMIT 2 3', '1) "m6"\n2) "m7"\n3) "m8"'],
        ['ZREVRANGE bigz 0 2', '1) "m127"\n2) "m126"\n3) "m125"'],
        ['ZRANK bigz m100', '(integer) 99'],
        ['OBJECT ENCODING bigs', '"intset"'],
        ['SADD bigs 512', '(integer) 1'],
        ['OBJECT ENCODING bigs', '"hashtable"'],
        ['SREM bigs 512', '(integer) 1'],
        ['OBJECT ENCODING bigs', '"hashtable"'],
      ]),
    ).toEqual([]);
    // Popping most of a set rebuilds it from the survivors: all integers again, so an intset.
    h.run('SPOP bigs 500');
    expect(
      transcript(h, [
        ['OBJECT ENCODING bigs', '"intset"'],
        ['SCARD bigs', '(integer) 12'],
        ['OBJECT ENCODING bigs2', '"hashtable"'],
        ['SINTERSTORE inter bigs2 bigs2', '(integer) 513'],
        ['OBJECT ENCODING inter', '"hashtable"'],
      ]),
    ).toEqual([]);
    h.run('SPOP bigs2 10');
    expect(
      transcript(h, [
        ['OBJECT ENCODING bigs2', '"hashtable"'],
        ['HSET hh a 1', '(integer) 1'],
        ['HINCRBYFLOAT hh a 1e60', '"999999999999999999999373423426722168652130621984886772203520"'],
        ['OBJECT ENCODING hh', '"listpack"'],
        [
          'HINCRBYFLOAT hh b 1e70',
          '"10000000000000000000222479489586148259025995410601157579323600873193472"',
        ],
        ['OBJECT ENCODING hh', '"hashtable"'],
        ['ZADD zf 1 a', '(integer) 1'],
        ['ZINCRBY zf 1 qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq', '"1"'],
        ['OBJECT ENCODING zf', '"skiplist"'],
        ['SORT sl ALPHA LIMIT 10 3', '1) "e107"\n2) "e108"\n3) "e109"'],
        ['SORT sl BY nosort LIMIT 195 10', '1) "e195"\n2) "e196"\n3) "e197"\n4) "e198"\n5) "e199"'],
        ['OBJECT ENCODING sl', '"quicklist"'],
      ]),
    ).toEqual([]);
  });
});
