/**
 * The parts of fengari (Lua 5.3 in JavaScript, MIT) the script VM uses. fengari ships no types; a
 * Lua string is a Uint8Array of its bytes.
 */
declare module 'fengari/src/lua.js' {
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaFunction = (L: LuaState) => number;
  export type LuaHook = (L: LuaState, ar: LuaDebug) => void;
  export class lua_Debug {
    currentline: number;
    source: Uint8Array | null;
    what: Uint8Array | null;
  }
  export type LuaDebug = lua_Debug;
  export const LUA_OK: number;
  export const LUA_ERRMEM: number;
  export function lua_atnativeerror(L: LuaState, f: LuaFunction | null): LuaFunction | null;
  export function lua_checkstack(L: LuaState, n: number): boolean;
  export function lua_touserdata(L: LuaState, index: number): unknown;
  export const LUA_MULTRET: number;
  export const LUA_MASKCOUNT: number;
  export const LUA_REGISTRYINDEX: number;
  export const LUA_TNIL: number;
  export const LUA_TBOOLEAN: number;
  export const LUA_TNUMBER: number;
  export const LUA_TSTRING: number;
  export const LUA_TTABLE: number;
  export const LUA_TFUNCTION: number;
  export function lua_close(L: LuaState): void;
  export function lua_error(L: LuaState): number;
  export function lua_getfield(L: LuaState, index: number, k: Uint8Array): number;
  export function lua_getglobal(L: LuaState, name: Uint8Array): number;
  export function lua_getinfo(L: LuaState, what: Uint8Array, ar: LuaDebug): number;
  export function lua_getstack(L: LuaState, level: number, ar: LuaDebug): number;
  export function lua_gettop(L: LuaState): number;
  export function lua_insert(L: LuaState, index: number): void;
  export function lua_pushlstring(L: LuaState, s: Uint8Array, len: number): Uint8Array;
  export function lua_istable(L: LuaState, index: number): boolean;
  export function lua_newtable(L: LuaState): void;
  export function lua_next(L: LuaState, index: number): number;
  export function lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
  export function lua_pop(L: LuaState, n: number): void;
  export function lua_pushboolean(L: LuaState, b: boolean): void;
  export function lua_pushjsfunction(L: LuaState, f: LuaFunction): void;
  export function lua_pushglobaltable(L: LuaState): void;
  export function lua_pushnil(L: LuaState): void;
  export function lua_pushnumber(L: LuaState, n: number): void;
  export function lua_pushstring(L: LuaState, s: Uint8Array): Uint8Array;
  export function lua_pushvalue(L: LuaState, index: number): void;
  export function lua_rawget(L: LuaState, index: number): number;
  export function lua_rawgeti(L: LuaState, index: number, n: number): number;
  export function lua_rawseti(L: LuaState, index: number, n: number): void;
  export function lua_rawset(L: LuaState, index: number): void;
  export function lua_replace(L: LuaState, index: number): void;
  export function lua_remove(L: LuaState, index: number): void;
  export function lua_setfield(L: LuaState, index: number, k: Uint8Array): void;
  export function lua_setmetatable(L: LuaState, index: number): number;
  export function lua_setglobal(L: LuaState, name: Uint8Array): void;
  export function lua_sethook(L: LuaState, f: LuaHook | null, mask: number, count: number): void;
  export function lua_settop(L: LuaState, index: number): void;
  export function lua_setupvalue(L: LuaState, funcindex: number, n: number): Uint8Array | null;
  export function lua_toboolean(L: LuaState, index: number): boolean;
  export function lua_tolstring(L: LuaState, index: number): Uint8Array | null;
  export function lua_tonumber(L: LuaState, index: number): number;
  export function lua_type(L: LuaState, index: number): number;
}

declare module 'fengari/src/lauxlib.js' {
  import type { LuaFunction, LuaState } from 'fengari/src/lua.js';
  export function luaL_newstate(): LuaState;
  export function luaL_loadbuffer(L: LuaState, buff: Uint8Array, size: number, name: Uint8Array): number;
  export function luaL_requiref(L: LuaState, modname: Uint8Array, openf: LuaFunction, glb: number): void;
  export function luaL_tolstring(L: LuaState, index: number): Uint8Array;
  export function luaL_where(L: LuaState, level: number): void;
  export function luaL_checklstring(L: LuaState, arg: number): Uint8Array;
  export function luaL_checkinteger(L: LuaState, arg: number): number;
  export function luaL_checknumber(L: LuaState, arg: number): number;
  export function luaL_argcheck(L: LuaState, cond: boolean, arg: number, extramsg: Uint8Array): void;
  export function luaL_optlstring(L: LuaState, arg: number, def: Uint8Array): Uint8Array;
  export function luaL_error(L: LuaState, message: Uint8Array): number;
  export function luaL_ref(L: LuaState, t: number): number;
}

declare module 'fengari/src/lbaselib.js' {
  export const luaopen_base: import('fengari/src/lua.js').LuaFunction;
}
declare module 'fengari/src/ltablib.js' {
  export const luaopen_table: import('fengari/src/lua.js').LuaFunction;
}
declare module 'fengari/src/lstrlib.js' {
  export const luaopen_string: import('fengari/src/lua.js').LuaFunction;
}
declare module 'fengari/src/lmathlib.js' {
  export const luaopen_math: import('fengari/src/lua.js').LuaFunction;
}

/** Internals the script VM wraps (lua-memory.ts): CommonJS module objects. */
declare module 'fengari/src/ltable.js' {
  const ltable: Record<string, unknown>;
  export default ltable;
}
declare module 'fengari/src/ldo.js' {
  const ldo: Record<string, unknown>;
  export default ldo;
}
declare module 'fengari/src/lobject.js' {
  const lobject: Record<string, unknown>;
  export default lobject;
}
