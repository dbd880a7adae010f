import { existsSync } from 'node:fs';

/**
 * Which Chromium to drive. `npx playwright install` cannot download here, so use Debian's chromium
 * when it is present (or PLAYWRIGHT_CHROMIUM_PATH); elsewhere fall back to Playwright's own browser.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return undefined;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
