import type { StateCreator } from 'zustand';
import type { BridgeKeyRow } from '../../bridge/protocol.ts';
import type { AppState } from './index.ts';

/** Where console commands go: the playground's engine, the bridged server, or both (replies compared). */
export type Target = 'playground' | 'server' | 'both';

export interface BridgeState {
  readonly status: 'connecting' | 'open' | 'closed';
  /** The server's address (password masked) and version, from the bridge's hello. */
  readonly server: string;
  readonly version: string;
  readonly message: string | null;
  /** Whether the user agreed to keyspace notifications (the bridge sets them and puts them back). */
  readonly events: boolean;
}

export interface BridgeSlice {
  /** Null without a bridge (the app was not opened from a bridge's link). */
  bridge: BridgeState | null;
  target: Target;
  /** The server console's database, as its SELECTs moved it (the key table shows that one). */
  serverDb: number;
  /** The server's keys as last read (key, type, deadline on the wall clock), for the key table. */
  serverRows: readonly (BridgeKeyRow & { readonly deadline: number | null })[];
  setBridge(bridge: BridgeState | null): void;
  setTarget(target: Target): void;
  setServerDb(db: number): void;
  setServerRows(rows: BridgeSlice['serverRows']): void;
}

export const createBridgeSlice: StateCreator<AppState, [], [], BridgeSlice> = (set) => ({
  bridge: null,
  target: 'playground',
  serverDb: 0,
  serverRows: [],
  setServerDb: (serverDb) => set({ serverDb }),
  setBridge: (bridge) => set({ bridge }),
  setTarget: (target) => set({ target }),
  setServerRows: (serverRows) => set({ serverRows }),
});
