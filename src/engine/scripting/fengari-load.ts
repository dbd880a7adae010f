/**
 * fengari's modules require each other in a cycle that only resolves when lua.js loads first
 * (lauxlib.js loaded first sees LUA_REGISTRYINDEX as undefined, a library loaded before lualib.js
 * reads its siblings half-loaded). Importing this module before any named fengari import fixes the
 * order; fengari-conf.ts must come before it.
 */
import 'fengari/src/lua.js';
import 'fengari/src/lauxlib.js';
import 'fengari/src/lualib.js';
