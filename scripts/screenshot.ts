import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';

/** `npm run screenshot`: the README's picture, taken by Playwright from the built app. */
const root = new URL('..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const port = await freePort();
const server = spawn(
  join(root, 'node_modules/.bin/vite'),
  ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  {
    cwd: root,
    stdio: 'ignore',
  },
);
try {
  await new Promise((r) => setTimeout(r, 1500));
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${port}/`);
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.waitFor();
  const lines = [
    'PSETEX mykey 2000 "Hello"',
    'GET mykey',
    'SET session:12345 "user_data" EX 1800',
    'SETEX search_results:user42 300 "search results data"',
    'SET cart:user123 "cart_payload" PX 600000',
    'SET counter 10',
    'INCR counter',
    'RPUSH recent:views home pricing docs',
    'EXPIRE recent:views 45',
    'TTL session:12345',
  ];
  for (const line of lines) {
    await input.fill(line);
    await input.press('Enter');
  }
  await page.waitForTimeout(2300);
  await input.fill('GET mykey');
  await input.press('Enter');
  await page.getByRole('cell', { name: 'cart:user123', exact: true }).click();
  await input.fill('PEXPIRE cart:user123 ');
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(root, 'docs/screenshot.png') });
  await browser.close();
  console.log('wrote docs/screenshot.png');
} finally {
  server.kill();
}
