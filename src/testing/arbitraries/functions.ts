import fc from 'fast-check';
import { key, type Weighted } from './values.ts';

/**
 * Redis functions (commands/functions.ts): FUNCTION LOAD of a few libraries (valid, clashing,
 * failing), FCALL/FCALL_RO, FUNCTION LIST/DELETE/FLUSH/STATS/RESTORE. Each library registers one
 * function, since Redis lists a library's functions in its dict's (seeded hash) order; FUNCTION
 * DUMP of several libraries is in that order too, so the dumps are tested in functions.test.ts and
 * RESTORE here takes single-library payloads recorded from redis-server 7.0.15.
 */

const lib = (name: string, body: string): string => `#!lua name=${name}\n${body}`;

const LIBRARIES = [
  lib('lib1', "redis.register_function('f1', function(keys, args) return redis.call('GET', keys[1]) end)"),
  lib(
    'lib1',
    "redis.register_function('f1', function(keys, args) return redis.call('SET', keys[1], args[1]) end)",
  ),
  lib(
    'lib2',
    "redis.register_function{function_name='f2', callback=function(keys, args) return redis.call('INCRBY', keys[1], args[1]) end}",
  ),
  lib(
    'lib3',
    "redis.register_function{function_name='f3', callback=function(keys) return {redis.call('TTL', keys[1]), redis.call('TYPE', keys[1])} end, flags={'no-writes'}, description='ttl and type'}",
  ),
  lib('lib4', "redis.register_function('f1', function() return 1 end)"),
  lib(
    'lib5',
    "redis.register_function{function_name='f5', callback=function(keys) return redis.call('DEL', keys[1]) end, flags={'no-writes', 'allow-oom'}}",
  ),
  lib(
    'lib6',
    "redis.register_function('f6', function(keys, args) return {keys, args, redis.call('EXISTS', keys[1]), redis.pcall('LPOP', keys[1])} end)",
  ),
  lib('lib8', "redis.register_function('f8', function(keys, args) error('boom') end)"),
  lib('lib9', "redis.register_function('f9', function(keys, args) return redis.call('FCALL', 'f1', 0) end)"),
  lib('bad', 'return 1'),
  lib('bad', 'local x ='),
  lib('bad', "redis.call('SET', 'k1', 'v')"),
  lib('bad', "redis.register_function('f', function() end, 'x')"),
  lib('bad', "redis.register_function{function_name='f', callback=function() end, flags={'nope'}}"),
  lib('bad-name', "redis.register_function('f', function() end)"),
  "#!lua\nredis.register_function('f', function() end)",
  "#!js name=js\nredis.register_function('f', function() end)",
  "redis.register_function('f', function() end)",
];

/** FUNCTION DUMP of lib7 alone (FCALL f7 pushes an argument onto a list) and of lib1 alone. */
const PAYLOADS = [
  "\xf5\xc3@p@{\x1f#!lua name=lib7\nredis.register_f\x0dunction('f7', \xe0\x00\x0e\x11keys, args) return \x06@9\ncall('LPUSH /@&\x02[1]\x80) \x08\x0c or 'x') end)\n\x00\xa6x\xe0A\x80\x10\xf3\xdc",
  "\xf5\xc3@b@i\x1f#!lua name=lib1\nredis.register_f\x0dunction('f1', \xe0\x00\x0e\x11keys, args) return \x06@9\x08call('GET -@$\x08[1]) end)\n\x00\x01\x0b;\xa4\xdd\x0cT\x12",
  'junk',
];

const fname = fc.constantFrom('f1', 'f2', 'f3', 'f5', 'f6', 'f7', 'f8', 'f9', 'nosuch');
const arg = fc.constantFrom('1', '5', 'abc', '', '-3');
const numkeys = fc.oneof(
  { arbitrary: fc.constantFrom('0', '1', '1', '2'), weight: 6 },
  fc.constantFrom('-1', 'x', '3'),
);

export const functionArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(fc.constantFrom([], ['REPLACE'], ['replace'], ['FOO']), fc.constantFrom(...LIBRARIES))
      .map(([opts, code]) => ['FUNCTION', 'LOAD', ...opts, code]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('FCALL', 'FCALL_RO'),
        fname,
        numkeys,
        fc.array(key, { maxLength: 2 }),
        fc.array(arg, { maxLength: 2 }),
      )
      .map(([cmd, f, n, keys, args]) => [cmd, f, n, ...keys, ...args]),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...PAYLOADS), fc.constantFrom([], ['FLUSH'], ['APPEND'], ['REPLACE'], ['BOGUS']))
      .map(([payload, policy]) => ['FUNCTION', 'RESTORE', payload, ...policy]),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      ['FUNCTION', 'LIST'],
      ['FUNCTION', 'LIST', 'WITHCODE'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'lib*'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'lib1', 'WITHCODE'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME'],
      ['FUNCTION', 'DELETE', 'lib1'],
      ['FUNCTION', 'DELETE', 'lib2'],
      ['FUNCTION', 'DELETE', 'nosuch'],
      ['FUNCTION', 'FLUSH'],
      ['FUNCTION', 'FLUSH', 'ASYNC'],
      ['FUNCTION', 'FLUSH', 'x'],
      ['FUNCTION', 'STATS'],
      ['FUNCTION', 'KILL'],
      ['FUNCTION', 'HELP'],
      ['FUNCTION', 'NOSUCH'],
    ),
    weight: 2,
  },
];
