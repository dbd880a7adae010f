import type { StateCreator } from 'zustand';
import { type ClockState, virtualTimeAt } from '../../worker/virtual-clock.ts';
import type { AppState } from './index.ts';

export interface ClockSlice {
  clock: ClockState | null;
  setClock(clock: ClockState): void;
}

export const createClockSlice: StateCreator<AppState, [], [], ClockSlice> = (set) => ({
  clock: null,
  setClock: (clock) => set({ clock }),
});

/** Real time on the same basis as the worker's (both are timeOrigin + performance.now()). */
export function realNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The virtual time now, extrapolated from the last clock state the worker sent. */
export function virtualNow(clock: ClockState | null): number {
  return clock ? virtualTimeAt(clock, realNow()) : Date.now();
}
