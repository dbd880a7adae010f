import './fengari-conf.ts';
import './fengari-load.ts';
import {
  luaL_loadbuffer,
  luaL_newstate,
  luaL_requiref,
  luaL_tolstring,
  luaL_where,
} from 'fengari/src/lauxlib.js';
import { luaopen_base } from 'fengari/src/lbaselib.js';
import { luaopen_math } from 'fengari/src/lmathlib.js';
import { luaopen_string } from 'fengari/src/lstrlib.js';
import { luaopen_table } from 'fengari/src/ltablib.js';
import {
  LUA_MASKCOUNT,
  LUA_MULTRET,
  LUA_OK,
  LUA_REGISTRYINDEX,
  LUA_TBOOLEAN,
  LUA_TNIL,
  LUA_TNUMBER,
  LUA_TSTRING,
  LUA_TTABLE,
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
  lua_pushjsfunction,
  lua_pushnumber,
  lua_pushstring,
  lua_pushvalue,
  lua_rawget,
  lua_rawgeti,
  lua_rawseti,
  lua_remove,
  lua_replace,
  lua_setfield,
  lua_setglobal,
  lua_sethook,
  lua_setmetatable,
  lua_settop,
  lua_setupvalue,
  lua_toboolean,
  lua_tolstring,
  lua_tonumber,
  lua_type,
} from 'fengari/src/lua.js';
import { formatScore } from '../commands/zset-score.ts';
import { INT64_MIN } from '../int64.ts';
import { array, bulk, error, int, NIL, type Reply, status } from '../reply.ts';
import { LUA_PRELUDE } from './lua-prelude.ts';
import { floatLiterals } from './lua-source.ts';
import { sha1hex } from './sha1.ts';
import type { ScriptServer, ScriptVm } from './types.ts';

/**
 * Redis 7.0's EVAL interpreter (script_lua.c, eval.c) on fengari: the `redis` library, its error
 * tables and the `script: <sha>, on @user_script:<line>.` suffix, the reply conversions both ways,
 * globals that cannot be read when missing nor written, and an instruction budget that stops a
 * runaway script the way SCRIPT KILL would (a browser tab has no other client to send it).
 */

/** Instructions a script may run (Redis has no limit, but a busy server can still be killed). */
export const SCRIPT_INSTRUCTION_BUDGET = 100_000_000;

export interface LuaVmOptions {
  /** Instructions before a script is killed (tests use a small one). */
  readonly instructionBudget?: number;
}
const HOOK_EVERY = 10_000;
/** Reply nesting Redis reaches before its Lua stack check fails. */
const MAX_REPLY_DEPTH = 1000;
const KILLED = 'Script killed by user with SCRIPT KILL...';

const enc = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
};

const dec = (a: Uint8Array | null): string => {
  if (a === null) return '';
  let s = '';
  for (let i = 0; i < a.length; i += 8192) s += String.fromCharCode(...a.subarray(i, i + 8192));
  return s;
};

/** luaPushErrorBuff: `-CODE msg` or `msg` (code ERR) becomes the table {err = "CODE msg"}. */
function pushErrorTable(L: LuaState, raw: string, fromCommand: boolean): void {
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
function toLongLong(d: number): Reply {
  if (!(d > -(2 ** 63) && d < 2 ** 63)) return int(d === -(2 ** 63) ? INT64_MIN : INT64_MIN);
  const t = Math.trunc(d);
  return int(Number.isSafeInteger(t) ? t : BigInt(t));
}

const mapNewlines = (s: string): string => s.replace(/[\r\n]/g, ' ');

export class LuaVm implements ScriptVm {
  private readonly L: LuaState = luaL_newstate();
  private server: ScriptServer | null = null;
  private executed = 0;
  private readonly budget: number;

  constructor(options: LuaVmOptions = {}) {
    this.budget = options.instructionBudget ?? SCRIPT_INSTRUCTION_BUDGET;
    const L = this.L;
    for (const [name, open] of [
      ['_G', luaopen_base],
      ['table', luaopen_table],
      ['string', luaopen_string],
      ['math', luaopen_math],
    ] as const) {
      luaL_requiref(L, enc(name), open, 1);
      lua_pop(L, 1);
    }
    this.openRedisLib();
    if (luaL_loadbuffer(L, enc(LUA_PRELUDE), LUA_PRELUDE.length, enc('=prelude')) !== LUA_OK) {
      throw new Error(`Lua prelude: ${dec(lua_tolstring(L, -1))}`);
    }
    lua_pcall(L, 0, 0, 0);
    // Scripts see the globals through an empty proxy: reading a missing name and writing any name
    // are errors, as with Redis 7.0's read-only global table.
    lua_newtable(L);
    lua_newtable(L);
    lua_pushjsfunction(L, envIndex);
    lua_setfield(L, -2, enc('__index'));
    lua_pushjsfunction(L, envNewIndex);
    lua_setfield(L, -2, enc('__newindex'));
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, enc('script_env'));
  }

  compile(sha: string, body: string): string | null {
    const L = this.L;
    const src = enc(floatLiterals(body));
    if (luaL_loadbuffer(L, src, src.length, enc('@user_script')) !== LUA_OK) {
      const msg = dec(lua_tolstring(L, -1));
      lua_settop(L, 0);
      return msg;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, enc('script_env'));
    lua_setupvalue(L, -2, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, enc(`f_${sha}`));
    return null;
  }

  run(sha: string, keys: readonly string[], args: readonly string[], server: ScriptServer): Reply {
    const L = this.L;
    lua_settop(L, 0);
    lua_pushjsfunction(L, errorHandler);
    lua_getfield(L, LUA_REGISTRYINDEX, enc(`f_${sha}`));
    this.setArray('KEYS', keys);
    this.setArray('ARGV', args);
    this.server = server;
    this.executed = 0;
    lua_sethook(L, this.countHook, LUA_MASKCOUNT, HOOK_EVERY);
    let reply: Reply;
    try {
      const rc = lua_pcall(L, 0, 1, -2);
      reply = rc === LUA_OK ? this.toReply(-1, 0) : this.failure(sha);
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
    pushErrorTable(L, KILLED, false);
    lua_error(L);
  };

  private setArray(name: string, items: readonly string[]): void {
    const L = this.L;
    lua_newtable(L);
    items.forEach((item, i) => {
      lua_pushstring(L, enc(item));
      lua_rawseti(L, -2, i + 1);
    });
    lua_setglobal(L, enc(name));
  }

  /** luaCallFunction's error path: the message plus where the script was when it failed. */
  private failure(sha: string): Reply {
    const L = this.L;
    if (!lua_istable(L, -1)) {
      const msg = lua_type(L, -1) === LUA_TSTRING ? dec(lua_tolstring(L, -1)) : 'execution failure';
      return error(mapNewlines(`ERR Error running script f_${sha}, ${msg.slice(0, 100)} `));
    }
    const field = (name: string): string | null => {
      lua_getfield(L, -1, enc(name));
      const t = lua_type(L, -1);
      const v = t === LUA_TSTRING || t === LUA_TNUMBER ? dec(luaL_tolstring(L, -1)) : null;
      lua_settop(L, lua_gettop(L) - (v === null ? 1 : 2));
      return v;
    };
    const msg = field('err') ?? '';
    const source = field('source');
    const line = field('line');
    const where = source !== null && line !== null ? ` script: ${sha}, on ${source}:${line}.` : '';
    return error(mapNewlines(msg + where));
  }

  /** luaReplyToRedisReply for the value at `index`. */
  private toReply(index: number, depth: number): Reply {
    const L = this.L;
    switch (lua_type(L, index)) {
      case LUA_TSTRING:
        return bulk(dec(lua_tolstring(L, index)));
      case LUA_TBOOLEAN:
        return lua_toboolean(L, index) ? int(1) : NIL;
      case LUA_TNUMBER:
        return toLongLong(lua_tonumber(L, index));
      case LUA_TTABLE:
        return depth >= MAX_REPLY_DEPTH
          ? error('ERR reached lua stack limit')
          : this.tableReply(index, depth);
      default:
        return NIL;
    }
  }

  private tableReply(index: number, depth: number): Reply {
    const L = this.L;
    const t = index < 0 ? lua_gettop(L) + index + 1 : index;
    const special = (name: string, type: number): boolean => {
      lua_pushstring(L, enc(name));
      lua_rawget(L, t);
      if (lua_type(L, -1) === type) return true;
      lua_pop(L, 1);
      return false;
    };
    if (special('err', LUA_TSTRING)) {
      const msg = dec(lua_tolstring(L, -1));
      lua_pop(L, 1);
      return error(mapNewlines(msg));
    }
    if (special('ok', LUA_TSTRING)) {
      const s = dec(lua_tolstring(L, -1));
      lua_pop(L, 1);
      return status(s.replace(/[\r\n]/g, ' '));
    }
    if (special('double', LUA_TNUMBER)) {
      const d = lua_tonumber(L, -1);
      lua_pop(L, 1);
      return bulk(formatDouble(d));
    }
    const items: Reply[] = [];
    for (let j = 1; ; j++) {
      if (lua_rawgeti(L, t, j) === LUA_TNIL) {
        lua_pop(L, 1);
        break;
      }
      items.push(this.toReply(-1, depth + 1));
      lua_pop(L, 1);
    }
    return array(items);
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
    fn('sha1hex', redisSha1hex);
    fn('error_reply', redisErrorReply);
    fn('status_reply', redisStatusReply);
    lua_setglobal(L, enc('redis'));
    lua_pushjsfunction(L, redisStylePcall);
    lua_setglobal(L, enc('pcall'));
  }

  /** luaRedisGenericCommand: redis.call raises command errors, redis.pcall returns them. */
  private redisCall(L: LuaState, raise: boolean): number {
    const argc = lua_gettop(L);
    const fail = (msg: string): number => {
      pushErrorTable(L, msg, false);
      return raise ? lua_error(L) : 1;
    };
    if (argc === 0) return fail('Please specify at least one argument for this redis lib call');
    const argv: string[] = [];
    for (let j = 1; j <= argc; j++) {
      const t = lua_type(L, j);
      if (t === LUA_TNUMBER) argv.push(formatDouble(lua_tonumber(L, j)));
      else if (t === LUA_TSTRING) argv.push(dec(lua_tolstring(L, j)));
      else break;
    }
    lua_settop(L, 0);
    if (argv.length !== argc) return fail('Lua redis lib command arguments must be strings or integers');
    const server = this.server;
    if (server === null) return fail('redis.call/pcall can only be called inside a script invocation');
    const reply = server.call(argv);
    if ('rejected' in reply) {
      pushErrorTable(L, reply.rejected, true);
      return raise ? lua_error(L) : 1;
    }
    pushReply(L, reply);
    return raise && reply.t === 'error' ? lua_error(L) : 1;
  }
}

/** %.17g as snprintf prints a double passed to redis.call (and a {double=} reply). */
function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  return formatScore(d);
}

/** redisProtocolToLuaType: a command's reply as the script sees it. */
function pushReply(L: LuaState, r: Reply): void {
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
    case 'status':
      lua_newtable(L);
      lua_pushstring(L, enc(r.s));
      lua_setfield(L, -2, enc('ok'));
      return;
    case 'error':
      pushErrorTable(L, `-${r.s}`, true);
      return;
    case 'array':
      lua_newtable(L);
      r.items.forEach((item, i) => {
        pushReply(L, item);
        lua_rawseti(L, -2, i + 1);
      });
      return;
  }
}

/**
 * Redis 7.0 replaces pcall so that a caught error table reads as its message, as errors were strings
 * before 7.0 (luaRedisPcall).
 */
const redisStylePcall: LuaFunction = (L) => {
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
const errorHandler: LuaFunction = (L) => {
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
    lua_pushstring(L, enc(`ERR ${msg}`));
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

const envIndex: LuaFunction = (L) => {
  lua_pushglobaltable(L);
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  if (lua_type(L, -1) !== LUA_TNIL) return 1;
  const name = dec(luaL_tolstring(L, 2));
  return raiseAtCaller(L, `Script attempted to access nonexistent global variable '${name}'`);
};

const envNewIndex: LuaFunction = (L) => raiseAtCaller(L, 'Attempt to modify a readonly table');

const redisSha1hex: LuaFunction = (L) => {
  if (lua_gettop(L) !== 1) {
    pushErrorTable(L, 'wrong number of arguments', false);
    return lua_error(L);
  }
  const t = lua_type(L, 1);
  const s = t === LUA_TSTRING || t === LUA_TNUMBER ? dec(lua_tolstring(L, 1)) : '';
  lua_pushstring(L, enc(sha1hex(s)));
  return 1;
};

const redisErrorReply: LuaFunction = (L) => {
  if (lua_gettop(L) !== 1 || lua_type(L, -1) !== LUA_TSTRING) {
    pushErrorTable(L, 'wrong number or type of arguments', false);
    return 1;
  }
  const msg = dec(lua_tolstring(L, -1));
  pushErrorTable(L, msg.startsWith('-') ? msg : `-${msg}`, false);
  return 1;
};

const redisStatusReply: LuaFunction = (L) => {
  if (lua_gettop(L) !== 1 || lua_type(L, -1) !== LUA_TSTRING) {
    pushErrorTable(L, 'wrong number or type of arguments', false);
    return 1;
  }
  lua_newtable(L);
  lua_pushvalue(L, -2);
  lua_setfield(L, -2, enc('ok'));
  return 1;
};
