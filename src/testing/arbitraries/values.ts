import fc from 'fast-check';

/**
 * The small pools of keys, values and numbers every family's generator draws from, so commands run
 * into each other: valid and invalid arguments (bad numbers, overflow), and TTLs far from any
 * boundary the test could race with (at least 100 s ahead, or long past), so both servers see the
 * same thing despite a few ms between them.
 */

/** One family's entry: a generator of argv and how often it is picked. */
export type Weighted = fc.WeightedArbitrary<readonly string[]>;

export const key = fc.constantFrom('k1', 'k2', 'k3', 'n', 'f', 'lst', '');
export const value = fc.constantFrom(
  'v',
  '',
  '10',
  '-5',
  '0',
  '1.5',
  '007',
  'abc',
  'Hello World',
  '9223372036854775806',
  '-9223372036854775807',
  '3.0e3',
  '0x10',
  '1e400',
  'inf',
  '\xc3\xa9',
  'a\x00b',
  'x'.repeat(45),
);
export const intArg = fc.constantFrom(
  '0',
  '1',
  '-1',
  '2',
  '10',
  '-100',
  '1000',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775',
  '-9223372036854775',
  '-9223372036854776',
  '99999999999999999999',
  'abc',
  '1.5',
  '',
  ' 1',
  '+1',
  '010',
  '-0',
);
export const floatArg = fc.constantFrom(
  '0.1',
  '-1.6',
  '1e3',
  '5.0e3',
  '.5',
  '5.',
  '0x10',
  '1e-18',
  '1e20',
  'inf',
  'nan',
  'abc',
  '',
  '1e5000',
  '-0.0',
  '123456789.123456789',
);
/** TTL amounts that are rejected or expire at once: never a small positive time the test could race. */
export const badTtlArg = fc.constantFrom(
  '0',
  '-1',
  '-100',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775',
  '-9223372036854775',
  '-9223372036854776',
  '99999999999999999999',
  'abc',
  '1.5',
  '',
  ' 1',
  '+1',
  '010',
  '-0',
);
/** Relative TTLs: seconds and milliseconds that stay far from expiring during a test run. */
export const secondsArg = fc.oneof(
  { arbitrary: fc.integer({ min: 200, max: 100_000 }).map(String), weight: 4 },
  { arbitrary: badTtlArg, weight: 2 },
);
export const millisArg = fc.oneof(
  { arbitrary: fc.integer({ min: 200_000, max: 100_000_000 }).map(String), weight: 4 },
  { arbitrary: badTtlArg, weight: 2 },
);
/** Absolute times: long past, far future, or junk. */
export const unixSecondsArg = fc.oneof(
  fc.constantFrom('1', '1000000', '4000000000', '4000000001', '9223372036854775', '9223372036854776'),
  badTtlArg,
);
export const unixMillisArg = fc.oneof(
  fc.constantFrom('1', '1000000000', '4000000000123', '4000000000500', '9223372036854775807'),
  badTtlArg,
);
/** Hash fields and set members: short and numeric (intset material). */
export const field = fc.constantFrom('a', 'b', 'f1', '1', '10', '-5', '');
/** Cursors that do not depend on hashtable layout: 0 and rejected ones. */
export const collectionCursor = fc.constantFrom('0', '0', '', 'x', ' 1');
export const collectionScanOption = fc.constantFrom(
  ['MATCH', 'a*'],
  ['MATCH', '*'],
  ['MATCH', '1*'],
  ['COUNT', '100'],
  ['COUNT', '0'],
  ['COUNT', 'x'],
  ['TYPE', 'hash'],
  ['foo'],
  ['COUNT'],
);

export const flat = (parts: (string | readonly string[])[]): string[] =>
  parts.flatMap((p) => (typeof p === 'string' ? [p] : [...p]));
