import type { StateCreator } from 'zustand';
import type { EventRecord } from '../../worker/protocol.ts';
import { EventLog } from '../events/event-log.ts';
import type { AppState } from './index.ts';

/**
 * The keyspace event log. The log itself lives outside React state (it is mutated in place and
 * bounded); `eventsVersion` says when it changed, so the panel re-reads it at most a few times a
 * second instead of copying fifty thousand records per batch.
 */
export interface EventsSlice {
  eventLog: EventLog;
  eventsVersion: number;
  /** Keep the log across FLUSHALL/FLUSHDB (DevTools' "Preserve log"). */
  preserveLog: boolean;
  addEvents(
    events: readonly EventRecord[],
    dropped: number,
    counts: Readonly<Record<string, number>>,
    flushed: readonly number[],
  ): void;
  clearEvents(): void;
  setPreserveLog(on: boolean): void;
}

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set, get) => ({
  eventLog: new EventLog(),
  eventsVersion: 0,
  preserveLog: false,
  addEvents(events, dropped, counts, flushed) {
    const s = get();
    // A flush clears the log first, unless it is preserved; the batch's own events stay.
    const clears = flushed.length > 0 && !s.preserveLog;
    if (clears) s.eventLog.clear();
    if (events.length === 0 && dropped === 0 && !clears) return;
    s.eventLog.add(events, counts, dropped);
    set({ eventsVersion: s.eventsVersion + 1 });
  },
  clearEvents() {
    get().eventLog.clear();
    set({ eventsVersion: get().eventsVersion + 1 });
  },
  setPreserveLog: (preserveLog) => set({ preserveLog }),
});
