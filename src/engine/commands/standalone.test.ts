import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/**
 * What a standalone server without replicas, modules, latency monitoring, config file or disk
 * answers (cluster.ts, replication.ts, latency.ts, module.ts and the MEMORY, CONFIG, SCRIPT DEBUG,
 * BGREWRITEAOF and RESTORE-ASKING entries). Expectations captured from redis-server 7.0.15.
 */
describe('a standalone server', () => {
  it('matches redis-server', () => {
    expect(
      transcript(new Harness(), [
        ['CLUSTER INFO', 'ERR This instance has cluster support disabled'],
        ['CLUSTER HELP', '(error) ERR This instance has cluster support disabled'],
        ['CLUSTER', "(error) ERR wrong number of arguments for 'cluster' command"],
        ['CLUSTER NOSUCH', "(error) ERR unknown subcommand 'NOSUCH'. Try CLUSTER HELP."],
        ['CLUSTER KEYSLOT foo', '(error) ERR This instance has cluster support disabled'],
        ['CLUSTER KEYSLOT', "(error) ERR wrong number of arguments for 'cluster|keyslot' command"],
        ['CLUSTER INFO x', "(error) ERR wrong number of arguments for 'cluster|info' command"],
        ['CLUSTER SETSLOT 1 STABLE', '(error) ERR This instance has cluster support disabled'],
        ['CLUSTER GETKEYSINSLOT 1 2', '(error) ERR This instance has cluster support disabled'],
        ['READONLY', '(error) ERR This instance has cluster support disabled'],
        ['READWRITE', '(error) ERR This instance has cluster support disabled'],
        ['ASKING', '(error) ERR This instance has cluster support disabled'],
        ['READONLY x', "(error) ERR wrong number of arguments for 'readonly' command"],
        ['MODULE LIST', '(empty array)'],
        [
          'MODULE HELP',
          ' 1) MODULE <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) LIST\n 3)     Return a list of loaded modules.\n 4) LOAD <path> [<arg> ...]\n 5)     Load a module library from <path>, passing to it any optional arguments.\n 6) LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]\n 7)     Load a module library from <path>, while passing it module configurations and optional arguments.\n 8) UNLOAD <name>\n 9)     Unload a module.\n10) HELP\n11)     Prints this help.',
        ],
        [
          'MODULE LOAD /nonexistent.so',
          '(error) ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
        ],
        [
          'MODULE LOADEX /x.so',
          '(error) ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
        ],
        [
          'MODULE UNLOAD foo',
          '(error) ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
        ],
        ['MODULE UNLOAD', "(error) ERR wrong number of arguments for 'module|unload' command"],
        ['MODULE NOSUCH', "(error) ERR unknown subcommand 'NOSUCH'. Try MODULE HELP."],
        ['MODULE LIST x', "(error) ERR wrong number of arguments for 'module|list' command"],
        ['FAILOVER', '(error) ERR FAILOVER requires connected replicas.'],
        ['FAILOVER ABORT', '(error) ERR No failover in progress.'],
        ['FAILOVER abort x', '(error) ERR syntax error'],
        ['FAILOVER TIMEOUT 0', '(error) ERR FAILOVER timeout must be greater than 0'],
        ['FAILOVER TIMEOUT x', '(error) ERR value is not an integer or out of range'],
        ['FAILOVER TIMEOUT 10 TIMEOUT 10', '(error) ERR syntax error'],
        ['FAILOVER TO h x', '(error) ERR value is not an integer or out of range'],
        ['FAILOVER TO h 1 FORCE', '(error) ERR FAILOVER requires connected replicas.'],
        ['FAILOVER FORCE FORCE', '(error) ERR syntax error'],
        ['FAILOVER TO h', '(error) ERR syntax error'],
        ['FAILOVER FOO', '(error) ERR syntax error'],
        ['REPLICAOF NO ONE', 'OK'],
        ['SLAVEOF no one', 'OK'],
        ['REPLICAOF a', "(error) ERR wrong number of arguments for 'replicaof' command"],
        ['REPLICAOF host x', '(error) ERR Invalid master port'],
        ['REPLICAOF host 70000', '(error) ERR Invalid master port'],
        ['REPLICAOF host -1', '(error) ERR Invalid master port'],
        ['LATENCY LATEST', '(empty array)'],
        ['LATENCY HISTORY command', '(empty array)'],
        ['LATENCY RESET', '(integer) 0'],
        ['LATENCY RESET a b', '(integer) 0'],
        ['LATENCY GRAPH command', "ERR No samples available for event 'command'"],
        [
          'LATENCY DOCTOR',
          "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.",
        ],
        [
          'LATENCY HELP',
          ' 1) LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) DOCTOR\n 3)     Return a human readable latency analysis report.\n 4) GRAPH <event>\n 5)     Return an ASCII latency graph for the <event> class.\n 6) HISTORY <event>\n 7)     Return time-latency samples for the <event> class.\n 8) LATEST\n 9)     Return the latest latency samples for all events.\n10) RESET [<event> ...]\n11)     Reset latency data of one or more <event> classes.\n12)     (default: reset all data for all event classes)\n13) HISTOGRAM [COMMAND ...]\n14)     Return a cumulative distribution of latencies in the format of a histogram for the specified command names.\n15)     If no commands are specified then all histograms are replied.\n16) HELP\n17)     Prints this help.',
        ],
        ['LATENCY NOSUCH', "(error) ERR unknown subcommand 'NOSUCH'. Try LATENCY HELP."],
        ['LATENCY LATEST x', "(error) ERR wrong number of arguments for 'latency|latest' command"],
        ['SLOWLOG RESET', 'OK'],
        ['SLOWLOG GET', '(empty array)'],
        ['SLOWLOG LEN', '(integer) 0'],
        ['SLOWLOG GET -1', '(empty array)'],
        ['SLOWLOG GET -2', '(error) ERR count should be greater than or equal to -1'],
        ['SLOWLOG GET x', '(error) ERR count should be greater than or equal to -1'],
        [
          'SLOWLOG GET 1 2',
          "(error) ERR unknown subcommand or wrong number of arguments for 'GET'. Try SLOWLOG HELP.",
        ],
        [
          'SLOWLOG HELP',
          ' 1) SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) GET [<count>]\n 3)     Return top <count> entries from the slowlog (default: 10, -1 mean all).\n 4)     Entries are made of:\n 5)     id, timestamp, time in microseconds, arguments array, client IP and port,\n 6)     client name\n 7) LEN\n 8)     Return the length of the slowlog.\n 9) RESET\n10)     Reset the slowlog.\n11) HELP\n12)     Prints this help.',
        ],
        ['SLOWLOG NOSUCH', "(error) ERR unknown subcommand 'NOSUCH'. Try SLOWLOG HELP."],
        [
          'MEMORY DOCTOR',
          "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.",
        ],
        ['MEMORY PURGE', 'OK'],
        ['MEMORY PURGE x', "(error) ERR wrong number of arguments for 'memory|purge' command"],
        [
          'MEMORY HELP',
          ' 1) MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) DOCTOR\n 3)     Return memory problems reports.\n 4) MALLOC-STATS\n 5)     Return internal statistics report from the memory allocator.\n 6) PURGE\n 7)     Attempt to purge dirty pages for reclamation by the allocator.\n 8) STATS\n 9)     Return information about the memory usage of the server.\n10) USAGE <key> [SAMPLES <count>]\n11)     Return memory in bytes used by <key> and its value. Nested values are\n12)     sampled up to <count> times (default: 5, 0 means sample all).\n13) HELP\n14)     Prints this help.',
        ],
        ['BGREWRITEAOF', 'Background append only file rewriting started'],
        ['BGREWRITEAOF x', "(error) ERR wrong number of arguments for 'bgrewriteaof' command"],
        [
          'CONFIG HELP',
          ' 1) CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\n 2) GET <pattern>\n 3)     Return parameters matching the glob-like <pattern> and their values.\n 4) SET <directive> <value>\n 5)     Set the configuration <directive> to <value>.\n 6) RESETSTAT\n 7)     Reset statistics reported by the INFO command.\n 8) REWRITE\n 9)     Rewrite the configuration file.\n10) HELP\n11)     Prints this help.',
        ],
        ['CONFIG REWRITE', '(error) ERR The server is running without a config file'],
        ['CONFIG REWRITE x', "(error) ERR wrong number of arguments for 'config|rewrite' command"],
        ['SCRIPT DEBUG NO', 'OK'],
        ['SCRIPT DEBUG maybe', '(error) ERR Use SCRIPT DEBUG YES/SYNC/NO'],
        ['SCRIPT DEBUG', "(error) ERR wrong number of arguments for 'script|debug' command"],
        ['FLUSHALL', 'OK'],
        ['SET k v', 'OK'],
        ['DUMP k', '"\\x00\\x01v\\n\\x00\\x91\\b\\xce\\xb2\\x198\\x8a\\xce"'],
        [
          'RESTORE-ASKING k 0 "\\x00\\x01v\\n\\x00\\x91\\b\\xce\\xb2\\x198\\x8a\\xce"',
          '(error) BUSYKEY Target key name already exists.',
        ],
        ['RESTORE-ASKING k2 0 "\\x00\\x01v\\n\\x00\\x91\\b\\xce\\xb2\\x198\\x8a\\xce"', 'OK'],
        ['GET k2', '"v"'],
        ['RESTORE-ASKING k2 0 junk REPLACE', '(error) ERR DUMP payload version or checksum are wrong'],
      ]),
    ).toEqual([]);
  });

  it('answers MEMORY MALLOC-STATS as a build without jemalloc', () => {
    expect(new Harness().run('MEMORY MALLOC-STATS')).toBe('Stats not supported for the current allocator');
  });

  it('refuses MODULE LOAD before queueing it, so EXEC aborts', () => {
    expect(
      transcript(new Harness(), [
        ['MULTI', 'OK'],
        [
          'MODULE LOAD /x.so',
          '(error) ERR MODULE command not allowed. If the enable-module-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.',
        ],
        ['EXEC', '(error) EXECABORT Transaction discarded because of previous errors.'],
      ]),
    ).toEqual([]);
  });

  it('counts calls per command for LATENCY HISTOGRAM, all within the first microsecond', () => {
    const h = new Harness();
    for (const line of ['SET a 1', 'SET b 2', 'GET a', 'CONFIG GET hz', 'NOSUCH']) h.run(line);
    expect(h.run('LATENCY HISTOGRAM set config nosuch')).toBe(
      [
        '1) "set"',
        '2) 1) "calls"',
        '   2) (integer) 2',
        '   3) "histogram_usec"',
        '   4) 1) (integer) 1',
        '      2) (integer) 2',
        '3) "config|get"',
        '4) 1) "calls"',
        '   2) (integer) 1',
        '   3) "histogram_usec"',
        '   4) 1) (integer) 1',
        '      2) (integer) 1',
      ].join('\n'),
    );
    expect(h.run('LATENCY HISTOGRAM get')).toContain('"get"');
  });

  it('answers the commands it leaves out with why', () => {
    const h = new Harness();
    expect(h.run('SUBSCRIBE ch')).toBe(
      '(error) ERR SUBSCRIBE is not in the playground: pub/sub needs subscribed clients beside this one; several clients are not in the playground yet',
    );
    expect(h.run('client kill 1.2.3.4:5')).toBe(
      '(error) ERR CLIENT KILL is not in the playground: it acts on other connections; several clients are not in the playground yet',
    );
    expect(h.run('MONITOR')).toMatch(/^\(error\) ERR MONITOR is not in the playground: /);
    expect(h.run('SCRIPT DEBUG YES')).toBe(
      '(error) ERR SCRIPT DEBUG is not in the playground: it has no Lua debugger (ldb)',
    );
    expect(h.run('REPLICAOF 127.0.0.1 6380')).toBe(
      '(error) ERR REPLICAOF host port is not in the playground: it is one server without replication (REPLICAOF NO ONE answers OK)',
    );
    expect(h.run('NOSUCH')).toBe("(error) ERR unknown command 'NOSUCH', with args beginning with: ");
  });
});
