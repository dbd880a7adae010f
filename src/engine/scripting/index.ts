import { LuaVm } from './lua-vm.ts';
import type { ScriptVmFactory } from './types.ts';

/** The Lua interpreter for EVAL/SCRIPT. Importing this module loads fengari (~70 KB gzip). */
export const luaScripting: ScriptVmFactory = () => new LuaVm();
