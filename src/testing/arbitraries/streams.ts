import fc from 'fast-check';
import { key as sharedKey, type Weighted } from './values.ts';

/**
 * Streams (commands/streams.ts, stream-*.ts) with explicit IDs, since `*` reads each server's own
 * clock; min-idle times of 0 or far beyond a run, so claims do not race the clock (the idle times
 * replies show are masked, see reply-compare.ts); a scripted batch now and then so nodes fill up,
 * split and get trimmed whole. No BLOCK: Redis would wait on it.
 */

/** Mostly a key of their own, so streams and groups build up; now and then one of the shared keys. */
const key = fc.oneof({ arbitrary: fc.constant('xs'), weight: 4 }, { arbitrary: sharedKey, weight: 1 });
const id = fc.constantFrom(
  '1-1',
  '1-2',
  '2',
  '2-0',
  '2-*',
  '3-5',
  '5',
  '5-*',
  '10-0',
  '0-1',
  '0-0',
  '18446744073709551615-*',
  'x',
  '-',
  '+',
);
const rangeId = fc.constantFrom('-', '+', '0', '1-1', '2', '(2-0', '5-0', '(5', '10', 'x', '(');
const field = fc.constantFrom('f', 'g', 'name', '1', '');
const val = fc.constantFrom('v', '1', 'Sara', '', 'x'.repeat(70));
const group = fc.constantFrom('g1', 'g1', 'g1', 'g2', 'nog');
const consumer = fc.constantFrom('alice', 'bob', 'carol');
const minIdle = fc.constantFrom('0', '0', '99999999', '-1', 'x');
const trim = fc.constantFrom(
  [],
  [],
  ['MAXLEN', '2'],
  ['MAXLEN', '~', '2'],
  ['MAXLEN', '=', '0'],
  ['MINID', '3'],
  ['MINID', '~', '300'],
  ['MAXLEN', '~', '100', 'LIMIT', '100'],
  ['MAXLEN', '1', 'LIMIT', '1'],
  ['MAXLEN', '-1'],
);

export const streamArbitraries: readonly Weighted[] = [
  {
    // Groups for the group commands to find (created over an empty stream when there is none).
    arbitrary: fc
      .tuple(fc.constantFrom('g1', 'g1', 'g2'), fc.constantFrom('0', '$', '2-0'))
      .map(([g, i]) => ['XGROUP', 'CREATE', 'xs', g, i, 'MKSTREAM']),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], [], ['NOMKSTREAM']),
        trim,
        id,
        fc.oneof(
          { arbitrary: fc.array(fc.tuple(field, val), { minLength: 1, maxLength: 3 }), weight: 9 },
          { arbitrary: fc.constant([]), weight: 1 },
        ),
      )
      .map(([k, nm, t, i, fv]) => ['XADD', k, ...nm, ...t, i, ...fv.flat()]),
    weight: 6,
  },
  {
    // A batch that fills nodes: 100 entries a node, fewer when values are long.
    arbitrary: fc
      .tuple(
        key,
        fc.integer({ min: 1, max: 6 }).map((n) => n * 100),
        fc.constantFrom('1', '60'),
      )
      .map(([k, base, width]) => [
        'EVAL',
        "for i = 1, 130 do redis.call('XADD', KEYS[1], (ARGV[1] + i) .. '-0', 'f', string.rep('x', ARGV[2])) end return redis.call('XLEN', KEYS[1])",
        '1',
        k,
        String(base),
        width,
      ]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('XRANGE', 'XREVRANGE'),
        key,
        rangeId,
        rangeId,
        fc.constantFrom([], ['COUNT', '2'], ['COUNT', '0'], ['COUNT', 'x'], ['FOO']),
      )
      .map(([c, k, a, b, o]) => [c, k, a, b, ...o]),
    weight: 3,
  },
  { arbitrary: key.map((k) => ['XLEN', k]), weight: 1 },
  {
    arbitrary: fc
      .tuple(key, fc.array(id, { minLength: 1, maxLength: 3 }))
      .map(([k, ids]) => ['XDEL', k, ...ids]),
    weight: 2,
  },
  { arbitrary: fc.tuple(key, trim).map(([k, t]) => ['XTRIM', k, ...t]), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        key,
        id,
        fc.constantFrom(
          [],
          ['ENTRIESADDED', '100'],
          ['MAXDELETEDID', '1-1'],
          ['ENTRIESADDED', '-1'],
          ['FOO'],
        ),
      )
      .map(([k, i, o]) => ['XSETID', k, i, ...o]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('CREATE', 'SETID', 'DESTROY', 'CREATECONSUMER', 'DELCONSUMER', 'create', 'FOO'),
        key,
        group,
        fc.constantFrom('0', '$', '2-0', 'x'),
        consumer,
        fc.constantFrom([], [], ['MKSTREAM'], ['ENTRIESREAD', '1'], ['ENTRIESREAD', '-2']),
      )
      .map(([sub, k, g, i, c, o]) => {
        const s = sub.toLowerCase();
        if (s === 'destroy') return ['XGROUP', sub, k, g];
        if (s === 'createconsumer' || s === 'delconsumer') return ['XGROUP', sub, k, g, c];
        return ['XGROUP', sub, k, g, i, ...o];
      }),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        group,
        consumer,
        fc.constantFrom([], ['COUNT', '1'], ['NOACK'], ['COUNT', '2', 'NOACK']),
        fc.array(key, { minLength: 1, maxLength: 2 }),
        fc.constantFrom('>', '>', '0', '2-0', '$'),
      )
      .map(([g, c, o, ks, i]) => ['XREADGROUP', 'GROUP', g, c, ...o, 'STREAMS', ...ks, ...ks.map(() => i)]),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom([], ['COUNT', '1']),
        fc.array(key, { minLength: 1, maxLength: 2 }),
        fc.constantFrom('0', '$', '2-0', '>', 'x'),
      )
      .map(([o, ks, i]) => ['XREAD', ...o, 'STREAMS', ...ks, ...ks.map(() => i)]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(key, group, fc.array(id, { minLength: 1, maxLength: 2 }))
      .map(([k, g, ids]) => ['XACK', k, g, ...ids]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        group,
        fc.constantFrom(
          [],
          ['-', '+', '10'],
          ['-', '+', '10', 'alice'],
          ['IDLE', '0', '-', '+', '5'],
          ['(1-1', '+', '1'],
          ['-', '+'],
        ),
      )
      .map(([k, g, o]) => ['XPENDING', k, g, ...o]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        group,
        consumer,
        minIdle,
        fc.array(id, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(
          [],
          ['JUSTID'],
          ['FORCE'],
          ['RETRYCOUNT', '5'],
          ['LASTID', '9-0'],
          ['IDLE', '5000', 'JUSTID'],
          ['TIME', '1'],
          ['FOO'],
        ),
      )
      .map(([k, g, c, m, ids, o]) => ['XCLAIM', k, g, c, m, ...ids, ...o]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        group,
        consumer,
        minIdle,
        rangeId,
        fc.constantFrom([], ['COUNT', '1'], ['JUSTID'], ['COUNT', '0']),
      )
      .map(([k, g, c, m, s, o]) => ['XAUTOCLAIM', k, g, c, m, s, ...o]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          ['STREAM'],
          ['STREAM', 'FULL'],
          ['GROUPS'],
          ['CONSUMERS', 'g1'],
          ['STREAM', 'FULL', 'COUNT', '1'],
        ),
        key,
      )
      .map(([[sub, ...rest], k]) => ['XINFO', sub as string, k, ...rest]),
    weight: 2,
  },
];
