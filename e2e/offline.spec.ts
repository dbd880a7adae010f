import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { App } from './fixtures.ts';
import { out } from './persistent.ts';

/**
 * Offline after one visit (a service worker precaches the build) and `dist/` served from a sub-path
 * of a plain static server, as GitHub Pages would serve it.
 */

// Each test launches whole browsers with profiles on disk: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves dist/ under `prefix` and nothing else. */
function staticServer(prefix: string): Promise<Server> {
  const root = join(process.cwd(), 'dist');
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function controlled(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) =>
        navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }),
      );
    }
    return reg.scope;
  });
}

async function works(page: Page): Promise<void> {
  const app = new App(page);
  await expect(page.getByLabel('Virtual time')).toHaveText(/\d{4}/);
  expect(await out(app, 'PING')).toBe('PONG');
  // The Lua interpreter is a chunk of its own, loaded after start-up: cached too.
  expect(await out(app, 'EVAL "return 6 * 7" 0')).toBe('(integer) 42');
}

test('after one visit the app reloads and works offline, scripting and lessons included', async ({
  page,
  context,
}) => {
  await page.goto('./');
  await works(page);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await works(page);
  await page.getByRole('tab', { name: 'Docs' }).click();
  await page.getByRole('combobox', { name: 'Lesson' }).selectOption('psetex-basics');
  await expect(page.getByRole('status', { name: 'Docs summary' })).toContainText('steps run');
  await context.setOffline(false);
});

test('dist/ works from a sub-path of a static server, offline too', async ({ page, context }) => {
  const prefix = '/some/deep/path/';
  const server = await staticServer(prefix);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
    await page.goto(url);
    await works(page);
    expect(await controlled(page)).toBe(url);
    await context.setOffline(true);
    await page.goto(`${url}?playground=elsewhere`);
    await works(page);
  } finally {
    await context.setOffline(false);
    server.close();
  }
});
