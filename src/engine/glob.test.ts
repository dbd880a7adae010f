import { describe, expect, it } from 'vitest';
import { globMatch } from './glob.ts';

// The key set and expectations verified on redis-server 7.0.15 (KEYS).
const KEYS = [
  'hello',
  'hallo',
  'hxllo',
  'hllo',
  'heeeello',
  'hbllo',
  'h*llo',
  'h?llo',
  'h[a]llo',
  'h\\llo',
  'abc',
  'Hello',
];
const matching = (pattern: string) => KEYS.filter((k) => globMatch(pattern, k)).sort();

describe('globMatch (util.c stringmatchlen)', () => {
  it.each([
    ['h?llo', ['hallo', 'hbllo', 'hello', 'hxllo', 'h*llo', 'h?llo', 'h\\llo']],
    [
      'h*llo',
      ['hallo', 'hbllo', 'hello', 'hxllo', 'h*llo', 'h?llo', 'h\\llo', 'hllo', 'heeeello', 'h[a]llo'],
    ],
    ['h[ae]llo', ['hallo', 'hello']],
    ['h[^e]llo', ['h?llo', 'h\\llo', 'hallo', 'hbllo', 'h*llo', 'hxllo']],
    ['h[!e]llo', ['hello']],
    ['h[a-b]llo', ['hallo', 'hbllo']],
    ['h[b-a]llo', ['hallo', 'hbllo']],
    ['h\\*llo', ['h*llo']],
    ['h\\?llo', ['h?llo']],
    ['h\\[a]llo', ['h[a]llo']],
    ['h\\\\llo', ['h\\llo']],
    ['H*', ['Hello']],
    ['*LLO', []],
    ['', []],
    ['a', []],
  ])('%j', (pattern, expected) => {
    expect(matching(pattern)).toEqual([...expected].sort());
  });

  it('handles unterminated and empty classes', () => {
    expect(globMatch('h[a', 'ha')).toBe(true);
    expect(globMatch('[abc', 'b')).toBe(true);
    expect(globMatch('[]', 'a')).toBe(false);
    expect(globMatch('[^]', 'a')).toBe(true);
    expect(globMatch('a\\', 'a\\')).toBe(true);
    expect(globMatch('a*', 'a')).toBe(true);
    expect(globMatch('', '')).toBe(true);
  });

  it('never matches an empty subject with a non-empty pattern (KEYS ** skips the key "")', () => {
    expect(globMatch('**', '')).toBe(false);
    expect(globMatch('*', '')).toBe(false);
  });

  it('stays fast on patterns that backtrack exponentially in naive matchers', () => {
    const subject = 'a'.repeat(5000);
    expect(globMatch('*a*a*a*a*a*a*a*a*a*a*b', subject)).toBe(false);
  });

  it('can ignore case (CONFIG GET)', () => {
    expect(globMatch('H*', 'hz', true)).toBe(true);
  });
});
