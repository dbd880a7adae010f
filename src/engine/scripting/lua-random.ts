import { luaL_argcheck, luaL_checknumber, luaL_error } from 'fengari/src/lauxlib.js';
import {
  type LuaState,
  lua_getglobal,
  lua_gettop,
  lua_pop,
  lua_pushjsfunction,
  lua_pushnumber,
  lua_setfield,
} from 'fengari/src/lua.js';
import type { Rand48 } from './rand48.ts';

/**
 * Redis's math.random and math.randomseed (script_lua.c's redis_math_random), drawing from the
 * server's rand48 generator instead of fengari's (which reads Math.random, so a script's numbers
 * could not be replayed nor matched against Redis).
 */

const enc = (s: string) => new TextEncoder().encode(s);

/** C's (int) cast of a double as x86 does it: out of range (or NaN) gives INT_MIN. */
function toInt(x: number): number {
  return Math.abs(x) < 2 ** 31 ? Math.trunc(x) : -(2 ** 31);
}

/** Replaces math.random/randomseed with ones reading `generator()` (null outside a script). */
export function installRandom(L: LuaState, generator: () => Rand48 | null): void {
  const current = (l: LuaState): Rand48 => {
    const g = generator();
    if (g === null) luaL_error(l, enc('math.random can only be called inside a script invocation'));
    return g as Rand48;
  };
  const random = (l: LuaState): number => {
    const r = current(l).fraction();
    switch (lua_gettop(l)) {
      case 0:
        lua_pushnumber(l, r);
        return 1;
      case 1: {
        const u = toInt(luaL_checknumber(l, 1));
        luaL_argcheck(l, 1 <= u, 1, enc('interval is empty'));
        lua_pushnumber(l, Math.floor(r * u) + 1);
        return 1;
      }
      case 2: {
        const lo = toInt(luaL_checknumber(l, 1));
        const up = toInt(luaL_checknumber(l, 2));
        luaL_argcheck(l, lo <= up, 2, enc('interval is empty'));
        lua_pushnumber(l, Math.floor(r * (up - lo + 1)) + lo);
        return 1;
      }
      default:
        return luaL_error(l, enc('wrong number of arguments'));
    }
  };
  const randomseed = (l: LuaState): number => {
    current(l).seed(toInt(luaL_checknumber(l, 1)));
    return 0;
  };
  lua_getglobal(L, enc('math'));
  lua_pushjsfunction(L, random);
  lua_setfield(L, -2, enc('random'));
  lua_pushjsfunction(L, randomseed);
  lua_setfield(L, -2, enc('randomseed'));
  lua_pop(L, 1);
}
