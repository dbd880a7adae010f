import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Shared setup: every test fails if the page throws or logs an error, and gets helpers to type
 * console lines and read what they printed.
 */
export const test = base.extend<{ app: App }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    await page.goto('./');
    const app = new App(page);
    await expect(app.command).toBeVisible();
    // Wait for the worker's first snapshot (the clock shows a time).
    await expect(page.getByLabel('Virtual time')).toHaveText(/\d{4}-\d\d-\d\d/);
    await use(app);
    expect(problems, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

export class App {
  readonly command: Locator;
  readonly output: Locator;
  readonly keys: Locator;

  constructor(readonly page: Page) {
    this.command = page.getByRole('textbox', { name: 'Command', exact: true });
    this.output = page.getByRole('log', { name: 'Console output', exact: true });
    this.keys = page.getByRole('table', { name: 'Keys' });
  }

  /** Types a line, presses Enter and returns the text that line printed. */
  async run(line: string): Promise<string> {
    // The console is virtualized: find the new entry by its number, not by counting DOM nodes.
    const before = Number(await this.output.getAttribute('data-count'));
    await this.command.fill(line);
    await this.command.press('Enter');
    // A note (a session switch, say) may land between reading the count and the reply: skip it.
    for (let i = before; i < before + 8; i++) {
      const entry = this.output.locator(`.entry[data-entry="${i}"]`);
      await expect(entry).toBeVisible();
      if ((await entry.locator('.entry-note').count()) > 0) continue;
      const out = entry.locator('.entry-output');
      return (await out.count()) ? ((await out.textContent()) ?? '') : '';
    }
    throw new Error(`no console entry for ${line}`);
  }

  row(key: string): Locator {
    return this.keys
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: key, exact: true }) });
  }

  ttlBar(key: string): Locator {
    return this.page.getByRole('progressbar', { name: `TTL of ${key}`, exact: true });
  }

  async ttlNow(key: string): Promise<number> {
    return Number(await this.ttlBar(key).getAttribute('aria-valuenow'));
  }
}
