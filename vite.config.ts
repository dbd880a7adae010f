import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { FENGARI_CONF } from './src/engine/scripting/fengari-conf.ts';

export default defineConfig({
  plugins: [react()],
  base: './',
  // fengari (the Lua interpreter) reads its options from process.env when it loads.
  define: { 'process.env.FENGARICONF': JSON.stringify(FENGARI_CONF) },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
