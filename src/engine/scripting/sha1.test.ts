import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha1hex } from './sha1.ts';

describe('sha1hex', () => {
  it('matches known digests (empty, the SCRIPT LOAD example)', () => {
    expect(sha1hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1hex('return 1')).toBe('e0e1f9fabfc9d4800c877a703b823ac0578ff8db');
  });

  it('agrees with node:crypto on bytes of every value and on block-boundary lengths', () => {
    for (const len of [1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode((i * 97 + len) & 0xff);
      expect(sha1hex(s)).toBe(createHash('sha1').update(Buffer.from(s, 'latin1')).digest('hex'));
    }
  });
});
