/**
 * fengari reads its build options from process.env.FENGARICONF when its modules load, so this
 * module must be imported before them. LUA_COMPAT_FLOATSTRING prints integral floats as Lua 5.1
 * does (`5`, not `5.0`). In the browser bundle Vite defines the same value at build time.
 */
export const FENGARI_CONF = JSON.stringify({ LUA_COMPAT_FLOATSTRING: true });

const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
if (proc?.env) proc.env.FENGARICONF = FENGARI_CONF;
