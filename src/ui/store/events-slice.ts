import type { StateCreator } from 'zustand';
import type { EventRecord } from '../../worker/protocol.ts';
import type { AppState } from './index.ts';

/** Records get an id on arrival, so lists can key on it. */
export type Numbered<T> = T & { readonly id: number };

export interface EventsSlice {
  events: Numbered<EventRecord>[];
  eventsDropped: number;
  /** Events of each name since the last Clear, exact even when records were dropped. */
  eventCounts: Record<string, number>;
  addEvents(events: readonly EventRecord[], dropped: number, counts: Readonly<Record<string, number>>): void;
  clearEvents(): void;
}

const MAX_EVENTS = 2000;
let nextId = 1;
const number = <T>(items: readonly T[]): Numbered<T>[] => items.map((x) => ({ ...x, id: nextId++ }));

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set, get) => ({
  events: [],
  eventsDropped: 0,
  eventCounts: {},
  addEvents(events, dropped, counts) {
    if (events.length === 0 && dropped === 0) return;
    const s = get();
    const eventCounts = { ...s.eventCounts };
    for (const [name, n] of Object.entries(counts)) eventCounts[name] = (eventCounts[name] ?? 0) + n;
    set({
      events: events.length ? s.events.concat(number(events)).slice(-MAX_EVENTS) : s.events,
      eventsDropped: s.eventsDropped + dropped,
      eventCounts,
    });
  },
  clearEvents: () => set({ events: [], eventsDropped: 0, eventCounts: {} }),
});
