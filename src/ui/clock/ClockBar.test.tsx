// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buttonText, byLabel, choose, click, renderEach, update } from '../render-test.tsx';
import { useApp } from '../store/index.ts';
import { ClockBar } from './ClockBar.tsx';

const t = renderEach(() => <ClockBar />);

const ops = () => t.client.sentOf('clock').map((r) => r.op);

describe('the clock controls with a fake client', () => {
  it('steps, the speed and Pause/Play send clock requests', async () => {
    await click(byLabel(t.view.container, 'Step 1 s'));
    await click(byLabel(t.view.container, 'Step 100 ms'));
    await choose(byLabel<HTMLSelectElement>(t.view.container, 'Clock speed'), '10');
    await click(byLabel(t.view.container, 'Pause'));
    await click(buttonText(t.view.container, 'Next expiry'));
    expect(ops()).toEqual([
      { kind: 'step', ms: 1000 },
      { kind: 'step', ms: 100 },
      { kind: 'rate', rate: 10 },
      { kind: 'pause' },
      { kind: 'next-expiry' },
    ]);
  });

  it('a paused clock offers Play', async () => {
    await update(() => useApp.getState().setClock({ virtualAt: 1000, realAt: 0, rate: 1, paused: true }));
    await click(byLabel(t.view.container, 'Play'));
    expect(ops()).toEqual([{ kind: 'play' }]);
  });
});
