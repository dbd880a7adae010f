import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock.ts';
import { arg } from '../engine/command.ts';
import { Engine } from '../engine/engine.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { commandArbitrary } from '../testing/command-arbitrary.ts';
import { shapeReply } from './reply-shapes.ts';
import { encode } from './wire.ts';

/**
 * The encoder and the reply shapes on their own. Their bytes are compared with redis-server's in
 * serve-protocol.test.ts; here, what must hold for every reply the engine can give.
 */

describe('reply encoding', () => {
  it('never lets CR or LF into a status or error line', () => {
    expect(encode({ t: 'status', s: 'a\r\nb' }, 2)).toBe('+a  b\r\n');
    expect(encode({ t: 'error', s: 'ERR x\ny' }, 3)).toBe('-ERR x y\r\n');
  });

  it('writes RESP3 types only for RESP3 clients', () => {
    const items = [
      { t: 'bulk', s: 'k' },
      { t: 'double', s: '1.5' },
    ] as const;
    expect(encode({ t: 'map', items }, 2)).toBe('*2\r\n$1\r\nk\r\n$3\r\n1.5\r\n');
    expect(encode({ t: 'map', items }, 3)).toBe('%1\r\n$1\r\nk\r\n,1.5\r\n');
    expect(encode({ t: 'set', items: [] }, 3)).toBe('~0\r\n');
    expect(encode({ t: 'verbatim', s: 'a\r\n' }, 3)).toBe('=7\r\ntxt:a\r\n\r\n');
    expect(encode({ t: 'verbatim', s: 'a' }, 2)).toBe('$1\r\na\r\n');
    expect(encode({ t: 'nil' }, 3)).toBe('_\r\n');
    expect(encode({ t: 'nullarray' }, 2)).toBe('*-1\r\n');
  });

  it('keeps bulk bytes and lengths exact for binary values', () => {
    expect(encode({ t: 'bulk', s: '\xe9\0\r\n' }, 2)).toBe('$4\r\n\xe9\0\r\n\r\n');
  });

  it('changes no RESP2 byte of any engine reply except the null arrays (LPOP/RPOP with a count, LMPOP, ZMPOP, GEOPOS, XRANGE, XREAD, XREADGROUP, XPENDING)', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { minLength: 1, maxLength: 30 }), (commands) => {
        const engine = new Engine({ clock: new ManualClock(), seed: 3, scripting: luaScripting });
        const client = engine.createClient();
        for (const argv of commands) {
          const reply = engine.execute(client, argv);
          const shaped = encode(shapeReply(argv, reply, 2), 2);
          const name = arg(argv, 0);
          const nullArray =
            reply.t === 'nil' &&
            ((/^[lr]pop$/i.test(name) && argv.length === 3) ||
              /^([lz]mpop|xrange|xrevrange|xread|xreadgroup)$/i.test(name));
          // A nil inside these replies is a null array too.
          const expected = /^(geopos|xreadgroup|xpending)$/i.test(name)
            ? encode(reply, 2).replaceAll('$-1\r\n', '*-1\r\n')
            : encode(reply, 2);
          expect(shaped, JSON.stringify(argv)).toBe(nullArray ? '*-1\r\n' : expected);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
