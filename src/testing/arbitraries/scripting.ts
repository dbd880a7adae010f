import fc from 'fast-check';
import { sha1hex } from '../../engine/scripting/sha1.ts';
import type { Weighted } from './values.ts';

/**
 * EVAL-family commands for the differential test. The scripts keep to what Lua 5.1 (Redis) and
 * fengari's 5.3 agree on: runtime error texts of the two VMs differ ("attempt to perform arithmetic
 * on …"), so scripts only fail through redis.call, error(), globals and the parser's end of input.
 */
const SCRIPTS = [
  "return redis.call('GET', KEYS[1])",
  "return redis.call('SET', KEYS[1], ARGV[1])",
  "return redis.call('SET', KEYS[1], ARGV[1], 'PX', 60000)",
  "return redis.call('INCRBY', KEYS[1], ARGV[1])",
  "return redis.pcall('INCR', KEYS[1])",
  "return {redis.call('TTL', KEYS[1]), redis.call('TYPE', KEYS[1]), redis.call('EXISTS', KEYS[1])}",
  "return redis.call('EXPIRE', KEYS[1], 100)",
  "local v = redis.call('GET', KEYS[1]) if v then return string.len(v) end return false",
  "local n = tonumber(ARGV[1]) if n == nil then return 'nan' end return n * 2",
  "return redis.call('DEL', unpack(KEYS))",
  "return redis.call('HSET', KEYS[1], 'f', ARGV[1])",
  "return redis.call('LPUSH', KEYS[1], ARGV[1], ARGV[2])",
  'return redis.error_reply(ARGV[1])',
  'return redis.status_reply(ARGV[1])',
  "return {1, 2.5, -2.5, 'x', true, false, {ok='y'}, {err='E z'}, {1, {2}}}",
  'return KEYS',
  'return ARGV',
  "error('boom')",
  "error({err='MINE custom'})",
  "return redis.call('nosuch')",
  "return redis.call('GET')",
  "return redis.call('MULTI')",
  'return undefined_global',
  'x = 1',
  'return 1 +',
  "local ok, err = pcall(redis.call, 'INCR', KEYS[1]) return {tostring(ok), err}",
  "redis.call('SELECT', 1) return redis.call('DBSIZE')",
  "return redis.call('PEXPIRE', KEYS[1], ARGV[1] * 1000)",
  "return tostring(7 / 2) .. ' ' .. 10 / 2 .. ' ' .. 0.1",
  "return redis.sha1hex(ARGV[1] or '')",
  "#!lua flags=no-writes\nreturn redis.call('SET', KEYS[1], 'v')",
  "#!lua\nreturn redis.call('GET', KEYS[1])",
];

const script = fc.constantFrom(...SCRIPTS);
const sha = fc.oneof(
  script.map(sha1hex),
  script.map((s) => sha1hex(s).toUpperCase()),
  fc.constantFrom('0000000000000000000000000000000000000000', 'abc', ''),
);
const key = fc.constantFrom('k1', 'k2', 'n', 'lst');
const arg = fc.constantFrom('1', '5', '-3', 'abc', '', '2.5', 'a\r\nb', '1700000000', 'ERR own', '-CODE x');
const numkeys = fc.oneof(
  { arbitrary: fc.constantFrom('0', '1', '2'), weight: 6 },
  fc.constantFrom('-1', 'x', '3'),
);
const tail = fc.tuple(numkeys, fc.array(key, { maxLength: 2 }), fc.array(arg, { maxLength: 2 }));

const scriptCommand: fc.Arbitrary<readonly string[]> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom('EVAL', 'EVAL_RO'), script, tail)
      .map(([cmd, body, [n, keys, args]]) => [cmd, body, n, ...keys, ...args]),
    weight: 6,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('EVALSHA', 'EVALSHA_RO'), sha, tail)
      .map(([cmd, digest, [n, keys, args]]) => [cmd, digest, n, ...keys, ...args]),
    weight: 3,
  },
  { arbitrary: script.map((body) => ['SCRIPT', 'LOAD', body]), weight: 2 },
  {
    arbitrary: fc.array(sha, { minLength: 1, maxLength: 3 }).map((s) => ['SCRIPT', 'EXISTS', ...s]),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      ['SCRIPT', 'FLUSH'],
      ['SCRIPT', 'FLUSH', 'ASYNC'],
      ['SCRIPT', 'FLUSH', 'x'],
      ['SCRIPT', 'KILL'],
      ['SCRIPT', 'HELP'],
    ),
    weight: 1,
  },
);

export const scriptingArbitraries: readonly Weighted[] = [{ arbitrary: scriptCommand, weight: 8 }];
