import { FENGARI_CONF } from '../src/engine/scripting/fengari-conf.ts';

/**
 * fengari (the Lua interpreter) chooses between a Node and a browser build at run time with
 * `typeof process` checks, and reads its options from `process.env.FENGARICONF`. For the browser we
 * settle both at build time instead: the options become a literal and `typeof process` becomes
 * "undefined", so the Node branches are dead code, and the Node modules they require (fs, os, path,
 * child_process, tmp, readline-sync) resolve to an empty module and never reach the bundle.
 *
 * Vite's `define` cannot do this: in the dev server it also assigns every defined name onto
 * globalThis, which creates a fake `process` that sends fengari down its Node branches.
 *
 * The same plugin runs in the production build and in the dev server's dependency pre-bundling
 * (optimizeDeps), so `npm run dev` and `vite build` give the worker the same fengari.
 */

const FENGARI_FILE = /[\\/]node_modules[\\/]fengari[\\/]src[\\/][^\\/]+\.js$/;
const NODE_ONLY = new Set([
  'fs',
  'os',
  'path',
  'child_process',
  'tmp',
  'readline-sync',
  'node:fs',
  'node:os',
  'node:path',
  'node:child_process',
]);
const STUB_ID = '\0fengari-node-only-stub';

export interface FengariBrowserPlugin {
  name: string;
  enforce: 'pre';
  resolveId(source: string, importer: string | undefined): string | null;
  load(id: string): string | null;
  transform(code: string, id: string): { code: string; map: null } | null;
}

export function fengariBrowser(): FengariBrowserPlugin {
  return {
    name: 'fengari-browser',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && FENGARI_FILE.test(importer) && NODE_ONLY.has(source)) return STUB_ID;
      return null;
    },
    load(id) {
      // Required only from branches that the transform below makes dead.
      return id === STUB_ID ? 'export default {};' : null;
    },
    transform(code, id) {
      if (!FENGARI_FILE.test(id)) return null;
      const replaced = code
        .replaceAll('process.env.FENGARICONF', JSON.stringify(FENGARI_CONF))
        .replaceAll('typeof process', '"undefined"');
      // Replacements within lines keep every line where it was: the original mappings hold.
      return { code: replaced, map: null };
    },
  };
}
