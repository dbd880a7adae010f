// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClient } from './fake-client.ts';
import { render } from './render-test.tsx';
import { useApp } from './store/index.ts';
import { useThrottledApp } from './use-throttled.ts';

let renders = 0;
function Count() {
  renders++;
  return <output>{useThrottledApp((s) => s.keyCount, 250)}</output>;
}

const initial = useApp.getState();
afterEach(() => {
  vi.useRealTimers();
  useApp.setState(initial, true);
});

describe('useThrottledApp', () => {
  it('renders the first change at once, then at most every 250 ms with the newest value, and not in between', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const view = await render(<Count />, new FakeClient());
    const shown = () => view.container.textContent;
    vi.advanceTimersByTime(1000);
    const before = renders;
    await act(async () => useApp.setState({ keyCount: 1 }));
    expect(shown()).toBe('1');
    for (let n = 2; n <= 10; n++) {
      await act(async () => {
        vi.advanceTimersByTime(16);
        useApp.setState({ keyCount: n });
      });
    }
    // 9 changes in 144 ms: none shown yet, and the component did not render for them.
    expect(shown()).toBe('1');
    expect(renders - before).toBe(1);
    await act(async () => vi.advanceTimersByTime(120));
    expect(shown()).toBe('10');
    expect(renders - before).toBe(2);
    await view.unmount();
  });
});
