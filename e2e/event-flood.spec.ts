import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

test('one command making 30,000 events: every one reaches the log, in order, with exact counts', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  // 15,000 new keys: a `new` and a `set` event each (the loop takes seconds on a busy machine).
  await app.command.fill(`EVAL "for i=1,15000 do redis.call('SET','k'..i,i) end" 0`);
  await app.command.press('Enter');
  await expect(app.output.locator('.entry[data-entry="0"] .entry-output')).toHaveText('(nil)', {
    timeout: 60_000,
  });
  await page.getByRole('tab', { name: 'Events' }).click();
  const rows = page.getByRole('table', { name: 'Logged events' });
  await expect(rows).toHaveAttribute('aria-rowcount', '30000', { timeout: 30_000 });
  await expect(page.getByText(/shown of/)).toHaveText('new 15,000 · set 15,000 — 30,000 shown of 30,000');

  // The oldest are there too: scrolled to the top, the first row is the first key's `new`.
  const log = page.getByRole('log', { name: 'Keyspace events' });
  await log.evaluate((el) => {
    el.scrollTop = 0;
  });
  const first = rows.locator('tr[aria-rowindex="1"]');
  await expect(first.getByRole('cell', { name: 'new', exact: true })).toBeVisible();
  await expect(first.getByRole('cell', { name: 'k1', exact: true })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(await readFile((await (await download).path()) as string, 'utf8')) as {
    event: string;
    key: string;
  }[];
  const expected = Array.from({ length: 15_000 }, (_, i) => [`new k${i + 1}`, `set k${i + 1}`]).flat();
  expect(exported.map((e) => `${e.event} ${e.key}`)).toEqual(expected);
});
