import { arg, arityOk, type CommandSpec, type CommandTable, type ScriptRunOptions } from './command.ts';
import { cacheScript } from './commands/scripting.ts';
import { ERR_OOM } from './errors.ts';
import type { Reply } from './reply.ts';
import { ScriptCache } from './scripting/cache.ts';
import { FunctionStore } from './scripting/functions.ts';
import type { ScriptServer, ScriptVmFactory } from './scripting/types.ts';
import { findSubcommand } from './table.ts';

/**
 * The engine's scripts and function libraries: the cache and the store once the Lua interpreter is
 * installed, and what a restored snapshot brought before it was (the worker loads it late).
 */
export class ScriptHost {
  cache: ScriptCache | null = null;
  functions: FunctionStore | null = null;
  /** Scripts of a restored snapshot that wait for the interpreter. */
  private pendingScripts: string[] = [];
  /** Function libraries of a restored snapshot that wait for the interpreter, likewise. */
  private pendingFunctions: string[] = [];

  /** Installs the Lua interpreter (EVAL may have arrived first). */
  install(factory: ScriptVmFactory): void {
    this.cache = new ScriptCache(factory);
    this.functions = new FunctionStore(factory);
    this.loadScripts(this.pendingScripts);
    this.loadFunctions(this.pendingFunctions);
  }

  /** The function libraries' code, in load order (a snapshot saves these). */
  functionCodes(): string[] {
    return [...(this.functions?.codes() ?? []), ...this.pendingFunctions];
  }

  /** The libraries are exactly `codes` (a replayed log record). */
  replaceFunctions(codes: readonly string[]): void {
    this.functions?.flush();
    this.pendingFunctions = [];
    this.loadFunctions(codes);
  }

  /** Loads saved libraries, or keeps them until the interpreter is installed. */
  loadFunctions(codes: readonly string[]): void {
    const store = this.functions;
    if (store === null) {
      this.pendingFunctions = [...this.pendingFunctions, ...codes];
      return;
    }
    this.pendingFunctions = [];
    for (const code of codes) store.load(code, true);
  }

  /** The script cache's bodies, in the order they were loaded (a snapshot saves these). */
  scriptBodies(): string[] {
    const cached = this.cache ? [...this.cache.scripts.values()].map((s) => s.body) : [];
    return [...cached, ...this.pendingScripts];
  }

  /** The cache holds exactly `bodies` (a replayed log record: SCRIPT FLUSH and loads in between). */
  replaceScripts(bodies: readonly string[]): void {
    this.cache?.flush();
    this.pendingScripts = [];
    this.loadScripts(bodies);
  }

  /** Puts saved scripts back in the cache, or keeps them until the interpreter is installed. */
  loadScripts(bodies: readonly string[]): void {
    const cache = this.cache;
    if (cache === null) {
      this.pendingScripts = [...this.pendingScripts, ...bodies];
      return;
    }
    this.pendingScripts = [];
    for (const body of bodies) cacheScript(cache, body);
  }
}

/** What scriptCall needs of the server around a running script. */
export interface ScriptCallDeps {
  readonly table: CommandTable;
  readonly options: ScriptRunOptions;
  /** The server was over maxmemory when the script started. */
  readonly oomAtStart: boolean;
  /** Runs a command that passed the checks, as the script's client. */
  run(spec: CommandSpec, fullName: string, argv: string[]): Reply;
}

/**
 * redis.call's checks before the command runs (script.c scriptCall): a known command with a valid
 * arity, allowed in scripts, no write from a read-only script, no denyoom command once the server
 * is over maxmemory unless the script already wrote.
 */
export function scriptCall(deps: ScriptCallDeps): ScriptServer['call'] {
  const { table, options, oomAtStart } = deps;
  let dirty = false;
  return (argv) => {
    const base = table.get(arg(argv, 0));
    let spec = base;
    let fullName = base?.name ?? '';
    if (base?.subcommands && argv.length >= 2) {
      spec = findSubcommand(base, arg(argv, 1));
      fullName = `${base.name}|${spec?.name}`;
    }
    if (base === undefined || spec === undefined) {
      return { rejected: 'Unknown Redis command called from script' };
    }
    if (!arityOk(spec.arity, argv.length) || (spec.handler === undefined && base.subcommands)) {
      return { rejected: 'Wrong number of args calling Redis command from script' };
    }
    if (spec.flags.includes('noscript') || base.flags.includes('noscript')) {
      return { rejected: 'This Redis command is not allowed from script' };
    }
    const writes = spec.flags.includes('write');
    if (writes && options.readOnly) {
      return { rejected: 'Write commands are not allowed from read-only scripts.' };
    }
    if (oomAtStart && !options.allowOom && !dirty && spec.flags.includes('denyoom')) {
      return { rejected: `-${ERR_OOM}` };
    }
    if (writes) dirty = true;
    return deps.run(spec, fullName, argv);
  };
}

/** redis.acl_check_cmd's lookupCommand: whether `argv` names a command (or a container's subcommand). */
export function knownCommand(table: CommandTable, argv: readonly string[]): boolean {
  const base = table.get(arg(argv, 0));
  return argv.length === 1 || !base?.subcommands
    ? base !== undefined
    : findSubcommand(base, arg(argv, 1)) !== undefined;
}
