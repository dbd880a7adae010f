import type { StateCreator } from 'zustand';
import type { CycleSummary, EventRecord } from '../../worker/protocol.ts';
import type { AppState } from './index.ts';

/** Records get an id on arrival, so lists can key on it. */
export type Numbered<T> = T & { readonly id: number };

export interface EventsSlice {
  events: Numbered<EventRecord>[];
  eventsDropped: number;
  cycles: Numbered<CycleSummary>[];
  addEvents(events: readonly EventRecord[], dropped: number, cycles: readonly CycleSummary[]): void;
  clearEvents(): void;
}

const MAX_EVENTS = 2000;
const MAX_CYCLES = 300;
let nextId = 1;
const number = <T>(items: readonly T[]): Numbered<T>[] => items.map((x) => ({ ...x, id: nextId++ }));

export const createEventsSlice: StateCreator<AppState, [], [], EventsSlice> = (set, get) => ({
  events: [],
  eventsDropped: 0,
  cycles: [],
  addEvents(events, dropped, cycles) {
    if (events.length === 0 && dropped === 0 && cycles.length === 0) return;
    const s = get();
    set({
      events: events.length ? s.events.concat(number(events)).slice(-MAX_EVENTS) : s.events,
      eventsDropped: s.eventsDropped + dropped,
      cycles: cycles.length ? s.cycles.concat(number(cycles)).slice(-MAX_CYCLES) : s.cycles,
    });
  },
  clearEvents: () => set({ events: [], eventsDropped: 0, cycles: [] }),
});
