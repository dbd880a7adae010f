import { describe, expect, it } from 'vitest';
import { packEvents } from '../../worker/event-columns.ts';
import type { EventRecord } from '../../worker/protocol.ts';
import { useApp } from './index.ts';

/** The page follows the worker's active session: each session keeps its own event log and cycles. */

const LEARNER = { id: 'learner', kind: 'learner', label: 'Your keyspace' } as const;
const LESSON = { id: 'lesson-1', kind: 'lesson', label: 'A key with a time to live' } as const;

const event = (key: string): EventRecord => ({
  db: 0,
  key,
  event: 'set',
  cls: '$',
  cause: { kind: 'command', command: 'set' },
  at: 1,
});
const chunk = (key: string) => [
  { flushedBefore: false, columns: packEvents([event(key)]), dropped: 0, counts: { set: 1 } },
];
const keys = () => [...useApp.getState().eventLog].map((e) => e.key);

describe('sessions on the page', () => {
  it("swaps the event log when the session changes, and gives the learner's back as it was", () => {
    const app = useApp.getState();
    app.addEvents(chunk('mine'));
    expect(keys()).toEqual(['mine']);

    app.setSessions(LESSON, [LEARNER, LESSON]);
    expect(useApp.getState().session).toEqual(LESSON);
    expect(keys()).toEqual([]);
    useApp.getState().addEvents(chunk('lesson-key'));
    expect(keys()).toEqual(['lesson-key']);
    // The console says what happened, as a note of the playground's own.
    expect(shownEntries().at(-1)).toMatchObject({
      note: true,
      text: expect.stringMatching(/^A key with a time to live runs on a keyspace and clock of its own/),
    });

    useApp.getState().setSessions(LEARNER, [LEARNER]);
    expect(keys()).toEqual(['mine']);
    expect(shownEntries().at(-1)?.text).toMatch(/your keys, their deadlines and your clock are back/);
    // The closed lesson's log is gone: opening it again starts a new one.
    useApp.getState().setSessions(LESSON, [LEARNER, LESSON]);
    expect(keys()).toEqual([]);
  });
});

/** The scrollback of the console tab shown. */
function shownEntries() {
  const s = useApp.getState();
  return s.consoles.find((t) => t.id === s.activeConsole)?.entries ?? [];
}
