import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fengariBrowser } from './build/fengari-browser.ts';
import { precacheServiceWorker } from './scripts/precache.ts';

/** Every module the page, the worker and the lazily loaded Lua chunk import from node_modules. */
const PREBUNDLED = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'zustand',
  'react-resizable-panels',
  '@tanstack/react-table',
  '@tanstack/react-virtual',
  'markdown-it',
  'fengari/src/lua.js',
  'fengari/src/lauxlib.js',
  'fengari/src/lualib.js',
  'fengari/src/lbaselib.js',
  'fengari/src/lmathlib.js',
  'fengari/src/lstrlib.js',
  'fengari/src/ltablib.js',
  // The script VM's memory meter (lua-memory.ts) wraps these three.
  'fengari/src/ldo.js',
  'fengari/src/lobject.js',
  'fengari/src/ltable.js',
];

export default defineConfig({
  plugins: [fengariBrowser(), react(), precacheServiceWorker()],
  base: './',
  // The dev server pre-bundles all dependencies before the first page load: dependencies found
  // later (the worker's, the Lua chunk's) would make it re-optimise and reload the page, losing
  // what was typed. The scan starts from the workers and the Lua chunk as well as the page.
  optimizeDeps: {
    entries: [
      'index.html',
      'src/worker/worker.ts',
      'src/worker/docs-parse-worker.ts',
      'src/engine/scripting/index.ts',
    ],
    include: PREBUNDLED,
    rolldownOptions: { plugins: [fengariBrowser()] },
  },
  // No timing warnings: a build on a busy machine is slow, not wrong, and the output stays quiet.
  worker: {
    format: 'es',
    plugins: () => [fengariBrowser()],
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  build: { target: 'es2022', sourcemap: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
