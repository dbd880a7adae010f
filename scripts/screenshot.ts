import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { startPreview } from './preview.ts';

/**
 * `npm run screenshot`: the README's pictures, taken by Playwright from the built app: the app
 * (docs/screenshot.png), presentation mode (docs/presentation.png) and an embed in a host page of
 * another origin (docs/embed.png). `--only=presentation,embed` takes some of them.
 */
const root = new URL('..', import.meta.url).pathname;
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (name: string) => !only || only.includes(name);

async function typeLines(page: Page, lines: readonly string[]): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.waitFor();
  for (const line of lines) {
    await input.fill(line);
    await input.press('Enter');
  }
}

async function app(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(url);
  // The picture is of the workspace; the first visit's welcome would take a third of it.
  await page.getByRole('button', { name: 'Close welcome' }).click();
  await typeLines(page, [
    'PSETEX flash:1 700 a',
    'PSETEX flash:2 1100 b',
    'PSETEX flash:3 1500 c',
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
  ]);
  await page.waitForTimeout(2300);
  await typeLines(page, ['GET mykey']);
  await page.getByRole('cell', { name: 'cart:user123', exact: true }).click();
  await page.getByRole('textbox', { name: 'Command' }).fill('PEXPIRE cart:user123 ');
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(root, 'docs/screenshot.png') });
  await page.close();
}

/** A lesson two steps in, with keys of the room's own, at 1920×1080 (shown at half size). */
async function presentation(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 0.5 });
  await page.goto(`${url}?present&lesson=psetex-basics`);
  const next = page.getByRole('button', { name: 'Next step' });
  await next.waitFor();
  await page.waitForFunction(() => !document.querySelector('button[aria-label="Next step"]:disabled'));
  await next.click();
  await page.waitForTimeout(300);
  await typeLines(page, ['SET session:alice "cart=3" EX 1800', 'PSETEX flash 9000 "gone soon"']);
  await next.click();
  await page.waitForTimeout(2500);
  await page.locator('body').click({ position: { x: 2, y: 1070 } });
  await page.screenshot({ path: join(root, 'docs/presentation.png') });
  await page.close();
}

/** `?embed` in a page of another origin, after the host page ran a few commands through the API. */
async function embed(browser: Browser, url: string): Promise<void> {
  const appOrigin = new URL(url).origin;
  const host = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><meta charset="utf-8"><title>A doc page</title>
<body style="font: 15px/1.5 system-ui, sans-serif; margin: 24px 32px; background: #fafafa; color: #222">
<h2 style="margin: 0 0 4px">Sliding sessions</h2>
<p style="margin: 0 0 12px">Each request writes the session again with a fresh 30-minute lifetime. Try it below.</p>
<iframe id="pg" title="Expiry Playground" src="${url}?embed" width="760" height="330" style="border: 1px solid #ccc; border-radius: 6px"></iframe>
<script>
  const frame = document.getElementById('pg');
  const lines = ['PSETEX session:4711 1800000 "cart=3"', 'SET page:home "<h1>Hi</h1>" EX 30', 'PSETEX flash 4000 "gone soon"', 'TTL session:4711'];
  addEventListener('message', (e) => {
    if (e.origin !== ${JSON.stringify(appOrigin)} || e.data.type !== 'ready') return;
    for (const command of lines) frame.contentWindow.postMessage({ type: 'run', command }, ${JSON.stringify(appOrigin)});
  });
</script>`);
  });
  await new Promise<void>((done) => host.listen(0, 'localhost', done));
  try {
    const page = await browser.newPage({ viewport: { width: 840, height: 460 }, deviceScaleFactor: 1 });
    await page.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
    await page.frameLocator('#pg').getByRole('cell', { name: 'session:4711', exact: true }).waitFor();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: join(root, 'docs/embed.png') });
    await page.close();
  } finally {
    host.close();
  }
}

const preview = await startPreview(root);
try {
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
  if (wanted('app')) await app(browser, preview.url);
  if (wanted('presentation')) await presentation(browser, preview.url);
  if (wanted('embed')) await embed(browser, preview.url);
  await browser.close();
  console.log('wrote the README pictures in docs/');
} finally {
  preview.stop();
}
