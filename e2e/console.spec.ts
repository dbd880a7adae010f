import { expect, test } from './fixtures.ts';

test('the PSETEX seed examples answer exactly like redis-cli', async ({ app, page }) => {
  // Virtual time stands still, so a busy machine cannot let the 2 s run out between two lines;
  // DEBUG SLEEP still moves it.
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await app.run('PSETEX mykey 2000 "Hello"')).toBe('OK\n');
  expect(await app.run('GET mykey')).toBe('"Hello"\n');
  expect(await app.run('PSETEX session:12345 1800000 "user_data"')).toBe('OK\n');
  expect(await app.run('GET session:12345')).toBe('"user_data"\n');
  expect(await app.run('PSETEX search_results:user42 300000 "search results data"')).toBe('OK\n');
  expect(await app.run('GET search_results:user42')).toBe('"search results data"\n');
  expect(await app.run('DEBUG SLEEP 2.001')).toBe('OK\n');
  expect(await app.run('GET mykey')).toBe('(nil)\n');
});

test('bad input gets the exact Redis error, styled apart', async ({ app }) => {
  expect(await app.run('PSETEX k 0 v')).toBe("(error) ERR invalid expire time in 'psetex' command\n");
  await expect(app.output.locator('.entry').last()).toHaveClass(/error/);
  expect(await app.run('set q "unterminated')).toBe('Invalid argument(s)\n');
  expect(await app.run('NOSUCH a')).toBe(
    "(error) ERR unknown command 'NOSUCH', with args beginning with: 'a' \n",
  );
});

test('Lua scripts run in the worker, with Redis 7.0 errors, and their writes reach the key table', async ({
  app,
}) => {
  expect(await app.run('EVAL "return ARGV[1]" 0 hello')).toBe('"hello"\n');
  expect(
    await app.run("EVAL \"redis.call('SET', KEYS[1], ARGV[1], 'PX', 60000) return 7 / 2\" 1 lua:key v"),
  ).toBe('(integer) 3\n');
  await expect(app.keys.getByRole('row', { name: /lua:key/ })).toBeVisible();
  expect(await app.run('EVAL "return foo" 0')).toBe(
    "(error) ERR user_script:1: Script attempted to access nonexistent global variable 'foo' script: 47e30a5d10d5694f99208f9adc4fe3bf2450edbd, on @user_script:1.\n",
  );
  expect(await app.run('EVAL "return tostring(10 / 2)" 0')).toBe('"5"\n');
});

test('history with arrow keys survives a reload; hints and autocomplete come from the command table', async ({
  app,
  page,
}) => {
  await app.run('SET a 1');
  await app.run('GET a');
  await app.command.press('ArrowUp');
  await expect(app.command).toHaveValue('GET a');
  await app.command.press('ArrowUp');
  await expect(app.command).toHaveValue('SET a 1');
  await app.command.press('ArrowDown');
  await expect(app.command).toHaveValue('GET a');

  await app.command.fill('PSETEX ');
  await expect(page.locator('#console-hint')).toHaveText('key milliseconds value');
  await app.command.fill('PSETEX mykey ');
  await expect(page.locator('#console-hint')).toHaveText('milliseconds value');

  await app.command.fill('PSE');
  await expect(page.getByRole('listbox', { name: 'Command suggestions' })).toContainText('PSETEX');
  await app.command.press('Tab');
  await expect(app.command).toHaveValue('PSETEX ');

  const help = await app.run('HELP PSETEX');
  expect(help).toContain('PSETEX key milliseconds value');
  expect(help).toContain('since: 2.6.0');

  await page.reload();
  await expect(app.command).toBeVisible();
  await app.command.press('ArrowUp');
  await expect(app.command).toHaveValue('HELP PSETEX');
});

test('clear and Ctrl+L empty the console', async ({ app }) => {
  await app.run('PING');
  await app.command.fill('clear');
  await app.command.press('Enter');
  await expect(app.output.locator('.entry')).toHaveCount(0);
  await app.run('PING');
  await app.command.press('Control+l');
  await expect(app.output.locator('.entry')).toHaveCount(0);
});

test('a paste of 1,000 lines runs every line in order', async ({ app, page }) => {
  const lines = Array.from({ length: 1000 }, (_, i) => `RPUSH pasted ${i}`);
  await app.command.focus();
  await page.evaluate(
    (text) => {
      const input = document.querySelector('input[aria-label="Command"]') as HTMLInputElement;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    },
    `${lines.join('\n')}\n`,
  );
  await expect(app.row('pasted')).toBeVisible();
  expect(await app.run('LLEN pasted')).toBe('(integer) 1000\n');
  expect(await app.run('LINDEX pasted -1')).toBe('"999"\n');
  expect(await app.run('LRANGE pasted 0 2')).toBe('1) "0"\n2) "1"\n3) "2"\n');
});

test('text from users stays text: markup in keys and values is inert', async ({ app, page }) => {
  const key = '<img src=x onerror="window.__pwned=1">';
  expect(await app.run(`SET '${key}' "<script>window.__pwned=2</script><b>bold</b>"`)).toBe('OK\n');
  await expect(app.row(key)).toBeVisible();
  await expect(app.row(key)).toContainText('"<script>window.__pwned=2</script><b>bold</b>"');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
});

test('help is information, not an error; the console shows its newest entry when its tab comes back', async ({
  app,
  page,
}) => {
  await app.run('HELP PSETEX');
  await app.run('help');
  const entries = app.output.locator('.entry');
  await expect(entries.nth(0)).not.toHaveClass(/\berror\b/);
  await expect(entries.nth(1)).not.toHaveClass(/\berror\b/);
  expect(await app.run('NOSUCHCOMMAND')).toContain('(error) ERR unknown command');
  await expect(entries.nth(2)).toHaveClass(/\berror\b/);

  await app.run(Array.from({ length: 60 }, (_, i) => `SET k${i} v`).join('\n'));
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await app.command.fill('ECHO "the newest line"');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await app.command.press('Enter');
  await page.getByRole('tab', { name: 'Expiry' }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(app.output.getByText('"the newest line"', { exact: true })).toBeInViewport();
});
