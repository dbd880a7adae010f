import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../src/testing/ports.ts';

/**
 * Serves the built app (`dist/`) with `vite preview` until `stop()`: on PREVIEW_PORT when set (a
 * shared machine gives each engineer a range), else on a free local port.
 */
export async function startPreview(root: string): Promise<{ url: string; stop(): void }> {
  const port = Number(process.env.PREVIEW_PORT) || (await freePort());
  const server = spawn(
    join(root, 'node_modules/.bin/vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => server.kill() };
}
