import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArbitrary } from '../testing/command-arbitrary.ts';
import { keyspaceViolations } from '../testing/invariants.ts';
import { CliSession, outcomeText } from './cli-session.ts';
import { ManualClock } from './clock.ts';
import { Engine } from './engine.ts';
import { formatReply } from './format.ts';
import type { Reply } from './reply.ts';

/** Whatever comes in, the engine answers with a reply and its keyspace stays consistent. */

const byteString = fc.uint8Array({ maxLength: 24 }).map((a) => String.fromCharCode(...a));
const oddArg = fc.oneof(
  byteString,
  fc.constantFrom(
    '9'.repeat(400),
    '-'.repeat(30),
    '1e99999',
    '0x',
    '\x00',
    '*',
    '[',
    '\\',
    'NX',
    'EX',
    'GET',
    'KEEPTTL',
  ),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);
const commandName = fc.oneof(
  fc.constantFrom(...new Engine({ clock: new ManualClock() }).table.all().map((s) => s.name)),
  byteString,
);
const randomArgv = fc.tuple(commandName, fc.array(oddArg, { maxLength: 8 })).map(([n, a]) => [n, ...a]);

function isReply(r: unknown): r is Reply {
  return typeof r === 'object' && r !== null && 't' in r;
}

describe('fuzzing the engine', () => {
  it('answers random argv with a reply and keeps the keyspace consistent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(randomArgv, commandArbitrary), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(5000), { maxLength: 40 }),
        (commands, waits) => {
          const clock = new ManualClock();
          const engine = new Engine({ clock, seed: 1 });
          const client = engine.createClient();
          commands.forEach((argv, i) => {
            const reply = engine.execute(client, argv);
            expect(isReply(reply)).toBe(true);
            expect(typeof formatReply(reply)).toBe('string');
            if (reply.t === 'error') expect(reply.s).not.toMatch(/internal error/);
            clock.advance(waits[i] ?? 0);
            if (i % 7 === 0) engine.runExpiryCycle('slow');
            expect(keyspaceViolations(engine)).toEqual([]);
          });
        },
      ),
      { numRuns: 300, seed: 4242 },
    );
  });

  it('answers random console lines without throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 60 }), { maxLength: 30 }), (lines) => {
        const session = new CliSession(new Engine({ clock: new ManualClock() }), { maxRepeat: 50 });
        for (const line of lines) expect(typeof outcomeText(session.runLine(line))).toBe('string');
      }),
      { numRuns: 300, seed: 99 },
    );
  });

  it('copes with thousands of arguments and huge numbers', () => {
    const engine = new Engine({ clock: new ManualClock() });
    const client = engine.createClient();
    const many = Array.from({ length: 5000 }, (_, i) => `key${i}`);
    expect(engine.execute(client, ['DEL', ...many])).toEqual({ t: 'int', n: 0 });
    const pairs = many.flatMap((k) => [k, 'v']);
    expect(engine.execute(client, ['MSET', ...pairs])).toEqual({ t: 'status', s: 'OK' });
    expect(engine.execute(client, ['EXISTS', ...many])).toEqual({ t: 'int', n: 5000 });
    expect(engine.execute(client, ['SETRANGE', 'x', '9'.repeat(30), 'v']).t).toBe('error');
    expect(engine.execute(client, ['KEYS', `${'*a'.repeat(2000)}b`])).toEqual({ t: 'array', items: [] });
    expect(keyspaceViolations(engine)).toEqual([]);
  });
});
