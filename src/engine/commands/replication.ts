import { NO_KEYS, optionName } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NOT_INTEGER, ERR_SYNTAX, errText } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { error, OK, type Reply } from '../reply.ts';

/**
 * REPLICAOF/SLAVEOF and FAILOVER (replication.c) on a master without replicas, which the playground
 * always is: REPLICAOF NO ONE is a no-op, FAILOVER finds no replica to hand over to. Following
 * another server is not in the playground.
 */

const replicaof = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (optionName(arg(argv, 1)) === 'no' && optionName(arg(argv, 2)) === 'one') return OK;
  const port = parseInt64(arg(argv, 2));
  if (port === null || port < 0 || port > 65535) return error(errText('Invalid master port'));
  return error(
    errText(
      `${arg(argv, 0).toUpperCase()} host port is not in the playground: it is one server without replication (${arg(argv, 0).toUpperCase()} NO ONE answers OK)`,
    ),
  );
};

const failover = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length === 2 && optionName(arg(argv, 1)) === 'abort')
    return error(errText('No failover in progress.'));
  let timeout = 0n;
  let force = false;
  let host = false;
  for (let j = 1; j < argv.length; j++) {
    const opt = optionName(arg(argv, j));
    if (opt === 'timeout' && j + 1 < argv.length && timeout === 0n) {
      const t = parseInt64(arg(argv, j + 1));
      if (t === null) return error(ERR_NOT_INTEGER);
      if (t <= 0) return error(errText('FAILOVER timeout must be greater than 0'));
      timeout = BigInt(t);
      j++;
    } else if (opt === 'to' && j + 2 < argv.length && !host) {
      if (parseInt64(arg(argv, j + 2)) === null) return error(ERR_NOT_INTEGER);
      host = true;
      j += 2;
    } else if (opt === 'force' && !force) {
      force = true;
    } else {
      return error(ERR_SYNTAX);
    }
  }
  return error(errText('FAILOVER requires connected replicas.'));
};

const replicaofSpec = (name: string, since: string): CommandSpec => ({
  name,
  arity: 3,
  flags: ['admin', 'noscript', 'stale', 'no_async_loading'],
  group: 'server',
  summary: 'Configures a server as replica of another, or promotes it to a master.',
  syntax: `${name.toUpperCase()} host port | NO ONE`,
  since,
  complexity: 'O(1)',
  keys: NO_KEYS,
  handler: replicaof,
  notes: `A master without replicas: ${name.toUpperCase()} NO ONE answers OK; following another server is not in the playground.`,
});

export const replicationCommands: readonly CommandSpec[] = [
  replicaofSpec('replicaof', '5.0.0'),
  replicaofSpec('slaveof', '1.0.0'),
  {
    name: 'failover',
    arity: -1,
    flags: ['admin', 'noscript', 'stale'],
    group: 'server',
    summary: 'Starts a coordinated failover from a server to one of its replicas.',
    syntax: 'FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT milliseconds]',
    since: '6.2.0',
    complexity: 'O(1)',
    keys: NO_KEYS,
    handler: failover,
    notes:
      'A master without replicas: after its options are checked, "FAILOVER requires connected replicas."',
  },
];
