import { NO_KEYS, optionName } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec, type Handler } from '../command.ts';
import { ERR_NO_INTERPRETER, ERR_NOTBUSY, errSubcommandSyntax, errText } from '../errors.ts';
import { globMatch } from '../glob.ts';
import { parseInt64 } from '../int64.ts';
import { stampPayload, verifyPayload } from '../rdb/payload.ts';
import { array, bulk, error, int, NIL, OK, type Reply, status } from '../reply.ts';
import type { FunctionStore } from '../scripting/functions.ts';

/** FUNCTION LOAD/LIST/DELETE/FLUSH/DUMP/RESTORE/STATS/KILL/HELP and FCALL, FCALL_RO (functions.c). */

const NO_INTERPRETER = error(ERR_NO_INTERPRETER);

/** A reply error from a functions.c error text (a leading `-` carries its own code). */
const fail = (text: string): Reply => error(text.startsWith('-') ? text.slice(1) : errText(text));

const subcommandSyntax = (argv: readonly string[]) => error(errSubcommandSyntax(argv));

/** Runs `f` with the function libraries, or answers that the interpreter is not there yet. */
const withStore =
  (f: (store: FunctionStore, ctx: CommandContext, argv: readonly string[]) => Reply): Handler =>
  (ctx, argv) => {
    const store = ctx.server.functions;
    return store === null ? NO_INTERPRETER : f(store, ctx, argv);
  };

const functionLoad = withStore((store, _ctx, argv) => {
  let replace = false;
  let at = 2;
  while (at < argv.length - 1) {
    const opt = arg(argv, at++);
    if (optionName(opt) !== 'replace') return fail(`Unknown option given: ${opt}`);
    replace = true;
  }
  if (at >= argv.length) return fail('Function code is missing');
  const loaded = store.load(arg(argv, at), replace);
  return typeof loaded === 'string' ? bulk(loaded) : fail(loaded.error);
});

const functionList = withStore((store, _ctx, argv) => {
  let withCode = false;
  let pattern: string | null = null;
  for (let i = 2; i < argv.length; i++) {
    const a = arg(argv, i);
    if (!withCode && optionName(a) === 'withcode') {
      withCode = true;
      continue;
    }
    if (pattern === null && optionName(a) === 'libraryname') {
      if (i >= argv.length - 1) return fail('library name argument was not given');
      pattern = arg(argv, ++i);
      continue;
    }
    return fail(`Unknown argument ${a}`);
  }
  const out: Reply[] = [];
  for (const lib of store.libraries.values()) {
    if (pattern !== null && !globMatch(pattern, lib.name, true)) continue;
    const functions = lib.functions.map((fn) =>
      array([
        bulk('name'),
        bulk(fn.name),
        bulk('description'),
        fn.description === null ? NIL : bulk(fn.description),
        bulk('flags'),
        array(fn.flags.map(status)),
      ]),
    );
    const fields = [
      bulk('library_name'),
      bulk(lib.name),
      bulk('engine'),
      bulk('LUA'),
      bulk('functions'),
      array(functions),
    ];
    if (withCode) fields.push(bulk('library_code'), bulk(lib.code));
    out.push(array(fields));
  }
  return array(out);
});

const functionDelete = withStore((store, _ctx, argv) =>
  store.delete(arg(argv, 2)) ? OK : fail('Library not found'),
);

const functionFlush = withStore((store, _ctx, argv) => {
  if (argv.length > 3) return subcommandSyntax(argv);
  const mode = argv.length === 3 ? optionName(arg(argv, 2)) : 'sync';
  if (mode !== 'sync' && mode !== 'async') return fail('FUNCTION FLUSH only supports SYNC|ASYNC option');
  store.flush();
  return OK;
});

// The store writes 7.0's RDB version; a 7.4 server's payload carries its own (12).
const functionDump = withStore((store, ctx) =>
  bulk(stampPayload(store.dump(), ctx.server.profile.rdbVersion)),
);

const functionRestore = withStore((store, ctx, argv) => {
  if (argv.length > 4) return subcommandSyntax(argv);
  let policy: 'append' | 'replace' | 'flush' = 'append';
  if (argv.length === 4) {
    const p = optionName(arg(argv, 3));
    if (p !== 'append' && p !== 'replace' && p !== 'flush') {
      return fail('Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.');
    }
    policy = p;
  }
  const payload = arg(argv, 2);
  if (!verifyPayload(payload, ctx.server.profile.rdbVersion))
    return fail('DUMP payload version or checksum are wrong');
  const err = store.restore(payload, policy);
  return err === null ? OK : fail(err);
});

const functionStats = withStore((store) => {
  const { libraries, functions } = store.counts();
  return array([
    bulk('running_script'),
    NIL,
    bulk('engines'),
    array([
      bulk('LUA'),
      array([bulk('libraries_count'), int(libraries), bulk('functions_count'), int(functions)]),
    ]),
  ]);
});

const HELP = [
  'FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'LOAD [REPLACE] <FUNCTION CODE>',
  '    Create a new library with the given library name and code.',
  'DELETE <LIBRARY NAME>',
  '    Delete the given library.',
  'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
  '    Return general information on all the libraries:',
  '    * Library name',
  '    * The engine used to run the Library',
  '    * Library description',
  '    * Functions list',
  '    * Library code (if WITHCODE is given)',
  '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
  'STATS',
  '    Return information about the current function running:',
  '    * Function name',
  '    * Command used to run the function',
  '    * Duration in MS that the function is running',
  '    If no function is running, return nil',
  '    In addition, returns a list of available engines.',
  'KILL',
  '    Kill the current running function.',
  'FLUSH [ASYNC|SYNC]',
  '    Delete all the libraries.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the libraries.',
  '    * SYNC: Synchronously flush the libraries.',
  'DUMP',
  '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
  'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
  '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
  '    control how to handle existing libraries (default APPEND):',
  '    * FLUSH: delete all existing libraries.',
  '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
  '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
  '      libraries with the new libraries (notice that even on this option there is a chance of failure',
  '      in case of functions name collision with another library).',
  'HELP',
  '    Prints this help.',
];

/** fcallCommandGeneric: the function, numkeys, scriptPrepareForRun's flag checks, then the call. */
const fcall = (readOnly: boolean) =>
  withStore((store, ctx, argv) => {
    const found = store.find(arg(argv, 1));
    if (found === undefined) return fail('Function not found');
    const numkeys = parseInt64(arg(argv, 2));
    if (numkeys === null) return fail('Bad number of keys provided');
    if (numkeys > argv.length - 3) return fail("Number of keys can't be greater than number of args");
    if (numkeys < 0) return fail("Number of keys can't be negative");
    const flags = found.fn.flags;
    const noWrites = flags.includes('no-writes');
    const allowOom = flags.includes('allow-oom');
    if (!noWrites) {
      if (readOnly) return fail('Can not execute a script with write flag using *_ro command.');
      if (!allowOom && ctx.server.wouldExceedMemory(0)) {
        return fail(
          "-OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'",
        );
      }
    }
    const n = Number(numkeys);
    const keys = argv.slice(3, 3 + n);
    const args = argv.slice(3 + n);
    return ctx.server.runScript(ctx.client, { readOnly: readOnly || noWrites, allowOom }, (server) =>
      store.call(found.lib, found.fn.name, keys, args, server),
    );
  });

const scripting = { group: 'scripting', keys: NO_KEYS } as const;
const sub = (
  name: string,
  arity: number,
  flags: CommandSpec['flags'],
  syntax: string,
  summary: string,
  handler: Handler,
  extra: Partial<CommandSpec> = {},
): CommandSpec => ({
  ...scripting,
  name,
  arity,
  flags,
  syntax,
  summary,
  since: '7.0.0',
  complexity: 'O(1)',
  handler,
  ...extra,
});

const fcallSpec = (name: string, readOnly: boolean): CommandSpec => ({
  ...scripting,
  name,
  arity: -3,
  flags: readOnly
    ? ['readonly', 'noscript', 'stale', 'skip_monitor', 'no_mandatory_keys', 'movablekeys']
    : ['noscript', 'stale', 'skip_monitor', 'no_mandatory_keys', 'movablekeys'],
  summary: readOnly ? 'Invokes a read-only function.' : 'Invokes a function.',
  syntax: `${name.toUpperCase()} function numkeys [key [key ...]] [arg [arg ...]]`,
  since: '7.0.0',
  complexity: 'Depends on the function that is executed.',
  handler: fcall(readOnly),
});

export const functionCommands: readonly CommandSpec[] = [
  fcallSpec('fcall', false),
  fcallSpec('fcall_ro', true),
  {
    ...scripting,
    name: 'function',
    arity: -2,
    flags: [],
    summary: 'A container for function commands.',
    syntax: 'FUNCTION subcommand',
    since: '7.0.0',
    complexity: 'Depends on subcommand.',
    notes: 'Functions run on the same Lua as EVAL (see Lua scripting above); FUNCTION KILL answers NOTBUSY.',
    subcommands: [
      sub(
        'delete',
        3,
        ['write', 'noscript'],
        'FUNCTION DELETE library-name',
        'Deletes a library and its functions.',
        functionDelete,
        { tips: ['request_policy:all_shards', 'response_policy:all_succeeded'] },
      ),
      sub(
        'dump',
        2,
        ['noscript'],
        'FUNCTION DUMP',
        'Dumps all libraries into a serialized binary payload.',
        functionDump,
        {
          notes:
            "Redis's payload byte for byte (a recorded test); several libraries come in the playground's load order, where Redis dumps its dict's.",
        },
      ),
      sub(
        'flush',
        -2,
        ['write', 'noscript'],
        'FUNCTION FLUSH [ASYNC | SYNC]',
        'Deletes all libraries and functions.',
        functionFlush,
        { tips: ['request_policy:all_shards', 'response_policy:all_succeeded'] },
      ),
      {
        ...sub(
          'help',
          2,
          ['loading', 'stale'],
          'FUNCTION HELP',
          'Returns helpful text about the different subcommands.',
          () => array(HELP.map(status)),
        ),
        // Redis 7.2 dropped HELP's "Library description" line (FUNCTION LIST reports no such field).
        versions: {
          'redis-7.4': {
            handler: () => array(HELP.filter((l) => l !== '    * Library description').map(status)),
          },
        },
      },
      sub(
        'kill',
        2,
        ['noscript', 'allow_busy'],
        'FUNCTION KILL',
        'Terminates a function during execution.',
        () => error(ERR_NOTBUSY),
        { tips: ['request_policy:all_shards', 'response_policy:one_succeeded'] },
      ),
      sub(
        'list',
        -2,
        ['noscript'],
        'FUNCTION LIST [LIBRARYNAME library-name-pattern] [WITHCODE]',
        'Returns information about all libraries.',
        functionList,
        { tips: ['nondeterministic_output_order'], traits: { unordered: 'members' } },
      ),
      sub(
        'load',
        -3,
        ['write', 'denyoom', 'noscript'],
        'FUNCTION LOAD [REPLACE] function-code',
        'Creates a library.',
        functionLoad,
        { tips: ['request_policy:all_shards', 'response_policy:all_succeeded'] },
      ),
      sub(
        'restore',
        -3,
        ['write', 'denyoom', 'noscript'],
        'FUNCTION RESTORE serialized-value [FLUSH | APPEND | REPLACE]',
        'Restores all libraries from a payload.',
        functionRestore,
        { tips: ['request_policy:all_shards', 'response_policy:all_succeeded'] },
      ),
      sub(
        'stats',
        2,
        ['noscript', 'allow_busy'],
        'FUNCTION STATS',
        'Returns information about a function during execution.',
        functionStats,
        {
          tips: ['nondeterministic_output', 'request_policy:all_shards', 'response_policy:special'],
        },
      ),
    ],
  },
];
