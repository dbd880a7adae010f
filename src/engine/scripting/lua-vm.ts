import './fengari-conf.ts';
import './fengari-load.ts';
import {
  luaL_loadbuffer,
  luaL_newstate,
  luaL_ref,
  luaL_requiref,
  luaL_tolstring,
} from 'fengari/src/lauxlib.js';
import { luaopen_base } from 'fengari/src/lbaselib.js';
import { luaopen_math } from 'fengari/src/lmathlib.js';
import { luaopen_string } from 'fengari/src/lstrlib.js';
import { luaopen_table } from 'fengari/src/ltablib.js';
import {
  LUA_ERRMEM,
  LUA_MASKCOUNT,
  LUA_OK,
  LUA_REGISTRYINDEX,
  LUA_TNUMBER,
  LUA_TSTRING,
  type LuaFunction,
  type LuaState,
  lua_atnativeerror,
  lua_error,
  lua_getfield,
  lua_getglobal,
  lua_gettop,
  lua_istable,
  lua_newtable,
  lua_pcall,
  lua_pop,
  lua_pushboolean,
  lua_pushglobaltable,
  lua_pushjsfunction,
  lua_pushstring,
  lua_rawset,
  lua_setfield,
  lua_setglobal,
  lua_sethook,
  lua_setmetatable,
  lua_settop,
  lua_setupvalue,
  lua_tolstring,
  lua_tonumber,
  lua_touserdata,
  lua_type,
} from 'fengari/src/lua.js';
import { error, type Reply } from '../reply.ts';
import {
  KILLED_MESSAGE,
  OUT_OF_MEMORY_MESSAGE,
  SCRIPT_INSTRUCTION_BUDGET,
  SCRIPT_STRING_LIMIT,
  SCRIPT_TABLE_ENTRY_BUDGET,
} from './limits.ts';
import { functionKey, type LibraryLoad, LibraryLoader, pushArray } from './lua-functions.ts';
import {
  dec,
  enc,
  envIndex,
  envNewIndex,
  errorHandler,
  formatDouble,
  mapNewlines,
  pushErrorTable,
  pushReply,
  redisErrorReply,
  redisSha1hex,
  redisStatusReply,
  redisStylePcall,
} from './lua-lib.ts';
import { stringRep, withMemoryBudget } from './lua-memory.ts';
import { LUA_PRELUDE } from './lua-prelude.ts';
import { installRandom } from './lua-random.ts';
import { luaToReply } from './lua-reply.ts';
import { floatLiterals } from './lua-source.ts';
import type { ScriptServer, ScriptVm } from './types.ts';

/**
 * Redis 7.0's EVAL interpreter (script_lua.c, eval.c) on fengari: the `redis` library, its error
 * tables and the `script: <sha>, on @user_script:<line>.` suffix, the reply conversions both ways,
 * globals that cannot be read when missing nor written, and an instruction budget that stops a
 * runaway script the way SCRIPT KILL would (a browser tab has no other client to send it).
 */

export { SCRIPT_INSTRUCTION_BUDGET };

export interface LuaVmOptions {
  /** Instructions before a script is killed (tests use a small one). */
  readonly instructionBudget?: number;
  /** Table entries a script may add (tests use a small one). */
  readonly tableEntryBudget?: number;
  /** The longest string a script may make, in bytes (tests use a small one). */
  readonly stringLimit?: number;
}
const HOOK_EVERY = 10_000;
/**
 * luaCallFunction's reply for an error that is not a table: Lua's memory error (the error handler
 * does not run for it), or a string raised without the handler's table.
 */
function runError(name: string, msg: string): Reply {
  return error(mapNewlines(`ERR Error running script f_${name}, ${msg.slice(0, 100)} `));
}

/** Gives the table on top of the stack a metatable whose __index is `index` and that refuses writes. */
function protect(L: LuaState, index: LuaFunction): void {
  lua_newtable(L);
  lua_pushjsfunction(L, index);
  lua_setfield(L, -2, enc('__index'));
  lua_pushjsfunction(L, envNewIndex);
  lua_setfield(L, -2, enc('__newindex'));
  lua_setmetatable(L, -2);
}

export class LuaVm implements ScriptVm {
  private readonly L: LuaState = luaL_newstate();
  private server: ScriptServer | null = null;
  private executed = 0;
  private readonly budget: number;
  private readonly tableBudget: number;
  private readonly stringLimit: number;
  /** A JavaScript error the interpreter raised (an allocation the tab could not make), if any. */
  private nativeError: unknown = null;
  private libraries: LibraryLoader | null = null;
  /** The registry slot of the string "ok", the key of every status reply's table. */
  private okKey = 0;

  constructor(options: LuaVmOptions = {}) {
    this.budget = options.instructionBudget ?? SCRIPT_INSTRUCTION_BUDGET;
    this.tableBudget = options.tableEntryBudget ?? SCRIPT_TABLE_ENTRY_BUDGET;
    this.stringLimit = options.stringLimit ?? SCRIPT_STRING_LIMIT;
    const L = this.L;
    // An allocation JavaScript refuses (a string or table past its limits) ends the script as a Lua
    // memory error would, instead of leaving fengari's stack in an unknown state.
    lua_atnativeerror(L, (l) => {
      this.nativeError = lua_touserdata(l, 1);
      lua_pushstring(l, enc(OUT_OF_MEMORY_MESSAGE));
      return 1;
    });
    for (const [name, open] of [
      ['_G', luaopen_base],
      ['table', luaopen_table],
      ['string', luaopen_string],
      ['math', luaopen_math],
    ] as const) {
      luaL_requiref(L, enc(name), open, 1);
      lua_pop(L, 1);
    }
    lua_getglobal(L, enc('string'));
    lua_pushjsfunction(L, stringRep);
    lua_setfield(L, -2, enc('rep'));
    lua_pop(L, 1);
    this.openRedisLib();
    installRandom(L, () => this.server?.random ?? null);
    if (luaL_loadbuffer(L, enc(LUA_PRELUDE), LUA_PRELUDE.length, enc('=prelude')) !== LUA_OK) {
      throw new Error(`Lua prelude: ${dec(lua_tolstring(L, -1))}`);
    }
    lua_pcall(L, 0, 0, 0);
    // Scripts see the globals through an empty proxy: reading a missing name and writing any name
    // are errors, as with Redis 7.0's read-only global table. The proxy reads through to the
    // globals as a table (no function call for `redis` in a loop); the globals' own metatable
    // raises for a missing name, read directly (`_G.x`) or through the proxy, as Redis's does.
    lua_pushglobaltable(L);
    protect(L, envIndex);
    lua_pop(L, 1);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushglobaltable(L);
    lua_setfield(L, -2, enc('__index'));
    lua_pushjsfunction(L, envNewIndex);
    lua_setfield(L, -2, enc('__newindex'));
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, enc('script_env'));
    lua_pushstring(L, enc('ok'));
    this.okKey = luaL_ref(L, LUA_REGISTRYINDEX);
  }

  compile(sha: string, body: string): string | null {
    const L = this.L;
    const src = enc(floatLiterals(body));
    if (luaL_loadbuffer(L, src, src.length, enc('@user_script')) !== LUA_OK) {
      // Both stop at 200 nested levels; Lua 5.1 (Redis's) words it its own way.
      const msg = dec(lua_tolstring(L, -1)).replace(
        /too many JS levels \(limit is \d+\) in .*$/,
        'chunk has too many syntax levels',
      );
      lua_settop(L, 0);
      return msg;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, enc('script_env'));
    lua_setupvalue(L, -2, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, enc(`f_${sha}`));
    return null;
  }

  run(sha: string, keys: readonly string[], args: readonly string[], server: ScriptServer): Reply {
    return this.invoke(`f_${sha}`, sha, server, () => {
      this.setArray('KEYS', keys);
      this.setArray('ARGV', args);
      return 0;
    });
  }

  /** FUNCTION LOAD's engine create: runs the library body, which registers its functions. */
  loadLibrary(lib: number, body: string): LibraryLoad {
    this.libraries ??= new LibraryLoader(this.L);
    return this.libraries.load(lib, body);
  }

  /** Forgets a library's functions (FUNCTION DELETE, a replaced or failed library). */
  dropLibrary(lib: number, names: readonly string[]): void {
    this.libraries?.drop(lib, names);
  }

  /** FCALL: the function gets the keys and the arguments as two tables (no KEYS/ARGV globals). */
  callFunction(
    lib: number,
    name: string,
    keys: readonly string[],
    args: readonly string[],
    server: ScriptServer,
  ): Reply {
    return this.invoke(functionKey(lib, name), name, server, () => {
      pushArray(this.L, keys);
      pushArray(this.L, args);
      return 2;
    });
  }

  /**
   * luaCallFunction: the registry function under `key`, its arguments pushed by `push`, on the
   * instruction and memory budgets; `name` (the SHA, or the function's name) goes in its errors.
   */
  private invoke(key: string, name: string, server: ScriptServer, push: () => number): Reply {
    const L = this.L;
    lua_settop(L, 0);
    lua_pushjsfunction(L, errorHandler);
    lua_getfield(L, LUA_REGISTRYINDEX, enc(key));
    const nargs = push();
    this.server = server;
    this.executed = 0;
    this.nativeError = null;
    lua_sethook(L, this.countHook, LUA_MASKCOUNT, HOOK_EVERY);
    let reply: Reply;
    try {
      const rc = withMemoryBudget(L, this.tableBudget, this.stringLimit, () => lua_pcall(L, nargs, 1, 1));
      if (rc === LUA_ERRMEM || this.nativeError !== null) reply = runError(name, OUT_OF_MEMORY_MESSAGE);
      else reply = rc === LUA_OK ? luaToReply(this.L) : this.failure(name);
    } finally {
      lua_sethook(L, null, 0, 0);
      this.server = null;
      lua_settop(L, 0);
    }
    return reply;
  }

  close(): void {
    lua_settop(this.L, 0);
  }

  private readonly countHook = (L: LuaState): void => {
    this.executed += HOOK_EVERY;
    if (this.executed <= this.budget) return;
    // Every instruction from now on raises, so a pcall in the script cannot swallow the kill.
    lua_sethook(L, this.countHook, LUA_MASKCOUNT, 1);
    pushErrorTable(L, KILLED_MESSAGE, false);
    lua_error(L);
  };

  /** Sets a global past the globals' write protection (KEYS and ARGV before each run). */
  private setArray(name: string, items: readonly string[]): void {
    const L = this.L;
    lua_pushglobaltable(L);
    lua_pushstring(L, enc(name));
    pushArray(L, items);
    lua_rawset(L, -3);
    lua_pop(L, 1);
  }

  /** luaCallFunction's error path: the message plus where the script was when it failed. */
  private failure(name: string): Reply {
    const L = this.L;
    if (!lua_istable(L, -1)) {
      return runError(
        name,
        lua_type(L, -1) === LUA_TSTRING ? dec(lua_tolstring(L, -1)) : 'execution failure',
      );
    }
    const field = (f: string): string | null => {
      lua_getfield(L, -1, enc(f));
      const t = lua_type(L, -1);
      const v = t === LUA_TSTRING || t === LUA_TNUMBER ? dec(luaL_tolstring(L, -1)) : null;
      lua_settop(L, lua_gettop(L) - (v === null ? 1 : 2));
      return v;
    };
    const msg = field('err') ?? '';
    const source = field('source');
    const line = field('line');
    const where = source !== null && line !== null ? ` script: ${name}, on ${source}:${line}.` : '';
    return error(mapNewlines(msg + where));
  }

  private openRedisLib(): void {
    const L = this.L;
    lua_newtable(L);
    const fn = (name: string, f: LuaFunction) => {
      lua_pushjsfunction(L, f);
      lua_setfield(L, -2, enc(name));
    };
    fn('call', (l) => this.redisCall(l, true));
    fn('pcall', (l) => this.redisCall(l, false));
    fn('acl_check_cmd', (l) => this.aclCheckCmd(l));
    fn('sha1hex', redisSha1hex);
    fn('error_reply', redisErrorReply);
    fn('status_reply', redisStatusReply);
    lua_setglobal(L, enc('redis'));
    lua_pushjsfunction(L, redisStylePcall);
    lua_setglobal(L, enc('pcall'));
  }

  /** luaArgsToRedisArgv: the call's arguments, or the error message Redis raises instead. */
  private argv(L: LuaState): string[] | string {
    const argc = lua_gettop(L);
    if (argc === 0) return 'Please specify at least one argument for this redis lib call';
    const argv: string[] = [];
    for (let j = 1; j <= argc; j++) {
      const t = lua_type(L, j);
      if (t === LUA_TNUMBER) argv.push(formatDouble(lua_tonumber(L, j)));
      else if (t === LUA_TSTRING) argv.push(dec(lua_tolstring(L, j)));
      else break;
    }
    lua_settop(L, 0);
    return argv.length === argc ? argv : 'Lua redis lib command arguments must be strings or integers';
  }

  /** luaRedisGenericCommand: redis.call raises command errors, redis.pcall returns them. */
  private redisCall(L: LuaState, raise: boolean): number {
    const argv = this.argv(L);
    const server = this.server;
    if (typeof argv === 'string' || server === null) {
      const msg =
        typeof argv === 'string' ? argv : 'redis.call/pcall can only be called inside a script invocation';
      pushErrorTable(L, msg, false);
      return raise ? lua_error(L) : 1;
    }
    const reply = server.call(argv);
    if ('rejected' in reply) {
      pushErrorTable(L, reply.rejected, true);
      return raise ? lua_error(L) : 1;
    }
    pushReply(L, reply, this.okKey);
    return raise && reply.t === 'error' ? lua_error(L) : 1;
  }

  /** redis.acl_check_cmd: whether the user may run the command; the default user may run all. */
  private aclCheckCmd(L: LuaState): number {
    const argv = this.argv(L);
    const known = typeof argv !== 'string' && this.server?.known?.(argv) === true;
    if (known) {
      lua_pushboolean(L, true);
      return 1;
    }
    pushErrorTable(
      L,
      typeof argv === 'string' ? argv : 'Invalid command passed to redis.acl_check_cmd()',
      false,
    );
    return lua_error(L);
  }
}
