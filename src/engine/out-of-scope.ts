import { arg } from './command.ts';
import { errText } from './errors.ts';

/**
 * Redis 7.0.15 commands and subcommands the playground does not have, each with why. The engine
 * answers them with a clear "not in the playground" error instead of "unknown command", the README
 * lists them (npm run gen:compat), and a test checks that the command table and this list together
 * make up 7.0.15's COMMAND LIST. `later` marks what a planned change is to add; its entries go
 * away as the commands join the table.
 */
export interface OutOfScope {
  readonly reason: string;
  readonly later?: true;
}

const PAUSE: OutOfScope = {
  reason: "it holds other clients' commands for a while, and the playground's clients are never made to wait",
};
const TRACKING: OutOfScope = {
  reason: 'client-side caching (invalidation messages to tracking clients) is not modelled',
};
const REPLICATION: OutOfScope = {
  reason: 'it is part of the replication protocol between servers, and the playground is one server',
};

export const OUT_OF_SCOPE: Readonly<Record<string, OutOfScope>> = {
  'client|pause': PAUSE,
  'client|unpause': PAUSE,
  'client|reply': {
    reason: "it silences this connection's replies, which the consoles need to show each command's answer",
  },
  'client|tracking': TRACKING,
  'client|trackinginfo': TRACKING,
  'client|caching': TRACKING,
  'client|getredir': TRACKING,
  monitor: {
    reason:
      'it streams every command of every client to this connection; use the Events panel to watch the keyspace',
  },
  sync: REPLICATION,
  psync: REPLICATION,
  replconf: REPLICATION,
  migrate: {
    reason: 'it moves keys to another Redis server over the network, and the playground is one server',
  },
  shutdown: {
    reason:
      'the playground is not a process to stop (close the tab, or stop `serve` with Ctrl+C); nothing is saved',
  },
  pfselftest: {
    reason:
      "it tests Redis's own HyperLogLog code on 10 million elements; the playground's HyperLogLog is tested against redis-server",
  },
  'memory|stats': {
    reason:
      "its figures come from the server's allocator, which the playground does not have (MEMORY USAGE gives its estimate)",
  },
};

/** The reply to a command (or `container|sub`) listed above, naming it as typed. */
export function errOutOfScope(argv: readonly string[], key: string): string | undefined {
  const entry = OUT_OF_SCOPE[key];
  if (entry === undefined) return undefined;
  const name = key.includes('|') ? `${arg(argv, 0)} ${arg(argv, 1)}` : arg(argv, 0);
  return errText(`${name.toUpperCase()} is not in the playground: ${entry.reason}`).replace(/[\r\n]/g, ' ');
}
