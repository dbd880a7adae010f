import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, expect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser.ts';
import { App } from './fixtures.ts';

/**
 * Browsers with a profile on disk, as a person's is: closing and relaunching one keeps its storage,
 * so reloads, killed tabs and other tabs can be tested. Each profile is a fresh temporary directory.
 */
export class Profile {
  readonly dir = mkdtempSync(join(tmpdir(), 'expiry-profile-'));
  context: BrowserContext | null = null;
  readonly problems: string[] = [];

  constructor(readonly baseURL: string) {}

  async launch(): Promise<BrowserContext> {
    const executablePath = chromiumExecutable();
    this.context = await chromium.launchPersistentContext(this.dir, {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
      baseURL: this.baseURL,
      viewport: { width: 1280, height: 720 },
      acceptDownloads: true,
    });
    return this.context;
  }

  /** A new tab on `path`, once the worker has sent its first snapshot. */
  async open(path = './'): Promise<{ page: Page; app: App }> {
    const context = this.context ?? (await this.launch());
    const page = await context.newPage();
    page.on('pageerror', (e) => this.problems.push(`pageerror: ${e.message}`));
    await page.goto(path);
    const app = new App(page);
    await expect(app.command).toBeVisible();
    await expect(page.getByLabel('Virtual time')).toHaveText(/\d{4}-\d\d-\d\d/);
    return { page, app };
  }

  async close(): Promise<void> {
    await this.context?.close();
    this.context = null;
  }

  async dispose(): Promise<void> {
    await this.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Waits until the worker says the playground is being saved (the store is open). */
export async function saving(page: Page): Promise<void> {
  await expect(page.getByText('saved in this browser')).toBeVisible();
}

/** What a console line printed, without the final newline. */
export async function out(app: App, line: string): Promise<string> {
  return (await app.run(line)).trimEnd();
}
