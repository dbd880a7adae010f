import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/** Expectations captured from redis-server 7.0.15 with redis-cli, except where the clock decides. */
describe('server and object introspection', () => {
  it('match redis-server: ROLE, BGSAVE, WAIT, SWAPDB errors, OBJECT, MEMORY, LOLWUT', () => {
    expect(
      transcript(new Harness(), [
        ['ROLE', '1) "master"\n2) (integer) 0\n3) (empty array)'],
        ['BGSAVE', 'Background saving started'],
        ['BGSAVE SCHEDULE', 'Background saving started'],
        ['BGSAVE foo', '(error) ERR syntax error'],
        ['BGSAVE SCHEDULE x', '(error) ERR syntax error'],
        ['WAIT 0 0', '(integer) 0'],
        ['WAIT 1 10', '(integer) 0'],
        ['WAIT x 0', '(error) ERR value is not an integer or out of range'],
        ['WAIT 0 x', '(error) ERR timeout is not an integer or out of range'],
        ['WAIT 0 -1', '(error) ERR timeout is negative'],
        ['SWAPDB 0 0', 'OK'],
        ['SWAPDB 0 16', '(error) ERR DB index is out of range'],
        ['SWAPDB x 1', '(error) ERR invalid first DB index'],
        ['SWAPDB 1 x', '(error) ERR invalid second DB index'],
        ['SWAPDB -1 0', '(error) ERR DB index is out of range'],
        ['SWAPDB 99999999999 0', '(error) ERR invalid first DB index'],
        ['SET k 123', 'OK'],
        ['OBJECT REFCOUNT k', '(integer) 2147483647'],
        ['SET k2 12345', 'OK'],
        ['OBJECT REFCOUNT k2', '(integer) 1'],
        ['SET k3 abc', 'OK'],
        ['OBJECT REFCOUNT k3', '(integer) 1'],
        ['SET k4 -1', 'OK'],
        ['OBJECT REFCOUNT k4', '(integer) 1'],
        ['SET k5 9999', 'OK'],
        ['OBJECT REFCOUNT k5', '(integer) 2147483647'],
        ['SET k6 10000', 'OK'],
        ['OBJECT REFCOUNT k6', '(integer) 1'],
        ['INCR ctr', '(integer) 1'],
        ['OBJECT REFCOUNT ctr', '(integer) 2147483647'],
        ['APPEND k7 5', '(integer) 1'],
        ['OBJECT REFCOUNT k7', '(integer) 2147483647'],
        ['RPUSH l a', '(integer) 1'],
        ['OBJECT REFCOUNT l', '(integer) 1'],
        ['OBJECT REFCOUNT nokey', '(nil)'],
        [
          'OBJECT FREQ k',
          '(error) ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
        ],
        ['OBJECT FREQ nokey', '(nil)'],
        ['OBJECT IDLETIME nokey', '(nil)'],
        [
          'OBJECT HELP',
          ' 1) OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) ENCODING <key>\n 3)     Return the kind of internal representation used in order to store the value\n 4)     associated with a <key>.\n 5) FREQ <key>\n 6)     Return the access frequency index of the <key>. The returned integer is\n 7)     proportional to the logarithm of the recent access frequency of the key.\n 8) IDLETIME <key>\n 9)     Return the idle time of the <key>, that is the approximated number of\n10)     seconds elapsed since the last access to the key.\n11) REFCOUNT <key>\n12)     Return the number of references of the value associated with the specified\n13)     <key>.\n14) HELP\n15)     Prints this help.',
        ],
        ['OBJECT HELP x', "(error) ERR wrong number of arguments for 'object|help' command"],
        ['OBJECT FOO k', "(error) ERR unknown subcommand 'FOO'. Try OBJECT HELP."],
        [
          'MEMORY HELP',
          ' 1) MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) DOCTOR\n 3)     Return memory problems reports.\n 4) MALLOC-STATS\n 5)     Return internal statistics report from the memory allocator.\n 6) PURGE\n 7)     Attempt to purge dirty pages for reclamation by the allocator.\n 8) STATS\n 9)     Return information about the memory usage of the server.\n10) USAGE <key> [SAMPLES <count>]\n11)     Return memory in bytes used by <key> and its value. Nested values are\n12)     sampled up to <count> times (default: 5, 0 means sample all).\n13) HELP\n14)     Prints this help.',
        ],
        ['MEMORY USAGE nokey', '(nil)'],
        ['MEMORY USAGE k3 samples x', '(error) ERR value is not an integer or out of range'],
        ['MEMORY USAGE k3 samples -1', '(error) ERR syntax error'],
        ['MEMORY USAGE k3 foo', '(error) ERR syntax error'],
        ['MEMORY USAGE nokey samples 0', '(nil)'],
        ['MEMORY USAGE', "(error) ERR wrong number of arguments for 'memory|usage' command"],
        ['LOLWUT', 'Redis ver. 7.0.15'],
        ['LOLWUT foo', 'Redis ver. 7.0.15'],
        ['LOLWUT VERSION 7', 'Redis ver. 7.0.15'],
        ['LOLWUT VERSION 1 2', 'Redis ver. 7.0.15'],
        ['LOLWUT VERSION x', 'ERR value is not an integer or out of range'],
        ['LOLWUT VERSION', 'Redis ver. 7.0.15'],
      ]),
    ).toEqual([]);
  });

  it('swap databases with SWAPDB', () => {
    expect(
      transcript(new Harness(), [
        ['SET a 1', 'OK'],
        ['SELECT 1', 'OK'],
        ['SET b 2 PX 100000', 'OK'],
        ['SWAPDB 0 1', 'OK'],
        ['GET a', '"1"'],
        ['GET b', '(nil)'],
        ['SELECT 0', 'OK'],
        ['GET b', '"2"'],
        ['PTTL b', '(integer) 100000'],
        ['DBSIZE', '(integer) 1'],
      ]),
    ).toEqual([]);
  });

  it('count OBJECT IDLETIME in whole seconds since the last access, which TYPE, TTL and OBJECT leave alone', () => {
    const h = new Harness({ startMs: 1_700_000_000_400 });
    h.run('SET k v');
    h.advance(2500);
    expect(h.run('OBJECT IDLETIME k')).toBe('(integer) 2');
    h.run('TYPE k');
    h.run('TTL k');
    h.run('EXISTS k');
    expect(h.run('OBJECT IDLETIME k')).toBe('(integer) 2');
    h.run('GET k');
    expect(h.run('OBJECT IDLETIME k')).toBe('(integer) 0');
    h.advance(5000);
    // RENAME looks its source up for writing first, which counts as an access.
    h.run('RENAME k k2');
    expect(h.run('OBJECT IDLETIME k2')).toBe('(integer) 0');
    h.advance(3000);
    expect(h.run('OBJECT IDLETIME k2')).toBe('(integer) 3');
    h.run('TOUCH k2');
    expect(h.run('OBJECT IDLETIME k2')).toBe('(integer) 0');
    expect(
      h.run(
        `EVAL "redis.call('RESTORE', 'r', 0, redis.call('DUMP', 'k2'), 'IDLETIME', 100) return redis.call('OBJECT', 'IDLETIME', 'r')" 0`,
      ),
    ).toBe('(integer) 100');
  });

  it('answer LASTSAVE with the start-up time and SAVE as a server with no disk', () => {
    const h = new Harness({ startMs: 1_700_000_000_400 });
    h.advance(10_000);
    expect(h.run('LASTSAVE')).toBe('(integer) 1700000000');
    expect(h.run('SAVE')).toBe('(error) ERR');
    expect(h.run('LASTSAVE')).toBe('(integer) 1700000000');
  });
});
