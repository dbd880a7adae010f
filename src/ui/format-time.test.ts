import { describe, expect, it } from 'vitest';
import { formatInstant, formatTtl } from './format-time.ts';

describe('formatTtl', () => {
  it.each([
    [null, 'no expiry'],
    [-1, 'expired'],
    [0, '0.0 s'],
    [1650, '1.6 s'],
    [9999, '9.9 s'],
    [45_000, '45 s'],
    [1_799_999, '29 min 59 s'],
    [7_500_000, '2 h 5 min'],
    [273_600_000, '3 d 4 h'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatTtl(ms)).toBe(text);
  });
});

describe('formatInstant', () => {
  it('prints UTC with milliseconds', () => {
    expect(formatInstant(Date.UTC(2026, 10, 23, 21, 5, 9, 7), 'utc')).toBe('2026-11-23 21:05:09.007 UTC');
  });
});
