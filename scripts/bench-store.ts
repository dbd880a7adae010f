import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { startPreview } from './preview.ts';

/**
 * `npm run bench:store` (not a test): what saving the playground costs, in the built app in headless
 * Chromium with a profile on disk. A 10,000-line paste and a 1,000,000-key EVAL, each timed until
 * every key is in the table, with the worker's time spent writing (log records and snapshots, the
 * longest single write) and the size of the snapshot; then a reload, timed until the million keys
 * are back. Prints figures; the README quotes them.
 */

const root = new URL('..', import.meta.url).pathname;

type StorePerf = {
  records: number;
  checkpoints: number;
  lastCheckpointMs: number;
  lastCheckpointBytes: number;
  writeMs: number;
  maxWriteMs: number;
};

async function keys(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) =>
      new RegExp(`\\b${want} keys?\\b`).test(document.querySelector('.status-bar')?.textContent ?? ''),
    n,
    { timeout: 600_000 },
  );
}

async function perf(page: Page): Promise<StorePerf> {
  const worker = page.workers()[0] as Worker;
  return (await worker.evaluate('({ ...self.storePerf })')) as StorePerf;
}

async function run(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
}

function delta(a: StorePerf, b: StorePerf): string {
  return `${b.records - a.records} log records and ${b.checkpoints - a.checkpoints} snapshots written in ${(b.writeMs - a.writeMs).toFixed(0)} ms of worker time (longest write ${b.maxWriteMs.toFixed(0)} ms)`;
}

async function main(): Promise<void> {
  statSync(join(root, 'dist', 'index.html'));
  const preview = await startPreview(root);
  const profile = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const executablePath = chromiumExecutable();
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 720 },
    });
  try {
    let context = await launch();
    let page = await context.newPage();
    await page.goto(preview.url);
    await page.getByText('saved in this browser').waitFor();

    const lines = Array.from({ length: 10_000 }, (_, i) => `PSETEX paste:${i} ${600_000 + i} v${i}`).join(
      '\n',
    );
    const p0 = await perf(page);
    const t0 = Date.now();
    await page.evaluate((text) => {
      const input = document.querySelector('input[aria-label="Command"]') as HTMLInputElement;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, lines);
    await keys(page, 10_000);
    const pasteMs = Date.now() - t0;
    const p1 = await perf(page);
    console.log(`10,000-line paste: every key in the table after ${pasteMs} ms; ${delta(p0, p1)}`);

    await run(page, 'FLUSHALL');
    await keys(page, 0);
    const p2 = await perf(page);
    const t1 = Date.now();
    await run(
      page,
      `EVAL "for i = 1, 1000000 do redis.call('SET', 'm:' .. i, 'v', 'PX', 3600000 + i) end return 1" 0`,
    );
    await keys(page, 1_000_000);
    const evalMs = Date.now() - t1;
    const p3 = await perf(page);
    console.log(
      `1,000,000-key EVAL: every key in the table after ${evalMs} ms; ${delta(p2, p3)}; the snapshot ${(p3.lastCheckpointBytes / 1e6).toFixed(1)} MB, written in ${p3.lastCheckpointMs.toFixed(0)} ms`,
    );

    await context.close();
    context = await launch();
    page = await context.newPage();
    const t2 = Date.now();
    await page.goto(preview.url);
    await page.getByRole('status', { name: 'Restored' }).waitFor({ timeout: 600_000 });
    await keys(page, 1_000_000);
    console.log(
      `reopened with 1,000,000 keys: restored and every key in the table after ${Date.now() - t2} ms`,
    );
    await context.close();
  } finally {
    preview.stop();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
