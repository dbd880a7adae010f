import fc from 'fast-check';
import { scriptCommandArbitrary } from './script-arbitrary.ts';

/**
 * Random Redis commands for the differential test: small pools of keys and values so commands run
 * into each other, valid and invalid arguments (wrong arity, bad numbers, option conflicts,
 * overflow), and TTLs far from any boundary the test could race with (at least 100 s ahead, or long
 * past), so both servers see the same thing despite a few ms between them.
 */

/** The keys every command picks from (few, so commands run into each other). */
export const KEY_POOL = ['k1', 'k2', 'k3', 'n', 'f', 'lst', ''] as const;
const key = fc.constantFrom(...KEY_POOL);
const value = fc.constantFrom(
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
const intArg = fc.constantFrom(
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
const floatArg = fc.constantFrom(
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
const badTtlArg = fc.constantFrom(
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
const secondsArg = fc.oneof(
  { arbitrary: fc.integer({ min: 200, max: 100_000 }).map(String), weight: 4 },
  { arbitrary: badTtlArg, weight: 2 },
);
const millisArg = fc.oneof(
  { arbitrary: fc.integer({ min: 200_000, max: 100_000_000 }).map(String), weight: 4 },
  { arbitrary: badTtlArg, weight: 2 },
);
/** Absolute times: long past, far future, or junk. */
const unixSecondsArg = fc.oneof(
  fc.constantFrom('1', '1000000', '4000000000', '4000000001', '9223372036854775', '9223372036854776'),
  badTtlArg,
);
const unixMillisArg = fc.oneof(
  fc.constantFrom('1', '1000000000', '4000000000123', '4000000000500', '9223372036854775807'),
  badTtlArg,
);
const expireFlag = fc.constantFrom('NX', 'XX', 'GT', 'LT', 'nx', 'foo');
const pattern = fc.constantFrom('*', 'k*', 'k?', '[kn]*', '[^k]*', 'k[1-2]', '*1', '', '\\*', 'f');

const setOption = fc.oneof(
  fc.constantFrom(['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['nx'], ['get'], ['foo'], ['EX']),
  secondsArg.map((s) => ['EX', s]),
  millisArg.map((s) => ['PX', s]),
  unixSecondsArg.map((s) => ['EXAT', s]),
  unixMillisArg.map((s) => ['PXAT', s]),
);
const getexOption = fc.oneof(
  fc.constantFrom(['PERSIST'], ['KEEPTTL'], ['NX'], ['foo'], ['EX']),
  secondsArg.map((s) => ['EX', s]),
  millisArg.map((s) => ['PX', s]),
  unixSecondsArg.map((s) => ['EXAT', s]),
  unixMillisArg.map((s) => ['PXAT', s]),
);

const smallIntArg = fc.integer({ min: -20, max: 20 }).map(String);
const bitfieldType = fc.constantFrom('i8', 'u8', 'i1', 'u1', 'i5', 'u63', 'i64', 'u64', 'i0', 'I8', 'x');
const bitfieldOffset = fc.constantFrom('0', '3', '8', '60', '#1', '#-1', '#', '4294967296', '-1');

/** Collection members: short, numeric (intset material) and one longer than any listpack value. */
const field = fc.constantFrom('a', 'b', 'f1', '1', '10', '-5', '');
const member = fc.oneof(field, fc.constantFrom('007', 'Hello World', 'y'.repeat(70)));
const hashValue = fc.oneof(value, fc.constantFrom('y'.repeat(70), '1e400', '3'));
/** Cursors that do not depend on hashtable layout: 0 and rejected ones. */
const collectionCursor = fc.constantFrom('0', '0', '', 'x', ' 1');
const collectionScanOption = fc.constantFrom(
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

const zmember = fc.constantFrom('a', 'b', 'c', 'aa', '1', '');
const zscoreArg = fc.constantFrom(
  '1',
  '2',
  '-1',
  '0',
  '-0',
  '1.5',
  '0.1',
  'inf',
  '-inf',
  '+inf',
  'nan',
  'x',
  '1e400',
  '1e-400',
  '0x10',
  '.5',
  ' 1',
  '1e18',
  '',
);
const zaddFlag = fc.constantFrom('NX', 'XX', 'GT', 'LT', 'CH', 'INCR', 'ch');
const zbound = fc.constantFrom('-inf', '+inf', '(1', '1', '2', '(2', '0', 'x', '', '(', ' 1', 'nan', '1.5');
const lexBound = fc.constantFrom('-', '+', '[a', '(b', '[c', '(aa', 'a', '+x', '[');
const zrangeOption = fc.constantFrom(
  ['WITHSCORES'],
  ['REV'],
  ['BYSCORE'],
  ['BYLEX'],
  ['LIMIT', '0', '2'],
  ['LIMIT', '1', '-1'],
  ['LIMIT', '-1', '1'],
  ['LIMIT', 'x', '1'],
  ['LIMIT', '0'],
  ['withscores'],
  ['foo'],
);

const lposOption = fc.constantFrom(
  ['RANK', '1'],
  ['RANK', '-1'],
  ['RANK', '2'],
  ['RANK', '0'],
  ['RANK', 'x'],
  ['COUNT', '0'],
  ['COUNT', '2'],
  ['COUNT', '-1'],
  ['MAXLEN', '2'],
  ['MAXLEN', '-1'],
  ['RANK'],
  ['foo'],
);

const sortOption = fc.constantFrom(
  ['ASC'],
  ['DESC'],
  ['ALPHA'],
  ['LIMIT', '0', '2'],
  ['LIMIT', '1', '-1'],
  ['LIMIT', '-1', '5'],
  ['LIMIT', 'x', '1'],
  ['BY', 'nosort'],
  ['BY', 'k*'],
  ['BY', '*'],
  ['BY', 'k*->a'],
  ['GET', '#'],
  ['GET', 'k*'],
  ['GET', '*->a'],
  ['GET', 'nostar'],
  ['foo'],
  ['LIMIT'],
);

/** DUMP payloads from redis-server 7.0.15 (and one from Dragonfly's RDB 9), plus broken ones. */
const RESTORE_PAYLOADS = [
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

const flat = (parts: (string | readonly string[])[]): string[] =>
  parts.flatMap((p) => (typeof p === 'string' ? [p] : [...p]));

export const commandArbitrary: fc.Arbitrary<readonly string[]> = fc.oneof(
  { arbitrary: scriptCommandArbitrary, weight: 8 },
  // strings
  {
    arbitrary: fc
      .tuple(key, value, fc.array(setOption, { maxLength: 3 }))
      .map(([k, v, o]) => flat(['SET', k, v, ...o])),
    weight: 8,
  },
  { arbitrary: key.map((k) => ['GET', k]), weight: 5 },
  { arbitrary: fc.tuple(key, secondsArg, value).map(([k, s, v]) => ['SETEX', k, s, v]), weight: 3 },
  { arbitrary: fc.tuple(key, millisArg, value).map(([k, s, v]) => ['PSETEX', k, s, v]), weight: 3 },
  { arbitrary: fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]), weight: 1 },
  { arbitrary: fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]), weight: 1 },
  { arbitrary: key.map((k) => ['GETDEL', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, fc.array(getexOption, { maxLength: 2 }))
      .map(([k, o]) => flat(['GETEX', k, ...o])),
    weight: 3,
  },
  {
    arbitrary: fc
      .array(fc.tuple(key, value), { minLength: 1, maxLength: 3 })
      .map((p) => ['MSET', ...p.flat()]),
    weight: 1,
  },
  {
    arbitrary: fc
      .array(fc.tuple(key, value), { minLength: 1, maxLength: 3 })
      .map((p) => ['MSETNX', ...p.flat()]),
    weight: 1,
  },
  { arbitrary: fc.array(key, { minLength: 1, maxLength: 4 }).map((k) => ['MGET', ...k]), weight: 1 },
  { arbitrary: fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]), weight: 2 },
  { arbitrary: key.map((k) => ['STRLEN', k]), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('INCR', 'DECR'), key).map(([c, k]) => [c, k]), weight: 3 },
  {
    arbitrary: fc.tuple(fc.constantFrom('INCRBY', 'DECRBY'), key, intArg).map(([c, k, n]) => [c, k, n]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, floatArg).map(([k, n]) => ['INCRBYFLOAT', k, n]), weight: 3 },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom('0', '3', '7', '-1', 'abc', '536870912'), value)
      .map(([k, o, v]) => ['SETRANGE', k, o, v]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('GETRANGE', 'SUBSTR'), key, intArg, intArg)
      .map(([c, k, a, b]) => [c, k, a, b]),
    weight: 2,
  },
  // expiry
  {
    arbitrary: fc
      .tuple(key, secondsArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['EXPIRE', k, s, ...f]),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(key, millisArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['PEXPIRE', k, s, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(key, unixSecondsArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['EXPIREAT', k, s, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(key, unixMillisArg, fc.array(expireFlag, { maxLength: 2 }))
      .map(([k, s, f]) => ['PEXPIREAT', k, s, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('TTL', 'PTTL', 'EXPIRETIME', 'PEXPIRETIME', 'PERSIST'), key)
      .map(([c, k]) => [c, k]),
    weight: 6,
  },
  // keyspace
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
  // lists, for types
  {
    arbitrary: fc
      .tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, fc.array(value, { minLength: 1, maxLength: 3 }))
      .map(([c, k, v]) => [c, k, ...v]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('LPOP', 'RPOP'), key, fc.constantFrom([], ['2'], ['0'], ['-1']))
      .map(([c, k, n]) => [c, k, ...n]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, intArg, intArg).map(([k, a, b]) => ['LRANGE', k, a, b]), weight: 1 },
  { arbitrary: key.map((k) => ['LLEN', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('LPUSHX', 'RPUSHX'), key, fc.array(value, { minLength: 1, maxLength: 2 }))
      .map(([c, k, v]) => [c, k, ...v]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, intArg).map(([k, i]) => ['LINDEX', k, i]), weight: 1 },
  { arbitrary: fc.tuple(key, intArg, value).map(([k, i, v]) => ['LSET', k, i, v]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom('BEFORE', 'after', 'middle'), value, value)
      .map(([k, w, p, v]) => ['LINSERT', k, w, p, v]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, intArg, value).map(([k, n, v]) => ['LREM', k, n, v]), weight: 1 },
  { arbitrary: fc.tuple(key, intArg, intArg).map(([k, a, b]) => ['LTRIM', k, a, b]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, value, fc.array(lposOption, { maxLength: 3 }))
      .map(([k, v, o]) => ['LPOS', k, v, ...o.flat()]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        key,
        fc.constantFrom('LEFT', 'RIGHT', 'left', 'up'),
        fc.constantFrom('LEFT', 'RIGHT', 'down'),
      )
      .map(([a, b, f, t]) => ['LMOVE', a, b, f, t]),
    weight: 1,
  },
  { arbitrary: fc.tuple(key, key).map(([a, b]) => ['RPOPLPUSH', a, b]), weight: 1 },
  // random bytes give the bit commands something to count and search
  {
    arbitrary: fc
      .tuple(
        key,
        fc.uint8Array({ maxLength: 6 }).map((a) => String.fromCharCode(...a)),
      )
      .map(([k, v]) => ['SET', k, v]),
    weight: 1,
  },
  // bitmaps: offsets stay small when writing (a big one would build a 512 MB string on both sides)
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom('0', '7', '13', '100', '-1', 'x', '4294967296'),
        fc.constantFrom('0', '1', '2', 'x'),
      )
      .map(([k, o, b]) => ['SETBIT', k, o, b]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom('0', '7', '100', '4294967295', '-1', 'x'))
      .map(([k, o]) => ['GETBIT', k, o]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('BITCOUNT', 'BITPOS'),
        key,
        fc.constantFrom([], ['0'], ['1'], ['2']),
        fc.array(fc.oneof(intArg, smallIntArg, fc.constantFrom('BIT', 'BYTE', 'bit', 'foo')), {
          maxLength: 4,
        }),
      )
      .map(([c, k, b, r]) => [c, k, ...(c === 'BITPOS' ? (b.length ? b : ['1']) : []), ...r]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('AND', 'OR', 'XOR', 'NOT', 'not', 'foo'),
        key,
        fc.array(key, { minLength: 1, maxLength: 3 }),
      )
      .map(([op, d, src]) => ['BITOP', op, d, ...src]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('BITFIELD', 'BITFIELD', 'BITFIELD_RO'),
        key,
        fc.array(
          fc.oneof(
            fc.tuple(bitfieldType, bitfieldOffset).map(([t, o]) => ['GET', t, o]),
            fc
              .tuple(fc.constantFrom('SET', 'INCRBY', 'incrby'), bitfieldType, bitfieldOffset, intArg)
              .map((a) => [...a]),
            fc.constantFrom(
              ['OVERFLOW', 'WRAP'],
              ['OVERFLOW', 'SAT'],
              ['OVERFLOW', 'fail'],
              ['OVERFLOW', 'foo'],
              ['GET'],
              ['FOO'],
            ),
          ),
          { maxLength: 4 },
        ),
      )
      .map(([c, k, ops]) => [c, k, ...ops.flat()]),
    weight: 3,
  },
  // hashes: few field names so the same fields are hit again; one value long enough to convert
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('HSET', 'HMSET', 'hset'),
        key,
        fc.array(fc.tuple(field, hashValue), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([c, k, p, odd]) => [c, k, ...p.flat(), ...(odd ? ['x'] : [])]),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('HGET', 'HEXISTS', 'HSTRLEN'), key, field)
      .map(([c, k, f]) => [c, k, f]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, field, hashValue).map(([k, f, v]) => ['HSETNX', k, f, v]), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('HMGET', 'HDEL'), key, fc.array(field, { minLength: 1, maxLength: 3 }))
      .map(([c, k, f]) => [c, k, ...f]),
    weight: 3,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom('HGETALL', 'HKEYS', 'HVALS', 'HLEN'), key).map(([c, k]) => [c, k]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, field, intArg).map(([k, f, n]) => ['HINCRBY', k, f, n]), weight: 2 },
  { arbitrary: fc.tuple(key, field, floatArg).map(([k, f, n]) => ['HINCRBYFLOAT', k, f, n]), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('HSCAN', 'SSCAN', 'ZSCAN'),
        key,
        collectionCursor,
        fc.array(collectionScanOption, { maxLength: 2 }),
      )
      .map(([c, k, cur, o]) => [c, k, cur, ...o.flat()]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], ['1'], ['-3'], ['2'], ['10'], ['0'], ['x'], ['-9223372036854775808']),
        fc.constantFrom([], [], ['WITHVALUES'], ['withvalues'], ['foo']),
      )
      .map(([k, n, w]) => ['HRANDFIELD', k, ...n, ...w]),
    weight: 2,
  },
  // sets: members overlap with hash fields and values so encodings and types mix
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('SADD', 'SREM', 'SMISMEMBER', 'sadd'),
        key,
        fc.array(member, { minLength: 1, maxLength: 4 }),
      )
      .map(([c, k, m]) => [c, k, ...m]),
    weight: 6,
  },
  {
    arbitrary: fc.tuple(fc.constantFrom('SMEMBERS', 'SCARD'), key).map(([c, k]) => [c, k]),
    weight: 3,
  },
  { arbitrary: fc.tuple(key, member).map(([k, m]) => ['SISMEMBER', k, m]), weight: 2 },
  { arbitrary: fc.tuple(key, key, member).map(([a, b, m]) => ['SMOVE', a, b, m]), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('SINTER', 'SUNION', 'SDIFF', 'SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE'),
        fc.array(key, { minLength: 1, maxLength: 4 }),
      )
      .map(([c, k]) => [c, ...k]),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('0', '1', '2', '3', '-1', 'x'),
        fc.array(key, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(
          [],
          [],
          ['LIMIT', '1'],
          ['LIMIT', '0'],
          ['LIMIT', '-1'],
          ['LIMIT', 'x'],
          ['LIMIT'],
          ['foo'],
        ),
      )
      .map(([n, k, o]) => ['SINTERCARD', n, ...k, ...o]),
    weight: 2,
  },
  {
    // Only counts that empty the set (or fail) keep both servers' sets identical.
    arbitrary: fc
      .tuple(key, fc.constantFrom(['100'], ['0'], ['-1'], ['x'], ['1', '2']))
      .map(([k, n]) => ['SPOP', k, ...n]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], ['1'], ['-3'], ['2'], ['10'], ['0'], ['x'], ['-9223372036854775808'], ['1', '2']),
      )
      .map(([k, n]) => ['SRANDMEMBER', k, ...n]),
    weight: 2,
  },
  // sorted sets: no member longer than a listpack value, so BYLEX walks agree (see sorted-sets-range.ts)
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZADD', 'zadd'),
        key,
        fc.array(zaddFlag, { maxLength: 2 }),
        fc.array(fc.tuple(zscoreArg, zmember), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
      )
      .map(([c, k, f, p, odd]) => [c, k, ...f, ...p.flat(), ...(odd ? ['1'] : [])]),
    weight: 6,
  },
  { arbitrary: fc.tuple(key, zscoreArg, zmember).map(([k, s, m]) => ['ZINCRBY', k, s, m]), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZSCORE', 'ZRANK', 'ZREVRANK'), key, zmember)
      .map(([c, k, m]) => [c, k, m]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZMSCORE', 'ZREM'), key, fc.array(zmember, { minLength: 1, maxLength: 3 }))
      .map(([c, k, m]) => [c, k, ...m]),
    weight: 3,
  },
  { arbitrary: key.map((k) => ['ZCARD', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('ZCOUNT', 'ZREMRANGEBYSCORE'), key, zbound, zbound)
      .map(([c, k, a, b]) => [c, k, a, b]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZREMRANGEBYRANK', 'ZREVRANGE'),
        key,
        intArg,
        intArg,
        fc.constantFrom([], ['WITHSCORES']),
      )
      .map(([c, k, a, b, w]) => [c, k, a, b, ...(c === 'ZREVRANGE' ? w : [])]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZRANGE', 'ZRANGEBYSCORE', 'ZREVRANGEBYSCORE'),
        key,
        fc.oneof(fc.tuple(intArg, intArg), fc.tuple(zbound, zbound), fc.tuple(lexBound, lexBound)),
        fc.array(zrangeOption, { maxLength: 3 }),
      )
      .map(([c, k, [a, b], o]) => [c, k, a, b, ...o.flat()]),
    weight: 6,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('ZPOPMIN', 'ZPOPMAX'),
        key,
        fc.constantFrom([], ['1'], ['2'], ['10'], ['0'], ['-1'], ['x'], ['1', '2']),
      )
      .map(([c, k, n]) => [c, k, ...n]),
    weight: 2,
  },
  // SORT: ALPHA with a BY pattern leaves ties in hash order, so such results are never stored
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('SORT', 'SORT', 'SORT_RO'),
        key,
        fc.array(sortOption, { maxLength: 4 }),
        fc.option(key),
      )
      .map(([c, k, o, store]) => {
        const opts = o.flat();
        const alphaBy = opts.some((x) => x === 'ALPHA') && opts.some((x) => x.includes('*'));
        return [c, k, ...opts, ...(store !== null && !alphaBy ? ['STORE', store] : [])];
      }),
    weight: 4,
  },
  // server and transactions
  {
    arbitrary: fc.constantFrom(['PING'], ['PING', 'hi'], ['ECHO', 'x'], ['MULTI'], ['EXEC'], ['DISCARD']),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(
      ['TIME'],
      ['INFO', 'keyspace'],
      ['FLUSHALL'],
      ['FLUSHALL', 'SYNC'],
      ['DEBUG', 'SLEEP', '0'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
      ['DEBUG', 'FOO'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'GET', 'active-expire-effort'],
      ['CONFIG', 'SET', 'hz', '0'],
      ['CONFIG', 'SET', 'hz', '1000'],
      ['CONFIG', 'SET', 'hz', '05'],
      ['CONFIG', 'SET', 'hz', '10'],
      ['CONFIG', 'SET', 'active-expire-effort', '11'],
      ['CONFIG', 'SET', 'active-expire-effort', '3'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Kgxn'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Q'],
      ['CONFIG', 'SET', 'maxmemory', '100mb'],
      ['CONFIG', 'SET', 'maxmemory', '1G'],
      ['CONFIG', 'SET', 'maxmemory', '1.5gb'],
      ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CONFIG', 'SET', 'hz', '10', 'hz', '11'],
      ['CONFIG', 'SET', 'nosuch', '1'],
    ),
    weight: 2,
  },
  // invalid input: wrong arity, unknown commands and subcommands
  {
    arbitrary: fc.constantFrom(
      ['GET'],
      ['GET', 'a', 'b'],
      ['SET', 'k'],
      ['SETEX', 'k', '10'],
      ['EXPIRE', 'k'],
      ['TTL'],
      ['MSET', 'a'],
      ['MSET', 'a', '1', 'b'],
      ['PING', 'a', 'b'],
      ['DBSIZE', 'x'],
      ['FOO', 'a', 'b'],
      ['OBJECT'],
      ['OBJECT', 'foo'],
      ['OBJECT', 'ENCODING', 'a', 'b'],
      ['CONFIG', 'FOO'],
      ['LPOP', 'k', '1', '2'],
    ),
    weight: 2,
  },
);

/**
 * The commands (and `container|sub` subcommands) the generator produces, from a fixed sample: the
 * README's compatibility table marks them as checked against redis-server.
 */
export function differentialCoverage(): Set<string> {
  const names = new Set<string>();
  for (const argv of fc.sample(commandArbitrary, { numRuns: 20_000, seed: 1 })) {
    const name = (argv[0] as string).toLowerCase();
    names.add(name);
    if (argv[1] !== undefined) names.add(`${name}|${argv[1].toLowerCase()}`);
  }
  return names;
}

/** How many random sequences and commands the CI run uses (override with DIFF_RUNS / DIFF_SEED). */
export const DIFF_RUNS = Number(process.env.DIFF_RUNS ?? 400);
export const DIFF_SEED = Number(process.env.DIFF_SEED ?? 20261123);
