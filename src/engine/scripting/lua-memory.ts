import ldo from 'fengari/src/ldo.js';
import ltable from 'fengari/src/ltable.js';
import { LUA_ERRMEM, type LuaState } from 'fengari/src/lua.js';

/**
 * Counts the table entries a running script adds, and raises Lua's memory error past a budget.
 * fengari keeps tables in JavaScript Maps and has no allocator to hook, so its two functions that add
 * a key (reached through their module object by the VM and the API alike) are wrapped once: each
 * call compares the table's size before and after. Outside a script run the count is off.
 */

interface FengariTable {
  readonly strong: Map<unknown, unknown>;
}
type SetInt = (t: FengariTable, key: number, value: unknown) => void;
type SetFrom = (L: LuaState, t: FengariTable, key: unknown, value: unknown) => void;

const tables = ltable as unknown as { luaH_setint: SetInt; luaH_setfrom: SetFrom; wrapped?: boolean };
const raise = (ldo as unknown as { luaD_throw(L: LuaState, status: number): never }).luaD_throw;

interface Meter {
  readonly L: LuaState;
  readonly budget: number;
  entries: number;
}

let active: Meter | null = null;

function check(meter: Meter, added: number): void {
  meter.entries += added;
  if (meter.entries <= meter.budget) return;
  // Every later add raises again, so a pcall in the script cannot go on growing its tables.
  meter.entries = meter.budget;
  raise(meter.L, LUA_ERRMEM);
}

if (!tables.wrapped) {
  const setint = tables.luaH_setint;
  const setfrom = tables.luaH_setfrom;
  tables.luaH_setint = (t, key, value) => {
    const meter = active;
    if (meter === null) return setint(t, key, value);
    const before = t.strong.size;
    setint(t, key, value);
    check(meter, t.strong.size - before);
  };
  tables.luaH_setfrom = (L, t, key, value) => {
    const meter = active;
    if (meter === null) return setfrom(L, t, key, value);
    const before = t.strong.size;
    setfrom(L, t, key, value);
    check(meter, t.strong.size - before);
  };
  tables.wrapped = true;
}

/** Runs `body` with table entries counted against `budget` for state `L`. */
export function withTableBudget<T>(L: LuaState, budget: number, body: () => T): T {
  const outer = active;
  active = { L, budget, entries: 0 };
  try {
    return body();
  } finally {
    active = outer;
  }
}
