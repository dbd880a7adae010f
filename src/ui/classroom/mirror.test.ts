import { describe, expect, it } from 'vitest';
import type { ConsoleEntry } from '../../worker/protocol.ts';
import { useApp } from '../store/index.ts';
import { applyState, captureState, MIRRORED_ENTRIES, toAudience, toPresenter } from './mirror.ts';

const entry = (n: number): ConsoleEntry =>
  ({ line: `SET k${n} v`, text: 'OK\n', isError: false, at: n }) as unknown as ConsoleEntry;

describe('mirror', () => {
  it("puts the presenter's console tabs, prompts and look into an audience's empty store", () => {
    const entries = Array.from({ length: MIRRORED_ENTRIES + 5 }, (_, i) => entry(i));
    const tab = {
      id: 1,
      label: 'Client 1',
      clientId: 3,
      prompt: '127.0.0.1:6379[2]> ',
      mode: 'ready' as const,
    };
    const second = { ...tab, id: 2, label: 'Client 2', clientId: 4, prompt: '127.0.0.1:6379> ' };
    useApp.setState({
      consoles: [
        { ...tab, entries, dropped: 0 },
        { ...second, entries: [entry(1)], dropped: 0 },
      ],
      activeConsole: 2,
      theme: 'light',
      timeZone: 'utc',
    });
    const state = captureState(useApp.getState());
    // A structured clone, as BroadcastChannel sends it.
    const sent = structuredClone(state);
    useApp.setState({
      consoles: [{ ...tab, prompt: '', entries: [], dropped: 0 }],
      activeConsole: 1,
      theme: 'dark',
      timeZone: 'local',
    });
    applyState(sent, useApp.getState, useApp.setState);
    const s = useApp.getState();
    expect(s.consoles.map((t) => t.prompt)).toEqual(['127.0.0.1:6379[2]> ', '127.0.0.1:6379> ']);
    expect(s.activeConsole).toBe(2);
    expect(s.theme).toBe('light');
    expect(s.timeZone).toBe('utc');
    // Only the newest entries travel; the first one kept is the sixth.
    expect(s.consoles[0]?.entries).toHaveLength(MIRRORED_ENTRIES);
    expect(s.consoles[0]?.entries[0]?.line).toBe('SET k5 v');
    expect(s.consoles[1]?.entries.map((e) => e.line)).toEqual(['SET k1 v']);
    expect(s.docPage).toBeNull();
  });

  it('reads only the messages of the protocol off the channel', () => {
    expect(toPresenter({ kind: 'hello' })).toEqual({ kind: 'hello' });
    expect(toPresenter({ kind: 'exec', lines: ['FLUSHALL'] })).toBeNull();
    expect(toPresenter('hello')).toBeNull();
    expect(toAudience({ kind: 'event', event: { type: 'batch' } })).not.toBeNull();
    expect(toAudience({ kind: 'event', event: 'batch' })).toBeNull();
    expect(toAudience({ kind: 'state' })).toBeNull();
    expect(toAudience({ kind: 'html', html: '<img src=x onerror=alert(1)>' })).toBeNull();
    expect(toAudience(null)).toBeNull();
  });
});
