import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Issue 12: `?embed` in an iframe of another origin, driven by postMessage; its storage kept apart. */

/**
 * A page of another origin that holds the embed in an iframe: a real server on a free port (a
 * routed page would count as a public site, and Chromium keeps public pages from framing 127.0.0.1).
 * It keeps what the playground posts it, from the playground's origin only, in `window.received`.
 */
let host: Server;
let hostOrigin = '';

test.beforeAll(async () => {
  host = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const src = url.searchParams.get('src');
    if (src === null) {
      res.statusCode = 204;
      res.end();
      return;
    }
    const app = new URL(src).origin;
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><title>Host</title>
<iframe id="pg" title="Expiry Playground" src="${src.replace(/"/g, '&quot;')}" width="720" height="440"></iframe>
<script>
  window.received = [];
  addEventListener('message', (e) => { if (e.origin === ${JSON.stringify(app)}) window.received.push(e.data); });
  window.send = (msg) => document.getElementById('pg').contentWindow.postMessage(msg, ${JSON.stringify(app)});
</script>`);
  });
  await new Promise<void>((done) => host.listen(0, 'localhost', done));
  hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((done) => host.close(() => done())));

async function openHost(page: Page, embed: string): Promise<void> {
  await page.goto(`${hostOrigin}/lesson.html?src=${encodeURIComponent(embed)}`);
}

const received = (page: Page) => page.evaluate(() => (window as unknown as { received: unknown[] }).received);
const send = (page: Page, msg: unknown) =>
  page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), msg);

test('an iframe host page drives the embed by postMessage and gets the replies and key events', async ({
  app,
  page,
  baseURL,
}) => {
  await openHost(page, new URL('./?embed', baseURL).toString());
  await expect.poll(() => received(page)).toContainEqual({ type: 'ready' });

  const frame = page.frameLocator('#pg');
  await expect(frame.getByRole('textbox', { name: 'Command' })).toBeVisible();
  await expect(frame.getByRole('table', { name: 'Keys' })).toBeVisible();
  // No chrome: no toolbar, no side panels.
  await expect(frame.getByRole('button', { name: 'Present' })).toHaveCount(0);
  await expect(frame.getByRole('tablist')).toHaveCount(0);

  await send(page, { type: 'run', command: 'PSETEX embedded 5000 "hi"', id: 7 });
  await expect
    .poll(() => received(page))
    .toContainEqual(
      expect.objectContaining({ type: 'reply', command: 'PSETEX embedded 5000 "hi"', text: 'OK\n', id: 7 }),
    );
  await expect
    .poll(() => received(page))
    .toContainEqual(
      expect.objectContaining({ type: 'key', event: 'set', key: 'embedded', cause: 'command' }),
    );
  await expect(frame.getByRole('progressbar', { name: 'TTL of embedded', exact: true })).toBeVisible();
  // What someone types in the embed reaches the host too, marked as typed there.
  await frame.getByRole('textbox', { name: 'Command' }).fill('PTTL embedded');
  await frame.getByRole('textbox', { name: 'Command' }).press('Enter');
  await expect
    .poll(() => received(page))
    .toContainEqual(expect.objectContaining({ type: 'reply', command: 'PTTL embedded', source: 'console' }));

  // A malformed message gets an error naming what was wrong, not a crash.
  await send(page, { type: 'run', command: 42 });
  await expect
    .poll(() => received(page))
    .toContainEqual({ type: 'error', request: 'run', message: 'command must be a string' });
  await send(page, { type: 'reset' });
  await expect(frame.getByRole('progressbar', { name: 'TTL of embedded', exact: true })).toHaveCount(0);
  await send(page, { type: 'run', command: 'SET after-reset 1', id: 'r' });
  await expect
    .poll(() => received(page))
    .toContainEqual(expect.objectContaining({ type: 'reply', text: 'OK\n', id: 'r' }));

  // The embed saved nothing: the full app has no history and no keys from it.
  await page.goto('./');
  await expect(app.command).toBeVisible();
  await expect(app.row('after-reset')).toHaveCount(0);
  await app.command.press('ArrowUp');
  await expect(app.command).toHaveValue('');
});

test("an embed at the app's own origin neither reads nor changes the app's saved state", async ({
  app,
  page,
}) => {
  await app.run('SET mine 1');
  await page.getByRole('combobox', { name: 'Font size' }).selectOption('16');
  const saved = await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  await page.goto('./?embed');
  const command = page.getByRole('textbox', { name: 'Command' });
  await expect(command).toBeVisible();
  await expect(page.getByRole('table', { name: 'Keys' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'mine', exact: true })).toHaveCount(0);
  await command.press('ArrowUp');
  await expect(command).toHaveValue('');
  await command.fill('SET embedded 1');
  await command.press('Enter');
  await expect(page.getByRole('cell', { name: 'embedded', exact: true })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))).toBe(saved);
  await page.goto('./');
  await expect(app.row('mine')).toHaveCount(1);
  await expect(app.row('embedded')).toHaveCount(0);
  await app.command.press('ArrowUp');
  await expect(app.command).toHaveValue('SET mine 1');
});

test('a read-only embed runs only its lesson; messages from anyone but the host are ignored', async ({
  page,
  baseURL,
}) => {
  await openHost(page, new URL('./?embed&readonly&lesson=psetex-basics', baseURL).toString());
  await expect.poll(() => received(page)).toContainEqual({ type: 'ready' });
  const frame = page.frameLocator('#pg');
  await expect(frame.getByRole('table', { name: 'Keys' })).toBeVisible();
  await expect(frame.getByRole('textbox', { name: 'Command' })).toHaveCount(0);
  await expect(frame.getByRole('region', { name: 'Lesson step' })).toContainText('A key with a time to live');

  // The embed's own window is not its host: ignored, no reply, no error.
  await page.frames()[1]?.evaluate(() => window.postMessage({ type: 'run', command: 'SET intruder 1' }, '*'));
  // The host may not type into a read-only embed.
  await send(page, { type: 'run', command: 'SET x 1' });
  await expect
    .poll(() => received(page))
    .toContainEqual(expect.objectContaining({ type: 'error', request: 'run' }));
  await expect(frame.getByRole('button', { name: 'Next step' })).toBeEnabled();
  await frame.getByRole('button', { name: 'Next step' }).click();
  await expect
    .poll(() => received(page))
    .toContainEqual(
      expect.objectContaining({ type: 'reply', command: 'PSETEX greeting 2000 "Hello"', source: 'lesson' }),
    );
  const replies = (await received(page)).filter((m) => (m as { type: string }).type === 'reply');
  expect(replies.map((m) => (m as { command: string }).command)).toEqual(['PSETEX greeting 2000 "Hello"']);
  await expect(frame.getByRole('progressbar', { name: 'TTL of greeting', exact: true })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('embed.png') });
});
