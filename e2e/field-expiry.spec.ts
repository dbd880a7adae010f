import { expect, test } from './fixtures.ts';

test('the Compatibility box switches the server: commands, INFO and the prompt follow, and it is kept', async ({
  app,
  page,
}) => {
  const compat = page.getByRole('combobox', { name: 'Compatibility' });
  await expect(compat).toHaveValue('redis-7.0');
  expect(await app.run('HEXPIRE h 10 FIELDS 1 f')).toMatch(/unknown command 'HEXPIRE'/);
  await compat.selectOption('redis-7.4');
  await expect(page.getByText('redis-7.4 127.0.0.1:6379>')).toBeVisible();
  expect(await app.run('INFO server')).toContain('redis_version:7.4.1');
  await compat.selectOption('dragonfly');
  expect(await app.run('INFO server')).toMatch(/redis_version:7\.4\.0\s+dragonfly_version:df-v1\./);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Compatibility' })).toHaveValue('dragonfly');
  await expect(page.getByLabel('Virtual time')).toHaveText(/\d{4}-\d\d-\d\d/);
  // The saved transcript comes back first: the next line is numbered after it.
  await expect(app.output).not.toHaveAttribute('data-count', '0');
  expect(await app.run('HSETEX s 100 f v')).toBe('(integer) 1\n');
});

test("a field's bar drains in the details and its row updates when the field expires", async ({
  app,
  page,
}) => {
  await page.getByRole('combobox', { name: 'Compatibility' }).selectOption('redis-7.4');
  // The clock stands still while the fields are set, so a slow machine cannot let them run out.
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await app.run('HSET session user alice phone p1 laptop l1')).toBe('(integer) 3\n');
  expect(await app.run('HPEXPIRE session 5000 FIELDS 1 phone')).toBe('1) (integer) 1\n');
  expect(await app.run('HEXPIRE session 600 FIELDS 1 laptop')).toBe('1) (integer) 1\n');

  const row = app.row('session');
  await expect(row.getByRole('note')).toHaveText('2 fields');
  await row.click();
  const details = page.getByRole('complementary', { name: 'Key details' });
  const phone = details.getByRole('progressbar', { name: 'Time left on field "phone"' });
  await expect(phone).toHaveAttribute('aria-valuenow', '5000');
  await expect(details.getByRole('progressbar', { name: 'Time left on field "laptop"' })).toBeVisible();

  // The bar drains as the clock moves.
  await page.getByRole('button', { name: 'Step 1 s' }).click();
  await expect(phone).toHaveAttribute('aria-valuenow', '4000');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number(await phone.getAttribute('aria-valuenow')), { timeout: 5000 })
    .toBeLessThan(4000);

  // Past phone's deadline the active cycle's field pass reclaims it: the row and the details follow.
  await page.getByRole('button', { name: 'Step 10 s' }).click();
  await expect(row.getByRole('note')).toHaveText('1 field');
  await expect(phone).toHaveCount(0);
  expect(await app.run('HTTL session FIELDS 2 phone laptop')).toMatch(
    /^1\) \(integer\) -2\n2\) \(integer\) \d+\n$/,
  );

  // The timeline shows the selected key's fields (phone's ended by the active cycle, laptop's runs);
  // toggled off, every key's lifetimes (none here: the hash itself has no TTL).
  const timeline = page.getByRole('region', { name: 'Lifetime timeline' });
  await timeline.getByRole('button', { name: 'Fields of session' }).click();
  await expect(timeline.getByRole('img')).toHaveAttribute(
    'aria-label',
    'Lifetimes of 2 fields of session: 1 live, 0 stale, 1 removed (1 active, 0 lazy)',
  );
  await timeline.getByRole('button', { name: 'Fields of session' }).click();
  await expect(timeline.getByRole('img')).toHaveAttribute('aria-label', 'No keys with a TTL yet');

  await page.getByRole('tab', { name: 'Events' }).click();
  const log = page.getByRole('log', { name: 'Keyspace events' });
  await page.getByLabel('Event filter').selectOption({ label: 'hexpired (1)' });
  await expect(log.getByText(/^active cycle #\d+$/)).toBeVisible();
  await page.getByRole('tab', { name: 'Expiry' }).click();
  const stats = page.getByRole('table', { name: 'INFO expiry figures' });
  await expect(stats.getByRole('row', { name: 'fields reclaimed 1' })).toBeVisible();
});
