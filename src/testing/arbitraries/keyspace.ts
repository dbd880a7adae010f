import fc from 'fast-check';
import { flat, key, type Weighted } from './values.ts';

/** Commands on keys as a whole, DUMP and RESTORE (commands/keyspace.ts, dump.ts). */

const pattern = fc.constantFrom('*', 'k*', 'k?', '[kn]*', '[^k]*', 'k[1-2]', '*1', '', '\\*', 'f');

/** DUMP payloads from redis-server 7.0.15 (and one from Dragonfly's RDB 9), plus broken ones. */
export const RESTORE_PAYLOADS = [
  '\x00\x05Hello\t\x00l;\xa6$i\x83\x9c2',
  '\x00\x05Hello\n\x00\xbc\xc9\xf7\xe8=\x05\xff\x83',
  "\x00\xc190\n\x00\x9d\x94\xea'\x93\xfc\b\xb9",
  '\x12\x01\x02\x19\x19\x00\x00\x00\x05\x00\x81a\x02\x01\x01\xdf\xfb\x02\xc1,\x02\x85hello\x06\xff\n\x00;\x04U\xbc2\x96"\xce',
  '\x0b\x14\x04\x00\x00\x00\x03\x00\x00\x00\x90\xee\xfe\xff\x01\x00\x00\x00\x03\x00\x00\x00\n\x00\t\x0e\xecI\xa6PM\x88',
  '\x10\x12\x12\x00\x00\x00\x04\x00\x81f\x02\x81v\x02\x81n\x02\x0c\x01\xff\n\x00\x016\x94\x81\xd3[\x89t',
  '\x11\x14\x14\x00\x00\x00\x04\x00\x81a\x02\x01\x01\x81b\x02\x832.5\x04\xff\n\x00\xd4Ln\xa4\xf6D\xd9\xd7',
  '\x00\x05Hello\t\x00l;\xa6$i\x83\x9c3',
  'x',
  '',
] as const;

export const keyspaceArbitraries: readonly Weighted[] = [
  { arbitrary: fc.array(key, { minLength: 1, maxLength: 3 }).map((k) => ['DEL', ...k]), weight: 2 },
  { arbitrary: fc.array(key, { minLength: 1, maxLength: 3 }).map((k) => ['UNLINK', ...k]), weight: 1 },
  { arbitrary: fc.array(key, { minLength: 1, maxLength: 3 }).map((k) => ['EXISTS', ...k]), weight: 2 },
  { arbitrary: fc.array(key, { minLength: 1, maxLength: 3 }).map((k) => ['TOUCH', ...k]), weight: 1 },
  { arbitrary: key.map((k) => ['TYPE', k]), weight: 2 },
  { arbitrary: pattern.map((p) => ['KEYS', p]), weight: 2 },
  {
    arbitrary: fc
      .array(
        fc.constantFrom(
          ['MATCH', 'k*'],
          ['COUNT', '2'],
          ['COUNT', '0'],
          ['TYPE', 'string'],
          ['TYPE', 'list'],
          ['foo'],
        ),
        { maxLength: 2 },
      )
      .map((o) => flat(['SCAN', '0', ...o])),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      ['DBSIZE'],
      ['RANDOMKEY'],
      ['FLUSHDB'],
      ['FLUSHDB', 'ASYNC'],
      ['FLUSHDB', 'foo'],
    ),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(['SELECT', '0'], ['SELECT', '1'], ['SELECT', '16'], ['SELECT', 'abc']),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom('RENAME', 'RENAMENX'), key, key).map(([c, a, b]) => [c, a, b]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(key, key, fc.constantFrom([], ['REPLACE'], ['DB', '1'], ['DB', '16'], ['foo']))
      .map(([a, b, o]) => ['COPY', a, b, ...o]),
    weight: 2,
  },
  {
    arbitrary: fc.tuple(key, fc.constantFrom('0', '1', '16', 'x')).map(([k, d]) => ['MOVE', k, d]),
    weight: 1,
  },
  { arbitrary: key.map((k) => ['OBJECT', 'ENCODING', k]), weight: 2 },
  { arbitrary: key.map((k) => ['DUMP', k]), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        key,
        // No small relative TTL: a key living 1 ms would race the comparison.
        fc.constantFrom('0', '100000000', '-1', 'abc'),
        fc.constantFrom(...RESTORE_PAYLOADS),
        fc.constantFrom(
          [],
          ['REPLACE'],
          ['REPLACE', 'ABSTTL'],
          ['ABSTTL'],
          ['IDLETIME', '5'],
          ['FREQ', '300'],
          ['FREQ', '3', 'IDLETIME', '1'],
          ['FOO'],
        ),
      )
      .map(([k, ttl, payload, opts]) => ['RESTORE', k, ttl, payload, ...opts]),
    weight: 2,
  },
];
