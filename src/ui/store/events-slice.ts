import type { StateCreator } from 'zustand';
import type { EventChunk } from '../../worker/protocol.ts';
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
  /** A batch's events, in order; each chunk after a flush clears the log first unless preserved. */
  addEvents(chunks: readonly EventChunk[]): void;
  clearEvents(): void;
  setPreserveLog(on: boolean): void;
}

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set, get) => ({
  eventLog: new EventLog(),
  eventsVersion: 0,
  preserveLog: false,
  addEvents(chunks) {
    const s = get();
    if (s.eventLog.addChunks(chunks, s.preserveLog)) set({ eventsVersion: s.eventsVersion + 1 });
  },
  clearEvents() {
    get().eventLog.clear();
    set({ eventsVersion: get().eventsVersion + 1 });
  },
  setPreserveLog: (preserveLog) => set({ preserveLog }),
});
