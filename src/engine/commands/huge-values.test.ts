import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';
import { MAX_VALUE_BYTES } from '../bytes.ts';

/**
 * Values past what a tab can hold, with `maxmemory 0` (no memory guard): Redis builds strings up to
 * 512 MB; JavaScript holds 2^29 − 24 chars. Past that the engine answers Redis's OOM error, never a
 * JavaScript exception dressed as a Redis error. The last 24 bytes below 512 MB are the only replies
 * that differ from Redis's (it answers `(integer) 536870912` to the first line below).
 */

const OOM = "(error) OOM command not allowed when used memory > 'maxmemory'.";

describe('values a tab cannot hold', () => {
  it('get the OOM error, where Redis would build them', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['CONFIG SET maxmemory 0', 'OK'],
        ['SETRANGE k 536870911 x', OOM],
        [`SETRANGE k ${MAX_VALUE_BYTES} x`, OOM],
        ['SETBIT b 4294967295 1', OOM],
        ['BITFIELD f SET u8 4294967280 1', OOM],
        ['BITFIELD f SET u8 #536870910 1', OOM],
        // Past 512 MB Redis refuses by itself, with its own text.
        ['SETRANGE r 536870912 x', '(error) ERR string exceeds maximum allowed size (proto-max-bulk-len)'],
        ['EXISTS k b f r', '(integer) 0'],
        ['SET k small', 'OK'],
        ['APPEND k tail', '(integer) 9'],
      ]),
    ).toEqual([]);
    expect(MAX_VALUE_BYTES).toBe(536_870_888);
  });

  it('runs a repeated line one command at a time when asked to', () => {
    const h = new Harness();
    let seen = 0;
    const outcome = h.session.runLine('5 INCR n', false, () => seen++);
    expect(seen).toBe(5);
    expect(outcome).toEqual({ kind: 'commands', commands: [] });
    expect(h.run('GET n')).toBe('"5"');
  });
});
