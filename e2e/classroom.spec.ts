import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Issue 12: presentation mode, presenter and audience windows, small screens (the embed: embed.spec.ts). */

/**
 * Every visible control and label that must stay whole: its text on one line, nothing cut by its
 * own box or by a scrolling or clipping ancestor, and inside the window. Returns what is not.
 */
async function layoutProblems(page: Page, scope: string, minimum: number): Promise<string[]> {
  return page.evaluate(
    ([scopeSel, minimum]) => {
      const root = document.querySelector(scopeSel);
      if (!root) return [`no ${scopeSel}`];
      const problems: string[] = [];
      let checked = 0;
      const sel =
        'button, select, .present-heading, .virtual-time output, .key-table th, .ttl-label, .instant, .step-where, .step-count';
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      for (const el of root.querySelectorAll<HTMLElement>(sel)) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        checked++;
        const name = `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
        if (box.left < -0.5 || box.top < -0.5 || box.right > vw + 0.5 || box.bottom > vh + 0.5) {
          problems.push(`${name} is outside the window: ${JSON.stringify(box)}`);
        }
        if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'SELECT') {
          problems.push(`${name} overflows its box: ${el.scrollWidth} > ${el.clientWidth}`);
        }
        // One line: every piece of its text sits on the same line box.
        const range = document.createRange();
        range.selectNodeContents(el);
        const lineH = Number.parseFloat(getComputedStyle(el).fontSize) * 0.9;
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > lineH) {
          problems.push(`${name} wraps onto ${tops.length} line boxes`);
        }
        // Not clipped by an ancestor that hides or scrolls its overflow.
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          const clip = a.getBoundingClientRect();
          if (box.left < clip.left - 1 || box.right > clip.right + 1) {
            // A virtualised table's cells may scroll vertically; sideways nothing may be cut.
            problems.push(`${name} is cut by ${a.tagName.toLowerCase()}.${a.className}`);
            break;
          }
        }
      }
      return checked < minimum ? [`only ${checked} elements to check`, ...problems] : problems;
    },
    [scope, minimum] as const,
  );
}

/** The fonts the timeline's canvas drew its text with (recorded by an init script). */
async function timelineFonts(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    ((window as unknown as { __timelineFonts?: string[] }).__timelineFonts ?? []).map((f) =>
      Number.parseFloat(/([\d.]+)px/.exec(f)?.[1] ?? '0'),
    ),
  );
}

async function recordCanvasText(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __timelineFonts: string[] };
    w.__timelineFonts = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, ...args) {
      if (this.canvas.closest?.('.timeline-plot')) w.__timelineFonts.push(this.font);
      return fillText.apply(this, args);
    };
  });
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 3840, height: 2160 },
]) {
  test(`presentation mode at ${size.width}×${size.height}: nothing overflows or wraps, the timeline's text is body size`, async ({
    app,
    page,
  }) => {
    await recordCanvasText(page);
    await page.setViewportSize(size);
    await page.goto('./?lesson=psetex-basics');
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page).toHaveURL(/[?&]present\b/);
    await expect(page.getByRole('button', { name: 'Leave presentation' })).toBeVisible();
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
    // A lesson step and a few keys of the console, so the table has bars and the timeline lanes.
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.getByRole('region', { name: 'Lesson step' })).toContainText('PSETEX greeting 2000');
    await app.run('SET session:alice "cart=3" EX 1800');
    await app.run('PSETEX flash 90000 "gone soon"');
    await expect(app.ttlBar('flash')).toBeVisible();
    await expect(app.row('session:alice')).toContainText('30 min');

    const body = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    // The one scale follows the window: 18 px at 1280×720 (the 13 px default would be unreadable).
    expect(body).toBeGreaterThanOrEqual(Math.min(size.width / 71.2, size.height / 40) - 0.5);
    expect(await layoutProblems(page, '.present', 20)).toEqual([]);

    // The TTL digits are larger than the body text; the bar and the rows grow with the scale.
    const label = app.row('flash').locator('.ttl-label');
    const labelPx = await label.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(labelPx).toBeGreaterThan(body * 1.2);
    const bar = await app.ttlBar('flash').boundingBox();
    expect(bar?.height ?? 0).toBeGreaterThanOrEqual(body * 0.8);
    const hit = await page.getByRole('button', { name: 'Leave presentation' }).boundingBox();
    expect(hit?.height ?? 0).toBeGreaterThanOrEqual(body * 1.9);

    // The canvas draws its axis and key names at least at the body's size: what it draws from a new
    // key on, at this scale.
    await page.evaluate(() => {
      (window as unknown as { __timelineFonts: string[] }).__timelineFonts = [];
    });
    await app.run('PSETEX late 60000 "x"');
    await expect.poll(async () => (await timelineFonts(page)).length).toBeGreaterThan(3);
    const fonts = await timelineFonts(page);
    expect(Math.min(...fonts)).toBeGreaterThanOrEqual(body - 0.01);

    if (size.width === 1920) await page.screenshot({ path: test.info().outputPath('presentation.png') });
  });
}

test('presentation keys: → ← step, Space plays and pauses, N next expiry, R restarts, Esc leaves', async ({
  app,
  page,
}) => {
  await page.goto('./?present&lesson=psetex-basics');
  const step = page.getByRole('region', { name: 'Lesson step' });
  await expect(step).toContainText('A key with a time to live');
  await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await expect(step).toContainText('step 1 of');
  await expect(app.ttlBar('greeting')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(step).toContainText('step 2 of');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toContainText('step 1 of');
  await expect(app.ttlBar('greeting')).toBeVisible();

  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // N: the greeting's two seconds pass at once and the active cycle takes it.
  await page.keyboard.press('n');
  await expect(app.ttlBar('greeting')).toHaveCount(0);

  await page.keyboard.press('r');
  await expect(step).toContainText('Ready: the first step runs');

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]present\b/);
  // P (outside a text field) comes back to it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Leave presentation' })).toBeVisible();
});

/** When `text` first shows in `page`'s console (ms since the epoch, read in the page). */
async function whenShown(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        const log = document.querySelector('[aria-label="Console output"]');
        const seen = () => (log?.textContent ?? '').includes(wanted);
        if (seen()) return resolve(performance.timeOrigin + performance.now());
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    text,
  );
}

test('the audience window mirrors the presenter: keys, bars, clock, console and step, without the notes', async ({
  app,
  page,
  context,
}) => {
  await page.goto('./?lesson=psetex-basics');
  await page.getByRole('button', { name: 'Present' }).click();
  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Open audience window' }).click();
  const audience = await opened;
  await expect(audience.getByRole('region', { name: 'Lesson step' })).toContainText(
    'A key with a time to live',
  );
  // The presenter sees the next step and the notes; the audience neither, nor a command line.
  const notes = page.getByRole('complementary', { name: 'Presenter notes' });
  await expect(notes).toContainText('PSETEX greeting 2000');
  await expect(audience.getByRole('complementary', { name: 'Presenter notes' })).toHaveCount(0);
  await expect(audience.getByRole('textbox', { name: 'Command' })).toHaveCount(0);
  await expect(audience.getByRole('button', { name: 'Next step' })).toHaveCount(0);

  // A command on the presenter shows in the audience's console and table in the same frame or so.
  await page.getByRole('button', { name: 'Pause' }).click();
  const shown = whenShown(audience, 'PSETEX mirror:1 60000');
  const sent = Date.now();
  await app.run('PSETEX mirror:1 60000 "x"');
  const there = await shown;
  const here = await whenShown(page, 'PSETEX mirror:1 60000');
  expect(there - here, 'the audience lags the presenter by').toBeLessThan(150);
  expect(there).toBeGreaterThanOrEqual(sent - 5);
  await expect(audience.getByRole('progressbar', { name: 'TTL of mirror:1', exact: true })).toHaveAttribute(
    'aria-valuemax',
    '60000',
  );

  // A step on the presenter is the audience's step too, and its keys.
  await page.getByRole('button', { name: 'Next step' }).click();
  const audienceStep = audience.getByRole('region', { name: 'Lesson step' });
  await expect(audienceStep).toContainText('step 1 of');
  await expect(audienceStep).toContainText('PSETEX greeting 2000');
  await expect(audience.getByRole('progressbar', { name: 'TTL of greeting', exact: true })).toBeVisible();
  await expect(notes).toContainText('GET greeting');
  await expect(notes).toContainText('ask the room');

  // The same clock: paused, both show the very same virtual time; a step moves both.
  const time = (p: Page) => p.getByLabel('Virtual time').textContent();
  await expect.poll(() => time(audience)).toBe(await time(page));
  await page.keyboard.press('n');
  await expect(app.ttlBar('greeting')).toHaveCount(0);
  await expect(audience.getByRole('progressbar', { name: 'TTL of greeting', exact: true })).toHaveCount(0);
  await expect.poll(() => time(audience)).toBe(await time(page));
  await audience.close();
});

for (const size of [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
]) {
  test(`small screen ${size.width}×${size.height}: table above console, bars visible, toolbar in a menu`, async ({
    app,
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('./');
    await expect(app.command).toBeVisible();
    await app.run('PSETEX flash 60000 "gone soon"');
    await app.run('SET session:alice "cart=3" EX 1800');
    const table = await app.keys.boundingBox();
    const input = await app.command.boundingBox();
    expect(table && input && table.y + table.height <= input.y).toBe(true);
    const bar = app.ttlBar('flash');
    await expect(bar).toBeInViewport();
    expect((await bar.boundingBox())?.width ?? 0).toBeGreaterThan(20);
    await expect(app.row('session:alice')).toContainText('29 min');
    // Nothing sticks out sideways: the page does not scroll horizontally.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await layoutProblems(page, '.toolbar', 3)).toEqual([]);
    const menu = page.getByRole('button', { name: 'Menu' });
    if (size.width < 700) {
      await expect(menu).toBeVisible();
      await menu.click();
      await expect(page.getByRole('button', { name: 'Present' })).toBeInViewport();
      await expect(page.getByRole('button', { name: 'Step 1 s' })).toBeInViewport();
    }
    await page.screenshot({ path: test.info().outputPath(`small-${size.width}.png`) });
  });
}
