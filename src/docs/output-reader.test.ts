import { describe, expect, it } from 'vitest';
import { readOutput, renderExpected } from './output-reader.ts';
import type { ExpectedReply } from './types.ts';

const text = (t: string, quoted = true): ExpectedReply => ({ kind: 'text', text: t, quoted });
const int = (v: string): ExpectedReply => ({ kind: 'int', value: v });
const arr = (...items: ExpectedReply[]): ExpectedReply => ({ kind: 'array', items, cut: false });

describe('output-form reader: scalars', () => {
  it.each<[string, ExpectedReply]>([
    ['OK', text('OK', false)],
    ['"OK"', text('OK')],
    ['(nil)', { kind: 'nil' }],
    ['(integer) 42', int('42')],
    ['(integer) -7', int('-7')],
    ['(double) 3.5', { kind: 'double', value: '3.5' }],
    ['(error) ERR syntax error', { kind: 'error', text: 'ERR syntax error' }],
    ['(empty array)', arr()],
    ['(empty list or set)', arr()],
    ['"say \\"hi\\"\\n"', text('say "hi"\n')],
    ['"\\x00\\xFFa"', text('\x00\xffa')],
    ['"héllo"', text('h\xc3\xa9llo')],
  ])('%s', (line, reply) => {
    expect(readOutput([line])).toEqual(reply);
  });

  it('drops trailing comments after any value', () => {
    expect(readOutput(['(integer) 3  # three of them'])).toEqual(int('3'));
    expect(readOutput(['(nil) # nothing yet'])).toEqual({ kind: 'nil' });
    expect(readOutput(['"v"  // the value'])).toEqual(text('v'));
    expect(readOutput(['OK  # stored'])).toEqual(text('OK', false));
    expect(readOutput(['"a # b"'])).toEqual(text('a # b'));
  });

  it('reads a typo or another notation as unreadable', () => {
    expect(readOutput(['(integer 5)'])).toEqual({ kind: 'unreadable', text: '(integer 5)' });
    expect(readOutput(['[1,2]'])).toEqual({ kind: 'unreadable', text: '[1,2]' });
  });
});

describe('output-form reader: arrays', () => {
  it('reads a flat numbered array', () => {
    expect(readOutput(['1) "a"', '2) (nil)', '3) (integer) 1'])).toEqual(
      arr(text('a'), { kind: 'nil' }, int('1')),
    );
  });

  it('reads right-aligned indices and nested arrays with indented continuations', () => {
    const lines = ['1) "7"', '2)  1) "k1"', '    2) "k2"'];
    for (let i = 3; i <= 10; i++) lines.push(`${i === 10 ? '   ' : '    '}${i}) "k${i}"`);
    const keys = Array.from({ length: 10 }, (_, i) => text(`k${i + 1}`));
    expect(readOutput(lines)).toEqual(arr(text('7'), arr(...keys)));
  });

  it('reads several levels opened on one line', () => {
    const lines = ['1) "q"', '2) 1) 1) "x"', '      2) "1"', '   2) 1) "y"', '      2) "2"'];
    expect(readOutput(lines)).toEqual(
      arr(text('q'), arr(arr(text('x'), text('1')), arr(text('y'), text('2')))),
    );
  });

  it('accepts indices a page did not right-align', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i + 1}) "v${i + 1}"`);
    expect(readOutput(lines)).toEqual(arr(...Array.from({ length: 10 }, (_, i) => text(`v${i + 1}`))));
  });

  it('reads an empty nested array and comments on items', () => {
    expect(readOutput(['1) "0"', '2) (empty array)'])).toEqual(arr(text('0'), arr()));
    expect(readOutput(['1) (nil)     # missing', '2) "b" # kept'])).toEqual(arr({ kind: 'nil' }, text('b')));
  });

  it('marks a listing cut short', () => {
    expect(readOutput(['1) "a"'], true)).toEqual({ kind: 'array', items: [text('a')], cut: true });
  });

  it('gives up on indices that skip', () => {
    expect(readOutput(['1) "a"', '3) "b"']).kind).toBe('unreadable');
  });

  it('renders back in redis-cli form', () => {
    expect(renderExpected(readOutput(['1) "a"', '2) 1) (integer) 1', '   2) OK']))).toBe(
      '1) "a"\n2) 1) (integer) 1\n   2) OK\n',
    );
  });
});
