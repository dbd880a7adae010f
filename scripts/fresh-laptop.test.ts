import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_BROWSER_LINE } from './ensure-browser.ts';

/**
 * The README's test command on a fresh laptop: a clean clone of what is committed, `npm ci`, then
 * `npm test` with no system Chromium (EXPIRY_NO_SYSTEM_CHROMIUM) and no Playwright browser (an empty
 * PLAYWRIGHT_BROWSERS_PATH) where the download cannot happen (an unreachable download host). The
 * install is quiet, and the end-to-end step stops with the one line that says what to do, not a stack
 * trace. Only the e2e suite runs in the clone: the others are this very run.
 */

const root = join(import.meta.dirname, '..');
const inGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root }).status === 0;
if (!inGit) console.warn('\n[fresh laptop] not a git checkout: the clean-clone test is SKIPPED.\n');

describe.skipIf(!inGit)('a fresh clone without a browser', () => {
  it('installs quietly and ends npm test with one clear line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'expiry-fresh-clone-'));
    try {
      const clone = spawnSync('git', ['clone', '-q', root, dir], { encoding: 'utf8' });
      expect(clone.status, clone.stderr).toBe(0);
      const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      expect(`${install.stdout}${install.stderr}`).not.toMatch(/install-scripts|allowScripts/);

      const browsers = join(dir, '.no-browsers');
      const test = spawnSync('npm', ['test', '--', '--only=e2e'], {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          EXPIRY_NO_SYSTEM_CHROMIUM: '1',
          PLAYWRIGHT_CHROMIUM_PATH: '',
          PLAYWRIGHT_BROWSERS_PATH: browsers,
          PLAYWRIGHT_DOWNLOAD_HOST: 'http://127.0.0.1:9',
        },
      });
      const out = `${test.stdout}${test.stderr}`;
      expect(test.status).toBe(1);
      expect(out).toContain(NO_BROWSER_LINE);
      expect(out).not.toMatch(/^\s+at /m);
      expect(out.trim().split('\n').at(-1)).toBe('0 passed, 1 failed, 0 skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
