import type { StateCreator } from 'zustand';
import type { ExpiryStats } from '../../worker/protocol.ts';
import type { AppState } from './index.ts';

/** The latest expiry figures from the worker (INFO stats / keyspace, plus stale counts). */
export interface ExpirySlice {
  stats: ExpiryStats | null;
  setStats(stats: ExpiryStats): void;
}

export const createExpirySlice: StateCreator<AppState, [], [], ExpirySlice> = (set) => ({
  stats: null,
  setStats: (stats) => set({ stats }),
});
