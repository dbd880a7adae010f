import { type RunningBridge, startBridge } from '../src/cli/bridge.ts';
import { parseRedisTarget, type RedisTarget } from '../src/cli/redis-target.ts';
import { findRedisServer, type RunningRedis, startRedis } from '../src/testing/redis-server.ts';
import { expect, test } from './fixtures.ts';

/**
 * The app on a real server through the bridge: a key set from another client appears with a
 * draining bar, its `expired` event arrives, console commands go to the server (dangerous ones
 * refused), and "Both" marks a reply that differs from the playground's.
 */

const bin = findRedisServer();
// Deliberate: the bridge's whole point is a real server; without one there is nothing to drive (CI
// installs redis-server, and npm test lists this skip with its reason).
test.skip(!bin, 'redis-server is not installed');

let redis: RunningRedis;
let bridge: RunningBridge;

test.beforeEach(async ({ baseURL }) => {
  redis = await startRedis(bin as string);
  const target = parseRedisTarget(`redis://127.0.0.1:${redis.port}`) as RedisTarget;
  bridge = await startBridge({
    target,
    appOrigin: new URL(baseURL as string).origin,
    allowFlush: false,
    idleMs: 60_000,
  });
});

test.afterEach(async () => {
  await bridge.close();
  await redis.stop();
});

test('through the bridge: the server keys with draining bars, its expired event, commands and refusals', async ({
  app,
  page,
}) => {
  await page.goto(`./#bridge=ws://127.0.0.1:${bridge.port}&token=${bridge.token}`);
  await expect(page.getByRole('status', { name: 'Bridge' })).toContainText('Redis 7.0');
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('server');

  // Another client (as redis-cli would) sets a key: it appears with a bar on the server's clock.
  await redis.client.send(['SET', 'session', 'x', 'PX', '60000']);
  const bar = page.getByRole('progressbar', { name: 'TTL of session' });
  await expect(bar).toBeVisible();
  const first = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(first);

  // With consent, the server's events reach the Events tab; expired comes when the key is removed.
  await page.getByRole('checkbox', { name: 'Server events' }).click();
  await expect(page.getByRole('checkbox', { name: 'Server events' })).toBeChecked();
  await redis.client.send(['SET', 'soon', 'v', 'PX', '200']);
  await page.getByRole('tab', { name: 'Events' }).click();
  const log = page.getByRole('log', { name: 'Keyspace events' });
  await page.getByLabel('Key pattern').fill('soon');
  await expect(log.getByText('expired', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(log.getByText('on the server (through the bridge)').first()).toBeVisible();

  // The console works on the server; what would stop or empty it is refused.
  await page.getByRole('tab', { name: 'Console' }).click();
  expect(await app.run('SET fromapp 1')).toBe('OK\n');
  expect(await redis.client.send(['GET', 'fromapp'])).toEqual({ t: 'bulk', s: '1' });
  expect(await app.run('FLUSHALL')).toContain('(refused by the bridge) FLUSHALL empties every database');
  expect(await redis.client.send(['EXISTS', 'fromapp'])).toEqual({ t: 'int', n: 1 });
});

test('"Both" runs a line on the playground and the server and marks a reply that differs', async ({
  app,
  page,
}) => {
  await redis.client.send(['CONFIG', 'SET', 'hash-max-listpack-entries', '2']);
  await page.goto(`./#bridge=ws://127.0.0.1:${bridge.port}&token=${bridge.token}`);
  await expect(page.getByRole('status', { name: 'Bridge' })).toContainText('Redis 7.0');
  await page.getByRole('combobox', { name: 'Target' }).selectOption('both');
  await app.run('HSET h a 1 b 2 c 3');
  await app.run('OBJECT ENCODING h');
  await expect(app.output.getByText('"hashtable"')).toBeVisible();
  await expect(app.output.getByText('"listpack"')).toBeVisible();
  await expect(app.output.getByText("The server's reply differs from the playground's")).toHaveCount(1);
});
