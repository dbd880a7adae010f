import { describe, expect, it } from 'vitest';
import type { ConsoleEntry } from '../../worker/protocol.ts';
import { useApp } from '../store/index.ts';
import { applyState, captureState, MIRRORED_ENTRIES, toAudience, toPresenter } from './mirror.ts';

const entry = (n: number): ConsoleEntry =>
  ({ line: `SET k${n} v`, text: 'OK\n', isError: false, at: n }) as unknown as ConsoleEntry;

describe('mirror', () => {
  it("puts the presenter's console, prompt and look into an audience's empty store", () => {
    const entries = Array.from({ length: MIRRORED_ENTRIES + 5 }, (_, i) => entry(i));
    useApp.setState({ entries, prompt: '127.0.0.1:6379[2]>', theme: 'light', timeZone: 'utc' });
    const state = captureState(useApp.getState());
    // A structured clone, as BroadcastChannel sends it.
    const sent = structuredClone(state);
    useApp.setState({ entries: [], prompt: '', theme: 'dark', timeZone: 'local' });
    applyState(sent, useApp.getState, useApp.setState);
    const s = useApp.getState();
    expect(s.prompt).toBe('127.0.0.1:6379[2]>');
    expect(s.theme).toBe('light');
    expect(s.timeZone).toBe('utc');
    // Only the newest entries travel; the first one kept is the sixth.
    expect(s.entries).toHaveLength(MIRRORED_ENTRIES);
    expect(s.entries[0]?.line).toBe('SET k5 v');
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
