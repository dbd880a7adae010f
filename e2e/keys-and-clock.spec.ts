import { expect, test } from './fixtures.ts';

test('a key appears with a TTL bar that drains while the clock runs and stops when paused', async ({
  app,
  page,
}) => {
  await app.run('PSETEX mykey 20000 "Hello"');
  await expect(app.row('mykey')).toBeVisible();
  const bar = app.ttlBar('mykey');
  await expect(bar).toHaveAttribute('aria-valuemax', '20000');
  const started = Date.now();
  const first = await app.ttlNow('mykey');
  await page.waitForTimeout(600);
  const later = await app.ttlNow('mykey');
  // At 1x the bar drains no faster than real time (a busy machine may stretch the wait itself; the
  // bar may state its value up to 250 ms late).
  const elapsed = Date.now() - started;
  expect(later).toBeLessThan(first);
  expect(later).toBeGreaterThan(first - elapsed - 600);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.waitForTimeout(200);
  const frozen = await app.ttlNow('mykey');
  await page.waitForTimeout(600);
  expect(await app.ttlNow('mykey')).toBe(frozen);

  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await expect.poll(() => app.ttlNow('mykey')).toBe(frozen - 1000);
  expect(await app.run('PTTL mykey')).toBe(`(integer) ${frozen - 1000}\n`);
});

test('"Next expiry" jumps past the deadline: the row goes and GET prints (nil)', async ({ app, page }) => {
  await app.run('SET forever v');
  await app.run('PSETEX mykey 2000 "Hello"');
  await expect(app.row('mykey')).toBeVisible();
  await page.getByRole('button', { name: 'Next expiry' }).click();
  await expect(app.row('mykey')).toContainText('expired by the active cycle');
  await expect(app.row('mykey')).toHaveCount(0);
  await expect(app.row('forever')).toBeVisible();
  expect(await app.run('GET mykey')).toBe('(nil)\n');
});

test('a key read after its deadline is marked as expired on access', async ({ app, page }) => {
  await app.run('DEBUG SET-ACTIVE-EXPIRE 0');
  await app.run('PSETEX lazy 500 v');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await expect(app.row('lazy')).toContainText('expired');
  expect(await app.run('GET lazy')).toBe('(nil)\n');
  await expect(app.row('lazy')).toContainText('expired on access (GET)');
});

test('the clock speed changes how fast TTLs drain', async ({ app, page }) => {
  await page.getByRole('combobox', { name: 'Clock speed' }).selectOption('10');
  await app.run('SET k v EX 100');
  const a = await app.ttlNow('k');
  await page.waitForTimeout(500);
  expect(a - (await app.ttlNow('k'))).toBeGreaterThan(2500);
});

test('filter by pattern and by TTL; select a key and act on it', async ({ app, page }) => {
  await app.run('MSET user:1 a user:2 b other c');
  await app.run('EXPIRE user:1 100');
  await page.getByLabel('Filter keys by pattern').fill('user:*');
  await expect(app.keys.getByRole('row')).toHaveCount(3);
  await page.getByLabel('TTL filter').selectOption('volatile');
  await expect(app.keys.getByRole('row')).toHaveCount(2);
  await page.getByLabel('TTL filter').selectOption('all');
  await page.getByLabel('Filter keys by pattern').fill('*');

  await app.row('user:1').click();
  const details = page.getByRole('complementary', { name: 'Key details' });
  await expect(details).toContainText('embstr');
  await details.getByRole('button', { name: 'Persist' }).click();
  await expect(app.output.locator('.entry').last()).toContainText('PERSIST "user:1"');
  await expect(app.row('user:1')).toContainText('no expiry');
  await details.getByLabel('Expire in').fill('30');
  await details.getByRole('button', { name: 'Expire', exact: true }).click();
  await expect(app.ttlBar('user:1')).toHaveAttribute('aria-valuemax', '30000');
  await details.getByRole('button', { name: 'Delete' }).click();
  await expect(app.output.locator('.entry').last()).toContainText('(integer) 1');
  await expect(app.row('user:1')).toHaveCount(0);
});
