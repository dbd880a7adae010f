import type { Reply } from '../reply.ts';
import type { LibraryLoad } from './lua-functions.ts';
import type { Rand48 } from './rand48.ts';

/** What a running script reaches on the server: redis.call / redis.pcall. */
export interface ScriptServer {
  /**
   * Runs a command as the script. `rejected` carries scriptCall's own refusals ("Unknown Redis
   * command called from script", "-OOM …"), which Lua sees as error tables like command errors.
   */
  call(argv: string[]): Reply | { readonly rejected: string };
  /** The server's math.random generator (rand48.ts). */
  readonly random: Rand48;
  /** lookupCommand: whether `argv` names a command (or a container's subcommand). */
  known?(argv: readonly string[]): boolean;
}

/** A Lua interpreter holding compiled scripts (one per server, as Redis keeps one lua_State). */
export interface ScriptVm {
  /** Compiles `body` and keeps it under `sha`; returns Lua's message on a syntax error. */
  compile(sha: string, body: string): string | null;
  /** Runs a compiled script with KEYS and ARGV set; the reply is EVAL's. */
  run(sha: string, keys: readonly string[], args: readonly string[], server: ScriptServer): Reply;
  /** FUNCTION LOAD: runs a library body (after its `#!` line) registering functions under `lib`. */
  loadLibrary(lib: number, body: string): LibraryLoad;
  dropLibrary(lib: number, names: readonly string[]): void;
  /** FCALL: the function `name` of library `lib`, given the keys and the arguments. */
  callFunction(
    lib: number,
    name: string,
    keys: readonly string[],
    args: readonly string[],
    server: ScriptServer,
  ): Reply;
  close(): void;
}

export type ScriptVmFactory = () => ScriptVm;

/**
 * A library or function name FUNCTION LOAD accepts. Here, not in lua-functions.ts, so that the
 * engine's FUNCTION commands can check names without pulling fengari into the worker's first chunk
 * (its modules must load in lua-vm.ts's order, after start-up).
 */
export const validName = (name: string): boolean => /^[A-Za-z0-9_]+$/.test(name);
