import { errText } from '../errors.ts';
import './fengari-conf.ts';
import './fengari-load.ts';
import { luaL_tolstring, luaL_where } from 'fengari/src/lauxlib.js';
import {
  LUA_MULTRET,
  LUA_OK,
  LUA_REGISTRYINDEX,
  LUA_TNIL,
  LUA_TNUMBER,
  LUA_TSTRING,
  type LuaFunction,
  type LuaState,
  lua_Debug,
  lua_error,
  lua_getfield,
  lua_getinfo,
  lua_getstack,
  lua_gettop,
  lua_insert,
  lua_istable,
  lua_newtable,
  lua_pcall,
  lua_pop,
  lua_pushboolean,
  lua_pushglobaltable,
  lua_pushnumber,
  lua_pushstring,
  lua_pushvalue,
  lua_rawget,
  lua_rawgeti,
  lua_rawset,
  lua_rawseti,
  lua_remove,
  lua_replace,
  lua_setfield,
  lua_tolstring,
  lua_type,
} from 'fengari/src/lua.js';
import { formatScore } from '../commands/zset-score.ts';
import { INT64_MIN } from '../int64.ts';
import { int, type Reply } from '../reply.ts';
import { pauseCounting, resumeCounting } from './lua-memory.ts';
import { sha1hex } from './sha1.ts';

/**
 * The `redis` library and the conversions of Redis 7.0's Lua (script_lua.c, eval.c) as fengari
 * functions: error tables, reply conversions both ways, the protected globals, pcall as Redis
 * wraps it. The interpreter itself (lua-vm.ts) wires them up.
 */

export const enc = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
};

/** Bytes to a byte string; short ones (command names, keys) char by char, without the spread. */
export const dec = (a: Uint8Array | null): string => {
  if (a === null) return '';
  const n = a.length;
  if (n <= 24) {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(a[i] as number);
    return s;
  }
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, a.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
};
/** luaPushErrorBuff: `-CODE msg` or `msg` (code ERR) becomes the table {err = "CODE msg"}. */
export function pushErrorTable(L: LuaState, raw: string, fromCommand: boolean): void {
  let code = 'ERR';
  let msg = raw;
  if (raw.startsWith('-')) {
    const space = raw.indexOf(' ');
    if (space < 0) msg = raw.slice(1);
    else {
      code = raw.slice(1, space);
      msg = raw.slice(space + 1);
    }
  }
  msg = msg.replace(/^[\r\n]+|[\r\n]+$/g, '');
  lua_newtable(L);
  lua_pushstring(L, enc(`${code} ${msg}`));
  lua_setfield(L, -2, enc('err'));
  if (fromCommand) {
    lua_pushboolean(L, true);
    lua_setfield(L, -2, enc('ignore_error_stats_update'));
  }
}
/** (long long) of a double as x86 converts it: out of range and NaN give LLONG_MIN. */
export function toLongLong(d: number): Reply {
  if (!(d > -(2 ** 63) && d < 2 ** 63)) return int(d === -(2 ** 63) ? INT64_MIN : INT64_MIN);
  const t = Math.trunc(d);
  return int(Number.isSafeInteger(t) ? t : BigInt(t));
}

export const mapNewlines = (s: string): string => s.replace(/[\r\n]/g, ' ');
/** %.17g as snprintf prints a double passed to redis.call (and a {double=} reply). */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  return formatScore(d);
}

const OK_BYTES = enc('OK');

/**
 * redisProtocolToLuaType: a command's reply as the script sees it. `okKey` is the registry slot
 * holding the string "ok": a status table's key pushed from there keeps its hash, where a new
 * string would be hashed again on every call.
 */
export function pushReply(L: LuaState, r: Reply, okKey: number): void {
  switch (r.t) {
    case 'int':
      lua_pushnumber(L, Number(r.n));
      return;
    case 'bulk':
      lua_pushstring(L, enc(r.s));
      return;
    case 'nil':
      lua_pushboolean(L, false);
      return;
    case 'status': {
      const paused = pauseCounting();
      lua_newtable(L);
      lua_rawgeti(L, LUA_REGISTRYINDEX, okKey);
      lua_pushstring(L, r.s === 'OK' ? OK_BYTES : enc(r.s));
      lua_rawset(L, -3);
      resumeCounting(paused);
      return;
    }
    case 'error': {
      const paused = pauseCounting();
      pushErrorTable(L, `-${r.s}`, true);
      resumeCounting(paused);
      return;
    }
    case 'array':
      lua_newtable(L);
      for (let i = 0; i < r.items.length; i++) {
        pushReply(L, r.items[i] as Reply, okKey);
        lua_rawseti(L, -2, i + 1);
      }
      return;
  }
}

/**
 * Redis 7.0 replaces pcall so that a caught error table reads as its message, as errors were strings
 * before 7.0 (luaRedisPcall).
 */
export const redisStylePcall: LuaFunction = (L) => {
  const argc = lua_gettop(L);
  lua_pushboolean(L, true);
  lua_insert(L, 1);
  if (lua_pcall(L, argc - 1, LUA_MULTRET, 0) !== LUA_OK) {
    lua_remove(L, 1);
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, enc('err'));
      if (lua_type(L, -1) === LUA_TSTRING) lua_replace(L, -2);
      else lua_pop(L, 1);
    }
    lua_pushboolean(L, false);
    lua_insert(L, 1);
  }
  return lua_gettop(L);
};

/**
 * Lua 5.3 says "attempt to call a nil value (global 'f')" where 5.1, and so Redis, says "attempt to
 * call global 'f' (a nil value)".
 */
export function lua51Wording(msg: string): string {
  return msg.replace(
    /attempt to ([a-z ]+?) a (\w+) value \((global|local|method|field|upvalue|constant) '([^']*)'\)/,
    "attempt to $1 $3 '$4' (a $2 value)",
  );
}

/** The message handler of every script call (eval.c's __redis__err__handler). */
export const errorHandler: LuaFunction = (L) => {
  const ar = new lua_Debug();
  let found = lua_getstack(L, 1, ar) !== 0 && lua_getinfo(L, enc('nSl'), ar) !== 0;
  // Errors raised by a library function (error(), redis.call) point at the script line calling it.
  const what = dec(ar.what);
  if (found && (what === 'J' || what === 'C')) {
    found = lua_getstack(L, 2, ar) !== 0 && lua_getinfo(L, enc('nSl'), ar) !== 0;
  }
  if (lua_istable(L, 1)) lua_pushvalue(L, 1);
  else {
    const msg = lua51Wording(dec(luaL_tolstring(L, 1)));
    lua_newtable(L);
    lua_pushstring(L, enc(errText(msg)));
    lua_setfield(L, -2, enc('err'));
  }
  if (found) {
    lua_pushstring(L, ar.source ?? enc('?'));
    lua_setfield(L, -2, enc('source'));
    lua_pushnumber(L, ar.currentline);
    lua_setfield(L, -2, enc('line'));
  }
  return 1;
};

function raiseAtCaller(L: LuaState, msg: string): number {
  luaL_where(L, 1);
  const where = dec(lua_tolstring(L, -1));
  lua_pushstring(L, enc(where + msg));
  return lua_error(L);
}

export const envIndex: LuaFunction = (L) => {
  lua_pushglobaltable(L);
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  if (lua_type(L, -1) !== LUA_TNIL) return 1;
  const name = dec(luaL_tolstring(L, 2));
  return raiseAtCaller(L, `Script attempted to access nonexistent global variable '${name}'`);
};

export const envNewIndex: LuaFunction = (L) => raiseAtCaller(L, 'Attempt to modify a readonly table');

export const redisSha1hex: LuaFunction = (L) => {
  if (lua_gettop(L) !== 1) {
    pushErrorTable(L, 'wrong number of arguments', false);
    return lua_error(L);
  }
  const t = lua_type(L, 1);
  const s = t === LUA_TSTRING || t === LUA_TNUMBER ? dec(lua_tolstring(L, 1)) : '';
  lua_pushstring(L, enc(sha1hex(s)));
  return 1;
};

export const redisErrorReply: LuaFunction = (L) => {
  if (lua_gettop(L) !== 1 || lua_type(L, -1) !== LUA_TSTRING) {
    pushErrorTable(L, 'wrong number or type of arguments', false);
    return 1;
  }
  const msg = dec(lua_tolstring(L, -1));
  pushErrorTable(L, msg.startsWith('-') ? msg : `-${msg}`, false);
  return 1;
};

export const redisStatusReply: LuaFunction = (L) => {
  if (lua_gettop(L) !== 1 || lua_type(L, -1) !== LUA_TSTRING) {
    pushErrorTable(L, 'wrong number or type of arguments', false);
    return 1;
  }
  lua_newtable(L);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, enc('ok'));
  return 1;
};
