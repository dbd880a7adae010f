import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fengariBrowser } from './build/fengari-browser.ts';

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
  'mdast-util-from-markdown',
  'mdast-util-frontmatter',
  'mdast-util-gfm-table',
  'mdast-util-to-string',
  'micromark-extension-frontmatter',
  'micromark-extension-gfm-table',
  'fengari/src/lua.js',
  'fengari/src/lauxlib.js',
  'fengari/src/lualib.js',
  'fengari/src/lbaselib.js',
  'fengari/src/lmathlib.js',
  'fengari/src/lstrlib.js',
  'fengari/src/ltablib.js',
];

export default defineConfig({
  plugins: [fengariBrowser(), react()],
  base: './',
  resolve: {
    alias: [
      // The markdown parser runs in the engine's Web Worker, which has no DOM: use the entity decoder
      // that does not need `document` (the package's "browser" build does).
      {
        find: /^decode-named-character-reference$/,
        replacement: fileURLToPath(
          new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url),
        ),
      },
    ],
  },
  // The dev server pre-bundles all dependencies before the first page load: dependencies found
  // later (the worker's, the Lua chunk's) would make it re-optimise and reload the page, losing
  // what was typed. The scan starts from the worker and the Lua chunk as well as the page.
  optimizeDeps: {
    entries: ['index.html', 'src/worker/worker.ts', 'src/engine/scripting/index.ts'],
    include: PREBUNDLED,
    rolldownOptions: { plugins: [fengariBrowser()] },
  },
  worker: { format: 'es', plugins: () => [fengariBrowser()] },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
