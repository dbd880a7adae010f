import {
  LUA_TBOOLEAN,
  LUA_TNIL,
  LUA_TNUMBER,
  LUA_TSTRING,
  LUA_TTABLE,
  type LuaState,
  lua_gettop,
  lua_pop,
  lua_pushstring,
  lua_rawget,
  lua_rawgeti,
  lua_toboolean,
  lua_tolstring,
  lua_tonumber,
  lua_type,
} from 'fengari/src/lua.js';
import { array, bulk, error, int, NIL, type Reply, status } from '../reply.ts';
import { dec, enc, formatDouble, mapNewlines, toLongLong } from './lua-lib.ts';

/** luaReplyToRedisReply: what a script returns, as a reply (script_lua.c). */

/** Reply nesting Redis reaches before its Lua stack check fails. */
const MAX_REPLY_DEPTH = 1000;

/** luaReplyToRedisReply for the value at `index`. */
export function luaToReply(L: LuaState, index: number, depth: number): Reply {
  switch (lua_type(L, index)) {
    case LUA_TSTRING:
      return bulk(dec(lua_tolstring(L, index)));
    case LUA_TBOOLEAN:
      return lua_toboolean(L, index) ? int(1) : NIL;
    case LUA_TNUMBER:
      return toLongLong(lua_tonumber(L, index));
    case LUA_TTABLE:
      return depth >= MAX_REPLY_DEPTH ? error('ERR reached lua stack limit') : tableReply(L, index, depth);
    default:
      return NIL;
  }
}

function tableReply(L: LuaState, index: number, depth: number): Reply {
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
    items.push(luaToReply(L, -1, depth + 1));
    lua_pop(L, 1);
  }
  return array(items);
}
