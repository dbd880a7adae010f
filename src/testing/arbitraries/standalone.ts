import fc from 'fast-check';
import { RESTORE_PAYLOADS } from './keyspace.ts';
import { key, type Weighted } from './values.ts';

/**
 * What a standalone server without replicas, modules or latency monitoring answers (cluster.ts,
 * replication.ts, latency.ts, module.ts, and MEMORY, CONFIG, SCRIPT DEBUG, RESTORE-ASKING). Left
 * out: LATENCY HISTOGRAM and SLOWLOG GET/LEN (the test's redis-server times its own commands),
 * MEMORY DOCTOR and MALLOC-STATS (that server's own memory and jemalloc's report), REPLICAOF with a reachable port (the test's server would
 * start replicating), SCRIPT DEBUG YES/SYNC and BGREWRITEAOF (a child process on that server).
 */
export const standaloneArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc.constantFrom(
      ['CLUSTER', 'INFO'],
      ['CLUSTER', 'HELP'],
      ['CLUSTER', 'KEYSLOT', 'k1'],
      ['CLUSTER', 'KEYSLOT'],
      ['CLUSTER', 'NODES', 'x'],
      ['CLUSTER', 'SETSLOT', '1', 'STABLE'],
      ['CLUSTER', 'NOSUCH'],
      ['READONLY'],
      ['READWRITE'],
      ['ASKING'],
      ['MODULE', 'LIST'],
      ['MODULE', 'HELP'],
      ['MODULE', 'LOAD', '/x.so'],
      ['MODULE', 'UNLOAD', 'm'],
      ['MODULE', 'NOSUCH'],
      ['FAILOVER'],
      ['FAILOVER', 'ABORT'],
      ['FAILOVER', 'TIMEOUT', '0'],
      ['FAILOVER', 'TIMEOUT', 'x'],
      ['FAILOVER', 'TO', 'h', '1', 'FORCE'],
      ['FAILOVER', 'FORCE', 'FORCE'],
      ['REPLICAOF', 'NO', 'ONE'],
      ['SLAVEOF', 'no', 'one'],
      ['REPLICAOF', 'h', 'x'],
      ['REPLICAOF', 'h', '70000'],
    ),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom(
      ['LATENCY', 'LATEST'],
      ['LATENCY', 'HISTORY', 'command'],
      ['LATENCY', 'RESET'],
      ['LATENCY', 'RESET', 'command', 'fork'],
      ['LATENCY', 'GRAPH', 'command'],
      ['LATENCY', 'DOCTOR'],
      ['LATENCY', 'HELP'],
      ['LATENCY', 'NOSUCH'],
      ['SLOWLOG', 'RESET'],
      ['SLOWLOG', 'HELP'],
      ['SLOWLOG', 'GET', '-2'],
      ['SLOWLOG', 'GET', '1', '2'],
      ['MEMORY', 'PURGE'],
      ['CONFIG', 'HELP'],
      ['CONFIG', 'REWRITE'],
      ['SCRIPT', 'DEBUG', 'NO'],
      ['SCRIPT', 'DEBUG', 'maybe'],
    ),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom('0', '100000', '-1', 'x'),
        fc.constantFrom(...RESTORE_PAYLOADS),
        fc.constantFrom([], ['REPLACE'], ['IDLETIME', '10'], ['FOO']),
      )
      .map(([k, ttl, payload, opts]) => ['RESTORE-ASKING', k, ttl, payload, ...opts]),
    weight: 1,
  },
];
