import './fengari-conf.ts';
import './fengari-load.ts';
import lobject from 'fengari/src/lobject.js';
import lstring from 'fengari/src/lstring.js';

/**
 * A faster number-to-string for fengari's string coercion (`'k'..i`, `tostring(i)` and
 * lua_tolstring on a number), which a script building keys in a loop runs once per key. fengari
 * formats every float through toPrecision(14) and a general UTF-8 encoder (about 2 µs a call);
 * numbers that toPrecision(14) keeps as they are (integral floats below 10^14 and every integer
 * value) print as String(n) does, so those go straight to their digits' bytes. Any other number
 * takes fengari's own path, so the text is the same as before for every number.
 */

interface TValueLike {
  readonly value: number;
  ttisinteger(): boolean;
  setsvalue(ts: unknown): void;
}
type ToString = (L: unknown, obj: TValueLike) => void;

const objects = lobject as unknown as { luaO_tostring: ToString; fast?: boolean };
const bless = (lstring as unknown as { luaS_bless(L: unknown, s: Uint8Array): unknown }).luaS_bless;

/** The bytes of String(n) for an integral n with |n| < 10^14 (digits and a sign: ASCII). */
function digits(n: number): Uint8Array {
  const s = String(n);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

if (!objects.fast) {
  const slow = objects.luaO_tostring;
  objects.luaO_tostring = (L, obj) => {
    const n = obj.value;
    if (Number.isInteger(n) && n < 1e14 && n > -1e14) obj.setsvalue(bless(L, digits(n)));
    else slow(L, obj);
  };
  objects.fast = true;
}
