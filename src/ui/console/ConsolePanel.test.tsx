// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buttonText, byLabel, click, pressKey, renderEach, typeInto, update } from '../render-test.tsx';
import { useApp } from '../store/index.ts';
import { ConsolePanel } from './ConsolePanel.tsx';

const t = renderEach(
  () => <ConsolePanel />,
  () => useApp.setState({ history: [] }),
);

const input = () => byLabel<HTMLInputElement>(t.view.container, 'Command');

describe('ConsolePanel with a fake client', () => {
  it('Enter runs the line on the shown tab, remembers it and empties the line', async () => {
    await typeInto(input(), 'SET a 1');
    await pressKey(input(), 'Enter');
    expect(t.client.runs).toEqual([{ lines: ['SET a 1'], console: 1 }]);
    expect(useApp.getState().history).toEqual(['SET a 1']);
    expect(input().value).toBe('');
  });

  it('↑ and ↓ walk the history and give back the line being typed', async () => {
    for (const line of ['GET a', 'TTL a']) {
      await typeInto(input(), line);
      await pressKey(input(), 'Enter');
    }
    await typeInto(input(), 'PING');
    await pressKey(input(), 'ArrowUp');
    expect(input().value).toBe('TTL a');
    await pressKey(input(), 'ArrowUp');
    await pressKey(input(), 'ArrowUp');
    expect(input().value).toBe('GET a');
    await pressKey(input(), 'ArrowDown');
    expect(input().value).toBe('TTL a');
    await pressKey(input(), 'ArrowDown');
    expect(input().value).toBe('PING');
  });

  it('clear empties the scrollback without sending the line; Client 1 tells the worker', async () => {
    await update(() =>
      useApp
        .getState()
        .appendEntries(1, [{ line: 'PING', text: 'PONG\n', isError: false, at: 0, prompt: '> ' }]),
    );
    await typeInto(input(), 'clear');
    await pressKey(input(), 'Enter');
    expect(t.client.runs).toEqual([]);
    expect(t.client.sentOf('console-cleared')).toHaveLength(1);
    expect(useApp.getState().consoles[0]?.entries).toEqual([]);
  });

  it('"+" opens a client, and closing a tab asks the worker to close its connection', async () => {
    await click(buttonText(t.view.container, '+'));
    expect(t.client.sentOf('console-open')).toHaveLength(1);
    expect(buttonText(t.view.container, 'Split').disabled).toBe(true);
    await update(() =>
      useApp.getState().setConsoles([
        { id: 1, label: 'Client 1', clientId: 3, prompt: '127.0.0.1:6379> ', mode: 'ready' },
        { id: 2, label: 'Client 2', clientId: 4, prompt: '127.0.0.1:6379> ', mode: 'ready' },
      ]),
    );
    expect(useApp.getState().activeConsole).toBe(2);
    await click(byLabel(t.view.container, 'Close Client 2'));
    expect(t.client.sentOf('console-close')).toEqual([{ type: 'console-close', console: 2 }]);
  });
});
