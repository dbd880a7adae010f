import { INT_MAX, INT_MIN, LLONG_MAX, type Param, UINT_MAX, ULLONG_MAX } from './config.ts';
import { H, I, int, LONG_MAX, mem, modelled, num, uint } from './config-kinds.ts';

/**
 * The numeric CONFIG parameters of Redis 7.0.15 (config.c's integer, unsigned, long long and size_t
 * configs), in config.c's order; config-params.ts places them among the others.
 */

export const NUMERIC_PARAMS: readonly Param[] = [
  // Integer configs
  ...num('databases', int(1n, INT_MAX), 16n, undefined, I),
  ...num('port', int(0n, 65535n), 6379n),
  ...num('io-threads', int(1n, 128n), 1n, undefined, I),
  ...num('auto-aof-rewrite-percentage', int(0n, INT_MAX), 100n),
  ...num('cluster-replica-validity-factor', int(0n, INT_MAX), 10n, 'cluster-slave-validity-factor'),
  ...modelled(
    'list-max-listpack-size',
    int(INT_MIN, INT_MAX),
    (c) => c.listMaxListpackSize,
    (c, v) => {
      c.listMaxListpackSize = v;
    },
    'list-max-ziplist-size',
  ),
  ...num('tcp-keepalive', int(0n, INT_MAX), 300n),
  ...num('cluster-migration-barrier', int(0n, INT_MAX), 1n),
  ...num('active-defrag-cycle-min', int(1n, 99n), 1n),
  ...num('active-defrag-cycle-max', int(1n, 99n), 25n),
  ...num('active-defrag-threshold-lower', int(0n, 1000n), 10n),
  ...num('active-defrag-threshold-upper', int(0n, 1000n), 100n),
  ...num('lfu-log-factor', int(0n, INT_MAX), 10n),
  ...num('lfu-decay-time', int(0n, INT_MAX), 1n),
  ...num('replica-priority', int(0n, INT_MAX), 100n, 'slave-priority'),
  ...num('repl-diskless-sync-delay', int(0n, INT_MAX), 5n),
  ...num('maxmemory-samples', int(1n, INT_MAX), 5n),
  ...num('maxmemory-eviction-tenacity', int(0n, 100n), 10n),
  ...num('timeout', int(0n, INT_MAX), 0n),
  ...num('replica-announce-port', int(0n, 65535n), 0n, 'slave-announce-port'),
  ...num('tcp-backlog', int(0n, INT_MAX), 511n, undefined, I),
  ...num('cluster-port', int(0n, 65535n), 0n, undefined, I),
  ...num('cluster-announce-bus-port', int(0n, 65535n), 0n),
  ...num('cluster-announce-port', int(0n, 65535n), 0n),
  ...num('cluster-announce-tls-port', int(0n, 65535n), 0n),
  ...num('repl-timeout', int(1n, INT_MAX), 60n),
  ...num('repl-ping-replica-period', int(1n, INT_MAX), 10n, 'repl-ping-slave-period'),
  ...num('list-compress-depth', int(0n, INT_MAX), 0n),
  ...num('rdb-key-save-delay', int(INT_MIN, INT_MAX), 0n, undefined, H),
  ...num('key-load-delay', int(INT_MIN, INT_MAX), 0n, undefined, H),
  ...modelled(
    'active-expire-effort',
    int(1n, 10n),
    (c) => c.activeExpireEffort,
    (c, v) => {
      c.activeExpireEffort = v;
    },
  ),
  // Redis accepts 0..INT_MAX for hz and clamps what it uses to 1..500; CONFIG GET shows the clamped value.
  ...modelled(
    'hz',
    int(0n, INT_MAX),
    (c) => c.hz,
    (c, v) => {
      c.hz = Math.min(500, Math.max(1, v));
    },
  ),
  ...num('min-replicas-to-write', int(0n, INT_MAX), 0n, 'min-slaves-to-write'),
  ...num('min-replicas-max-lag', int(0n, INT_MAX), 10n, 'min-slaves-max-lag'),
  ...num('watchdog-period', int(0n, INT_MAX), 0n, undefined, H),
  ...num('shutdown-timeout', int(0n, INT_MAX), 10n),
  ...num('repl-diskless-sync-max-replicas', int(0n, INT_MAX), 0n),
  // Unsigned int configs
  ...num('maxclients', uint(1n, UINT_MAX), 10000n),
  ...num('unixsocketperm', { ...uint(0n, 0o777n), octal: true }, 0n, undefined, I),
  ...num('socket-mark-id', uint(0n, UINT_MAX), 0n, undefined, I),
  // Unsigned long configs
  ...num('active-defrag-max-scan-fields', uint(1n, LONG_MAX), 1000n),
  ...num('slowlog-max-len', uint(0n, LONG_MAX), 128n),
  ...num('acllog-max-len', uint(0n, LONG_MAX), 128n),
  // Long long configs
  ...num('busy-reply-threshold', int(0n, LONG_MAX), 5000n, 'lua-time-limit'),
  ...num('cluster-node-timeout', int(0n, LLONG_MAX), 15000n),
  ...num('slowlog-log-slower-than', int(-1n, LLONG_MAX), 10000n),
  ...num('latency-monitor-threshold', int(0n, LLONG_MAX), 0n),
  ...num('proto-max-bulk-len', mem(int(1024n * 1024n, LONG_MAX)), 512n * 1024n * 1024n),
  ...num('stream-node-max-entries', int(0n, LLONG_MAX), 100n),
  // resizeReplicationBacklog keeps at least CONFIG_REPL_BACKLOG_MIN_SIZE.
  ...num('repl-backlog-size', mem(int(1n, LLONG_MAX)), 1024n * 1024n, undefined, {}, (v) =>
    v < 16384n ? 16384n : v,
  ),
  // Unsigned long long configs
  ...modelled(
    'maxmemory',
    mem(uint(0n, ULLONG_MAX)),
    (c) => c.maxmemory,
    (c, v) => {
      c.maxmemory = v;
    },
  ),
  ...num('cluster-link-sendbuf-limit', mem(uint(0n, ULLONG_MAX)), 0n),
  // Size_t configs
  ...modelled(
    'hash-max-listpack-entries',
    uint(0n, LONG_MAX),
    (c) => c.hashMaxListpackEntries,
    (c, v) => {
      c.hashMaxListpackEntries = v;
    },
    'hash-max-ziplist-entries',
  ),
  ...modelled(
    'set-max-intset-entries',
    uint(0n, LONG_MAX),
    (c) => c.setMaxIntsetEntries,
    (c, v) => {
      c.setMaxIntsetEntries = v;
    },
  ),
  ...modelled(
    'zset-max-listpack-entries',
    uint(0n, LONG_MAX),
    (c) => c.zsetMaxListpackEntries,
    (c, v) => {
      c.zsetMaxListpackEntries = v;
    },
    'zset-max-ziplist-entries',
  ),
  ...num('active-defrag-ignore-bytes', mem(uint(1n, LLONG_MAX)), 100n << 20n),
  ...modelled(
    'hash-max-listpack-value',
    mem(uint(0n, LONG_MAX)),
    (c) => c.hashMaxListpackValue,
    (c, v) => {
      c.hashMaxListpackValue = v;
    },
    'hash-max-ziplist-value',
  ),
  ...num('stream-node-max-bytes', mem(uint(0n, LONG_MAX)), 4096n),
  ...modelled(
    'zset-max-listpack-value',
    mem(uint(0n, LONG_MAX)),
    (c) => c.zsetMaxListpackValue,
    (c, v) => {
      c.zsetMaxListpackValue = v;
    },
    'zset-max-ziplist-value',
  ),
  ...num('hll-sparse-max-bytes', mem(uint(0n, LONG_MAX)), 3000n),
  ...num('tracking-table-max-keys', uint(0n, LONG_MAX), 1000000n),
  ...num('client-query-buffer-limit', mem(uint(1024n * 1024n, LONG_MAX)), 1024n * 1024n * 1024n),
  ...num('maxmemory-clients', { ...int(-100n, LLONG_MAX), memory: true, percent: true }, 0n),
];
