import { arg } from './command.ts';
import { errText } from './errors.ts';

/**
 * Redis 7.0.15 commands and subcommands the playground does not have, each with why. The engine
 * answers them with a clear "not in the playground" error instead of "unknown command", the README
 * lists them (npm run gen:compat), and a test checks that the command table and this list together
 * make up 7.0.15's COMMAND LIST. `later` marks what the "Many clients" work is to add; its entries
 * go away as the commands join the table.
 */
export interface OutOfScope {
  readonly reason: string;
  readonly later?: true;
}

const BLOCKING: OutOfScope = {
  reason:
    'a blocking command waits for another client to push; several clients are not in the playground yet',
  later: true,
};
const PUBSUB: OutOfScope = {
  reason: 'pub/sub needs subscribed clients beside this one; several clients are not in the playground yet',
  later: true,
};
const WATCH: OutOfScope = {
  reason: 'WATCH guards a transaction against other clients; several clients are not in the playground yet',
  later: true,
};
const CLIENTS: OutOfScope = {
  reason: 'it acts on other connections; several clients are not in the playground yet',
  later: true,
};
const TRACKING: OutOfScope = {
  reason:
    'client-side caching pushes invalidations to clients; several clients are not in the playground yet',
  later: true,
};
const REPLICATION: OutOfScope = {
  reason: 'it is part of the replication protocol between servers, and the playground is one server',
};

export const OUT_OF_SCOPE: Readonly<Record<string, OutOfScope>> = {
  blmove: BLOCKING,
  blmpop: BLOCKING,
  blpop: BLOCKING,
  brpop: BLOCKING,
  brpoplpush: BLOCKING,
  bzmpop: BLOCKING,
  bzpopmax: BLOCKING,
  bzpopmin: BLOCKING,
  psubscribe: PUBSUB,
  publish: PUBSUB,
  pubsub: PUBSUB,
  punsubscribe: PUBSUB,
  spublish: PUBSUB,
  ssubscribe: PUBSUB,
  subscribe: PUBSUB,
  sunsubscribe: PUBSUB,
  unsubscribe: PUBSUB,
  watch: WATCH,
  unwatch: WATCH,
  reset: {
    reason: 'it resets a connection among several; several clients are not in the playground yet',
    later: true,
  },
  'client|kill': CLIENTS,
  'client|pause': CLIENTS,
  'client|unpause': CLIENTS,
  'client|unblock': CLIENTS,
  'client|reply': CLIENTS,
  'client|no-evict': CLIENTS,
  'client|help': {
    reason: 'its text lists the CLIENT subcommands that several clients bring; not in the playground yet',
    later: true,
  },
  'client|tracking': TRACKING,
  'client|trackinginfo': TRACKING,
  'client|caching': TRACKING,
  'client|getredir': TRACKING,
  'config|resetstat': {
    reason: "INFO's statistics cannot be reset yet; it arrives with the rest of CONFIG",
    later: true,
  },
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
