import { expect, test } from './fixtures.ts';

test('the PSETEX lesson replays: every step passes and the key leaves the table', async ({ app, page }) => {
  await page.getByRole('tab', { name: 'Docs' }).click();
  await page.getByLabel('Open a lesson').selectOption('psetex-basics');
  const docs = page.getByRole('region', { name: 'Docs' });
  await expect(docs.getByRole('region', { name: 'Lesson' })).toContainText('PSETEX greeting 2000 "Hello"');

  await page.getByLabel('Wait speed').selectOption('paced');
  await docs.getByRole('button', { name: 'Step' }).click();
  await expect(app.row('greeting')).toBeVisible();
  await expect(app.ttlBar('greeting')).toHaveAttribute('aria-valuemax', '2000');

  // Paced waits: the 2 s wait plays in 2 s, the ten-minute one in 3 s, so the whole lesson runs in
  // seconds; the clock runs again afterwards.
  await docs.getByRole('button', { name: 'Run all' }).click();
  const summary = page.getByRole('status', { name: 'Docs summary' });
  await expect(app.row('greeting')).toHaveCount(0, { timeout: 10_000 });
  await expect(summary).toContainText(
    '31 passed, 0 failed, 0 not comparable, 0 unsupported, 0 without expectation',
    { timeout: 20_000 },
  );
  await expect(summary).toContainText('of 33 steps run');
  await expect(docs.locator('.verdict-fail')).toHaveCount(0);
  await expect(docs.locator('.verdict-pass')).toHaveCount(31);

  // Each command the page ran is in the console too, the newest in view.
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(app.output.getByText('docs › SET k v EX 0')).toBeInViewport();
});

test('a page opened from the URL, with a wrong expectation, shows a diff', async ({ page }) => {
  await page.goto('./?lesson=expire-options');
  const docs = page.getByRole('region', { name: 'Docs' });
  await expect(docs.getByRole('region', { name: 'Lesson' })).toContainText('EXPIRE report 100 XX');
  await docs.getByRole('button', { name: 'Paste a page…' }).click();
  await page
    .getByLabel('Page text')
    .fill('### Wrong\n\n```cli\nredis> SET a 1\nOK\nredis> INCR a\n(integer) 3\n```\n');
  await docs.getByRole('button', { name: 'Open pasted page' }).click();
  await docs.getByRole('button', { name: 'Run all' }).click();
  await expect(page.getByRole('status', { name: 'Docs summary' })).toContainText('1 passed, 1 failed');
  await expect(docs.locator('.doc-diff')).toContainText('- (integer) 3');
  await expect(docs.locator('.doc-diff')).toContainText('+ (integer) 2');
});

test('a link to a lesson that does not exist says so and lists the lessons', async ({ page }) => {
  await page.goto('./?lesson=nope');
  const alert = page.getByRole('region', { name: 'Docs' }).getByRole('alert');
  await expect(alert).toContainText('There is no lesson "nope"');
  await expect(alert).toContainText('psetex-basics');
});

test('a ?doc= page that cannot be fetched explains why and offers a file or paste', async ({ page }) => {
  await page.goto(`./?doc=${encodeURIComponent('http://127.0.0.1:9/page.md')}`);
  const alert = page.getByRole('region', { name: 'Docs' }).getByRole('alert');
  await expect(alert).toContainText('does not allow other sites to read its pages');
  await expect(alert).toContainText('Open file…');
});
