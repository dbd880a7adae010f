import { describe, expect, it } from 'vitest';
import { floatLiterals } from './lua-source.ts';

describe('floatLiterals', () => {
  it('turns integer numerals into float numerals', () => {
    expect(floatLiterals('return 1 + x1 * 1000 - 0x10')).toBe('return 1.0 + x1 * 1000.0 - 0x10.0');
  });

  it('leaves floats, exponents, strings, long strings and comments alone', () => {
    const src = 'return 1.5, 2e3, 3E-2, .5, 0x1p4, \'12\', "3\\"4", [[5]], [==[6]]==] -- 7\n--[[ 8\n]] 9';
    expect(floatLiterals(src)).toBe(
      'return 1.5, 2e3, 3E-2, .5, 0x1p4, \'12\', "3\\"4", [[5]], [==[6]]==] -- 7\n--[[ 8\n]] 9.0',
    );
  });

  it('keeps lines where they were, so errors name the same line', () => {
    const src = 'local a = 1\nlocal b = [[x\ny]]\nreturn a + 2';
    expect(floatLiterals(src).split('\n').length).toBe(src.split('\n').length);
  });
});
