import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli. */
describe('LCS', () => {
  it('matches redis-server: the string, LEN, IDX with MINMATCHLEN and WITHMATCHLEN, errors', () => {
    expect(
      transcript(new Harness(), [
        ['FLUSHALL', 'OK'],
        ['MSET key1 ohmytext key2 mynewtext a ABCBDAB b BDCABA e "" n 12345 m 2345', 'OK'],
        ['LCS key1 key2', '"mytext"'],
        ['LCS key1 key2 LEN', '(integer) 6'],
        [
          'LCS key1 key2 IDX',
          '1) "matches"\n2) 1) 1) 1) (integer) 4\n         2) (integer) 7\n      2) 1) (integer) 5\n         2) (integer) 8\n   2) 1) 1) (integer) 2\n         2) (integer) 3\n      2) 1) (integer) 0\n         2) (integer) 1\n3) "len"\n4) (integer) 6',
        ],
        [
          'LCS key1 key2 IDX MINMATCHLEN 4',
          '1) "matches"\n2) 1) 1) 1) (integer) 4\n         2) (integer) 7\n      2) 1) (integer) 5\n         2) (integer) 8\n3) "len"\n4) (integer) 6',
        ],
        [
          'LCS key1 key2 IDX MINMATCHLEN 4 WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 4\n         2) (integer) 7\n      2) 1) (integer) 5\n         2) (integer) 8\n      3) (integer) 4\n3) "len"\n4) (integer) 6',
        ],
        [
          'LCS key1 key2 IDX WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 4\n         2) (integer) 7\n      2) 1) (integer) 5\n         2) (integer) 8\n      3) (integer) 4\n   2) 1) 1) (integer) 2\n         2) (integer) 3\n      2) 1) (integer) 0\n         2) (integer) 1\n      3) (integer) 2\n3) "len"\n4) (integer) 6',
        ],
        [
          'LCS key1 key2 idx minmatchlen -5 withmatchlen',
          '1) "matches"\n2) 1) 1) 1) (integer) 4\n         2) (integer) 7\n      2) 1) (integer) 5\n         2) (integer) 8\n      3) (integer) 4\n   2) 1) 1) (integer) 2\n         2) (integer) 3\n      2) 1) (integer) 0\n         2) (integer) 1\n      3) (integer) 2\n3) "len"\n4) (integer) 6',
        ],
        ['LCS a b', '"BDAB"'],
        [
          'LCS a b IDX WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 5\n         2) (integer) 6\n      2) 1) (integer) 3\n         2) (integer) 4\n      3) (integer) 2\n   2) 1) 1) (integer) 3\n         2) (integer) 4\n      2) 1) (integer) 0\n         2) (integer) 1\n      3) (integer) 2\n3) "len"\n4) (integer) 4',
        ],
        [
          'LCS b a IDX WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 5\n         2) (integer) 5\n      2) 1) (integer) 5\n         2) (integer) 5\n      3) (integer) 1\n   2) 1) 1) (integer) 4\n         2) (integer) 4\n      2) 1) (integer) 3\n         2) (integer) 3\n      3) (integer) 1\n   3) 1) 1) (integer) 2\n         2) (integer) 2\n      2) 1) (integer) 2\n         2) (integer) 2\n      3) (integer) 1\n   4) 1) 1) (integer) 0\n         2) (integer) 0\n      2) 1) (integer) 1\n         2) (integer) 1\n      3) (integer) 1\n3) "len"\n4) (integer) 4',
        ],
        ['LCS a b LEN IDX', '(error) ERR If you want both the length and indexes, please just use IDX.'],
        ['LCS a b IDX LEN', '(error) ERR If you want both the length and indexes, please just use IDX.'],
        ['LCS a b FOO', '(error) ERR syntax error'],
        ['LCS a b MINMATCHLEN', '(error) ERR syntax error'],
        ['LCS a b MINMATCHLEN x', '(error) ERR value is not an integer or out of range'],
        ['LCS a b MINMATCHLEN 99999999999999999999', '(error) ERR value is not an integer or out of range'],
        ['LCS a nokey', '""'],
        ['LCS nokey nokey2 IDX', '1) "matches"\n2) (empty array)\n3) "len"\n4) (integer) 0'],
        ['LCS e a IDX', '1) "matches"\n2) (empty array)\n3) "len"\n4) (integer) 0'],
        ['LCS n m', '"2345"'],
        [
          'LCS n m IDX WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 1\n         2) (integer) 4\n      2) 1) (integer) 0\n         2) (integer) 3\n      3) (integer) 4\n3) "len"\n4) (integer) 4',
        ],
        [
          'LCS a a IDX WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 0\n         2) (integer) 6\n      2) 1) (integer) 0\n         2) (integer) 6\n      3) (integer) 7\n3) "len"\n4) (integer) 7',
        ],
        ['LPUSH l x', '(integer) 1'],
        ['LCS a l', '(error) ERR The specified keys must contain string values'],
        ['LCS l a FOO', '(error) ERR The specified keys must contain string values'],
        ['LCS a', "(error) ERR wrong number of arguments for 'lcs' command"],
        ['SET x "aaaaabbbbbaaaaa"', 'OK'],
        ['SET y "bbaaaaaabbb"', 'OK'],
        [
          'LCS x y IDX WITHMATCHLEN',
          '1) "matches"\n2) 1) 1) 1) (integer) 7\n         2) (integer) 9\n      2) 1) (integer) 8\n         2) (integer) 10\n      3) (integer) 3\n   2) 1) 1) (integer) 0\n         2) (integer) 4\n      2) 1) (integer) 2\n         2) (integer) 6\n      3) (integer) 5\n3) "len"\n4) (integer) 8',
        ],
        [
          'LCS y x IDX WITHMATCHLEN MINMATCHLEN 2',
          '1) "matches"\n2) 1) 1) 1) (integer) 8\n         2) (integer) 10\n      2) 1) (integer) 7\n         2) (integer) 9\n      3) (integer) 3\n   2) 1) 1) (integer) 3\n         2) (integer) 7\n      2) 1) (integer) 0\n         2) (integer) 4\n      3) (integer) 5\n3) "len"\n4) (integer) 8',
        ],
        ['LCS x y LEN LEN', '(integer) 8'],
      ]),
    ).toEqual([]);
  });
});
