import fc from 'fast-check';
import { arg } from '../../engine/command.ts';
import { field, key, millisArg, secondsArg, unixMillisArg, unixSecondsArg, type Weighted } from './values.ts';

/**
 * Redis 7.4's hash-field expiry (commands/hash-field-expiry.ts), for the differential run against
 * the 7.4.1 oracle: relative TTLs far from any boundary (200 s and more) or rejected, absolute ones
 * long past (the field goes at once) or far ahead, and the FIELDS part sometimes malformed.
 */

const condition = fc.constantFrom<readonly string[]>(
  [],
  [],
  [],
  ['NX'],
  ['XX'],
  ['GT'],
  ['LT'],
  ['lt'],
  ['NX', 'XX'],
);

/** `FIELDS numfields field…`, with a wrong count, a misspelt keyword or none now and then. */
const fieldsPart = fc
  .tuple(
    fc.array(field, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('right', 'right', 'right', 'lower', 'more', 'zero', 'junk', 'keyword', 'missing'),
  )
  .map(([fields, shape]): readonly string[] => {
    const count = String(fields.length);
    switch (shape) {
      case 'more':
        return ['FIELDS', String(fields.length + 1), ...fields];
      case 'zero':
        return ['FIELDS', '0', ...fields];
      case 'junk':
        return ['FIELDS', 'x', ...fields];
      case 'keyword':
        return ['FIELD', count, ...fields];
      case 'missing':
        return [count, ...fields];
      case 'lower':
        return ['fields', count, ...fields];
      default:
        return ['FIELDS', count, ...fields];
    }
  });

const setter = (name: string, time: fc.Arbitrary<string>, weight: number): Weighted => ({
  arbitrary: fc.tuple(key, time, condition, fieldsPart).map(([k, t, c, f]) => [name, k, t, ...c, ...f]),
  weight,
});

export const hashFieldExpiryArbitraries: readonly Weighted[] = [
  setter('HEXPIRE', secondsArg, 4),
  setter('HPEXPIRE', millisArg, 3),
  setter('HEXPIREAT', unixSecondsArg, 2),
  setter('HPEXPIREAT', unixMillisArg, 2),
  {
    arbitrary: fc
      .tuple(fc.constantFrom('HTTL', 'HPTTL', 'HEXPIRETIME', 'HPEXPIRETIME', 'HPERSIST'), key, fieldsPart)
      .map(([c, k, f]) => [c, k, ...f]),
    weight: 6,
  },
];

/** Long enough that neither side finds it past within the HPEXPIRE itself (as the keys' prelude). */
const STALE_FIELD_MS = '10';

/**
 * The keys' prelude with field TTLs on its hashes: a distant one on `a`, and one on `b` that is
 * past by the time the random commands start (active expiry is off: it stays until reclaimed).
 */
export function withFieldTtls(
  prelude: fc.Arbitrary<readonly (readonly string[])[]>,
): fc.Arbitrary<readonly (readonly string[])[]> {
  return prelude.chain((commands) =>
    fc
      .tuple(
        ...commands.map((argv) => {
          if (argv[0] !== 'HSET' || argv.length < 6) return fc.constant([argv]);
          const k = arg(argv, 1);
          const far = ['HPEXPIRE', k, '100000000', 'FIELDS', '1', 'a'];
          const soon = ['HPEXPIRE', k, STALE_FIELD_MS, 'FIELDS', '1', 'b'];
          return fc.constantFrom([argv], [argv, far], [argv, soon], [argv, far, soon]);
        }),
      )
      .map((groups) => groups.flat()),
  );
}

/** A stall inside HPEXPIRE of the prelude made it delete the field on one side only (see isPreludeRace). */
export function isFieldPreludeRace(published: readonly string[], emitted: readonly string[]): boolean {
  const kinds = (lines: readonly string[]) => lines.map((l) => l.replace(/^__key\w+@\d+__:/, '')).join('|');
  const [a, b] = [kinds(published), kinds(emitted)];
  const onlyFieldEvents = /^(?:(?:\S+ (?:hexpire|hdel)|(?:hexpire|hdel) \S+)(?:\||$))+$/;
  return a !== b && onlyFieldEvents.test(a) && onlyFieldEvents.test(b);
}
