import { NO_KEYS, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { encodingName, modernEncodingName, stringEncoding } from '../encodings.ts';
import { ERR_NOT_INTEGER } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import type { Entry } from '../keyspace.ts';
import { array, bulk, error, int, NIL, OK, type Reply, status } from '../reply.ts';

/** OBJECT ENCODING/FREQ/IDLETIME/REFCOUNT/HELP (object.c) and MEMORY USAGE/HELP. */

/** objectCommandLookup: LOOKUP_NOTOUCH|LOOKUP_NONOTIFY, so no access time and no keymiss event. */
const lookup = (ctx: CommandContext, argv: readonly string[]): Entry | undefined =>
  ctx.ks.lookupRead(ctx.db, arg(argv, 2), false, false);

/** OBJECT ENCODING, with 7.0's names or (`name`) 7.2+'s, where small lists and sets are listpacks. */
const objectEncodingWith =
  (name: (e: Entry) => string) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = lookup(ctx, argv);
    return e === undefined ? NIL : bulk(name(e));
  };

/** OBJ_SHARED_REFCOUNT: the shared integers 0..9999 Redis stores small int-encoded values as. */
const SHARED_REFCOUNT = 2147483647;

const objectRefcount = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookup(ctx, argv);
  if (e === undefined) return NIL;
  if (e.type === 'string' && stringEncoding(e) === 'int') {
    const n = parseInt64(e.str);
    if (n !== null && n >= 0 && n < 10000) return int(SHARED_REFCOUNT);
  }
  return int(1);
};

const objectIdletime = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookup(ctx, argv);
  if (e === undefined) return NIL;
  // The LRU clock counts whole seconds.
  return int(Math.max(0, Math.floor(ctx.ks.now / 1000) - Math.floor(e.lru / 1000)));
};

const objectFreq = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (lookup(ctx, argv) === undefined) return NIL;
  return error(
    'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  );
};

const OBJECT_HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

const MEMORY_HELP = [
  'MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
  'HELP',
  '    Prints this help.',
];

/** MEMORY USAGE: dictFind, so a stale key still has a size and a missing one publishes nothing. */
const memoryUsage = (ctx: CommandContext, argv: readonly string[]): Reply => {
  for (let j = 3; j < argv.length; j++) {
    if (optionName(arg(argv, j)) === 'samples' && j + 1 < argv.length) {
      const n = parseInt64(arg(argv, ++j));
      if (n === null) return error(ERR_NOT_INTEGER);
      if (n < 0) return SYNTAX;
    } else {
      return SYNTAX;
    }
  }
  const e = ctx.db.dict.get(arg(argv, 2));
  return e === undefined ? NIL : int(e.bytes);
};

/** used_memory_startup of an empty redis-server 7.0.15: what total_allocated starts from. */
const STARTUP_ALLOCATED = 876144;

/** getMemoryDoctorReport: under 5 MB in all the instance is "empty"; the playground has no other issue. */
const memoryDoctor = (ctx: CommandContext): Reply =>
  bulk(
    ctx.ks.usedBytes + STARTUP_ALLOCATED < 5 * 1024 * 1024
      ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n"
      : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n",
  );

const memorySub = (
  name: string,
  syntax: string,
  summary: string,
  handler: CommandSpec['handler'],
  nondeterministic: boolean,
): CommandSpec => ({
  name,
  group: 'server',
  arity: 2,
  flags: [],
  tips: nondeterministic
    ? ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special']
    : ['request_policy:all_shards', 'response_policy:all_succeeded'],
  ...(nondeterministic && { traits: { serverDependent: "the server's allocator and memory use" } }),
  keys: NO_KEYS,
  summary,
  syntax,
  since: '4.0.0',
  complexity: name === 'doctor' ? 'O(1)' : 'Depends on how much memory is allocated, could be slow',
  handler,
});

const generic = { group: 'generic' } as const;
const keyed = { ...generic, keys: [2, 2, 1] as const, since: '2.2.3', complexity: 'O(1)' };
const help = (lines: readonly string[], container: string): CommandSpec => ({
  ...generic,
  group: container === 'memory' ? 'server' : 'generic',
  name: 'help',
  arity: 2,
  flags: ['loading', 'stale'],
  keys: NO_KEYS,
  summary: 'Returns helpful text about the different subcommands.',
  syntax: `${container.toUpperCase()} HELP`,
  since: container === 'memory' ? '4.0.0' : '6.2.0',
  complexity: 'O(1)',
  handler: () => array(lines.map(status)),
});

export const objectCommands: readonly CommandSpec[] = [
  {
    ...generic,
    name: 'object',
    arity: -2,
    flags: [],
    summary: 'A container for object introspection commands.',
    syntax: 'OBJECT subcommand',
    since: '2.2.3',
    complexity: 'Depends on subcommand.',
    keys: NO_KEYS,
    subcommands: [
      {
        ...keyed,
        name: 'encoding',
        arity: 3,
        flags: ['readonly'],
        tips: ['nondeterministic_output'],
        summary: 'Returns the internal encoding of a Redis object.',
        syntax: 'OBJECT ENCODING key',
        handler: objectEncodingWith(encodingName),
        versions: { 'redis-7.4': { handler: objectEncodingWith(modernEncodingName) } },
      },
      {
        ...keyed,
        name: 'freq',
        arity: 3,
        flags: ['readonly'],
        tips: ['nondeterministic_output'],
        traits: { serverDependent: 'OBJECT FREQ depends on server timing' },
        notes:
          'The playground has no LFU policy (maxmemory-policy is noeviction), so FREQ is always the error Redis gives then.',
        summary: 'Returns the logarithmic access frequency counter of a Redis object.',
        syntax: 'OBJECT FREQ key',
        since: '4.0.0',
        handler: objectFreq,
      },
      help(OBJECT_HELP, 'object'),
      {
        ...keyed,
        name: 'idletime',
        arity: 3,
        flags: ['readonly'],
        tips: ['nondeterministic_output'],
        traits: { serverDependent: 'OBJECT IDLETIME depends on server timing' },
        notes: 'Seconds since the key was last read or written, on the virtual clock.',
        summary: 'Returns the time since the last access to a Redis object.',
        syntax: 'OBJECT IDLETIME key',
        handler: objectIdletime,
      },
      {
        ...keyed,
        name: 'refcount',
        arity: 3,
        flags: ['readonly'],
        tips: ['nondeterministic_output'],
        traits: { serverDependent: 'OBJECT REFCOUNT shows how the server shares objects' },
        summary: 'Returns the reference count of a value of a key.',
        syntax: 'OBJECT REFCOUNT key',
        handler: objectRefcount,
      },
    ],
  },
  {
    name: 'memory',
    group: 'server',
    arity: -2,
    flags: [],
    summary: 'A container for memory diagnostics commands.',
    syntax: 'MEMORY subcommand',
    since: '4.0.0',
    complexity: 'Depends on subcommand.',
    keys: NO_KEYS,
    notes:
      "USAGE and DOCTOR read the playground's estimate; MALLOC-STATS and PURGE answer as a build without jemalloc; STATS (the allocator's figures) is not in the playground.",
    subcommands: [
      memorySub('doctor', 'MEMORY DOCTOR', 'Outputs a memory problems report.', memoryDoctor, true),
      help(MEMORY_HELP, 'memory'),
      memorySub(
        'malloc-stats',
        'MEMORY MALLOC-STATS',
        'Returns the allocator statistics.',
        () => bulk('Stats not supported for the current allocator'),
        true,
      ),
      memorySub('purge', 'MEMORY PURGE', 'Asks the allocator to release memory.', () => OK, false),
      {
        name: 'usage',
        group: 'server',
        arity: -3,
        flags: ['readonly'],
        keys: [2, 2, 1],
        traits: { serverDependent: "MEMORY USAGE depends on the server's allocator" },
        notes:
          "The playground's estimate: 64 bytes a key, plus the key, plus the value's bytes (8 to 16 more per member of a collection). Redis counts its allocator's sizes.",
        summary: 'Estimates the memory usage of a key.',
        syntax: 'MEMORY USAGE key [SAMPLES count]',
        since: '4.0.0',
        complexity: 'O(N) where N is the number of samples.',
        handler: memoryUsage,
      },
    ],
  },
];
