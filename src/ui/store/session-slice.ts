import type { StateCreator } from 'zustand';
import type { CycleSummary, SessionInfo } from '../../worker/protocol.ts';
import { EventLog } from '../events/event-log.ts';
import { virtualNow } from './clock-slice.ts';
import type { AppState } from './index.ts';

/**
 * Which of the worker's sessions the page shows (worker/sessions.ts): the learner's own keyspace, or
 * the one a lesson runs on. The key table and the clock follow the worker's snapshot of the session
 * shown; the event log and the recent expiry cycles are kept per session here, so going back to a
 * session shows its log as it was left.
 */
export interface SessionSlice {
  session: SessionInfo;
  sessions: readonly SessionInfo[];
  setSessions(active: SessionInfo, sessions: readonly SessionInfo[]): void;
}

const LEARNER: SessionInfo = { id: 'learner', kind: 'learner', label: 'Your keyspace' };

/** The logs of the sessions not shown, by session id. */
const stash = new Map<string, { log: EventLog; cycles: CycleSummary[] }>();

function switchNote(from: SessionInfo, to: SessionInfo): string {
  if (to.kind === 'learner') {
    return `${from.label} closed: your keys, their deadlines and your clock are back as you left them.`;
  }
  return `${to.label} runs on a keyspace and clock of its own; your keys wait, untouched, until you close it.`;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set, get) => ({
  session: LEARNER,
  sessions: [LEARNER],
  setSessions(active, sessions) {
    const s = get();
    if (s.session.id !== active.id) {
      stash.set(s.session.id, { log: s.eventLog, cycles: s.cycles });
      const back = stash.get(active.id);
      stash.delete(active.id);
      set({
        eventLog: back?.log ?? new EventLog(),
        cycles: back?.cycles ?? [],
        eventsVersion: s.eventsVersion + 1,
        selectedKey: null,
      });
      s.appendNote(switchNote(s.session, active), virtualNow(s.clock));
    }
    for (const id of [...stash.keys()]) if (!sessions.some((x) => x.id === id)) stash.delete(id);
    set({ session: active, sessions });
  },
});
