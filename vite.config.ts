import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precacheServiceWorker } from './scripts/precache.ts';
import { FENGARI_CONF } from './src/engine/scripting/fengari-conf.ts';

export default defineConfig({
  plugins: [react(), precacheServiceWorker()],
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
  // fengari (the Lua interpreter) reads its options from process.env when it loads.
  define: { 'process.env.FENGARICONF': JSON.stringify(FENGARI_CONF) },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
