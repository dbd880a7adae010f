import type { StateCreator } from 'zustand';
import type { PlaygroundSnapshot } from '../../engine/snapshot/snapshot.ts';
import type { RestoredInfo, StoreState } from '../../worker/protocol.ts';
import type { AppState } from './index.ts';

/** Whether the playground is saved, what was restored, and a shared scenario waiting to be opened. */
export interface PersistSlice {
  storeState: StoreState | 'starting';
  storeMessage: string | null;
  restored: RestoredInfo | null;
  /** A scenario from a link or file, shown to the user before anything loads. */
  scenarioOffer: {
    readonly payload: string;
    readonly snapshot: PlaygroundSnapshot;
    readonly from: string;
  } | null;
  /** Why a link or file could not be opened. */
  scenarioError: string | null;
  setStore(state: StoreState, message: string | null): void;
  setRestored(info: RestoredInfo | null): void;
  offerScenario(offer: PersistSlice['scenarioOffer']): void;
  setScenarioError(message: string | null): void;
}

export const createPersistSlice: StateCreator<AppState, [], [], PersistSlice> = (set) => ({
  storeState: 'starting',
  storeMessage: null,
  restored: null,
  scenarioOffer: null,
  scenarioError: null,
  setStore: (storeState, storeMessage) => set({ storeState, storeMessage }),
  setRestored: (restored) => set({ restored }),
  offerScenario: (scenarioOffer) => set({ scenarioOffer }),
  setScenarioError: (scenarioError) => set({ scenarioError }),
});
