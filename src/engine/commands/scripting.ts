import { NO_KEYS, NOT_INTEGER } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec, type Handler } from '../command.ts';
import { ERR_NO_INTERPRETER, ERR_NOTBUSY, ERR_NUMKEYS_ARGS, errText } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import { array, error, int, OK, type Reply, status } from '../reply.ts';
import type { CachedScript, ScriptCache } from '../scripting/cache.ts';
import { sha1hex } from '../scripting/sha1.ts';
import { splitArgs } from '../tokenizer.ts';

/** EVAL, EVALSHA, their _RO forms and SCRIPT (eval.c): the script cache and its error texts. */

const ERR_NOSCRIPT = 'NOSCRIPT No matching script. Please use EVAL.';
const ERR_NUMKEYS_NEGATIVE = "ERR Number of keys can't be negative";
const ERR_RO_WITH_WRITE_FLAG = 'ERR Can not execute a script with write flag using *_ro command.';
const ERR_FLUSH_OPTION = 'ERR SCRIPT FLUSH only support SYNC|ASYNC option';
const ERR_OOM_NO_ALLOW =
  "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'";
const SHEBANG_FLAGS = ['no-writes', 'allow-oom', 'allow-stale', 'no-cluster', 'allow-cross-slot-keys'];

interface Shebang {
  readonly readOnly: boolean;
  readonly allowOom: boolean;
  /** The `#!` line's length: it is compiled as an empty line, keeping line numbers. */
  readonly length: number;
  readonly compat: boolean;
}

/** evalExtractShebangFlags: the `#!lua flags=…` first line, or compat mode without one. */
function parseShebang(body: string): Shebang | string {
  if (!body.startsWith('#!')) return { readOnly: false, allowOom: false, length: 0, compat: true };
  const end = body.indexOf('\n');
  if (end < 0) return 'ERR Invalid script shebang';
  const parts = splitArgs(body.slice(0, end));
  if (parts === null || parts.length === 0) return 'ERR Invalid engine in script shebang';
  if (parts[0] !== '#!lua') return `ERR Unexpected engine in script shebang: ${parts[0]}`;
  const flags = new Set<string>();
  for (const part of parts.slice(1)) {
    if (!part.startsWith('flags=')) return `ERR Unknown lua shebang option: ${part}`;
    const list = part.slice(6);
    for (const flag of list === '' ? [] : list.split(',')) {
      if (!SHEBANG_FLAGS.includes(flag)) return `ERR Unexpected flag in script shebang: ${flag}`;
      flags.add(flag);
    }
  }
  return { readOnly: flags.has('no-writes'), allowOom: flags.has('allow-oom'), length: end, compat: false };
}

/** luaCreateFunction: compiles and caches `body`; returns its SHA-1 or the error reply. */
function createFunction(ctx: CommandContext, body: string): string | Reply {
  const cache = ctx.server.scripts;
  if (cache === null) return error(ERR_NO_INTERPRETER);
  return cacheScript(cache, body);
}

/** Compiles `body` into `cache` (SCRIPT LOAD, EVAL, a restored snapshot); its SHA-1 or the error. */
export function cacheScript(cache: ScriptCache, body: string): string | Reply {
  const sha = sha1hex(body);
  if (cache.scripts.has(sha)) return sha;
  const shebang = parseShebang(body);
  if (typeof shebang === 'string') return error(shebang);
  const compiled = cache.vm.compile(sha, body.slice(shebang.length));
  if (compiled !== null) {
    // Lua 5.1 quotes the end-of-input token; 5.3 does not.
    const msg = compiled.replace(/ near <eof>$/, " near '<eof>'");
    return error(`ERR Error compiling script (new function): ${msg}`);
  }
  const script: CachedScript = { body, readOnly: shebang.readOnly, allowOom: shebang.allowOom };
  cache.add(sha, script);
  return sha;
}

function evalGeneric(bySha: boolean, readOnly: boolean): Handler {
  return (ctx, argv) => {
    // evalShaCommand refuses a digest of the wrong length before looking at numkeys.
    if (bySha && arg(argv, 1).length !== 40) return error(ERR_NOSCRIPT);
    const numkeys = parseInt64(arg(argv, 2));
    if (numkeys === null) return NOT_INTEGER;
    if (numkeys > argv.length - 3) return error(ERR_NUMKEYS_ARGS);
    if (numkeys < 0) return error(ERR_NUMKEYS_NEGATIVE);
    const cache = ctx.server.scripts;
    if (cache === null) return error(ERR_NO_INTERPRETER);
    let sha: string;
    if (bySha) {
      sha = arg(argv, 1).toLowerCase();
      if (!cache.scripts.has(sha)) return error(ERR_NOSCRIPT);
    } else {
      const created = createFunction(ctx, arg(argv, 1));
      if (typeof created !== 'string') return created;
      sha = created;
    }
    const script = cache.scripts.get(sha) as CachedScript;
    // scriptPrepareForRun: a script with a #! line declares whether it writes.
    if (script.body.startsWith('#!') && !script.readOnly) {
      if (readOnly) return error(ERR_RO_WITH_WRITE_FLAG);
      if (!script.allowOom && ctx.server.wouldExceedMemory(0)) return error(ERR_OOM_NO_ALLOW);
    }
    const n = Number(numkeys);
    const keys = argv.slice(3, 3 + n);
    const args = argv.slice(3 + n);
    const options = { readOnly: readOnly || script.readOnly, allowOom: script.allowOom };
    return ctx.server.runScript(ctx.client, options, (server) => cache.vm.run(sha, keys, args, server));
  };
}

const scriptLoad: Handler = (ctx, argv) => {
  const created = createFunction(ctx, arg(argv, 2));
  return typeof created === 'string' ? { t: 'bulk', s: created } : created;
};

const scriptExists: Handler = (ctx, argv) => {
  const cache = ctx.server.scripts;
  return array(argv.slice(2).map((sha) => int(cache?.scripts.has(sha.toLowerCase()) ? 1 : 0)));
};

const scriptFlush: Handler = (ctx, argv) => {
  const mode = argv[2]?.toLowerCase();
  if (argv.length > 3 || (mode !== undefined && mode !== 'sync' && mode !== 'async')) {
    return error(ERR_FLUSH_OPTION);
  }
  ctx.server.scripts?.flush();
  return OK;
};

const SCRIPT_HELP = [
  'SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DEBUG (YES|SYNC|NO)',
  '    Set the debug mode for subsequent scripts executed.',
  'EXISTS <sha1> [<sha1> ...]',
  '    Return information about the existence of the scripts in the script cache.',
  'FLUSH [ASYNC|SYNC]',
  '    Flush the Lua scripts cache. Very dangerous on replicas.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the scripts cache.',
  '    * SYNC: Synchronously flush the scripts cache.',
  'KILL',
  '    Kill the currently executing Lua script.',
  'LOAD <script>',
  '    Load a script into the scripts cache without executing it.',
  'HELP',
  '    Prints this help.',
];

const scripting = { group: 'scripting', since: '2.6.0' } as const;
const evalFlags = ['noscript', 'stale', 'skip_monitor', 'no_mandatory_keys', 'movablekeys'] as const;
const evalKeys = [0, 0, 0] as const;
const evalNotes =
  'Lua 5.3 (fengari) with numbers kept as doubles like 5.1: no cjson/cmsgpack/struct/bit, no RESP3, ' +
  'a runaway script is stopped after 100M instructions as by SCRIPT KILL, one that adds more than 2 million ' +
  "table entries or makes a string over 64 MB with Lua's memory error (the console says which limit stopped it).";

const sub = (
  name: string,
  arity: number,
  syntax: string,
  summary: string,
  handler: Handler,
  flags: CommandSpec['flags'] = ['noscript'],
  tips?: CommandSpec['tips'],
): CommandSpec => ({
  ...scripting,
  name,
  arity,
  flags,
  ...(tips && { tips }),
  summary,
  syntax,
  complexity: 'O(N)',
  keys: NO_KEYS,
  handler,
});

/** SCRIPT DEBUG: NO turns off a debugger that never ran; YES and SYNC would start one. */
const scriptDebug = (_ctx: CommandContext, argv: readonly string[]): Reply => {
  const mode = arg(argv, 2).toLowerCase();
  if (mode === 'no') return OK;
  if (mode === 'yes' || mode === 'sync') {
    return error(errText('SCRIPT DEBUG is not in the playground: it has no Lua debugger (ldb)'));
  }
  return error(errText('Use SCRIPT DEBUG YES/SYNC/NO'));
};

export const scriptingCommands: readonly CommandSpec[] = [
  {
    ...scripting,
    name: 'eval',
    arity: -3,
    flags: evalFlags,
    summary: 'Executes a server-side Lua script.',
    syntax: 'EVAL script numkeys [key [key ...]] [arg [arg ...]]',
    complexity: 'Depends on the script that is executed.',
    keys: evalKeys,
    notes: evalNotes,
    handler: evalGeneric(false, false),
  },
  {
    ...scripting,
    name: 'evalsha',
    arity: -3,
    flags: evalFlags,
    summary: 'Executes a server-side Lua script by SHA1 digest.',
    syntax: 'EVALSHA sha1 numkeys [key [key ...]] [arg [arg ...]]',
    complexity: 'Depends on the script that is executed.',
    keys: evalKeys,
    handler: evalGeneric(true, false),
  },
  {
    ...scripting,
    name: 'eval_ro',
    arity: -3,
    flags: ['readonly', ...evalFlags],
    summary: 'Executes a read-only server-side Lua script.',
    syntax: 'EVAL_RO script numkeys [key [key ...]] [arg [arg ...]]',
    since: '7.0.0',
    complexity: 'Depends on the script that is executed.',
    keys: evalKeys,
    handler: evalGeneric(false, true),
  },
  {
    ...scripting,
    name: 'evalsha_ro',
    arity: -3,
    flags: ['readonly', ...evalFlags],
    summary: 'Executes a read-only server-side Lua script by SHA1 digest.',
    syntax: 'EVALSHA_RO sha1 numkeys [key [key ...]] [arg [arg ...]]',
    since: '7.0.0',
    complexity: 'Depends on the script that is executed.',
    keys: evalKeys,
    handler: evalGeneric(true, true),
  },
  {
    ...scripting,
    name: 'script',
    arity: -2,
    flags: [],
    summary: 'A container for Lua scripts management commands.',
    syntax: 'SCRIPT subcommand',
    complexity: 'Depends on subcommand.',
    keys: NO_KEYS,
    notes:
      'SCRIPT DEBUG NO answers OK, YES and SYNC that the Lua debugger is not in the playground; KILL answers NOTBUSY (scripts run to completion or budget).',
    subcommands: [
      sub(
        'debug',
        3,
        'SCRIPT DEBUG YES | SYNC | NO',
        'Sets the debug mode of server-side Lua scripts.',
        scriptDebug,
      ),
      sub(
        'exists',
        -3,
        'SCRIPT EXISTS sha1 [sha1 ...]',
        'Determines whether server-side Lua scripts exist in the script cache.',
        scriptExists,
        undefined,
        ['request_policy:all_shards', 'response_policy:agg_logical_and'],
      ),
      sub(
        'flush',
        -2,
        'SCRIPT FLUSH [ASYNC|SYNC]',
        'Removes all server-side Lua scripts from the script cache.',
        scriptFlush,
        undefined,
        ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      ),
      sub(
        'help',
        2,
        'SCRIPT HELP',
        'Returns helpful text about the different subcommands.',
        () => array(SCRIPT_HELP.map(status)),
        ['loading', 'stale'],
      ),
      sub(
        'kill',
        2,
        'SCRIPT KILL',
        'Terminates a server-side Lua script during execution.',
        () => error(ERR_NOTBUSY),
        ['noscript', 'allow_busy'],
        ['request_policy:all_shards', 'response_policy:one_succeeded'],
      ),
      sub(
        'load',
        3,
        'SCRIPT LOAD script',
        'Loads a server-side Lua script to the script cache.',
        scriptLoad,
        ['noscript', 'stale'],
        ['request_policy:all_nodes', 'response_policy:all_succeeded'],
      ),
    ],
  },
];
