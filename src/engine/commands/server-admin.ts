import { NO_KEYS, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_DB_INDEX, ERR_NOT_INTEGER, ERR_TIMEOUT_NEGATIVE, ERR_TIMEOUT_NOT_INTEGER } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { isDbIndex } from '../keyspace.ts';
import { array, bulk, error, int, OK, type Reply, status } from '../reply.ts';

/**
 * ROLE, LASTSAVE, SAVE, BGSAVE, WAIT, SWAPDB and LOLWUT: a single Redis 7.0.15 master with no
 * replicas and no disk to save to.
 */

const role = (): Reply => array([bulk('master'), int(0), array([])]);

/** At start-up Redis considers the dataset saved; with no disk no save succeeds after that. */
const lastsave = (ctx: CommandContext): Reply => int(Math.floor(ctx.server.startedAt / 1000));

/** rdbSave fails without a writable directory: Redis answers its bare shared error. */
const save = (): Reply => error('ERR');

/** The fork succeeds (the reply), the child's save fails afterwards. */
const bgsave = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 1 && !(argv.length === 2 && optionName(arg(argv, 1)) === 'schedule')) return SYNTAX;
  return status('Background saving started');
};

/** No replica ever acknowledges, and the playground does not wait out the timeout. */
const wait = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  if (parseInt64(arg(argv, 1)) === null) return error(ERR_NOT_INTEGER);
  const timeout = parseInt64(arg(argv, 2));
  if (timeout === null) return error(ERR_TIMEOUT_NOT_INTEGER);
  if (timeout < 0) return error(ERR_TIMEOUT_NEGATIVE);
  return int(0);
};

/** getIntFromObjectOrReply with its own message: any text that is not an int32. */
function dbIndex(text: string, message: string): number | Reply {
  const n = parseInt64(text);
  if (n === null || n < -2147483648 || n > 2147483647) return error(message);
  return Number(n);
}

const swapdb = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const a = dbIndex(arg(argv, 1), 'ERR invalid first DB index');
  if (typeof a !== 'number') return a;
  const b = dbIndex(arg(argv, 2), 'ERR invalid second DB index');
  if (typeof b !== 'number') return b;
  if (!isDbIndex(a) || !isDbIndex(b)) return error(ERR_DB_INDEX);
  if (a !== b) ctx.ks.swapDbs(ctx.ks.db(a), ctx.ks.db(b));
  return OK;
};

/** LOLWUT: versions other than 5 and 6 (7.0's own default) print the version line. */
const lolwut = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const own = ctx.server.profile.redisVersion;
  let version = own;
  if (argv.length >= 3 && optionName(arg(argv, 1)) === 'version') {
    const v = parseInt64(arg(argv, 2));
    if (v === null) return error(ERR_NOT_INTEGER);
    version = `${BigInt.asUintN(32, BigInt(v))}.0.0`;
  }
  if (/^(5\.[^9]|4\.9|6\.[^9]|5\.9)/.test(version)) {
    return error('ERR the playground does not draw LOLWUT 5 and 6 (their art is random)');
  }
  return bulk(`Redis ver. ${own}\n`);
};

const server = { group: 'server', keys: NO_KEYS } as const;

export const serverAdminCommands: readonly CommandSpec[] = [
  {
    ...server,
    name: 'role',
    arity: 1,
    flags: ['noscript', 'loading', 'stale', 'fast'],
    summary: 'Returns the replication role.',
    syntax: 'ROLE',
    since: '2.8.12',
    complexity: 'O(1)',
    handler: role,
  },
  {
    ...server,
    name: 'lastsave',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    tips: ['nondeterministic_output'],
    traits: { serverDependent: "LASTSAVE reads the server's clock" },
    notes:
      'The time the engine started: as in Redis, the dataset counts as saved at start-up, and with no disk no later save succeeds.',
    summary: 'Returns the Unix timestamp of the last successful save to disk.',
    syntax: 'LASTSAVE',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: lastsave,
  },
  {
    ...server,
    name: 'save',
    arity: 1,
    flags: ['admin', 'noscript', 'no_async_loading', 'no_multi'],
    notes: 'Answers `ERR`, as a Redis with no writable disk does: the playground writes no files.',
    summary: 'Synchronously saves the database(s) to disk.',
    syntax: 'SAVE',
    since: '1.0.0',
    complexity: 'O(N) where N is the total number of keys in all databases',
    handler: save,
  },
  {
    ...server,
    name: 'bgsave',
    arity: -1,
    flags: ['admin', 'noscript', 'no_async_loading'],
    notes:
      'Answers that saving started, as a Redis with no writable disk does before its background save fails; nothing is written.',
    summary: 'Asynchronously saves the database(s) to disk.',
    syntax: 'BGSAVE [SCHEDULE]',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: bgsave,
  },
  {
    ...server,
    name: 'bgrewriteaof',
    arity: 1,
    flags: ['admin', 'noscript', 'no_async_loading'],
    notes:
      'Answers that the rewrite started, as a Redis does before its background child runs; the playground has no append-only file.',
    summary: 'Asynchronously rewrites the append-only file to disk.',
    syntax: 'BGREWRITEAOF',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: () => status('Background append only file rewriting started'),
  },
  {
    name: 'wait',
    group: 'connection',
    keys: NO_KEYS,
    arity: 3,
    flags: ['noscript'],
    tips: ['request_policy:all_shards', 'response_policy:agg_min'],
    versions: { 'redis-7.4': { flags: ['blocking'] } },
    notes: 'Answers 0 at once: there are no replicas (Redis would wait out the timeout first).',
    summary:
      'Blocks until the asynchronous replication of all preceding write commands sent by the connection is completed.',
    syntax: 'WAIT numreplicas timeout',
    since: '3.0.0',
    complexity: 'O(1)',
    handler: wait,
  },
  {
    name: 'swapdb',
    group: 'generic',
    keys: NO_KEYS,
    arity: 3,
    flags: ['write', 'fast'],
    summary: 'Swaps two Redis databases.',
    syntax: 'SWAPDB index1 index2',
    since: '4.0.0',
    complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.',
    handler: swapdb,
  },
  {
    ...server,
    name: 'lolwut',
    arity: -1,
    flags: ['readonly', 'fast'],
    notes:
      'VERSION 5 and 6 (random computer art) are not drawn; every other version prints the version line, as 7.0 does.',
    summary: 'Displays computer art and the Redis version',
    syntax: 'LOLWUT [VERSION version]',
    since: '5.0.0',
    complexity: 'O(N)',
    handler: lolwut,
  },
];
