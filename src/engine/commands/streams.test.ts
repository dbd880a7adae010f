import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli (explicit IDs: `*` reads the clock). */
describe('stream commands', () => {
  it('match redis-server replies and errors for XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM and XSETID', () => {
    expect(
      transcript(new Harness(), [
        ['XADD s 1-1 name Sara surname OConnor', '"1-1"'],
        ['XADD s 1-2 name Bob', '"1-2"'],
        ['XADD s 2-* f v', '"2-0"'],
        ['XADD s 2-* f v', '"2-1"'],
        ['XADD s 5 a 1 b 2', '"5-0"'],
        [
          'XADD s 3-0 x y',
          '(error) ERR The ID specified in XADD is equal or smaller than the target stream top item',
        ],
        [
          'XADD s 5-0 x y',
          '(error) ERR The ID specified in XADD is equal or smaller than the target stream top item',
        ],
        ['XADD s 0-0 x y', '(error) ERR The ID specified in XADD must be greater than 0-0'],
        [
          'XADD s 0-1 x y',
          '(error) ERR The ID specified in XADD is equal or smaller than the target stream top item',
        ],
        ['XADD new 0-0 x y', '(error) ERR The ID specified in XADD must be greater than 0-0'],
        ['EXISTS new', '(integer) 0'],
        ['XADD s 6-0 x', "(error) ERR wrong number of arguments for 'xadd' command"],
        ['XADD s 6-0', "(error) ERR wrong number of arguments for 'xadd' command"],
        ['XADD s abc x y', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XADD s 6-x x y', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XADD s -1 x y', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XADD s 6-1-2 x y', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XADD s 18446744073709551615-0 x y', '"18446744073709551615-0"'],
        ['XADD s 18446744073709551615-* x y', '"18446744073709551615-1"'],
        [
          'XADD s 18446744073709551615-18446744073709551615 x y',
          '"18446744073709551615-18446744073709551615"',
        ],
        [
          'XADD s 18446744073709551615-* x y',
          '(error) ERR The stream has exhausted the last possible ID, unable to add more items',
        ],
        [
          'XADD s * x y',
          '(error) ERR The stream has exhausted the last possible ID, unable to add more items',
        ],
        ['XADD s2 " 7" x y', '"7-0"'],
        ['XADD s2 "+8" x y', '"8-0"'],
        ['XADD s2 "009" x y', '"9-0"'],
        ['XADD s2 "00010-1" x y', '"10-1"'],
        ['XADD s2 " -5" x y', '(error) ERR Invalid stream ID specified as stream command argument'],
        [
          'XADD s2 18446744073709551616 x y',
          '(error) ERR Invalid stream ID specified as stream command argument',
        ],
        [
          'XRANGE s2 - +',
          '1) 1) "7-0"\n   2) 1) "x"\n      2) "y"\n2) 1) "8-0"\n   2) 1) "x"\n      2) "y"\n3) 1) "9-0"\n   2) 1) "x"\n      2) "y"\n4) 1) "10-1"\n   2) 1) "x"\n      2) "y"',
        ],
        ['XADD s3 NOMKSTREAM 1-1 a b', '(nil)'],
        ['EXISTS s3', '(integer) 0'],
        ['XADD s3 NOMKSTREAM * a b', '(nil)'],
        ['SET str v', 'OK'],
        ['XADD str 1-1 a b', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['XLEN str', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['XLEN s', '(integer) 8'],
        ['XLEN nokey', '(integer) 0'],
        [
          'XRANGE s - +',
          '1) 1) "1-1"\n   2) 1) "name"\n      2) "Sara"\n      3) "surname"\n      4) "OConnor"\n2) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"\n3) 1) "2-0"\n   2) 1) "f"\n      2) "v"\n4) 1) "2-1"\n   2) 1) "f"\n      2) "v"\n5) 1) "5-0"\n   2) 1) "a"\n      2) "1"\n      3) "b"\n      4) "2"\n6) 1) "18446744073709551615-0"\n   2) 1) "x"\n      2) "y"\n7) 1) "18446744073709551615-1"\n   2) 1) "x"\n      2) "y"\n8) 1) "18446744073709551615-18446744073709551615"\n   2) 1) "x"\n      2) "y"',
        ],
        [
          'XRANGE s - + COUNT 2',
          '1) 1) "1-1"\n   2) 1) "name"\n      2) "Sara"\n      3) "surname"\n      4) "OConnor"\n2) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"',
        ],
        ['XRANGE s - + COUNT 0', '(nil)'],
        ['XRANGE s - + COUNT -1', '(nil)'],
        ['XRANGE s - + COUNT x', '(error) ERR value is not an integer or out of range'],
        ['XRANGE s - + FOO', '(error) ERR syntax error'],
        ['XRANGE s 2 2', '1) 1) "2-0"\n   2) 1) "f"\n      2) "v"\n2) 1) "2-1"\n   2) 1) "f"\n      2) "v"'],
        [
          'XRANGE s (1-1 (5-0',
          '1) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"\n2) 1) "2-0"\n   2) 1) "f"\n      2) "v"\n3) 1) "2-1"\n   2) 1) "f"\n      2) "v"',
        ],
        [
          'XRANGE s (1-2 +',
          '1) 1) "2-0"\n   2) 1) "f"\n      2) "v"\n2) 1) "2-1"\n   2) 1) "f"\n      2) "v"\n3) 1) "5-0"\n   2) 1) "a"\n      2) "1"\n      3) "b"\n      4) "2"\n4) 1) "18446744073709551615-0"\n   2) 1) "x"\n      2) "y"\n5) 1) "18446744073709551615-1"\n   2) 1) "x"\n      2) "y"\n6) 1) "18446744073709551615-18446744073709551615"\n   2) 1) "x"\n      2) "y"',
        ],
        [
          'XRANGE s - (2-0',
          '1) 1) "1-1"\n   2) 1) "name"\n      2) "Sara"\n      3) "surname"\n      4) "OConnor"\n2) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"',
        ],
        [
          'XRANGE s (18446744073709551615-18446744073709551615 +',
          '(error) ERR invalid start ID for the interval',
        ],
        ['XRANGE s - (0-0', '(error) ERR invalid end ID for the interval'],
        ['XRANGE s (- +', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XRANGE s + -', '(empty array)'],
        ['XRANGE s 5 1', '(empty array)'],
        ['XRANGE s x +', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XRANGE nokey - +', '(empty array)'],
        ['XRANGE str - +', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          'XREVRANGE s + -',
          '1) 1) "18446744073709551615-18446744073709551615"\n   2) 1) "x"\n      2) "y"\n2) 1) "18446744073709551615-1"\n   2) 1) "x"\n      2) "y"\n3) 1) "18446744073709551615-0"\n   2) 1) "x"\n      2) "y"\n4) 1) "5-0"\n   2) 1) "a"\n      2) "1"\n      3) "b"\n      4) "2"\n5) 1) "2-1"\n   2) 1) "f"\n      2) "v"\n6) 1) "2-0"\n   2) 1) "f"\n      2) "v"\n7) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"\n8) 1) "1-1"\n   2) 1) "name"\n      2) "Sara"\n      3) "surname"\n      4) "OConnor"',
        ],
        [
          'XREVRANGE s + - COUNT 1',
          '1) 1) "18446744073709551615-18446744073709551615"\n   2) 1) "x"\n      2) "y"',
        ],
        [
          'XREVRANGE s (5-0 (1-1',
          '1) 1) "2-1"\n   2) 1) "f"\n      2) "v"\n2) 1) "2-0"\n   2) 1) "f"\n      2) "v"\n3) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"',
        ],
        [
          'XREVRANGE s 2-1 2-0',
          '1) 1) "2-1"\n   2) 1) "f"\n      2) "v"\n2) 1) "2-0"\n   2) 1) "f"\n      2) "v"',
        ],
        ['XDEL s 2-0 99-0 1-1', '(integer) 2'],
        ['XDEL s 2-0', '(integer) 0'],
        ['XDEL s x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XDEL s 1-2 1-x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XDEL nokey 1-1', '(integer) 0'],
        ['XDEL str 1-1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          'XRANGE s - +',
          '1) 1) "1-2"\n   2) 1) "name"\n      2) "Bob"\n2) 1) "2-1"\n   2) 1) "f"\n      2) "v"\n3) 1) "5-0"\n   2) 1) "a"\n      2) "1"\n      3) "b"\n      4) "2"\n4) 1) "18446744073709551615-0"\n   2) 1) "x"\n      2) "y"\n5) 1) "18446744073709551615-1"\n   2) 1) "x"\n      2) "y"\n6) 1) "18446744073709551615-18446744073709551615"\n   2) 1) "x"\n      2) "y"',
        ],
        ['XLEN s', '(integer) 6'],
        ['XTRIM s MAXLEN 2', '(integer) 4'],
        [
          'XRANGE s - +',
          '1) 1) "18446744073709551615-1"\n   2) 1) "x"\n      2) "y"\n2) 1) "18446744073709551615-18446744073709551615"\n   2) 1) "x"\n      2) "y"',
        ],
        ['XTRIM s MAXLEN 10', '(integer) 0'],
        ['XTRIM s MINID 5-0', '(integer) 0'],
        ['XTRIM s MINID 5-1', '(integer) 0'],
        ['XLEN s', '(integer) 2'],
        [
          'XINFO STREAM s',
          ' 1) "length"\n 2) (integer) 2\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "18446744073709551615-18446744073709551615"\n 9) "max-deleted-entry-id"\n10) "2-0"\n11) "entries-added"\n12) (integer) 8\n13) "recorded-first-entry-id"\n14) "18446744073709551615-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "18446744073709551615-1"\n    2) 1) "x"\n       2) "y"\n19) "last-entry"\n20) 1) "18446744073709551615-18446744073709551615"\n    2) 1) "x"\n       2) "y"',
        ],
        ['XTRIM s', "(error) ERR wrong number of arguments for 'xtrim' command"],
        ['XTRIM s FOO 1', '(error) ERR syntax error'],
        ['XTRIM s MAXLEN -1', '(error) ERR The MAXLEN argument must be >= 0.'],
        ['XTRIM s MAXLEN x', '(error) ERR value is not an integer or out of range'],
        [
          'XTRIM s MAXLEN 1 MINID 1',
          '(error) ERR syntax error, MAXLEN and MINID options at the same time are not compatible',
        ],
        [
          'XTRIM s MAXLEN 1 LIMIT 10',
          '(error) ERR syntax error, LIMIT cannot be used without the special ~ option',
        ],
        ['XTRIM s MAXLEN ~ 1 LIMIT -1', '(error) ERR The LIMIT argument must be >= 0.'],
        ['XTRIM s MAXLEN ~ 1 LIMIT x', '(error) ERR value is not an integer or out of range'],
        ['XTRIM s LIMIT 10 MAXLEN ~ 1', '(integer) 0'],
        ['XTRIM s MINID ~ x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XTRIM s MINID - ', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XTRIM s MAXLEN = 0', '(integer) 2'],
        ['XLEN s', '(integer) 0'],
        ['XTRIM nokey MAXLEN 0', '(integer) 0'],
        ['XTRIM str MAXLEN 0', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          'XADD s LIMIT 1 * a b',
          '(error) ERR syntax error, LIMIT cannot be used without specifying a trimming strategy',
        ],
        [
          'XADD s MAXLEN 1 LIMIT 1 * a b',
          '(error) ERR syntax error, LIMIT cannot be used without the special ~ option',
        ],
        [
          'XADD s MAXLEN 1 LIMIT 0 * a b',
          '(error) ERR syntax error, LIMIT cannot be used without the special ~ option',
        ],
        [
          'XINFO STREAM s',
          ' 1) "length"\n 2) (integer) 0\n 3) "radix-tree-keys"\n 4) (integer) 0\n 5) "radix-tree-nodes"\n 6) (integer) 1\n 7) "last-generated-id"\n 8) "18446744073709551615-18446744073709551615"\n 9) "max-deleted-entry-id"\n10) "2-0"\n11) "entries-added"\n12) (integer) 8\n13) "recorded-first-entry-id"\n14) "0-0"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) (nil)\n19) "last-entry"\n20) (nil)',
        ],
        ['XSETID s 5-0', 'OK'],
        ['XSETID s 9-0', 'OK'],
        [
          'XINFO STREAM s',
          ' 1) "length"\n 2) (integer) 0\n 3) "radix-tree-keys"\n 4) (integer) 0\n 5) "radix-tree-nodes"\n 6) (integer) 1\n 7) "last-generated-id"\n 8) "9-0"\n 9) "max-deleted-entry-id"\n10) "2-0"\n11) "entries-added"\n12) (integer) 8\n13) "recorded-first-entry-id"\n14) "0-0"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) (nil)\n19) "last-entry"\n20) (nil)',
        ],
        ['XSETID s 100-0 ENTRIESADDED 0', 'OK'],
        ['XSETID s 100-0 ENTRIESADDED -1', '(error) ERR entries_added must be positive'],
        [
          'XSETID s 100-0 MAXDELETEDID 200-0',
          '(error) ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id',
        ],
        ['XSETID s 100-0 MAXDELETEDID 50-0 ENTRIESADDED 42', 'OK'],
        [
          'XINFO STREAM s',
          ' 1) "length"\n 2) (integer) 0\n 3) "radix-tree-keys"\n 4) (integer) 0\n 5) "radix-tree-nodes"\n 6) (integer) 1\n 7) "last-generated-id"\n 8) "100-0"\n 9) "max-deleted-entry-id"\n10) "50-0"\n11) "entries-added"\n12) (integer) 42\n13) "recorded-first-entry-id"\n14) "0-0"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) (nil)\n19) "last-entry"\n20) (nil)',
        ],
        ['XSETID s x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XSETID s 100-0 FOO', '(error) ERR syntax error'],
        ['XSETID nokey 1-1', '(error) ERR no such key'],
        ['XSETID str 1-1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          'XADD s 100-0 a b',
          '(error) ERR The ID specified in XADD is equal or smaller than the target stream top item',
        ],
        ['XADD s 100-1 a b', '"100-1"'],
      ]),
    ).toEqual([]);
  });

  it('match redis-server for consumer groups, XREAD and XINFO (no clock-dependent fields)', () => {
    expect(
      transcript(new Harness(), [
        ['XADD s 1-0 a 1', '"1-0"'],
        ['XADD s 2-0 b 2', '"2-0"'],
        ['XADD s 3-0 c 3', '"3-0"'],
        ['SET str v', 'OK'],
        ['XGROUP CREATE s g1 0', 'OK'],
        ['XGROUP CREATE s g1 0', '(error) BUSYGROUP Consumer Group name already exists'],
        ['XGROUP CREATE s g2 $', 'OK'],
        ['XGROUP CREATE s g3 2-0 ENTRIESREAD 2', 'OK'],
        ['XGROUP CREATE s g4 0 ENTRIESREAD -2', '(error) ERR value for ENTRIESREAD must be positive or -1'],
        ['XGROUP CREATE s g4 0 ENTRIESREAD x', '(error) ERR value is not an integer or out of range'],
        [
          'XGROUP CREATE s g4 0 FOO',
          "(error) ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.",
        ],
        ['XGROUP CREATE s g4 x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XGROUP CREATE s g4 -', '(error) ERR Invalid stream ID specified as stream command argument'],
        [
          'XGROUP CREATE nokey g1 0',
          '(error) ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
        ],
        ['XGROUP CREATE nokey g1 $ MKSTREAM', 'OK'],
        ['XLEN nokey', '(integer) 0'],
        [
          'XGROUP CREATE str g1 0',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        [
          'XGROUP CREATE str g1 0 MKSTREAM',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        ['XGROUP SETID s nogroup 0', "(error) NOGROUP No such consumer group 'nogroup' for key name 's'"],
        [
          'XGROUP CREATECONSUMER s nogroup c',
          "(error) NOGROUP No such consumer group 'nogroup' for key name 's'",
        ],
        [
          'XGROUP DELCONSUMER s nogroup c',
          "(error) NOGROUP No such consumer group 'nogroup' for key name 's'",
        ],
        ['XGROUP DESTROY s nogroup', '(integer) 0'],
        [
          'XGROUP DESTROY nokey2 g',
          '(error) ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
        ],
        ['XGROUP FOO s g', "(error) ERR unknown subcommand 'FOO'. Try XGROUP HELP."],
        ['XGROUP', "(error) ERR wrong number of arguments for 'xgroup' command"],
        ['XGROUP CREATE s g5', "(error) ERR wrong number of arguments for 'xgroup|create' command"],
        [
          'XGROUP SETID s g1 0 ENTRIESREAD',
          "(error) ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.",
        ],
        [
          'XGROUP SETID s g1 0 MKSTREAM',
          "(error) ERR unknown subcommand or wrong number of arguments for 'SETID'. Try XGROUP HELP.",
        ],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "0-0"\n    9) "entries-read"\n   10) (nil)\n   11) "lag"\n   12) (integer) 3\n2)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "3-0"\n    9) "entries-read"\n   10) (nil)\n   11) "lag"\n   12) (integer) 0\n3)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "2-0"\n    9) "entries-read"\n   10) (integer) 2\n   11) "lag"\n   12) (integer) 1',
        ],
        [
          'XREADGROUP GROUP g1 alice COUNT 1 STREAMS s >',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"',
        ],
        [
          'XREADGROUP GROUP g1 alice STREAMS s >',
          '1) 1) "s"\n   2) 1) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      2) 1) "3-0"\n         2) 1) "c"\n            2) "3"',
        ],
        ['XREADGROUP GROUP g1 alice STREAMS s >', '(nil)'],
        ['XREADGROUP GROUP g1 bob STREAMS s 0', '1) 1) "s"\n   2) (empty array)'],
        [
          'XREADGROUP GROUP g1 alice STREAMS s 0',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"\n      2) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      3) 1) "3-0"\n         2) 1) "c"\n            2) "3"',
        ],
        [
          'XREADGROUP GROUP g1 alice COUNT 1 STREAMS s 0',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"',
        ],
        [
          'XREADGROUP GROUP g1 alice STREAMS s 1-0',
          '1) 1) "s"\n   2) 1) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      2) 1) "3-0"\n         2) 1) "c"\n            2) "3"',
        ],
        [
          'XREADGROUP GROUP g1 alice STREAMS s $',
          '(error) ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        ],
        [
          'XREADGROUP GROUP nog alice STREAMS s >',
          "(error) NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option",
        ],
        ['XREADGROUP GROUP g1 alice STREAMS nokey >', '(nil)'],
        [
          'XREADGROUP GROUP g1 alice STREAMS str >',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        [
          'XREADGROUP GROUP g1 alice STREAMS s',
          "(error) ERR wrong number of arguments for 'xreadgroup' command",
        ],
        ['XREADGROUP alice STREAMS s >', "(error) ERR wrong number of arguments for 'xreadgroup' command"],
        [
          'XREADGROUP GROUP g1 alice STREAMS s x',
          '(error) ERR Invalid stream ID specified as stream command argument',
        ],
        [
          'XREADGROUP GROUP g1 alice NOACK STREAMS s 0',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"\n      2) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      3) 1) "3-0"\n         2) 1) "c"\n            2) "3"',
        ],
        ['XPENDING s g1', '1) (integer) 3\n2) "1-0"\n3) "3-0"\n4) 1) 1) "alice"\n      2) "3"'],
        ['XPENDING s g2', '1) (integer) 0\n2) (nil)\n3) (nil)\n4) (nil)'],
        ['XPENDING s nog', "(error) NOGROUP No such key 's' or consumer group 'nog'"],
        ['XPENDING nokey g1', '1) (integer) 0\n2) (nil)\n3) (nil)\n4) (nil)'],
        ['XPENDING str g1', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['XPENDING s g1 - + 10 nobody', '(empty array)'],
        ['XPENDING s g1 - +', '(error) ERR syntax error'],
        ['XPENDING s g1 - + x', '(error) ERR value is not an integer or out of range'],
        ['XPENDING s g1 x + 10', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XPENDING s g1 IDLE 99999999 - + 10', '(empty array)'],
        ['XPENDING s g1 IDLE x - + 10', '(error) ERR value is not an integer or out of range'],
        ['XPENDING s g1 IDLE 10 - +', '(error) ERR syntax error'],
        ['XPENDING s g1 (3-0 + 10', '(empty array)'],
        ['XPENDING s g1 - (0-0 10', '(error) ERR invalid end ID for the interval'],
        ['XPENDING s g1 - + 0', '(empty array)'],
        ['XPENDING s g1 - + -5', '(empty array)'],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 2\n    5) "pending"\n    6) (integer) 3\n    7) "last-delivered-id"\n    8) "3-0"\n    9) "entries-read"\n   10) (integer) 3\n   11) "lag"\n   12) (integer) 0\n2)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "3-0"\n    9) "entries-read"\n   10) (nil)\n   11) "lag"\n   12) (integer) 0\n3)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "2-0"\n    9) "entries-read"\n   10) (integer) 2\n   11) "lag"\n   12) (integer) 1',
        ],
        ['XACK s g1 1-0 9-0', '(integer) 1'],
        ['XACK s g1 1-0', '(integer) 0'],
        ['XACK s nog 1-0', '(integer) 0'],
        ['XACK nokey g1 1-0', '(integer) 0'],
        ['XACK s g1 x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XACK str g1 1-0', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['XPENDING s g1', '1) (integer) 2\n2) "2-0"\n3) "3-0"\n4) 1) 1) "alice"\n      2) "2"'],
        ['XREADGROUP GROUP g2 carol STREAMS s >', '(nil)'],
        ['XADD s 4-0 d 4', '"4-0"'],
        [
          'XREADGROUP GROUP g2 carol STREAMS s >',
          '1) 1) "s"\n   2) 1) 1) "4-0"\n         2) 1) "d"\n            2) "4"',
        ],
        [
          'XREADGROUP GROUP g3 dave NOACK STREAMS s >',
          '1) 1) "s"\n   2) 1) 1) "3-0"\n         2) 1) "c"\n            2) "3"\n      2) 1) "4-0"\n         2) 1) "d"\n            2) "4"',
        ],
        ['XPENDING s g3', '1) (integer) 0\n2) (nil)\n3) (nil)\n4) (nil)'],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 2\n    5) "pending"\n    6) (integer) 2\n    7) "last-delivered-id"\n    8) "3-0"\n    9) "entries-read"\n   10) (integer) 3\n   11) "lag"\n   12) (integer) 1\n2)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 1\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0\n3)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0',
        ],
        ['XCLAIM s g1 carol 0 2-0 JUSTID', '1) "2-0"'],
        ['XCLAIM s g1 carol 0 2-0', '1) 1) "2-0"\n   2) 1) "b"\n      2) "2"'],
        ['XCLAIM s g1 carol 99999999 3-0 JUSTID', '(empty array)'],
        ['XCLAIM s g1 carol 0 9-0 FORCE JUSTID', '(empty array)'],
        ['XCLAIM s g1 carol 0 1-0 FORCE JUSTID', '1) "1-0"'],
        ['XCLAIM s g1 carol 0 1-0 RETRYCOUNT 7 JUSTID', '1) "1-0"'],
        ['XCLAIM s g1 carol 0 1-0 LASTID 3-5 JUSTID', '1) "1-0"'],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 3\n    5) "pending"\n    6) (integer) 3\n    7) "last-delivered-id"\n    8) "3-5"\n    9) "entries-read"\n   10) (integer) 3\n   11) "lag"\n   12) (integer) 1\n2)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 1\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0\n3)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0',
        ],
        ['XCLAIM s g1 carol x 1-0', '(error) ERR Invalid min-idle-time argument for XCLAIM'],
        ['XCLAIM s g1 carol 0 1-0 FOO', "(error) ERR Unrecognized XCLAIM option 'FOO'"],
        ['XCLAIM s g1 carol 0 bad 1-0', "(error) ERR Unrecognized XCLAIM option 'bad'"],
        ['XCLAIM s g1 carol 0 1-0 IDLE x', '(error) ERR Invalid IDLE option argument for XCLAIM'],
        ['XCLAIM s g1 carol 0 1-0 TIME x', '(error) ERR Invalid TIME option argument for XCLAIM'],
        ['XCLAIM s g1 carol 0 1-0 RETRYCOUNT x', '(error) ERR Invalid RETRYCOUNT option argument for XCLAIM'],
        [
          'XCLAIM s g1 carol 0 1-0 LASTID x',
          '(error) ERR Invalid stream ID specified as stream command argument',
        ],
        ['XCLAIM s nog carol 0 1-0', "(error) NOGROUP No such key 's' or consumer group 'nog'"],
        [
          'XCLAIM str g carol 0 1-0',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        [
          'XPENDING s g1',
          '1) (integer) 3\n2) "1-0"\n3) "3-0"\n4) 1) 1) "alice"\n      2) "1"\n   2) 1) "carol"\n      2) "2"',
        ],
        [
          'XAUTOCLAIM s g1 erin 0 0-0 COUNT 1',
          '1) "2-0"\n2) 1) 1) "1-0"\n      2) 1) "a"\n         2) "1"\n3) (empty array)',
        ],
        [
          'XAUTOCLAIM s g1 erin 0 0-0',
          '1) "0-0"\n2) 1) 1) "1-0"\n      2) 1) "a"\n         2) "1"\n   2) 1) "2-0"\n      2) 1) "b"\n         2) "2"\n   3) 1) "3-0"\n      2) 1) "c"\n         2) "3"\n3) (empty array)',
        ],
        [
          'XAUTOCLAIM s g1 erin 0 0-0 JUSTID',
          '1) "0-0"\n2) 1) "1-0"\n   2) "2-0"\n   3) "3-0"\n3) (empty array)',
        ],
        ['XAUTOCLAIM s g1 erin 99999999 0-0', '1) "0-0"\n2) (empty array)\n3) (empty array)'],
        ['XAUTOCLAIM s g1 erin 0 (1-0 COUNT 1 JUSTID', '1) "3-0"\n2) 1) "2-0"\n3) (empty array)'],
        ['XAUTOCLAIM s g1 erin 0 0-0 COUNT 0', '(error) ERR COUNT must be > 0'],
        ['XAUTOCLAIM s g1 erin 0 0-0 COUNT x', '(error) ERR COUNT must be > 0'],
        ['XAUTOCLAIM s g1 erin x 0-0', '(error) ERR Invalid min-idle-time argument for XAUTOCLAIM'],
        ['XAUTOCLAIM s g1 erin 0 x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XAUTOCLAIM s g1 erin 0 0-0 FOO', '(error) ERR syntax error'],
        ['XAUTOCLAIM s nog erin 0 0-0', "(error) NOGROUP No such key 's' or consumer group 'nog'"],
        ['XAUTOCLAIM nokey g erin 0 0-0', "(error) NOGROUP No such key 'nokey' or consumer group 'g'"],
        [
          'XAUTOCLAIM str g erin 0 0-0',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        ['XDEL s 3-0', '(integer) 1'],
        [
          'XAUTOCLAIM s g1 frank 0 0-0',
          '1) "0-0"\n2) 1) 1) "1-0"\n      2) 1) "a"\n         2) "1"\n   2) 1) "2-0"\n      2) 1) "b"\n         2) "2"\n3) 1) "3-0"',
        ],
        ['XPENDING s g1', '1) (integer) 2\n2) "1-0"\n3) "2-0"\n4) 1) 1) "frank"\n      2) "2"'],
        ['XREADGROUP GROUP g1 erin STREAMS s 0', '1) 1) "s"\n   2) (empty array)'],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 5\n    5) "pending"\n    6) (integer) 2\n    7) "last-delivered-id"\n    8) "3-5"\n    9) "entries-read"\n   10) (integer) 3\n   11) "lag"\n   12) (integer) 1\n2)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 1\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0\n3)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0',
        ],
        ['XGROUP CREATECONSUMER s g1 zed', '(integer) 1'],
        ['XGROUP CREATECONSUMER s g1 zed', '(integer) 0'],
        ['XGROUP DELCONSUMER s g1 erin', '(integer) 0'],
        ['XGROUP DELCONSUMER s g1 nobody', '(integer) 0'],
        ['XPENDING s g1', '1) (integer) 2\n2) "1-0"\n3) "2-0"\n4) 1) 1) "frank"\n      2) "2"'],
        ['XGROUP SETID s g1 $', 'OK'],
        ['XGROUP SETID s g1 0 ENTRIESREAD 0', 'OK'],
        ['XGROUP SETID s g1 x', '(error) ERR Invalid stream ID specified as stream command argument'],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 5\n    5) "pending"\n    6) (integer) 2\n    7) "last-delivered-id"\n    8) "0-0"\n    9) "entries-read"\n   10) (integer) 0\n   11) "lag"\n   12) (nil)\n2)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 1\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0\n3)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0',
        ],
        ['XGROUP DESTROY s g1', '(integer) 1'],
        ['XGROUP DESTROY s g1', '(integer) 0'],
        [
          'XINFO GROUPS s',
          '1)  1) "name"\n    2) "g2"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 1\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0\n2)  1) "name"\n    2) "g3"\n    3) "consumers"\n    4) (integer) 1\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "4-0"\n    9) "entries-read"\n   10) (integer) 4\n   11) "lag"\n   12) (integer) 0',
        ],
        [
          'XINFO GROUPS nokey',
          '1)  1) "name"\n    2) "g1"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "0-0"\n    9) "entries-read"\n   10) (nil)\n   11) "lag"\n   12) (integer) 0',
        ],
        ['XINFO GROUPS str', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['XINFO CONSUMERS s nog', "(error) NOGROUP No such consumer group 'nog' for key name 's'"],
        [
          'XINFO STREAM s FOO',
          "(error) ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.",
        ],
        [
          'XINFO STREAM s FULL COUNT',
          "(error) ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.",
        ],
        ['XINFO STREAM s FULL COUNT x', '(error) ERR value is not an integer or out of range'],
        ['XINFO FOO s', "(error) ERR unknown subcommand 'FOO'. Try XINFO HELP."],
        [
          'XINFO STREAM nokey',
          ' 1) "length"\n 2) (integer) 0\n 3) "radix-tree-keys"\n 4) (integer) 0\n 5) "radix-tree-nodes"\n 6) (integer) 1\n 7) "last-generated-id"\n 8) "0-0"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 0\n13) "recorded-first-entry-id"\n14) "0-0"\n15) "groups"\n16) (integer) 1\n17) "first-entry"\n18) (nil)\n19) "last-entry"\n20) (nil)',
        ],
        [
          'XREAD STREAMS s 0',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"\n      2) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      3) 1) "4-0"\n         2) 1) "d"\n            2) "4"',
        ],
        ['XREAD COUNT 1 STREAMS s 0', '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"'],
        [
          'XREAD STREAMS s nokey 0 0',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"\n      2) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      3) 1) "4-0"\n         2) 1) "d"\n            2) "4"',
        ],
        ['XREAD STREAMS s $', '(nil)'],
        ['XREAD STREAMS nokey $', '(nil)'],
        ['XREAD STREAMS s 4-0', '(nil)'],
        [
          'XREAD STREAMS s >',
          '(error) ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
        ],
        ['XREAD STREAMS s x', '(error) ERR Invalid stream ID specified as stream command argument'],
        ['XREAD STREAMS s', "(error) ERR wrong number of arguments for 'xread' command"],
        [
          'XREAD GROUP g c STREAMS s 0',
          '(error) ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.',
        ],
        [
          'XREAD NOACK STREAMS s 0',
          '(error) ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.',
        ],
        ['XREAD COUNT x STREAMS s 0', '(error) ERR value is not an integer or out of range'],
        [
          'XREAD COUNT -1 STREAMS s 0',
          '1) 1) "s"\n   2) 1) 1) "1-0"\n         2) 1) "a"\n            2) "1"\n      2) 1) "2-0"\n         2) 1) "b"\n            2) "2"\n      3) 1) "4-0"\n         2) 1) "d"\n            2) "4"',
        ],
        ['XREAD FOO STREAMS s 0', '(error) ERR syntax error'],
        ['XREAD BLOCK x STREAMS s 0', '(error) ERR timeout is not an integer or out of range'],
        ['XREAD BLOCK -1 STREAMS s 0', '(error) ERR timeout is negative'],
        ['XREAD STREAMS str 0', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          'XREAD STREAMS s str 0 0',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
      ]),
    ).toEqual([]);
  });

  it('lay streams out in nodes as Redis does: XINFO counts, approximate trims, DUMP bytes, RESTORE, COPY', () => {
    expect(
      transcript(new Harness(), [
        ['XADD s 1-1 name Sara surname OConnor', '"1-1"'],
        ['XADD s 1-2 name Bob', '"1-2"'],
        ['XADD s 2-0 other 5 x 123456789012', '"2-0"'],
        [
          'DUMP s',
          '"\\x13\\x01\\x10\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\xc3@c@k\\x15k\\x00\\x00\\x00\\x1c\\x00\\x03\\x01\\x00\\x01\\x02\\x01\\x84name\\x05\\x87sur@\\b\\x00\\b@\\x12\\x00\\x00 \\x01\\x0f\\x84Sara\\x05\\x87OConnor\\b\\x05 \\x12\\x01\\x00\\x01@\\x00\\x80/\\x05\\x83Bob\\x04\\x06`\\x12\\x16\\xdf\\xff\\x02\\x02\\x01\\x85other\\x06\\x05\\x01\\x81x\\x02\\xf4\\x14\\x1a\\x99\\xbe\\x1c b\\x03\\t\\b\\x01\\xff\\x03\\x02\\x00\\x01\\x01\\x00\\x00\\x03\\x00\\n\\x00\\x95\\xf7#\\xb7 )\\xf91"',
        ],
        ['XDEL s 1-2', '(integer) 1'],
        [
          'DUMP s',
          '"\\x13\\x01\\x10\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\xc3@e@k\\x15k\\x00\\x00\\x00\\x1c\\x00\\x02\\x01\\x01\\x01\\x02\\x01\\x84name\\x05\\x87sur@\\b\\x01\\b\\x00 \\x12\\x00\\x00 \\x01\\x0f\\x84Sara\\x05\\x87OConnor\\b\\x05 +\\x00\\x00 \\x03\\x00\\x01\\xa0/\\x05\\x83Bob\\x04\\x06`\\x12\\x16\\xdf\\xff\\x02\\x02\\x01\\x85other\\x06\\x05\\x01\\x81x\\x02\\xf4\\x14\\x1a\\x99\\xbe\\x1c b\\x03\\t\\b\\x01\\xff\\x02\\x02\\x00\\x01\\x01\\x01\\x02\\x03\\x00\\n\\x00\\xc5%\\xcc\\x96\\xd2tO\\x82"',
        ],
        ['OBJECT ENCODING s', '"stream"'],
        ['TYPE s', 'stream'],
        [
          "EVAL \"for i=1,250 do redis.call('XADD', KEYS[1], i..'-1', 'f', i, 'g', 'v'..i) end return redis.call('XLEN', KEYS[1])\" 1 big",
          '(integer) 250',
        ],
        [
          'XINFO STREAM big',
          ' 1) "length"\n 2) (integer) 250\n 3) "radix-tree-keys"\n 4) (integer) 3\n 5) "radix-tree-nodes"\n 6) (integer) 8\n 7) "last-generated-id"\n 8) "250-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 250\n13) "recorded-first-entry-id"\n14) "1-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "1-1"\n    2) 1) "f"\n       2) "1"\n       3) "g"\n       4) "v1"\n19) "last-entry"\n20) 1) "250-1"\n    2) 1) "f"\n       2) "250"\n       3) "g"\n       4) "v250"',
        ],
        [
          'EVAL "return redis.sha1hex(redis.call(\'DUMP\', KEYS[1]))" 1 big',
          '"a4bfa29b828975a11d432c297a267bb19d0eb870"',
        ],
        ['XTRIM big MAXLEN ~ 120', '(integer) 100'],
        [
          'XINFO STREAM big',
          ' 1) "length"\n 2) (integer) 150\n 3) "radix-tree-keys"\n 4) (integer) 2\n 5) "radix-tree-nodes"\n 6) (integer) 6\n 7) "last-generated-id"\n 8) "250-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 250\n13) "recorded-first-entry-id"\n14) "101-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "101-1"\n    2) 1) "f"\n       2) "101"\n       3) "g"\n       4) "v101"\n19) "last-entry"\n20) 1) "250-1"\n    2) 1) "f"\n       2) "250"\n       3) "g"\n       4) "v250"',
        ],
        ['XTRIM big MINID ~ 200', '(integer) 0'],
        [
          'XINFO STREAM big',
          ' 1) "length"\n 2) (integer) 150\n 3) "radix-tree-keys"\n 4) (integer) 2\n 5) "radix-tree-nodes"\n 6) (integer) 6\n 7) "last-generated-id"\n 8) "250-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 250\n13) "recorded-first-entry-id"\n14) "101-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "101-1"\n    2) 1) "f"\n       2) "101"\n       3) "g"\n       4) "v101"\n19) "last-entry"\n20) 1) "250-1"\n    2) 1) "f"\n       2) "250"\n       3) "g"\n       4) "v250"',
        ],
        ['XTRIM big MINID 230', '(integer) 129'],
        [
          'XINFO STREAM big',
          ' 1) "length"\n 2) (integer) 21\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "250-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 250\n13) "recorded-first-entry-id"\n14) "230-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "230-1"\n    2) 1) "f"\n       2) "230"\n       3) "g"\n       4) "v230"\n19) "last-entry"\n20) 1) "250-1"\n    2) 1) "f"\n       2) "250"\n       3) "g"\n       4) "v250"',
        ],
        [
          'EVAL "return redis.sha1hex(redis.call(\'DUMP\', KEYS[1]))" 1 big',
          '"b09854504ccbfe7c1f468ade13a3affce4a04ddf"',
        ],
        [
          "EVAL \"for i=1,30 do redis.call('XADD', KEYS[1], i..'-1', 'f', string.rep('x', 200)) end return redis.call('XLEN', KEYS[1])\" 1 wide",
          '(integer) 30',
        ],
        [
          'XINFO STREAM wide',
          ' 1) "length"\n 2) (integer) 30\n 3) "radix-tree-keys"\n 4) (integer) 2\n 5) "radix-tree-nodes"\n 6) (integer) 6\n 7) "last-generated-id"\n 8) "30-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 30\n13) "recorded-first-entry-id"\n14) "1-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "1-1"\n    2) 1) "f"\n       2) "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n19) "last-entry"\n20) 1) "30-1"\n    2) 1) "f"\n       2) "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        ],
        [
          'EVAL "return redis.sha1hex(redis.call(\'DUMP\', KEYS[1]))" 1 wide',
          '"eee5d26196b00147353da02928add7c0517714a6"',
        ],
        ['XTRIM wide MAXLEN ~ 10', '(integer) 19'],
        ['XLEN wide', '(integer) 11'],
        [
          "EVAL \"for i=1,70 do redis.call('XADD', KEYS[1], (i*1000)..'-'..i, 'f', i) end return redis.call('XLEN', KEYS[1])\" 1 spread",
          '(integer) 70',
        ],
        [
          'XINFO STREAM spread',
          ' 1) "length"\n 2) (integer) 70\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "70000-70"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 70\n13) "recorded-first-entry-id"\n14) "1000-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "1000-1"\n    2) 1) "f"\n       2) "1"\n19) "last-entry"\n20) 1) "70000-70"\n    2) 1) "f"\n       2) "70"',
        ],
        [
          "EVAL \"redis.call('RESTORE', KEYS[2], 0, redis.call('DUMP', KEYS[1])) return redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 2)\" 2 s s2",
          '1) 1) "1-1"\n   2) 1) "name"\n      2) "Sara"\n      3) "surname"\n      4) "OConnor"\n2) 1) "2-0"\n   2) 1) "other"\n      2) "5"\n      3) "x"\n      4) "123456789012"',
        ],
        [
          'XINFO STREAM s2',
          ' 1) "length"\n 2) (integer) 2\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "2-0"\n 9) "max-deleted-entry-id"\n10) "1-2"\n11) "entries-added"\n12) (integer) 3\n13) "recorded-first-entry-id"\n14) "1-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "1-1"\n    2) 1) "name"\n       2) "Sara"\n       3) "surname"\n       4) "OConnor"\n19) "last-entry"\n20) 1) "2-0"\n    2) 1) "other"\n       2) "5"\n       3) "x"\n       4) "123456789012"',
        ],
        ['COPY big big2', '(integer) 1'],
        [
          'XINFO STREAM big2',
          ' 1) "length"\n 2) (integer) 21\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "250-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 250\n13) "recorded-first-entry-id"\n14) "230-1"\n15) "groups"\n16) (integer) 0\n17) "first-entry"\n18) 1) "230-1"\n    2) 1) "f"\n       2) "230"\n       3) "g"\n       4) "v230"\n19) "last-entry"\n20) 1) "250-1"\n    2) 1) "f"\n       2) "250"\n       3) "g"\n       4) "v250"',
        ],
        ['XGROUP CREATE big2 g 0', 'OK'],
        [
          'XREADGROUP GROUP g c COUNT 2 STREAMS big2 >',
          '1) 1) "big2"\n   2) 1) 1) "230-1"\n         2) 1) "f"\n            2) "230"\n            3) "g"\n            4) "v230"\n      2) 1) "231-1"\n         2) 1) "f"\n            2) "231"\n            3) "g"\n            4) "v231"',
        ],
        ['XGROUP CREATE s2 grp $', 'OK'],
        [
          'XINFO STREAM s2 FULL',
          ' 1) "length"\n 2) (integer) 2\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "2-0"\n 9) "max-deleted-entry-id"\n10) "1-2"\n11) "entries-added"\n12) (integer) 3\n13) "recorded-first-entry-id"\n14) "1-1"\n15) "entries"\n16) 1) 1) "1-1"\n       2) 1) "name"\n          2) "Sara"\n          3) "surname"\n          4) "OConnor"\n    2) 1) "2-0"\n       2) 1) "other"\n          2) "5"\n          3) "x"\n          4) "123456789012"\n17) "groups"\n18) 1)  1) "name"\n        2) "grp"\n        3) "last-delivered-id"\n        4) "2-0"\n        5) "entries-read"\n        6) (nil)\n        7) "lag"\n        8) (integer) 0\n        9) "pel-count"\n       10) (integer) 0\n       11) "pending"\n       12) (empty array)\n       13) "consumers"\n       14) (empty array)',
        ],
        [
          "EVAL \"redis.call('RESTORE', KEYS[2], 0, redis.call('DUMP', KEYS[1])) return redis.call('XINFO', 'GROUPS', KEYS[2])\" 2 s2 s3",
          '1)  1) "name"\n    2) "grp"\n    3) "consumers"\n    4) (integer) 0\n    5) "pending"\n    6) (integer) 0\n    7) "last-delivered-id"\n    8) "2-0"\n    9) "entries-read"\n   10) (nil)\n   11) "lag"\n   12) (integer) 0',
        ],
        ['RESTORE bad 0 "\\x13\\x01\\x10"', '(error) ERR DUMP payload version or checksum are wrong'],
      ]),
    ).toEqual([]);
  });

  it('take IDs, delivery and idle times from the virtual clock (a paused clock gives ms-0, ms-1, ms-2)', () => {
    const h = new Harness();
    const bad: string[] = [];
    // "@N" moves the clock N ms. XADD * and the idle arithmetic follow streamNextID and mstime() in
    // Redis; the replies around them were checked against redis-server with explicit IDs.
    const steps: (string | [string, string])[] = [
      ['XADD s * a 1', '"1700000000000-0"'],
      ['XADD s * b 2', '"1700000000000-1"'],
      ['XADD s * c 3', '"1700000000000-2"'],
      '@5',
      ['XADD s * d 4', '"1700000000005-0"'],
      ['XADD s 1700000000006-* e 5', '"1700000000006-0"'],
      ['XADD s 1700000000006-* e 6', '"1700000000006-1"'],
      ['XGROUP CREATE s g 0', 'OK'],
      [
        'XREADGROUP GROUP g alice COUNT 2 STREAMS s >',
        '1) 1) "s"\n   2) 1) 1) "1700000000000-0"\n         2) 1) "a"\n            2) "1"\n      2) 1) "1700000000000-1"\n         2) 1) "b"\n            2) "2"',
      ],
      '@1500',
      [
        'XPENDING s g - + 10',
        '1) 1) "1700000000000-0"\n   2) "alice"\n   3) (integer) 1500\n   4) (integer) 1\n2) 1) "1700000000000-1"\n   2) "alice"\n   3) (integer) 1500\n   4) (integer) 1',
      ],
      ['XPENDING s g IDLE 2000 - + 10', '(empty array)'],
      [
        'XINFO CONSUMERS s g',
        '1) 1) "name"\n   2) "alice"\n   3) "pending"\n   4) (integer) 2\n   5) "idle"\n   6) (integer) 1500',
      ],
      ['XCLAIM s g bob 2000 1700000000000-0 JUSTID', '(empty array)'],
      ['XCLAIM s g bob 1000 1700000000000-0 JUSTID', '1) "1700000000000-0"'],
      ['XCLAIM s g bob 0 1700000000000-1 IDLE 500 JUSTID', '1) "1700000000000-1"'],
      [
        'XPENDING s g - + 10',
        '1) 1) "1700000000000-0"\n   2) "bob"\n   3) (integer) 0\n   4) (integer) 1\n2) 1) "1700000000000-1"\n   2) "bob"\n   3) (integer) 500\n   4) (integer) 1',
      ],
      ['XCLAIM s g bob 0 1700000000000-1 TIME 1700000000100 JUSTID', '1) "1700000000000-1"'],
      [
        'XPENDING s g - + 10',
        '1) 1) "1700000000000-0"\n   2) "bob"\n   3) (integer) 0\n   4) (integer) 1\n2) 1) "1700000000000-1"\n   2) "bob"\n   3) (integer) 1405\n   4) (integer) 1',
      ],
      ['XAUTOCLAIM s g carol 1600 0', '1) "0-0"\n2) (empty array)\n3) (empty array)'],
      [
        'XINFO STREAM s FULL',
        ' 1) "length"\n 2) (integer) 6\n 3) "radix-tree-keys"\n 4) (integer) 1\n 5) "radix-tree-nodes"\n 6) (integer) 2\n 7) "last-generated-id"\n 8) "1700000000006-1"\n 9) "max-deleted-entry-id"\n10) "0-0"\n11) "entries-added"\n12) (integer) 6\n13) "recorded-first-entry-id"\n14) "1700000000000-0"\n15) "entries"\n16) 1) 1) "1700000000000-0"\n       2) 1) "a"\n          2) "1"\n    2) 1) "1700000000000-1"\n       2) 1) "b"\n          2) "2"\n    3) 1) "1700000000000-2"\n       2) 1) "c"\n          2) "3"\n    4) 1) "1700000000005-0"\n       2) 1) "d"\n          2) "4"\n    5) 1) "1700000000006-0"\n       2) 1) "e"\n          2) "5"\n    6) 1) "1700000000006-1"\n       2) 1) "e"\n          2) "6"\n17) "groups"\n18) 1)  1) "name"\n        2) "g"\n        3) "last-delivered-id"\n        4) "1700000000000-1"\n        5) "entries-read"\n        6) (integer) 2\n        7) "lag"\n        8) (integer) 4\n        9) "pel-count"\n       10) (integer) 2\n       11) "pending"\n       12) 1) 1) "1700000000000-0"\n              2) "bob"\n              3) (integer) 1700000001505\n              4) (integer) 1\n           2) 1) "1700000000000-1"\n              2) "bob"\n              3) (integer) 1700000000100\n              4) (integer) 1\n       13) "consumers"\n       14) 1) 1) "name"\n              2) "alice"\n              3) "seen-time"\n              4) (integer) 1700000000005\n              5) "pel-count"\n              6) (integer) 0\n              7) "pending"\n              8) (empty array)\n           2) 1) "name"\n              2) "bob"\n              3) "seen-time"\n              4) (integer) 1700000001505\n              5) "pel-count"\n              6) (integer) 2\n              7) "pending"\n              8) 1) 1) "1700000000000-0"\n                    2) (integer) 1700000001505\n                    3) (integer) 1\n                 2) 1) "1700000000000-1"\n                    2) (integer) 1700000000100\n                    3) (integer) 1',
      ],
      // With nothing to read, BLOCK waits (stream-blocking.test.ts); with entries it answers at once.
      [
        'XREAD BLOCK 0 STREAMS s 1700000000006-0',
        '1) 1) "s"\n   2) 1) 1) "1700000000006-1"\n         2) 1) "e"\n            2) "6"',
      ],
      [
        "EVAL \"return redis.call('XREAD', 'BLOCK', '1', 'STREAMS', 's', '$')\" 0",
        '(error) ERR XREAD command is not allowed with BLOCK option from scripts script: e9b8b50f2bd3a1b7ac91d4ad3abad43e3ce6b224, on @user_script:1.',
      ],
    ];
    for (const step of steps) {
      if (typeof step === 'string') h.advance(Number(step.slice(1)));
      else {
        const got = h.run(step[0]);
        if (got !== step[1]) bad.push(`${step[0]}\n  expected: ${step[1]}\n  got: ${got}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('publish the events redis-server publishes', () => {
    const h = new Harness();
    for (const line of [
      'XADD s 1-0 a 1',
      'XADD s 2-0 b 2',
      'XADD s MAXLEN 1 3-0 c 3',
      'XADD nomk NOMKSTREAM 1-0 a 1',
      'XDEL s 3-0',
      'XDEL s 9-0',
      'XADD s 4-0 d 4',
      'XADD s 5-0 d 5',
      'XTRIM s MAXLEN 1',
      'XTRIM s MAXLEN 1',
      'XSETID s 10-0',
      'XLEN nokey',
      'XRANGE nokey - +',
      'XREAD STREAMS nokey 0',
      'XREAD STREAMS s 0',
      'XGROUP CREATE s g 0',
      'XGROUP CREATE m g $ MKSTREAM',
      'XGROUP CREATE nokey2 g $',
      'XREADGROUP GROUP g alice STREAMS s >',
      'XREADGROUP GROUP g alice STREAMS s >',
      'XREADGROUP GROUP g bob STREAMS s 0',
      'XGROUP CREATECONSUMER s g carol',
      'XGROUP CREATECONSUMER s g carol',
      'XACK s g 5-0',
      'XCLAIM s g dave 0 5-0',
      'XAUTOCLAIM s g erin 0 0',
      'XGROUP SETID s g 0',
      'XGROUP DELCONSUMER s g carol',
      'XGROUP DELCONSUMER s g nobody',
      'XGROUP DESTROY s g',
      'XGROUP DESTROY s g',
      'XINFO STREAM nokey3',
      'XPENDING nokey4 g',
      'XACK nokey5 g 1-0',
      'XCLAIM nokey6 g c 0 1-0',
    ])
      h.run(line);
    expect(h.takeEvents()).toEqual([
      'new s',
      'xadd s',
      'xadd s',
      'xadd s',
      'xtrim s',
      'xdel s',
      'xadd s',
      'xadd s',
      'xtrim s',
      'xsetid s',
      'keymiss nokey',
      'keymiss nokey',
      'keymiss nokey',
      'keymiss nokey',
      'xgroup-create s',
      'new m',
      'xgroup-create m',
      'xgroup-createconsumer s',
      'xgroup-createconsumer s',
      'xgroup-createconsumer s',
      'xgroup-setid s',
      'xgroup-delconsumer s',
      'xgroup-destroy s',
      'keymiss nokey3',
      'keymiss nokey4',
      'keymiss nokey5',
      'keymiss nokey6',
    ]);
  });
});
