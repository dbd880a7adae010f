import { type Config, fail, INT_MAX, LLONG_MAX, notifyParam, type Param } from './config.ts';
import {
  applyTlsPort,
  baseName,
  bool,
  DEFAULT_OBUF,
  enm,
  H,
  I,
  int,
  LONG_MAX,
  mem,
  num,
  P,
  parseObuf,
  parseOomValues,
  parsePercentiles,
  parseSave,
  SHUTDOWN,
  shutdownFlags,
  special,
  str,
  TLS,
  validHostname,
  validTitle,
} from './config-kinds.ts';
import { NUMERIC_PARAMS } from './config-numeric.ts';

/**
 * Every CONFIG parameter of Redis 7.0.15 (config.c static_configs, as built with TLS like Debian's
 * server), in its order, with its aliases, flags, types, bounds and defaults. Those that shape
 * what the engine does (hz, active-expire-effort, notify-keyspace-events, maxmemory, the listpack
 * and intset limits) set Config fields; the rest are stored and echoed. Values that describe the
 * machine (dir, port, bind) have fixed plausible defaults a host may override (serve does).
 */

export const CONFIG_PARAMS: readonly Param[] = [
  // Bool configs
  ...bool('rdbchecksum', true, undefined, I),
  ...bool('daemonize', false, undefined, I),
  ...bool('io-threads-do-reads', false, undefined, I),
  ...bool('always-show-logo', false, undefined, I),
  ...bool('protected-mode', true),
  ...bool('rdbcompression', true),
  ...bool('rdb-del-sync-files', false),
  ...bool('activerehashing', true),
  ...bool('stop-writes-on-bgsave-error', true),
  ...bool('set-proc-title', true, undefined, I),
  ...bool('dynamic-hz', true),
  ...bool('lazyfree-lazy-eviction', false),
  ...bool('lazyfree-lazy-expire', false),
  ...bool('lazyfree-lazy-server-del', false),
  ...bool('lazyfree-lazy-user-del', false),
  ...bool('lazyfree-lazy-user-flush', false),
  ...bool('repl-disable-tcp-nodelay', false),
  ...bool('repl-diskless-sync', true),
  ...bool('aof-rewrite-incremental-fsync', true),
  ...bool('no-appendfsync-on-rewrite', false),
  ...bool('cluster-require-full-coverage', true),
  ...bool('rdb-save-incremental-fsync', true),
  ...bool('aof-load-truncated', true),
  ...bool('aof-use-rdb-preamble', true),
  ...bool('aof-timestamp-enabled', false),
  ...bool('cluster-replica-no-failover', false, 'cluster-slave-no-failover'),
  ...bool('replica-lazy-flush', false, 'slave-lazy-flush'),
  ...bool('replica-serve-stale-data', true, 'slave-serve-stale-data'),
  ...bool('replica-read-only', true, 'slave-read-only'),
  ...bool('replica-ignore-maxmemory', true, 'slave-ignore-maxmemory'),
  ...bool('jemalloc-bg-thread', true),
  // Debian's server is built without the defragmenting jemalloc, as is this engine.
  ...bool('activedefrag', false, undefined, {}, (v) =>
    v
      ? 'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution'
      : null,
  ),
  ...bool('syslog-enabled', false, undefined, I),
  ...bool('cluster-enabled', false, undefined, I),
  ...bool('appendonly', false),
  ...bool('cluster-allow-reads-when-down', false),
  ...bool('cluster-allow-pubsubshard-when-down', true),
  ...bool('crash-log-enabled', true),
  ...bool('crash-memcheck-enabled', true),
  ...bool('use-exit-on-panic', false, undefined, H),
  ...bool('disable-thp', true, undefined, I),
  ...bool('cluster-allow-replica-migration', true),
  ...bool('replica-announced', true),
  ...bool('latency-tracking', true),
  ...bool('aof-disable-auto-gc', false),
  ...bool('replica-ignore-disk-write-errors', false),
  // String configs
  ...str('aclfile', '', undefined, I),
  ...str('unixsocket', '', undefined, I),
  ...str('pidfile', '', undefined, I),
  ...str('replica-announce-ip', '', 'slave-announce-ip'),
  ...str('masteruser', ''),
  ...str('cluster-announce-ip', ''),
  ...str('cluster-config-file', 'nodes.conf', undefined, I),
  ...str('cluster-announce-hostname', '', undefined, {}, true, validHostname),
  ...str('syslog-ident', 'redis', undefined, I),
  ...str('dbfilename', 'dump.rdb', undefined, P, true, (v) => baseName('dbfilename', v)),
  ...str('appendfilename', 'appendonly.aof', undefined, I),
  ...str('appenddirname', 'appendonlydir', undefined, I),
  ...str('server_cpulist', '', undefined, I),
  ...str('bio_cpulist', '', undefined, I),
  ...str('aof_rewrite_cpulist', '', undefined, I),
  ...str('bgsave_cpulist', '', undefined, I),
  ...str('ignore-warnings', ''),
  ...str('proc-title-template', '{title} {listen-addr} {server-mode}', undefined, {}, true, validTitle),
  ...str('bind-source-addr', ''),
  ...str('logfile', '', undefined, I),
  // SDS configs
  ...str('masterauth', '', undefined, {}, false),
  ...str('requirepass', '', undefined, {}, false),
  // Enum configs
  ...enm(
    'supervised',
    [
      ['upstart', 1],
      ['systemd', 2],
      ['auto', 3],
      ['no', 0],
    ],
    'no',
    I,
  ),
  ...enm(
    'syslog-facility',
    ['user', ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `local${n}`)].map((n, i) => [n, i] as const),
    'local0',
    I,
  ),
  ...enm(
    'repl-diskless-load',
    [
      ['disabled', 0],
      ['on-empty-db', 1],
      ['swapdb', 2],
    ],
    'disabled',
  ),
  ...enm(
    'loglevel',
    [
      ['debug', 0],
      ['verbose', 1],
      ['notice', 2],
      ['warning', 3],
    ],
    'notice',
  ),
  ...enm(
    'maxmemory-policy',
    [
      'volatile-lru',
      'volatile-lfu',
      'volatile-random',
      'volatile-ttl',
      'allkeys-lru',
      'allkeys-lfu',
      'allkeys-random',
      'noeviction',
    ].map((n, i) => [n, i] as const),
    'noeviction',
  ),
  ...enm(
    'appendfsync',
    [
      ['everysec', 0],
      ['always', 1],
      ['no', 2],
    ],
    'everysec',
  ),
  ...enm(
    'oom-score-adj',
    [
      ['no', 0],
      ['yes', 1],
      ['relative', 1],
      ['absolute', 2],
    ],
    'no',
  ),
  ...enm(
    'acl-pubsub-default',
    [
      ['allchannels', 1],
      ['resetchannels', 0],
    ],
    'resetchannels',
  ),
  ...enm(
    'sanitize-dump-payload',
    [
      ['no', 0],
      ['yes', 1],
      ['clients', 2],
    ],
    'no',
  ),
  ...enm(
    'enable-protected-configs',
    [
      ['no', 0],
      ['yes', 1],
      ['local', 2],
    ],
    'no',
    I,
  ),
  // DEBUG works here (DEBUG SLEEP and SET-ACTIVE-EXPIRE are part of the playground).
  ...enm(
    'enable-debug-command',
    [
      ['no', 0],
      ['yes', 1],
      ['local', 2],
    ],
    'yes',
    I,
  ),
  ...enm(
    'enable-module-command',
    [
      ['no', 0],
      ['yes', 1],
      ['local', 2],
    ],
    'no',
    I,
  ),
  ...enm(
    'cluster-preferred-endpoint-type',
    [
      ['ip', 0],
      ['hostname', 1],
      ['unknown-endpoint', 2],
    ],
    'ip',
  ),
  ...enm(
    'propagation-error-behavior',
    [
      ['ignore', 0],
      ['panic', 1],
      ['panic-on-replicas', 2],
    ],
    'ignore',
  ),
  ...enm('shutdown-on-sigint', SHUTDOWN, 'default', {}, true, shutdownFlags),
  ...enm('shutdown-on-sigterm', SHUTDOWN, 'default', {}, true, shutdownFlags),
  ...NUMERIC_PARAMS,
  // Other configs
  ...num('repl-backlog-ttl', int(0n, LONG_MAX), 3600n),
  ...num('auto-aof-rewrite-min-size', mem(int(0n, LLONG_MAX)), 64n * 1024n * 1024n),
  ...num('loading-process-events-interval-bytes', int(1024n, INT_MAX), 2n * 1024n * 1024n, undefined, H),
  // TLS
  ...num('tls-port', int(0n, 65535n), 0n, undefined, { apply: applyTlsPort }),
  ...num('tls-session-cache-size', int(0n, INT_MAX), 20n * 1024n, undefined, TLS),
  ...num('tls-session-cache-timeout', int(0n, INT_MAX), 300n, undefined, TLS),
  ...bool('tls-cluster', false, undefined, TLS),
  ...bool('tls-replication', false, undefined, TLS),
  ...enm(
    'tls-auth-clients',
    [
      ['no', 0],
      ['yes', 1],
      ['optional', 2],
    ],
    'yes',
  ),
  ...bool('tls-prefer-server-ciphers', false, undefined, TLS),
  ...bool('tls-session-caching', true, undefined, TLS),
  ...[
    'tls-cert-file',
    'tls-key-file',
    'tls-key-file-pass',
    'tls-client-cert-file',
    'tls-client-key-file',
    'tls-client-key-file-pass',
    'tls-dh-params-file',
    'tls-ca-cert-file',
    'tls-ca-cert-dir',
    'tls-protocols',
    'tls-ciphers',
    'tls-ciphersuites',
  ].flatMap((n) => str(n, '', undefined, TLS)),
  // Special configs
  special(
    'dir',
    '/var/lib/redis',
    (args) => (args[0] === '' ? fail('No such file or directory') : (args[0] as string)),
    P,
    false,
  ),
  special('save', '', parseSave),
  special('client-output-buffer-limit', DEFAULT_OBUF, parseObuf),
  special('oom-score-adj-values', '0 200 800', parseOomValues),
  notifyParam,
  special('bind', '* -::*', (args) =>
    args.length > 16 ? fail('Too many bind addresses specified.') : args.join(' '),
  ),
  ...['replicaof', 'slaveof'].map((n) => special(n, '', () => fail('wrong number of arguments'), I)),
  special('latency-tracking-info-percentiles', '50 99 99.9', parsePercentiles),
];

const BY_NAME = new Map(CONFIG_PARAMS.map((p) => [p.name, p]));

/** lookupConfig: names are case-insensitive. */
export function findParam(name: string): Param | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Sets a parameter outside CONFIG SET (a host describing itself: serve's port, bind, dir). */
export function presetParam(config: Config, name: string, value: string): void {
  const p = findParam(name);
  const parsed = p?.parse(value);
  if (parsed?.ok) parsed.apply(config);
}
