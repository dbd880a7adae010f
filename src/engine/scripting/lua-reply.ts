import './fengari-conf.ts';
import './fengari-load.ts';
import {
  LUA_TBOOLEAN,
  LUA_TNIL,
  LUA_TNUMBER,
  LUA_TSTRING,
  LUA_TTABLE,
  type LuaState,
  lua_checkstack,
  lua_gettop,
  lua_pop,
  lua_pushstring,
  lua_rawget,
  lua_rawgeti,
  lua_settop,
  lua_toboolean,
  lua_tolstring,
  lua_tonumber,
  lua_type,
} from 'fengari/src/lua.js';
import { array, bulk, error, int, NIL, type Reply, status } from '../reply.ts';
import { dec, enc, formatDouble, mapNewlines, toLongLong } from './lua-lib.ts';

/** A script's return value as a reply (eval.c's luaReplyToRedisReply), for lua-vm.ts. */

/**
 * The nesting at which Redis 7.0's reply conversion fails its lua_checkstack (Lua 5.1's 8,000
 * slots, less what the call holds): a value under 7,995 arrays becomes this error, in its place.
 * Checked against redis-server 7.0.15 (7,994 levels convert).
 */
const MAX_REPLY_DEPTH = 7995;
const STACK_LIMIT = 'ERR reached lua stack limit';

/** One table being converted: its Lua stack slot, the next index to read, what it holds so far. */
interface Frame {
  readonly slot: number;
  next: number;
  readonly items: Reply[];
}
/**
 * luaReplyToRedisReply for the value on top of the stack, without recursion: a script may return
 * tables nested thousands deep, and each open table keeps one Lua stack slot, as in Redis.
 */
export function luaToReply(L: LuaState): Reply {
  const frames: Frame[] = [];
  let value = scalarOrOpen(L, frames);
  for (;;) {
    const frame = frames[frames.length - 1];
    if (frame === undefined) return value as Reply;
    if (value !== null) {
      frame.items.push(value);
      value = null;
    }
    if (lua_rawgeti(L, frame.slot, frame.next) === LUA_TNIL) {
      lua_settop(L, frame.slot - 1);
      frames.pop();
      value = array(frame.items);
      continue;
    }
    frame.next++;
    value = scalarOrOpen(L, frames);
  }
}

/**
 * Converts the value on top of the stack and pops it, or, for a plain table, leaves it there and
 * opens a frame for it (returning null).
 */
function scalarOrOpen(L: LuaState, frames: Frame[]): Reply | null {
  if (frames.length >= MAX_REPLY_DEPTH) {
    lua_pop(L, 1);
    return error(STACK_LIMIT);
  }
  let reply: Reply | null;
  switch (lua_type(L, -1)) {
    case LUA_TSTRING:
      reply = bulk(dec(lua_tolstring(L, -1)));
      break;
    case LUA_TBOOLEAN:
      reply = lua_toboolean(L, -1) ? int(1) : NIL;
      break;
    case LUA_TNUMBER:
      reply = toLongLong(lua_tonumber(L, -1));
      break;
    case LUA_TTABLE:
      reply = specialTable(L);
      if (reply === null) {
        if (!lua_checkstack(L, 4)) {
          lua_pop(L, 1);
          return error(STACK_LIMIT);
        }
        frames.push({ slot: lua_gettop(L), next: 1, items: [] });
        return null;
      }
      break;
    default:
      reply = NIL;
  }
  lua_pop(L, 1);
  return reply;
}

/** The error / status / double tables (`{err=…}`, `{ok=…}`, `{double=…}`), or null for an array. */
function specialTable(L: LuaState): Reply | null {
  const t = lua_gettop(L);
  const field = (name: string, type: number): boolean => {
    lua_pushstring(L, enc(name));
    lua_rawget(L, t);
    if (lua_type(L, -1) === type) return true;
    lua_pop(L, 1);
    return false;
  };
  let reply: Reply | null = null;
  if (field('err', LUA_TSTRING)) reply = error(mapNewlines(dec(lua_tolstring(L, -1))));
  else if (field('ok', LUA_TSTRING)) reply = status(dec(lua_tolstring(L, -1)).replace(/[\r\n]/g, ' '));
  else if (field('double', LUA_TNUMBER)) reply = bulk(formatDouble(lua_tonumber(L, -1)));
  else return null;
  lua_pop(L, 1);
  return reply;
}
