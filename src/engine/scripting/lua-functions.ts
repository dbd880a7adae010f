import './fengari-conf.ts';
import './fengari-load.ts';
import { luaL_loadbuffer, luaL_tolstring, luaL_where } from 'fengari/src/lauxlib.js';
import {
  LUA_MASKCOUNT,
  LUA_OK,
  LUA_REGISTRYINDEX,
  LUA_TFUNCTION,
  LUA_TNIL,
  LUA_TNUMBER,
  LUA_TSTRING,
  LUA_TTABLE,
  type LuaFunction,
  type LuaState,
  lua_error,
  lua_getfield,
  lua_getglobal,
  lua_gettop,
  lua_insert,
  lua_istable,
  lua_newtable,
  lua_next,
  lua_pcall,
  lua_pop,
  lua_pushjsfunction,
  lua_pushnil,
  lua_pushnumber,
  lua_pushstring,
  lua_pushvalue,
  lua_rawget,
  lua_rawgeti,
  lua_rawset,
  lua_rawseti,
  lua_setfield,
  lua_sethook,
  lua_setmetatable,
  lua_settop,
  lua_setupvalue,
  lua_tolstring,
  lua_type,
} from 'fengari/src/lua.js';
import { dec, enc, envNewIndex, lua51Wording, pushErrorTable } from './lua-lib.ts';
import { floatLiterals } from './lua-source.ts';
import { validName } from './types.ts';

/**
 * Redis 7.0 functions on the Lua engine (function_lua.c): a library body runs once at FUNCTION
 * LOAD with only the library API (`redis.register_function`, `redis.log`, the version), then its
 * registered callbacks run at FCALL with the whole `redis` library. Every library shares one
 * read-only global table whose lookups go to the library API while loading and to the real
 * globals after.
 */

/** scripts_flags_def, in Redis's order (FUNCTION LIST prints them so). */
export const FUNCTION_FLAGS = [
  'no-writes',
  'allow-oom',
  'allow-stale',
  'no-cluster',
  'allow-cross-slot-keys',
];

export interface RegisteredFunction {
  readonly name: string;
  readonly description: string | null;
  readonly flags: readonly string[];
}

export type LibraryLoad = { readonly functions: RegisteredFunction[] } | { readonly error: string };

/** Where a library's function lives in the Lua registry. */
export const functionKey = (lib: number, name: string): string => `fn_${lib}_${name}`;

/** A Lua array of strings on the stack. */
export function pushArray(L: LuaState, items: readonly string[]): void {
  lua_newtable(L);
  items.forEach((item, i) => {
    lua_pushstring(L, enc(item));
    lua_rawseti(L, -2, i + 1);
  });
}

/** Instructions a library body may run at load (Redis stops it after 500 ms). */
const LOAD_BUDGET = 20_000_000;
const HOOK_EVERY = 10_000;

/** functionsVerifyName: letters, digits and underscores, at least one. */

function raise(L: LuaState, msg: string): number {
  pushErrorTable(L, msg, false);
  return lua_error(L);
}

/** luaGetStringSds: a string or a number (lua_isstring), else null; the stack is left as it was. */
function stringAt(L: LuaState, index: number): string | null {
  const t = lua_type(L, index);
  if (t === LUA_TSTRING) return dec(lua_tolstring(L, index));
  if (t !== LUA_TNUMBER) return null;
  const s = dec(luaL_tolstring(L, index));
  lua_pop(L, 1);
  return s;
}

/** Lua's "nonexistent global" error for a missing name, raised where the script reads it. */
function missing(L: LuaState, key: number): number {
  const name = dec(luaL_tolstring(L, key));
  lua_pop(L, 1);
  return raiseWhere(L, `Script attempted to access nonexistent global variable '${name}'`);
}

/** lua_error with the caller's position in front, as luaL_error gives it. */
function raiseWhere(L: LuaState, msg: string): number {
  luaL_where(L, 1);
  const where = dec(lua_tolstring(L, -1));
  lua_pushstring(L, enc(where + msg));
  return lua_error(L);
}

/** redis.* that only EVAL scripts have. */
const EVAL_ONLY = ['breakpoint', 'debug', 'replicate_commands'];

export class LibraryLoader {
  private loading: { lib: number; functions: RegisteredFunction[] } | null = null;
  private executed = 0;

  constructor(private readonly L: LuaState) {
    this.setup();
  }

  /** The library API (`redis` with register_function), the shared globals and their switch. */
  private setup(): void {
    const L = this.L;
    lua_newtable(L);
    lua_pushjsfunction(L, this.registerFunction);
    lua_setfield(L, -2, enc('register_function'));
    lua_pushjsfunction(L, () => 0);
    lua_setfield(L, -2, enc('log'));
    for (const [i, level] of ['LOG_DEBUG', 'LOG_VERBOSE', 'LOG_NOTICE', 'LOG_WARNING'].entries()) {
      lua_pushnumber(L, i);
      lua_setfield(L, -2, enc(level));
    }
    lua_pushstring(L, enc('7.0.15'));
    lua_setfield(L, -2, enc('REDIS_VERSION'));
    lua_pushnumber(L, 458767);
    lua_setfield(L, -2, enc('REDIS_VERSION_NUM'));
    this.protect();
    lua_newtable(L);
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, enc('redis'));
    lua_setfield(L, LUA_REGISTRYINDEX, enc('function_library_api'));
    lua_pop(L, 1);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushjsfunction(L, this.globalIndex);
    lua_setfield(L, -2, enc('__index'));
    lua_pushjsfunction(L, envNewIndex);
    lua_setfield(L, -2, enc('__newindex'));
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, enc('function_globals'));
    // At FCALL `redis` is the whole library less EVAL's debugger hooks (eval.c adds those).
    lua_newtable(L);
    lua_getglobal(L, enc('redis'));
    lua_pushnil(L);
    while (lua_next(L, -2) !== 0) {
      const key = dec(lua_tolstring(L, -2));
      if (EVAL_ONLY.includes(key)) lua_pop(L, 1);
      else {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -5);
      }
    }
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushjsfunction(L, envNewIndex);
    lua_setfield(L, -2, enc('__newindex'));
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, enc('function_redis'));
  }

  /** luaSetErrorMetatable plus read-only protection on the table at the top of the stack. */
  private protect(): void {
    const L = this.L;
    lua_newtable(L);
    lua_pushjsfunction(L, (l) => missing(l, 2));
    lua_setfield(L, -2, enc('__index'));
    lua_pushjsfunction(L, envNewIndex);
    lua_setfield(L, -2, enc('__newindex'));
    lua_setmetatable(L, -2);
  }

  /** Global lookups: the library API while a library loads, the real globals when functions run. */
  private readonly globalIndex: LuaFunction = (L) => {
    if (this.loading) lua_getfield(L, LUA_REGISTRYINDEX, enc('function_library_api'));
    else if (lua_type(L, 2) === LUA_TSTRING && dec(lua_tolstring(L, 2)) === 'redis') {
      lua_getfield(L, LUA_REGISTRYINDEX, enc('function_redis'));
      return 1;
    } else lua_rawgeti(L, LUA_REGISTRYINDEX, 2);
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    if (lua_type(L, -1) !== LUA_TNIL) return 1;
    lua_pop(L, 2);
    return missing(L, 2);
  };

  load(lib: number, body: string): LibraryLoad {
    const L = this.L;
    lua_settop(L, 0);
    const src = enc(floatLiterals(body));
    if (luaL_loadbuffer(L, src, src.length, enc('@user_function')) !== LUA_OK) {
      const msg = dec(lua_tolstring(L, -1)).replace(/ near <eof>$/, " near '<eof>'");
      lua_settop(L, 0);
      return { error: `Error compiling function: ${msg}` };
    }
    lua_getfield(L, LUA_REGISTRYINDEX, enc('function_globals'));
    lua_setupvalue(L, -2, 1);
    this.loading = { lib, functions: [] };
    this.executed = 0;
    lua_sethook(L, this.loadHook, LUA_MASKCOUNT, HOOK_EVERY);
    try {
      if (lua_pcall(L, 0, 0, 0) !== LUA_OK) {
        const msg = this.errorText();
        this.drop(
          lib,
          this.loading.functions.map((f) => f.name),
        );
        return { error: `Error registering functions: ${msg}` };
      }
      return { functions: this.loading.functions };
    } finally {
      lua_sethook(L, null, 0, 0);
      this.loading = null;
      lua_settop(L, 0);
    }
  }

  /** luaExtractErrorInformation's message: an error table's `err`, or "ERR" and the string. */
  private errorText(): string {
    const L = this.L;
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, enc('err'));
      return lua_type(L, -1) === LUA_TSTRING ? dec(lua_tolstring(L, -1)) : '';
    }
    return `ERR ${lua51Wording(dec(luaL_tolstring(L, -1)))}`;
  }

  drop(lib: number, names: readonly string[]): void {
    const L = this.L;
    for (const name of names) {
      lua_pushnil(L);
      lua_setfield(L, LUA_REGISTRYINDEX, enc(functionKey(lib, name)));
    }
  }

  private readonly loadHook = (L: LuaState): void => {
    this.executed += HOOK_EVERY;
    if (this.executed <= LOAD_BUDGET) return;
    lua_sethook(L, this.loadHook, LUA_MASKCOUNT, 1);
    pushErrorTable(L, 'FUNCTION LOAD timeout', false);
    lua_error(L);
  };

  /** redis.register_function(name, callback) or redis.register_function{…} (luaRegisterFunction). */
  private readonly registerFunction: LuaFunction = (L) => {
    const loading = this.loading;
    if (loading === null)
      return raise(L, 'redis.register_function can only be called on FUNCTION LOAD command');
    const argc = lua_gettop(L);
    if (argc < 1 || argc > 2) return raise(L, 'wrong number of arguments to redis.register_function');
    const parsed = argc === 1 ? this.namedArgs(L) : this.positionalArgs(L);
    if (typeof parsed === 'string') return raise(L, parsed);
    if (!validName(parsed.name)) {
      return raise(
        L,
        'Library names can only contain letters, numbers, or underscores(_) and must be at least one character long',
      );
    }
    if (loading.functions.some((f) => f.name === parsed.name)) {
      return raise(L, 'Function already exists in the library');
    }
    // The callback is at the top of the stack (pushed by the argument readers).
    lua_setfield(L, LUA_REGISTRYINDEX, enc(functionKey(loading.lib, parsed.name)));
    loading.functions.push({ name: parsed.name, description: parsed.description, flags: parsed.flags });
    return 0;
  };

  private positionalArgs(L: LuaState): RegisteredFunction | string {
    const name = stringAt(L, 1);
    if (name === null) return 'first argument to redis.register_function must be a string';
    if (lua_type(L, 2) !== LUA_TFUNCTION)
      return 'second argument to redis.register_function must be a function';
    lua_pushvalue(L, 2);
    return { name, description: null, flags: [] };
  }

  private namedArgs(L: LuaState): RegisteredFunction | string {
    if (!lua_istable(L, 1)) {
      return 'calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).';
    }
    let name: string | null = null;
    let description: string | null = null;
    let flags: string[] = [];
    let callback = false;
    lua_pushnil(L);
    while (lua_next(L, 1) !== 0) {
      if (lua_type(L, -2) !== LUA_TSTRING && lua_type(L, -2) !== LUA_TNUMBER) {
        return 'named argument key given to redis.register_function is not a string';
      }
      const key = (stringAt(L, -2) ?? '').toLowerCase();
      if (key === 'function_name') {
        name = stringAt(L, -1);
        if (name === null) return 'function_name argument given to redis.register_function must be a string';
      } else if (key === 'description') {
        description = stringAt(L, -1);
        if (description === null)
          return 'description argument given to redis.register_function must be a string';
      } else if (key === 'callback') {
        if (lua_type(L, -1) !== LUA_TFUNCTION)
          return 'callback argument given to redis.register_function must be a function';
        lua_setfield(L, LUA_REGISTRYINDEX, enc('function_pending_callback'));
        callback = true;
        continue;
      } else if (key === 'flags') {
        if (lua_type(L, -1) !== LUA_TTABLE) {
          return 'flags argument to redis.register_function must be a table representing function flags';
        }
        const read = this.readFlags(L);
        if (read === null) return 'unknown flag given';
        flags = read;
      } else {
        return 'unknown argument given to redis.register_function';
      }
      lua_pop(L, 1);
    }
    if (name === null) return 'redis.register_function must get a function name argument';
    if (!callback) return 'redis.register_function must get a callback argument';
    lua_getfield(L, LUA_REGISTRYINDEX, enc('function_pending_callback'));
    return { name, description, flags };
  }

  /** luaRegisterFunctionReadFlags: the flags table at the top of the stack, in Redis's order. */
  private readFlags(L: LuaState): string[] | null {
    const found = new Set<string>();
    for (let j = 1; ; j++) {
      lua_rawgeti(L, -1, j);
      const t = lua_type(L, -1);
      if (t === LUA_TNIL) {
        lua_pop(L, 1);
        break;
      }
      const flag = t === LUA_TSTRING || t === LUA_TNUMBER ? dec(luaL_tolstring(L, -1)).toLowerCase() : null;
      lua_pop(L, t === LUA_TSTRING || t === LUA_TNUMBER ? 2 : 1);
      if (flag === null || !FUNCTION_FLAGS.includes(flag)) return null;
      found.add(flag);
    }
    return FUNCTION_FLAGS.filter((f) => found.has(f));
  }
}
