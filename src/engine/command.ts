import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db, DbIndex, Keyspace } from './keyspace.ts';
import type { Reply } from './reply.ts';
import type { ScriptCache } from './scripting/cache.ts';
import type { ScriptServer } from './scripting/types.ts';

/** Per-connection state: the selected database and a MULTI queue. */
export class ClientState {
  db: DbIndex = 0;
  /** Commands queued since MULTI, or null outside a transaction. */
  multi: { spec: CommandSpec; fullName: string; argv: readonly string[] }[] | null = null;
  /** A queued command was rejected, so EXEC will abort (CLIENT_DIRTY_EXEC). */
  multiDirty = false;
}

/** What a command handler can reach. One context per executed command. */
export interface CommandContext {
  readonly ks: Keyspace;
  readonly db: Db;
  readonly client: ClientState;
  readonly config: Config;
  readonly clock: Clock;
  readonly random: () => number;
  /** The registered (lower-case) name, `container|sub` for subcommands: used in error texts. */
  readonly fullName: string;
  /** Services that live above the keyspace (server info, command table, transactions). */
  readonly server: ServerServices;
}

export interface ServerServices {
  readonly table: CommandTable;
  info(sections: readonly string[]): string;
  setActiveExpire(enabled: boolean): void;
  exec(client: ClientState): Reply;
  /** Memory the next write may add is checked against maxmemory (OOM guard for huge APPEND/SETRANGE). */
  wouldExceedMemory(extraBytes: number): boolean;
  /** The script cache and interpreter, or null until one is installed (the worker loads Lua lazily). */
  readonly scripts: ScriptCache | null;
  /** Runs a script for `client`: `run` gets redis.call's way into the server (scriptCall checks). */
  runScript(client: ClientState, options: ScriptRunOptions, run: (server: ScriptServer) => Reply): Reply;
}

export interface ScriptRunOptions {
  /** EVAL_RO, or a `#!lua flags=no-writes` script. */
  readonly readOnly: boolean;
  /** A `#!lua flags=allow-oom` script. */
  readonly allowOom: boolean;
}

export type Handler = (ctx: CommandContext, argv: readonly string[]) => Reply;

export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'fast'
  | 'admin'
  | 'noscript'
  | 'loading'
  | 'stale'
  | 'allow_busy'
  | 'no_multi'
  | 'random'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'no_mandatory_keys'
  | 'movablekeys';

export type CommandGroup =
  | 'string'
  | 'generic'
  | 'list'
  | 'hash'
  | 'set'
  | 'sorted-set'
  | 'server'
  | 'connection'
  | 'transactions'
  | 'scripting';

export interface CommandSpec {
  /** Lower-case, as Redis registers it (arity errors use it whatever the user typed). */
  readonly name: string;
  /** Redis arity: the exact argc including the name, or -N for "at least N". */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  readonly group: CommandGroup;
  readonly summary: string;
  /** Usage line as HELP and the autocomplete hint show it, e.g. `PSETEX key milliseconds value`. */
  readonly syntax: string;
  readonly since: string;
  readonly complexity: string;
  /** First key index, last key index (-1 = last arg), step; all 0 for keyless commands. */
  readonly keys: readonly [number, number, number];
  readonly handler?: Handler;
  readonly subcommands?: readonly CommandSpec[];
  /** Where the playground differs from Redis 7.0 (shown in the README's compatibility table). */
  readonly notes?: string;
}

export interface CommandTable {
  /** Looks up a command by name, case-insensitively. */
  get(name: string): CommandSpec | undefined;
  all(): readonly CommandSpec[];
}

/**
 * Argument `i` of a command, where its arity (checked before the handler runs) or the handler's own
 * length check guarantees one. Reading past argc is a bug in the handler: it throws, which the
 * engine turns into an error reply, rather than letting `undefined` travel on as a string.
 */
export function arg(argv: readonly string[], i: number): string {
  const a = argv[i];
  if (a === undefined) throw new Error(`argument ${i} read beyond argc ${argv.length}`);
  return a;
}

export function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}
