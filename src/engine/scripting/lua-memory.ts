import { luaL_checkinteger, luaL_checklstring, luaL_error, luaL_optlstring } from 'fengari/src/lauxlib.js';
import ldo from 'fengari/src/ldo.js';
import lobject from 'fengari/src/lobject.js';
import ltable from 'fengari/src/ltable.js';
import { LUA_ERRMEM, type LuaFunction, type LuaState, lua_pushlstring } from 'fengari/src/lua.js';

/**
 * Counts the table entries a running script adds, and raises Lua's memory error past a budget or
 * when the script makes a string longer than a limit. fengari keeps tables in JavaScript Maps and
 * strings in Uint8Arrays and has no allocator to hook, so the functions that add a table key and
 * that put a new string on the stack (reached through their module objects by the VM and the API
 * alike) are wrapped once: each call compares the table's size before and after, or measures the
 * string. Outside a script run nothing is counted. A string is refused once made, so the largest
 * allocation is about twice the limit (`s = s .. s`), not the gigabytes doubling would reach.
 */

interface FengariTable {
  readonly strong: Map<unknown, unknown>;
}
type SetInt = (t: FengariTable, key: number, value: unknown) => void;
type SetFrom = (L: LuaState, t: FengariTable, key: unknown, value: unknown) => void;

const tables = ltable as unknown as { luaH_setint: SetInt; luaH_setfrom: SetFrom; wrapped?: boolean };
const raise = (ldo as unknown as { luaD_throw(L: LuaState, status: number): never }).luaD_throw;

interface TStringLike {
  readonly realstring: Uint8Array;
}
type SetString = (L: LuaState, index: number, ts: TStringLike) => void;
type PushString = (L: LuaState, ts: TStringLike) => void;

const strings = lobject as unknown as {
  setsvalue2s: SetString;
  pushsvalue2s: PushString;
  wrapped?: boolean;
};

interface Meter {
  readonly L: LuaState;
  readonly budget: number;
  readonly maxString: number;
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

function checkString(ts: TStringLike): void {
  const meter = active;
  if (meter !== null && ts.realstring.length > meter.maxString) raise(meter.L, LUA_ERRMEM);
}

if (!strings.wrapped) {
  const set = strings.setsvalue2s;
  const push = strings.pushsvalue2s;
  strings.setsvalue2s = (L, index, ts) => {
    checkString(ts);
    set(L, index, ts);
  };
  strings.pushsvalue2s = (L, ts) => {
    checkString(ts);
    push(L, ts);
  };
  strings.wrapped = true;
}

/** What `pauseCounting` hands back for `resumeCounting`. */
export type PausedCount = Meter | null;

/**
 * Stops counting until `resumeCounting`: for the one-entry tables a command's status or error reply
 * becomes (`{ok='OK'}`). A script drops them at once and Lua's collector would reclaim them, which
 * this count cannot see; counted, a loop of two million `redis.call('SET', …)` would run out of
 * "memory" where Redis runs it. A script that keeps them still pays for the table it keeps them in.
 */
export function pauseCounting(): PausedCount {
  const meter = active;
  active = null;
  return meter;
}

export function resumeCounting(paused: PausedCount): void {
  active = paused;
}

/**
 * Runs `body` with table entries counted against `budget` and strings limited to `maxString` bytes
 * for state `L`.
 */
export function withMemoryBudget<T>(L: LuaState, budget: number, maxString: number, body: () => T): T {
  const outer = active;
  active = { L, budget, maxString, entries: 0 };
  try {
    return body();
  } finally {
    active = outer;
  }
}

const MAXSIZE = 2147483647;
const EMPTY = new Uint8Array(0);

/**
 * lstrlib's `string.rep`, measuring its result before building it: the library's own builds the
 * whole string (up to 2 GB) before it is pushed, and only then could the wrapped push refuse it.
 * Called by the script directly, so its argument errors read as the library's.
 */
export const stringRep: LuaFunction = (l) => {
  const s = luaL_checklstring(l, 1);
  const n = luaL_checkinteger(l, 2);
  const sep = luaL_optlstring(l, 3, EMPTY);
  if (n <= 0) {
    lua_pushlstring(l, EMPTY, 0);
    return 1;
  }
  if (s.length + sep.length > MAXSIZE / n) return luaL_error(l, to('resulting string too large'));
  const total = n * s.length + (n - 1) * sep.length;
  if (active !== null && total > active.maxString) raise(active.L, LUA_ERRMEM);
  const out = new Uint8Array(total);
  for (let i = 0, at = 0; i < n; i++) {
    out.set(s, at);
    at += s.length;
    if (i < n - 1) {
      out.set(sep, at);
      at += sep.length;
    }
  }
  lua_pushlstring(l, out, total);
  return 1;
};

function to(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * A faster number-to-string for fengari's string coercion (`'k'..i`, `tostring(i)` and
 * lua_tolstring on a number), which a script building keys in a loop runs once per key. fengari
 * formats every float through toPrecision(14) and a general UTF-8 encoder (about 2 µs a call);
 * numbers that toPrecision(14) keeps as they are (integral floats below 10^14 and every integer
 * value) print as String(n) does, so those go straight to their digits' bytes. Any other number
 * takes fengari's own path, so the text is the same as before for every number.
 */

interface TValueLike {
  readonly value: unknown;
  ttisinteger(): boolean;
  setsvalue(ts: unknown): void;
}
type ToString = (L: unknown, obj: TValueLike) => void;
/** fengari's TString (lstring.js), taken from the first string the slow path makes. */
type TStringClass = new (L: unknown, bytes: Uint8Array) => unknown;

const objects = lobject as unknown as { luaO_tostring: ToString; fast?: boolean };

/** The bytes of String(n) for an integral n with |n| < 10^14 (digits and a sign: ASCII). */
function digits(n: number): Uint8Array {
  const s = String(n);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

if (!objects.fast) {
  const slow = objects.luaO_tostring;
  // Not imported: a new fengari import changes the order its modules load in the browser bundle,
  // which their require cycle does not survive (fengari-load.ts); this module's imports are safe.
  let TString: TStringClass | null = null;
  objects.luaO_tostring = (L, obj) => {
    const n = obj.value as number;
    if (TString !== null && Number.isInteger(n) && n < 1e14 && n > -1e14) {
      obj.setsvalue(new TString(L, digits(n)));
      return;
    }
    slow(L, obj);
    TString ??= (obj.value as { constructor: TStringClass }).constructor;
  };
  objects.fast = true;
}
