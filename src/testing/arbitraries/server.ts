import fc from 'fast-check';
import type { Weighted } from './values.ts';

/** Connection, server and transaction commands (commands/server.ts, transactions.ts). */

export const serverArbitraries: readonly Weighted[] = [
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
];
