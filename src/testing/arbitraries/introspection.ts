import fc from 'fast-check';
import { key, type Weighted } from './values.ts';

/**
 * Introspection and server administration (commands/command-info.ts, object.ts, server-admin.ts):
 * COMMAND GETKEYS over the other families' commands, OBJECT, MEMORY USAGE (masked: the playground's
 * estimate), SWAPDB, WAIT, ROLE, LOLWUT. Not SAVE or BGSAVE: the test's redis-server has a disk.
 */

const target = fc.constantFrom(
  ['GET', 'k1'],
  ['SET', 'k1', 'v', 'GET'],
  ['SET', 'k1', 'v'],
  ['MSET', 'a', '1', 'b', '2'],
  ['ZUNIONSTORE', 'd', '2', 'a', 'b'],
  ['ZUNIONSTORE', 'd', 'x', 'a'],
  ['EVAL', 's', '1', 'k'],
  ['XREAD', 'STREAMS', 'a', 'b', '0', '0'],
  ['SORT', 'k', 'STORE', 'd'],
  ['BITFIELD', 'k', 'GET', 'u8', '0'],
  ['LMPOP', '2', 'a', 'b', 'LEFT'],
  ['GEOSEARCHSTORE', 'd', 's', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'],
  ['PING'],
  ['NOSUCH', 'x'],
  ['GET'],
);

export const introspectionArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(fc.constantFrom('GETKEYS', 'GETKEYSANDFLAGS'), target)
      .map(([sub, t]) => ['COMMAND', sub, ...t]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('REFCOUNT', 'FREQ', 'IDLETIME', 'ENCODING', 'HELP', 'FOO'), key)
      .map(([sub, k]) => (sub === 'HELP' ? ['OBJECT', sub] : ['OBJECT', sub, k])),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(key, fc.constantFrom([], ['SAMPLES', '0'], ['SAMPLES', 'x'], ['FOO']))
      .map(([k, o]) => ['MEMORY', 'USAGE', k, ...o]),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      ['SWAPDB', '0', '1'],
      ['SWAPDB', '1', '0'],
      ['SWAPDB', '0', '0'],
      ['SWAPDB', '0', '16'],
      ['SWAPDB', 'x', '1'],
      ['WAIT', '0', '0'],
      ['WAIT', '0', 'x'],
      ['WAIT', 'x', '0'],
      ['ROLE'],
      ['LOLWUT'],
      ['LOLWUT', 'VERSION', '7'],
      ['LASTSAVE'],
      ['MEMORY', 'HELP'],
    ),
    weight: 2,
  },
];
