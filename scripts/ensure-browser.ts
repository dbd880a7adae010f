import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromiumExecutable, playwrightChromiumInstalled } from '../e2e/browser.ts';

/**
 * Run before anything that drives Chromium (`npm test`'s end-to-end step, `npm run bench:ui`,
 * `npm run screenshot`): with no system Chromium and no Playwright browser, install Playwright's
 * Chromium once. If that fails (offline, a proxy), print one line that says what to do and exit 1.
 */

export const NO_BROWSER_LINE =
  'No Chromium for the browser tests: `npx playwright install chromium` could not download it. ' +
  'Run that command where it can (or install Chromium: `sudo apt-get install chromium`, ' +
  '`brew install --cask chromium`, or set PLAYWRIGHT_CHROMIUM_PATH), then run this again.';

function ensureBrowser(): boolean {
  if (chromiumExecutable() || playwrightChromiumInstalled()) return true;
  process.stdout.write('No Chromium found: installing Playwright’s Chromium (once)…\n');
  const cli = join(import.meta.dirname, '..', 'node_modules', '.bin', 'playwright');
  const r = spawnSync(cli, ['install', 'chromium'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0 && playwrightChromiumInstalled();
}

// Run as a script (not when a test imports the line above).
if (process.argv[1] && import.meta.filename === process.argv[1] && !ensureBrowser()) {
  process.stdout.write(`${NO_BROWSER_LINE}\n`);
  process.exitCode = 1;
}
