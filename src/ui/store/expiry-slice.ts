import type { StateCreator } from 'zustand';
import type { CycleSummary, ExpiryStats } from '../../worker/protocol.ts';
import type { AppState } from './index.ts';

/** Active expiry as the worker reports it: recent cycle records and the INFO expiry figures. */
export interface ExpirySlice {
  stats: ExpiryStats | null;
  /** The most recent cycles that sampled something, oldest first. */
  cycles: CycleSummary[];
  setStats(stats: ExpiryStats): void;
  addCycles(cycles: readonly CycleSummary[]): void;
  clearCycles(): void;
}

export const MAX_CYCLES = 300;

export const createExpirySlice: StateCreator<AppState, [], [], ExpirySlice> = (set, get) => ({
  stats: null,
  cycles: [],
  setStats: (stats) => set({ stats }),
  addCycles(cycles) {
    if (cycles.length === 0) return;
    set({ cycles: get().cycles.concat(cycles).slice(-MAX_CYCLES) });
  },
  clearCycles: () => set({ cycles: [] }),
});
