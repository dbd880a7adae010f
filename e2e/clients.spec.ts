import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/**
 * Several clients: console tabs with connections of their own, side by side; a subscriber that
 * hears `expired` when the key is removed; a blocked BLPOP woken by a push from the other tab.
 */

/** The console of a tab shown on the right in the split view. */
function side(page: Page, label: string) {
  const pane = page.getByRole('region', { name: label, exact: true });
  return {
    command: pane.getByRole('textbox', { name: `${label} command`, exact: true }),
    output: pane.getByRole('log', { name: `${label} output`, exact: true }),
    pane,
  };
}

/** "+" opens Client 2 and shows it; Client 1 is then picked again, so a split shows Client 2 beside it. */
async function openSecondClient(page: Page): Promise<void> {
  await page.getByRole('button', { name: '+', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Client 2' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Client 1' }).click();
}

async function type(command: Locator, line: string): Promise<void> {
  await command.fill(line);
  await command.press('Enter');
}

test('client tabs are separate connections, and two can be watched side by side', async ({ app, page }) => {
  await expect(page.getByRole('tab', { name: 'Client 1' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: '+', exact: true }).click();
  const second = page.getByRole('tab', { name: 'Client 2' });
  // A new tab is shown at once, as a browser's is.
  await expect(second).toHaveAttribute('aria-selected', 'true');
  expect(await app.run('SELECT 4')).toBe('OK\n');
  const id2 = await app.run('CLIENT ID');
  await expect(page.locator('.console-input .prompt')).toContainText('Client 2');
  await expect(page.locator('.console-input .prompt')).toContainText('127.0.0.1:6379[4]>');
  await page.getByRole('tab', { name: 'Client 1' }).click();
  await expect(page.locator('.console-input .prompt')).toContainText('127.0.0.1:6379>');
  expect(await app.run('CLIENT ID')).not.toBe(id2);

  await page.getByRole('button', { name: 'Split' }).click();
  await expect(page.getByRole('button', { name: 'Split' })).toHaveAttribute('aria-pressed', 'true');
  const right = side(page, 'Client 2');
  await type(right.command, 'SET shared 1');
  await expect(right.output).toContainText('OK');
  // Client 2 is on database 4: the key is not in Client 1's.
  expect(await app.run('EXISTS shared')).toBe('(integer) 0\n');
});

test('a subscriber console receives expired when the key is removed', async ({ app, page }) => {
  await openSecondClient(page);
  await page.getByRole('button', { name: 'Split' }).click();
  const subscriber = side(page, 'Client 2');
  await type(subscriber.command, 'SUBSCRIBE __keyevent@0__:expired');
  await expect(subscriber.output).toContainText('Reading messages... (press Ctrl-C to quit)');
  await expect(subscriber.output).toContainText('1) "subscribe"');
  await expect(subscriber.command).toHaveAttribute('readonly', '');
  expect(await app.run('CONFIG SET notify-keyspace-events Ex')).toBe('OK\n');
  expect(await app.run('SET session:1 v PX 400')).toBe('OK\n');
  await expect(subscriber.output).toContainText('1) "message"\n2) "__keyevent@0__:expired"\n3) "session:1"', {
    timeout: 15_000,
  });
  await subscriber.command.press('Control+C');
  await expect(subscriber.output).toContainText('^C');
  await expect(subscriber.command).not.toHaveAttribute('readonly', '');
});

test('a blocked client shows how long it waits and wakes on a push from the other tab', async ({
  app,
  page,
}) => {
  await openSecondClient(page);
  await page.getByRole('button', { name: 'Split' }).click();
  const worker = side(page, 'Client 2');
  await type(worker.command, 'BLPOP jobs 0');
  await expect(worker.pane.getByRole('status', { name: 'Client 2 is blocked' })).toContainText(
    'BLPOP jobs 0',
  );
  await expect(worker.pane.getByRole('progressbar', { name: 'Blocked for' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Client 2' })).toHaveClass(/tab-blocked/);
  expect(await app.run('RPUSH jobs job-1')).toBe('(integer) 1\n');
  await expect(worker.output).toContainText('1) "jobs"\n2) "job-1"');
  await expect(worker.pane.getByRole('progressbar', { name: 'Blocked for' })).toHaveCount(0);
  expect(await app.run('LLEN jobs')).toBe('(integer) 0\n');

  await type(worker.command, 'BRPOP jobs 30');
  const bar = worker.pane.getByRole('progressbar', { name: 'Blocked for' });
  await expect(bar).toBeVisible();
  const first = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(first);
  await worker.command.press('Control+C');
  await expect(worker.output).toContainText('^C');
  await expect(bar).toHaveCount(0);
});
