// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseDocPage } from '../../docs/page.ts';
import { LESSONS } from '../lessons.ts';
import { buttonText, byLabel, choose, click, renderEach, typeInto, update } from '../render-test.tsx';
import { useApp } from '../store/index.ts';
import { DocsPanel } from './DocsPanel.tsx';

const PAGE = '### Counting\n\n```cli\nredis> SET a 1\nOK\nredis> INCR a\n(integer) 2\n```\n';
const t = renderEach(() => <DocsPanel />);

const opened = () => t.client.sentOf('docs-open').map((r) => ({ path: r.path, keyspace: r.keyspace }));

describe('DocsPanel with a fake client', () => {
  it('a pasted page opens in the worker on the chosen keyspace', async () => {
    await choose(byLabel<HTMLSelectElement>(t.view.container, 'Keyspace'), 'continue');
    await click(buttonText(t.view.container, 'Paste a page…'));
    await typeInto(byLabel<HTMLTextAreaElement>(t.view.container, 'Page text'), PAGE);
    await click(buttonText(t.view.container, 'Open pasted page'));
    expect(opened()).toEqual([{ path: 'pasted.md', keyspace: 'continue' }]);
    expect(t.client.sentOf('docs-open')[0]?.source).toBe(PAGE);
    expect(useApp.getState().docOpening).toBe('pasted.md');
  });

  it('a lesson from the picker opens by its file name', async () => {
    const lesson = LESSONS[0];
    if (!lesson) throw new Error('no lessons bundled');
    await choose(byLabel<HTMLSelectElement>(t.view.container, 'Open a lesson'), lesson.id);
    await update(() => {});
    expect(opened()).toEqual([{ path: `${lesson.id}.md`, keyspace: 'fresh' }]);
  });

  it("the runner's controls drive the open page's session", async () => {
    await update(() => useApp.getState().setDocPage(parseDocPage(PAGE, 'count.md'), PAGE));
    await choose(byLabel<HTMLSelectElement>(t.view.container, 'Wait speed'), 'skip');
    await click(buttonText(t.view.container, 'Step'));
    await click(buttonText(t.view.container, 'Run all'));
    await click(buttonText(t.view.container, 'Reset'));
    await click(buttonText(t.view.container, 'Close lesson'));
    expect(t.client.sent.map((r) => r.type)).toEqual(['docs-step', 'docs-run', 'docs-reset', 'docs-close']);
    expect(t.client.sentOf('docs-run')[0]?.waitMode).toBe('skip');
  });

  it('Run all becomes Stop while the page runs', async () => {
    await update(() => {
      useApp.getState().setDocPage(parseDocPage(PAGE, 'count.md'), PAGE);
      useApp.setState({ docRunning: true });
    });
    expect(buttonText(t.view.container, 'Step').disabled).toBe(true);
    await click(buttonText(t.view.container, 'Stop'));
    expect(t.client.sent.map((r) => r.type)).toEqual(['docs-stop']);
  });
});
