import './fengari-conf.ts';
import './fengari-load.ts';
import { luaL_loadbuffer, luaL_newstate, luaL_requiref, luaL_tolstring } from 'fengari/src/lauxlib.js';
import { luaopen_base } from 'fengari/src/lbaselib.js';
import { luaopen_math } from 'fengari/src/lmathlib.js';
import { luaopen_string } from 'fengari/src/lstrlib.js';
import { luaopen_table } from 'fengari/src/ltablib.js';
import {
  LUA_MASKCOUNT,
  LUA_OK,
  LUA_REGISTRYINDEX,
  LUA_TBOOLEAN,
  LUA_TNIL,
  LUA_TNUMBER,
  LUA_TSTRING,
  LUA_TTABLE,
  type LuaFunction,
  type LuaState,
  lua_error,
  lua_getfield,
  lua_gettop,
  lua_istable,
  lua_newtable,
  lua_pcall,
  lua_pop,
  lua_pushjsfunction,
  lua_pushstring,
  lua_rawget,
  lua_rawgeti,
  lua_rawseti,
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
import { array, bulk, error, int, NIL, type Reply, status } from '../reply.ts';
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
  toLongLong,
} from './lua-lib.ts';
import { LUA_PRELUDE } from './lua-prelude.ts';
import { floatLiterals } from './lua-source.ts';
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
