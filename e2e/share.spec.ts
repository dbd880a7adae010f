import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { out, Profile, saving } from './persistent.ts';

/** Share links, scenario files and exports (issue 11), each opened in a fresh browser profile. */

// Each test launches whole browsers with profiles on disk: slow on a busy machine.
test.describe.configure({ timeout: 180_000 });

const profiles: Profile[] = [];
function profile(baseURL: string | undefined): Profile {
  const p = new Profile(baseURL as string);
  profiles.push(p);
  return p;
}
test.afterEach(async () => {
  for (const p of profiles.splice(0)) {
    await p.dispose();
    expect(p.problems).toEqual([]);
  }
});

test('a share link opened in a fresh profile gives the same keys, values and TTLs', async ({ baseURL }) => {
  const { page, app } = await profile(baseURL).open();
  await saving(page);
  await app.run('SET plain "no ttl"');
  await app.run('PSETEX session 90000 alice');
  await app.run('RPUSH queue a b c');
  await app.run('SELECT 4');
  await app.run('SET elsewhere yes EX 3600');
  await app.run('SELECT 0');
  await page.getByRole('toolbar', { name: 'Clock' }).getByRole('button', { name: 'Pause' }).click();
  const before = await out(app, 'PTTL session');

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share' });
  const field = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(field).toHaveValue(/#scenario=[A-Za-z0-9_-]+$/);
  const link = await field.inputValue();
  expect(link.length).toBeLessThan(8 * 1024);
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog).toContainText('Copied');

  const other = profile(baseURL);
  const ctx = await other.launch();
  const visitor = await ctx.newPage();
  await visitor.goto(link);
  const offer = visitor.getByRole('dialog', { name: 'Open a shared scenario?' });
  await expect(offer).toContainText('holds 4 keys');
  await expect(offer).toContainText('session');
  await offer.getByRole('button', { name: 'Open scenario' }).click();
  await expect(visitor.getByRole('status', { name: 'Scenario loaded' })).toContainText('4 keys', {
    timeout: 30_000,
  });
  expect(visitor.url()).not.toContain('#scenario=');
  const { App } = await import('./fixtures.ts');
  const v = new App(visitor);
  expect(await out(v, 'PTTL session')).toBe(before);
  expect(await out(v, 'GET plain')).toBe('"no ttl"');
  expect(await out(v, 'LRANGE queue 0 -1')).toBe('1) "a"\n2) "b"\n3) "c"');
  expect(await out(v, 'SELECT 4')).toBe('OK');
  expect(await out(v, 'TTL elsewhere')).toMatch(/^\(integer\) 3\d{3}$/);
  // The visitor's own keyspace waited, untouched, and is what the browser keeps.
  await visitor.getByRole('button', { name: 'Close scenario' }).click();
  await expect(v.output).toContainText('closed: your keys');
  expect(await out(v, 'DBSIZE')).toBe('(integer) 0');
  await visitor.reload();
  // The console's lines come back (those typed on the scenario too); the keys are the visitor's own.
  await expect(visitor.getByRole('status', { name: 'Restored' })).toContainText('Restored: 0 keys');
  expect(await out(v, 'EXISTS session')).toBe('(integer) 0');
});

test('a link that inflates past 2 MB is refused with a message, and nothing changes', async ({
  page,
  baseURL,
}) => {
  const bomb = deflateRawSync(Buffer.alloc(3 * 1024 * 1024)).toString('base64url');
  await page.goto(`${baseURL}#scenario=${bomb}`);
  await expect(page.getByRole('alert')).toContainText(
    'could not be opened: it inflates past 2 MB. Nothing was changed.',
  );
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const { App } = await import('./fixtures.ts');
  expect(await out(new App(page), 'PING')).toBe('PONG');
  await page.goto(`${baseURL}#scenario=not-a-scenario`);
  await expect(page.getByRole('alert')).toContainText('could not be opened');
});

test('a scenario too big for a link is offered as a file, which opens through Open file…', async ({
  baseURL,
}) => {
  const { page, app } = await profile(baseURL).open();
  await saving(page);
  await app.run(`EVAL "for i = 1, 3000 do redis.call('SET', 'key:' .. i, redis.sha1hex(i)) end" 0`);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share' });
  await expect(dialog).toContainText('more than the ~8 KB a link can safely be');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download scenario file' }).click();
  const file = await (await download).path();

  const other = profile(baseURL);
  const { page: visitor } = await other.open();
  await visitor.getByRole('tab', { name: 'Docs' }).click();
  await visitor.getByLabel('Open a page file').setInputFiles({
    name: 'big.scenario.json',
    mimeType: 'application/json',
    buffer: readFileSync(file),
  });
  const offer = visitor.getByRole('dialog', { name: 'Open a shared scenario?' });
  await expect(offer).toContainText('holds 3000 keys');
  await offer.getByRole('button', { name: 'Open scenario' }).click();
  await expect(visitor.getByRole('status', { name: 'Scenario loaded' })).toContainText('3000 keys', {
    timeout: 30_000,
  });
});

test('Export as doc page passes docs check; Export as redis-cli script lists the commands', async ({
  page,
}) => {
  await page.goto('./');
  const { App } = await import('./fixtures.ts');
  const app = new App(page);
  await expect(page.getByLabel('Virtual time')).toHaveText(/\d{4}/);
  await app.run('PSETEX greeting 5000 "Hello"');
  await app.run('SETEX visit 60 "home page"');
  await page.waitForTimeout(700);
  await app.run('PTTL greeting');
  await app.run('TTL visit');
  await page.getByRole('toolbar', { name: 'Clock' }).getByRole('button', { name: 'Step 1 s' }).click();
  await app.run('PTTL greeting');
  await app.run('3 INCR counter');
  await app.run('help GET');

  const docDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as doc page' }).click();
  const doc = await (await docDownload).path();
  const text = readFileSync(doc, 'utf8');
  expect(text).toMatch(/\(After \d+ milliseconds\)/);
  const report = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'docs', 'check', doc], { encoding: 'utf8' });
  expect(report).toContain('6 passed, 0 failed');

  const scriptDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as redis-cli script' }).click();
  const script = readFileSync(await (await scriptDownload).path(), 'utf8');
  expect(script).toBe(
    'PSETEX greeting 5000 "Hello"\nSETEX visit 60 "home page"\nPTTL greeting\nTTL visit\nPTTL greeting\nINCR counter\nINCR counter\nINCR counter\n',
  );
});
