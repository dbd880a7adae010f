import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.ts';

test('the thousand-keys lesson runs; the log shows lazy expiry caused by GET and active expiry by cycle', async ({
  app,
  page,
}) => {
  await page.goto('./?lesson=thousand-keys');
  const docs = page.getByRole('region', { name: 'Docs' });
  await expect(docs.getByRole('region', { name: 'Lesson' })).toContainText('DEBUG SET-ACTIVE-EXPIRE 0');
  await page.getByLabel('Wait speed').selectOption('skip');
  await docs.getByRole('button', { name: 'Run all' }).click();
  const summary = page.getByRole('status', { name: 'Docs summary' });
  await expect(summary).toContainText('11 passed, 0 failed, 0 not comparable, 0 unsupported', {
    timeout: 30_000,
  });

  await page.getByRole('tab', { name: 'Events' }).click();
  const log = page.getByRole('log', { name: 'Keyspace events' });
  await page.getByLabel('Event filter').selectOption('expired');
  await page.getByLabel('Key pattern').fill('temp:1');
  await expect(log.getByText('lazy, on access by GET')).toBeVisible();
  await page.getByLabel('Key pattern').fill('temp:1000');
  await expect(log.getByText(/^active cycle #\d+$/)).toBeVisible();
  // Exact counts, whatever the log keeps: a thousand sets, a thousand expired.
  await expect(page.getByLabel('Event filter').locator('option', { hasText: 'expired (1,000)' })).toHaveCount(
    1,
  );
  await expect(page.getByLabel('Event filter').locator('option', { hasText: 'set (1,000)' })).toHaveCount(1);
  // And nothing was lost on the way: every event of the lesson is in the log.
  await page.getByLabel('Event filter').selectOption('');
  await page.getByLabel('Key pattern').fill('*');
  await expect(page.getByText(/shown of/)).toHaveText(/— ([\d,]+) shown of \1$/);
  const kept = (await page.getByText(/shown of/).textContent())?.match(/— ([\d,]+) shown/)?.[1];
  await expect(page.getByRole('table', { name: 'Logged events' })).toHaveAttribute(
    'aria-rowcount',
    String(Number(kept?.replace(/,/g, ''))),
  );

  // The timeline drew a bar per key, and says how they went.
  const plot = page.getByRole('img', { name: /^Lifetimes of 1000 keys/ });
  await expect(plot).toHaveAttribute('data-bars', '1000');
  await expect(plot).toHaveAttribute('aria-label', /1000 removed \(997 active, 3 lazy\)/);
  await expect(app.keys).toHaveAttribute('aria-rowcount', '1'); // the header only
});

test('switching active expiry off stops active removals; the stats count the stale keys', async ({
  app,
  page,
}) => {
  await page.getByRole('tab', { name: 'Expiry' }).click();
  const panel = page.getByRole('region', { name: 'Active expiry' });
  await panel.getByRole('checkbox', { name: 'Active expiry' }).uncheck();
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(app.output).toContainText('DEBUG SET-ACTIVE-EXPIRE 0');
  expect(await app.run('PSETEX s1 100 v')).toBe('OK\n');
  expect(await app.run('PSETEX s2 100 v')).toBe('OK\n');
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await page.getByRole('tab', { name: 'Expiry' }).click();
  const stats = panel.getByRole('table', { name: 'INFO expiry figures' });
  await expect(stats.getByRole('row', { name: 'stale keys 2' })).toBeVisible();
  await expect(stats.getByRole('row', { name: 'expired_keys 0' })).toBeVisible();
  // Stale, not removed: still in the key table.
  await expect(app.row('s1')).toBeVisible();

  await panel.getByRole('checkbox', { name: 'Active expiry' }).check();
  await expect(stats.getByRole('row', { name: 'expired_keys 2' })).toBeVisible({ timeout: 5000 });
  await expect(stats.getByRole('row', { name: 'stale keys 0' })).toBeVisible();
  await expect(
    panel.getByRole('img', { name: /Recent active expiry cycles: \d+ recorded, 2 keys expired/ }),
  ).toBeVisible();
  await expect(panel.getByRole('article', { name: 'Cycle detail' })).toContainText('expired');
  await expect(panel.getByRole('list', { name: 'Sampled keys' })).toContainText(/s[12]/);
});

test('hz and active-expire-effort controls run CONFIG SET and follow CONFIG SET typed in the console', async ({
  app,
  page,
}) => {
  await page.getByRole('tab', { name: 'Expiry' }).click();
  const hz = page.getByRole('spinbutton', { name: 'hz' });
  await expect(hz).toHaveValue('10');
  await hz.fill('50');
  await hz.press('Enter');
  await page.getByLabel('active-expire-effort').selectOption('4');
  await page.getByRole('tab', { name: 'Console' }).click();
  expect(await app.run('CONFIG GET hz')).toBe('1) "hz"\n2) "50"\n');
  expect(await app.run('CONFIG GET active-expire-effort')).toBe('1) "active-expire-effort"\n2) "4"\n');
  await app.run('CONFIG SET hz 25');
  await page.getByRole('tab', { name: 'Expiry' }).click();
  await expect(hz).toHaveValue('25');
});

test('the event log filters, clears on FLUSHALL unless preserved, and exports CSV', async ({ app, page }) => {
  await app.run('SET user:1 a');
  await app.run('EXPIRE user:1 100');
  await app.run('SET "odd,key" b');
  await page.getByRole('tab', { name: 'Events' }).click();
  const log = page.getByRole('log', { name: 'Keyspace events' });
  // new + set, expire, new + set
  await expect(log).toHaveAttribute('data-count', '5');
  await page.getByLabel('Event filter').selectOption('expire');
  await expect(log).toHaveAttribute('data-count', '1');
  await page.getByLabel('Event filter').selectOption('');
  await page.getByLabel('Key pattern').fill('odd*');
  await expect(log).toHaveAttribute('data-count', '2');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = (await readFile((await (await download).path()) as string, 'utf8')).split('\r\n');
  expect(csv[0]).toBe('time,ms,db,event,key,cause');
  // The cause is the line as typed (quotes and all), CSV-quoted.
  expect(csv[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,0,new,"odd,key","SET ""odd,key"" b"$/);
  expect(csv[2]).toMatch(/,0,set,"odd,key","SET ""odd,key"" b"$/);
  expect(csv.length).toBe(4);

  await page.getByLabel('Key pattern').fill('*');
  await page.getByRole('checkbox', { name: 'Preserve log' }).check();
  await page.getByRole('tab', { name: 'Console' }).click();
  await app.run('FLUSHALL');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(log).toHaveAttribute('data-count', '5');
  await page.getByRole('checkbox', { name: 'Preserve log' }).uncheck();
  await page.getByRole('tab', { name: 'Console' }).click();
  await app.run('SET x 1');
  await app.run('FLUSHALL');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(log).toHaveAttribute('data-count', '0');
});
