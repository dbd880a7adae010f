import { describe, expect, it } from 'vitest';
import type { ConsoleInfo } from '../../worker/protocol.ts';
import { useApp } from './index.ts';

const info = (id: number): ConsoleInfo => ({
  id,
  label: `Client ${id}`,
  clientId: id + 2,
  prompt: '127.0.0.1:6379> ',
  mode: 'ready',
});

describe('console tabs', () => {
  it('shows the tab "+" opened, and keeps the shown tab when the list changes otherwise', () => {
    const app = useApp.getState();
    app.setConsoles([info(1)]);
    app.appendEntries(1, [{ line: 'PING', text: 'PONG\n', isError: false, at: 0, prompt: '' }]);
    app.expectNewConsole();
    app.setConsoles([info(1), info(2)]);
    expect(useApp.getState().activeConsole).toBe(2);
    // A tab another part of the page opens (a lesson's second client) does not take the focus.
    useApp.getState().setConsoles([info(1), info(2), info(3)]);
    expect(useApp.getState().activeConsole).toBe(2);
    // Client 1's scrollback survives the list changing.
    expect(useApp.getState().consoles[0]?.entries.map((e) => e.text)).toEqual(['PONG\n']);
    // The shown tab closed: the first one is shown.
    useApp.getState().setConsoles([info(1), info(3)]);
    expect(useApp.getState().activeConsole).toBe(1);
  });
});
