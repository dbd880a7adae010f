import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from './bytes.ts';
import {
  MSG_INVALID_ARGUMENTS,
  MSG_INVALID_REPEAT,
  parseLine,
  splitArgBytes,
  splitArgs,
  splitPlainWords,
} from './tokenizer.ts';

describe('splitArgs (redis-cli sdssplitargs)', () => {
  it.each([
    ['set   q    spaced    ', ['set', 'q', 'spaced']],
    ['set q "hello world"', ['set', 'q', 'hello world']],
    ['"nl\\nhere"', ['nl\nhere']],
    ['"\\r\\t\\b\\a"', ['\r\t\b\x07']],
    ['"\\x41\\x42\\x7a"', ['ABz']],
    ['"\\xfF"', ['\xff']],
    ['"\\x4"', ['x4']],
    ['"\\xZZ"', ['xZZ']],
    ['"quote\\"inside"', ['quote"inside']],
    ['"\\\\"', ['\\']],
    ['"\\q"', ['q']],
    ['"\\u0041"', ['u0041']],
    ["'it\\'s'", ["it's"]],
    ["'no\\nescape'", ['no\\nescape']],
    ['set q back\\slash', ['set', 'q', 'back\\slash']],
    ['set q a"b c"', ['set', 'q', 'ab c']],
    ['set q ""', ['set', 'q', '']],
    ['set q é', ['set', 'q', '\xc3\xa9']],
    ['a\tb\rc\nd', ['a', 'b', 'c', 'd']],
    ['  ', []],
    ['', []],
  ])('%j', (line, expected) => {
    expect(splitArgs(line)).toEqual(expected);
  });

  it.each([['set q a"b c"d'], ['set q "a"b'], ["set q 'a'b"], ['set q "unterminated'], ["set q 'x"]])(
    'rejects %j',
    (line) => {
      expect(splitArgs(line)).toBeNull();
      expect(parseLine(line)).toEqual({ kind: 'client-error', message: MSG_INVALID_ARGUMENTS });
    },
  );

  it('stops at a zero byte like a C string', () => {
    expect(splitArgs('get a\0b')).toEqual(['get', 'a']);
  });

  it('takes plain words in one pass, and leaves every other line to the full path', () => {
    expect(splitPlainWords('  PSETEX  key:1 2000 v\\x ')).toEqual(['PSETEX', 'key:1', '2000', 'v\\x']);
    for (const line of ['set q "a"', "set q 'a'", 'a\tb', 'é', 'a\0b', 'a\nb']) {
      expect(splitPlainWords(line)).toBeUndefined();
    }
  });

  it('gives what sdssplitargs gives wherever it answers', () => {
    const chars = fc.constantFrom(
      ' ',
      ' ',
      'a',
      'Z',
      '1',
      '\\',
      '"',
      "'",
      '\t',
      '\n',
      '\0',
      'é',
      '~',
      '\x7f',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (parts) => {
        const line = parts.join('');
        const fast = splitPlainWords(line);
        if (fast !== undefined) expect(fast).toEqual(splitArgBytes(utf8ToBytes(line)));
        expect(splitArgs(line)).toEqual(splitArgBytes(utf8ToBytes(line)));
      }),
    );
  });
});

describe('parseLine repeat prefix', () => {
  it('repeats when the first token is a number and more tokens follow', () => {
    expect(parseLine('3 incr rc')).toEqual({ kind: 'command', argv: ['incr', 'rc'], repeat: 3 });
    expect(parseLine('+2 incr rc')).toEqual({ kind: 'command', argv: ['incr', 'rc'], repeat: 2 });
  });

  it.each([['0 incr rc'], ['-1 incr rc'], ['"" a'], ['99999999999999999999 incr rc']])(
    '%j is an invalid repeat',
    (line) => {
      expect(parseLine(line)).toEqual({ kind: 'client-error', message: MSG_INVALID_REPEAT });
    },
  );

  it('treats a lone number and non-numbers as the command', () => {
    expect(parseLine('5')).toEqual({ kind: 'command', argv: ['5'], repeat: 1 });
    expect(parseLine('0x10 get')).toEqual({ kind: 'command', argv: ['0x10', 'get'], repeat: 1 });
    expect(parseLine('" " get')).toEqual({ kind: 'command', argv: [' ', 'get'], repeat: 1 });
  });

  it('reports an empty line', () => {
    expect(parseLine('   ')).toEqual({ kind: 'empty' });
  });
});
