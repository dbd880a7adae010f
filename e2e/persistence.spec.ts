import { expect, test } from '@playwright/test';
import { out, Profile, saving } from './persistent.ts';

/**
 * The playground survives reloads and killed tabs (issue 11): the worker writes each change to the
 * origin private file system before the console shows it, and the clock resumes where it was.
 */

// Each test launches whole browsers with profiles on disk: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

let profile: Profile;
test.beforeEach(({ baseURL }) => {
  profile = new Profile(baseURL as string);
});
test.afterEach(async () => {
  await profile.dispose();
  expect(profile.problems).toEqual([]);
});

test('a reload brings back keys, values, PTTLs, CONFIG and the clock', async () => {
  const { page, app } = await profile.open();
  await saving(page);
  await app.run('SET greeting hello');
  await app.run('PSETEX short 600000 x');
  await app.run('SELECT 2');
  await app.run('HSET h f v');
  await app.run('CONFIG SET hz 20');
  const clock = page.getByRole('toolbar', { name: 'Clock' });
  await clock.getByRole('button', { name: 'Pause' }).click();
  await expect(clock.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await app.run('SELECT 0');
  const pttl = await out(app, 'PTTL short');
  expect(pttl).toMatch(/^\(integer\) 5\d{5}$/);
  await app.run('SELECT 2');
  const time = await page.getByLabel('Virtual time').textContent();

  await page.reload();
  await expect(page.getByRole('status', { name: 'Restored' })).toContainText(
    /Restored: 3 keys, clock resumed at .* \(paused, 1×\)/,
  );
  await expect(page.getByLabel('Virtual time')).toHaveText(time as string);
  await expect(app.output).toContainText('PSETEX short 600000 x');
  expect(await out(app, 'HGET h f')).toBe('"v"');
  expect(await out(app, 'SELECT 0')).toBe('OK');
  expect(await out(app, 'PTTL short')).toBe(pttl);
  expect(await out(app, 'GET greeting')).toBe('"hello"');
  expect(await out(app, 'CONFIG GET hz')).toBe('1) "hz"\n2) "20"');
});

test('a tab killed right after a reply loses nothing it showed', async () => {
  const { page, app } = await profile.open();
  await saving(page);
  await app.run('SET first 1');
  await app.run('RPUSH list a b c');
  // The last reply is on screen; the tab dies at once (no unload, no beforeunload).
  expect(await out(app, 'SET last "shown just before the crash" EX 3600')).toBe('OK');
  const crashed = page.waitForEvent('crash');
  const cdp = await page.context().newCDPSession(page);
  void cdp.send('Page.crash').catch(() => {});
  await crashed;
  await profile.close();

  const again = await profile.open();
  await expect(again.page.getByRole('status', { name: 'Restored' })).toContainText('3 keys');
  expect(await out(again.app, 'GET last')).toBe('"shown just before the crash"');
  expect(await out(again.app, 'LRANGE list 0 -1')).toBe('1) "a"\n2) "b"\n3) "c"');
  const ttl = Number((await out(again.app, 'TTL last')).replace('(integer) ', ''));
  // Within the time the relaunch took on a busy machine (the clock ran while the tab was open).
  expect(ttl).toBeGreaterThan(3400);
});

test('a second tab asks, takes over, and the first one stops saving', async () => {
  const first = await profile.open();
  await saving(first.page);
  await first.app.run('SET owner first-tab');
  const second = await profile.open();
  const ask = second.page.getByRole('dialog', { name: 'This playground is open in another tab' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Take over here' }).click();
  await expect(second.page.getByRole('status', { name: 'Restored' })).toContainText('1 key');
  expect(await out(second.app, 'GET owner')).toBe('"first-tab"');
  await expect(
    first.page.getByRole('dialog', { name: 'Another tab took this playground over' }),
  ).toBeVisible();
});

test('Reset playground asks first, then empties everything for good', async () => {
  const { page, app } = await profile.open();
  await saving(page);
  await app.run('SET k v');
  await page.getByRole('button', { name: 'Reset playground' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the playground?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await out(app, 'EXISTS k')).toBe('(integer) 1');
  await page.getByRole('button', { name: 'Reset playground' }).click();
  await dialog.getByRole('button', { name: 'Reset' }).click();
  expect(await out(app, 'DBSIZE')).toBe('(integer) 0');
  await page.reload();
  await expect(page.getByLabel('Virtual time')).toHaveText(/\d{4}/);
  expect(await out(app, 'DBSIZE')).toBe('(integer) 0');
});

test('an unreadable store gives its message and a working playground', async () => {
  const { page, app } = await profile.open();
  await saving(page);
  await app.run('SET k v');
  // Another playground's tab, so nothing holds the default one's files; then damage them.
  await page.goto('./?playground=scratch');
  await saving(page);
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await (await root.getDirectoryHandle('playgrounds')).getDirectoryHandle('main');
    for (const name of ['snapshot-a.bin', 'snapshot-b.bin']) {
      const w = await (await dir.getFileHandle(name)).createWritable();
      await w.write(new Uint8Array([0, 0, 0, 7, 0, 0, 0, 5, 1, 2, 3, 4, 5]));
      await w.close();
    }
  });
  await page.goto('./');
  await expect(page.getByRole('status', { name: 'Restored' })).toContainText(
    'The saved playground could not be read',
  );
  expect(await out(app, 'EXISTS k')).toBe('(integer) 0');
  expect(await out(app, 'SET fresh start')).toBe('OK');
});
