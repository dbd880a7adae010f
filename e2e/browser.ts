import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium to drive: `$PLAYWRIGHT_CHROMIUM_PATH`, else the system's Chromium (Debian's
 * /usr/bin/chromium; `npx playwright install` cannot download on some machines), else Playwright's
 * own browser. `EXPIRY_NO_SYSTEM_CHROMIUM=1` ignores the system's Chromium, to try what a laptop
 * without one sees.
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (process.env.EXPIRY_NO_SYSTEM_CHROMIUM === '1') return undefined;
  for (const p of SYSTEM_CHROMIUMS) if (existsSync(p)) return p;
  return undefined;
}

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Whether Playwright's own Chromium is installed (where PLAYWRIGHT_BROWSERS_PATH says). */
export function playwrightChromiumInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
