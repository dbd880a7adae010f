import { describe, expect, it } from 'vitest';
import { formatForCli, formatReply, quoteBytes } from './format.ts';
import { array, bulk, EMPTY_ARRAY, error, int, NIL, OK, status } from './reply.ts';

describe('formatReply (redis-cli --no-raw)', () => {
  it('prints scalars', () => {
    expect(formatReply(OK)).toBe('OK\n');
    expect(formatReply(status('string'))).toBe('string\n');
    expect(formatReply(error('ERR syntax error'))).toBe('(error) ERR syntax error\n');
    expect(formatReply(int(-2))).toBe('(integer) -2\n');
    expect(formatReply(int(9223372036854775807n))).toBe('(integer) 9223372036854775807\n');
    expect(formatReply(bulk(''))).toBe('""\n');
    expect(formatReply(NIL)).toBe('(nil)\n');
    expect(formatReply(EMPTY_ARRAY)).toBe('(empty array)\n');
  });

  it('escapes bulk bytes like sdscatrepr', () => {
    expect(quoteBytes('a\\b"c\n\r\t\x07\b')).toBe('"a\\\\b\\"c\\n\\r\\t\\a\\b"');
    expect(quoteBytes('\xc3\xa9\x00\x7f ~')).toBe('"\\xc3\\xa9\\x00\\x7f ~"');
  });

  it('right-aligns indices to the widest one', () => {
    const items = Array.from({ length: 11 }, (_, i) => bulk(String(11 - i)));
    const out = formatReply(array(items)).split('\n');
    expect(out[0]).toBe(' 1) "11"');
    expect(out[9]).toBe('10) "2"');
    expect(out[10]).toBe('11) "1"');
  });

  it('indents nested arrays under their parent (EXEC with SCAN, MGET, PING, empty KEYS, nil)', () => {
    const keys = ['k05', 'k06', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'k08'].map(bulk);
    const reply = array([
      array([bulk('0'), array(keys)]),
      array([bulk('1'), bulk('2')]),
      status('PONG'),
      EMPTY_ARRAY,
      NIL,
    ]);
    const text = formatReply(reply);
    expect(text).toBe(
      [
        '1) 1) "0"',
        '   2)  1) "k05"',
        '       2) "k06"',
        '       3) "a"',
        '       4) "b"',
        '       5) "c"',
        '       6) "d"',
        '       7) "e"',
        '       8) "f"',
        '       9) "g"',
        '      10) "h"',
        '      11) "i"',
        '      12) "k08"',
        '2) 1) "1"',
        '   2) "2"',
        '3) PONG',
        '4) (empty array)',
        '5) (nil)',
        '',
      ].join('\n'),
    );
  });

  it('prints errors inside arrays with their prefix', () => {
    expect(formatReply(array([OK, error('WRONGTYPE x')]))).toBe('1) OK\n2) (error) WRONGTYPE x\n');
  });
});

describe('formatForCli', () => {
  it('prints INFO verbatim with no added newline', () => {
    expect(formatForCli(['info', 'keyspace'], bulk('# Keyspace\r\ndb0:keys=1\r\n'))).toBe(
      '# Keyspace\r\ndb0:keys=1\r\n',
    );
    expect(formatForCli(['INFO'], status('QUEUED'))).toBe('QUEUED');
    expect(formatForCli(['info'], error('ERR x'))).toBe('ERR x\n');
    expect(formatForCli(['get', 'k'], bulk('v'))).toBe('"v"\n');
  });
});
