import { helpReply, NO_KEYS, optionName, subcommandSyntaxError } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { encodingName } from '../encodings.ts';
import { ERR_NO_SUCH_KEY } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import type { Entry } from '../keyspace.ts';
import { DUMP_70, dumpPayload, listNodes } from '../rdb/payload.ts';
import { error, OK, type Reply, status } from '../reply.ts';
import { sortedEntries } from './sorted-sets.ts';

/**
 * DEBUG (debug.c): SLEEP (instant on a virtual clock), SET-ACTIVE-EXPIRE, OBJECT and HELP. Every
 * other subcommand gets Redis's error for an unknown one: they crash, reload or inspect a server
 * this is not.
 */

/** C strtod on the whole prefix it can read; 0 when nothing is a number (DEBUG SLEEP abc sleeps 0). */
function strtod(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** C atoi. */
function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?[0-9]+)/.exec(s);
  return m ? Number.parseInt(m[1] as string, 10) : 0;
}

/** OBJ_SHARED_INTEGERS: SET of a small integer stores the shared object (refcount INT_MAX). */
const SHARED_INTEGERS = 10000;
const LRU_CLOCK_MAX = 2 ** 24 - 1;

/** Whether `e` holds one of Redis's shared integer objects. */
function isShared(ctx: CommandContext, e: Entry): boolean {
  if (e.type !== 'string' || encodingName(e, ctx.config) !== 'int') return false;
  const n = parseInt64(e.str);
  return typeof n === 'number' && n >= 0 && n < SHARED_INTEGERS;
}

/**
 * DEBUG OBJECT: looks at the stored key without expiring it. The address and LRU figures have no
 * meaning here and get plausible values (an address from the key's creation number, the LRU clock
 * of the moment; the shared integers' LRU of the server's start); serializedlength is the length
 * of the RDB value DUMP would write, and a list's quicklist figures follow list-max-listpack-size.
 */
function debugObject(ctx: CommandContext, key: string): Reply {
  const e = ctx.db.dict.get(key);
  if (e === undefined) return error(ERR_NO_SUCH_KEY);
  const cfg = ctx.config;
  const encoding = encodingName(e, cfg);
  const payload = dumpPayload(e, encoding, sortedEntries, { ...DUMP_70, listFill: cfg.listMaxListpackSize });
  // The payload's type byte, version and checksum are not part of rdbSavedObjectLen.
  const serialized = payload.length - 11;
  const shared = isShared(ctx, e);
  const nowSeconds = Math.floor(ctx.clock.now() / 1000);
  const since = shared ? Math.floor(ctx.server.startedAt / 1000) : nowSeconds;
  const address = `0x7f${(0x3b800000 + e.seq * 0x30).toString(16).padStart(10, '0')}`;
  let text =
    `Value at:${address} refcount:${shared ? 2147483647 : 1} encoding:${encoding} ` +
    `serializedlength:${serialized} lru:${since & LRU_CLOCK_MAX} lru_seconds_idle:${nowSeconds - since}`;
  if (e.type === 'list') {
    const nodes = listNodes(e.coll, cfg.listMaxListpackSize);
    const bytes = nodes.reduce((n, lp) => n + lp.length, 0);
    const compressed = (cfg.stored.get('list-compress-depth') ?? '0') !== '0' ? 1 : 0;
    text +=
      ` ql_nodes:${nodes.length} ql_avg_node:${(e.coll.length / nodes.length).toFixed(2)}` +
      ` ql_listpack_max:${cfg.listMaxListpackSize} ql_compressed:${compressed} ql_uncompressed_size:${bytes}`;
  }
  return status(text);
}

const debug = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const sub = optionName(arg(argv, 1));
  if (sub === 'sleep' && argv.length === 3) {
    const seconds = strtod(arg(argv, 2));
    // Redis truncates to whole microseconds; the clock works in milliseconds.
    const ms = Math.trunc(seconds * 1_000_000) / 1000;
    if (ms > 0) ctx.clock.sleep(ms);
    return OK;
  }
  if (sub === 'set-active-expire' && argv.length === 3) {
    ctx.server.setActiveExpire(atoi(arg(argv, 2)) !== 0);
    return OK;
  }
  if (sub === 'object' && argv.length === 3) return debugObject(ctx, arg(argv, 2));
  if (sub === 'help' && argv.length === 2) return helpReply(argv, DEBUG_HELP);
  return subcommandSyntaxError(argv);
};

/** Redis's own DEBUG HELP (every subcommand, though only the four above answer here). */
const DEBUG_HELP = [
  'AOF-FLUSH-SLEEP <microsec>',
  '    Server will sleep before flushing the AOF, this is used for testing.',
  'ASSERT',
  '    Crash by assertion failed.',
  'CHANGE-REPL-ID',
  '    Change the replication IDs of the instance.',
  '    Dangerous: should be used only for testing the replication subsystem.',
  'CONFIG-REWRITE-FORCE-ALL',
  '    Like CONFIG REWRITE but writes all configuration options, including',
  '    keywords not listed in original configuration file or default values.',
  'CRASH-AND-RECOVER [<milliseconds>]',
  '    Hard crash and restart after a <milliseconds> delay (default 0).',
  'DIGEST',
  '    Output a hex signature representing the current DB content.',
  'DIGEST-VALUE <key> [<key> ...]',
  '    Output a hex signature of the values of all the specified keys.',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'LEAK <string>',
  '    Create a memory leak of the input string.',
  'LOG <message>',
  '    Write <message> to the server log.',
  'HTSTATS <dbid>',
  '    Return hash table statistics of the specified Redis database.',
  'HTSTATS-KEY <key>',
  "    Like HTSTATS but for the hash table stored at <key>'s value.",
  'LOADAOF',
  '    Flush the AOF buffers on disk and reload the AOF in memory.',
  'REPLICATE <string>',
  '    Replicates the provided string to replicas, allowing data divergence.',
  'MALLCTL <key> [<val>]',
  '    Get or set a malloc tuning integer.',
  'MALLCTL-STR <key> [<val>]',
  '    Get or set a malloc tuning string.',
  'OBJECT <key>',
  '    Show low level info about `key` and associated value.',
  'DROP-CLUSTER-PACKET-FILTER <packet-type>',
  '    Drop all packets that match the filtered type. Set to -1 allow all packets.',
  'OOM',
  '    Crash the server simulating an out-of-memory error.',
  'PANIC',
  '    Crash the server simulating a panic.',
  'POPULATE <count> [<prefix>] [<size>]',
  '    Create <count> string keys named key:<num>. If <prefix> is specified then',
  "    it is used instead of the 'key' prefix. These are not propagated to",
  '    replicas. Cluster slots are not respected so keys not belonging to the',
  '    current node can be created in cluster mode.',
  'PROTOCOL <type>',
  '    Reply with a test value of the specified type. <type> can be: string,',
  '    integer, double, bignum, null, array, set, map, attrib, push, verbatim,',
  '    true, false.',
  'RELOAD [option ...]',
  '    Save the RDB on disk and reload it back to memory. Valid <option> values:',
  '    * MERGE: conflicting keys will be loaded from RDB.',
  '    * NOFLUSH: the existing database will not be removed before load, but',
  '      conflicting keys will generate an exception and kill the server.',
  '    * NOSAVE: the database will be loaded from an existing RDB file.',
  '    Examples:',
  '    * DEBUG RELOAD: verify that the server is able to persist, flush and reload',
  '      the database.',
  '    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an',
  '      existing RDB file.',
  '    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB',
  '      file to the database.',
  'RESTART [<milliseconds>]',
  '    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).',
  'SDSLEN <key>',
  '    Show low level SDS string info representing `key` and value.',
  'SEGFAULT',
  '    Crash the server with sigsegv.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'QUICKLIST-PACKED-THRESHOLD <size>',
  '    Sets the threshold for elements to be inserted as plain vs packed nodes',
  '    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.',
  'SET-SKIP-CHECKSUM-VALIDATION <0|1>',
  "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
  'STRINGMATCH-TEST',
  '    Run a fuzz tester against the stringmatchlen() function.',
  'STRUCTSIZE',
  '    Return the size of different Redis core C structures.',
  'LISTPACK <key>',
  '    Show low level info about the listpack encoding of <key>.',
  'QUICKLIST <key> [<0|1>]',
  '    Show low level info about the quicklist encoding of <key>.',
  '    The optional argument (0 by default) sets the level of detail',
  'CLIENT-EVICTION',
  '    Show low level client eviction pools info (maxmemory-clients).',
  'PAUSE-CRON <0|1>',
  '    Stop periodic cron job processing.',
  'REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>',
  '    Sets the time (in milliseconds) to wait between client reply buffer peak resets.',
  '    In case NEVER is provided the last observed peak will never be reset',
  '    In case RESET is provided the peak reset time will be restored to the default value',
  'REPLYBUFFER RESIZING <0|1>',
  '    Enable or disable the reply buffer resize cron job',
  'CLUSTERLINK KILL <to|from|all> <node-id>',
  '    Kills the link based on the direction to/from (both) with the provided node.',
];

export const debugCommand: CommandSpec = {
  name: 'debug',
  group: 'server',
  keys: NO_KEYS,
  notes:
    'SLEEP (instant on a virtual clock), SET-ACTIVE-EXPIRE, OBJECT and HELP; the others are refused as unknown.',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  traits: { serverDependent: 'DEBUG replies are server internals' },
  summary: 'A container for debugging commands',
  syntax: 'DEBUG SLEEP seconds | DEBUG SET-ACTIVE-EXPIRE 0|1 | DEBUG OBJECT key',
  since: '1.0.0',
  complexity: 'Depends on subcommand.',
  handler: debug,
};
