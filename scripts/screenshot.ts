import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { startPreview } from './preview.ts';

/** `npm run screenshot`: the README's picture, taken by Playwright from the built app. */
const root = new URL('..', import.meta.url).pathname;

const preview = await startPreview(root);
try {
  const executablePath = chromiumExecutable();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(preview.url);
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.waitFor();
  const lines = [
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
  preview.stop();
}
