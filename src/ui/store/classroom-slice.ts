import type { StateCreator } from 'zustand';
import { pageMode } from '../mode.ts';
import type { AppState } from './index.ts';

/**
 * Classroom state: presentation mode (the projector layout), and whether an audience window is
 * open and listening (then this window is the presenter's: it shows the notes and the next step).
 */
export type AudienceState = 'none' | 'opening' | 'connected' | 'blocked';

export interface ClassroomSlice {
  presenting: boolean;
  audience: AudienceState;
  /** An audience window: whether the presenter's window is there to mirror. */
  presenterHere: boolean;
  setPresenting(on: boolean): void;
  setAudience(state: AudienceState): void;
  setPresenterHere(here: boolean): void;
}

export const createClassroomSlice: StateCreator<AppState, [], [], ClassroomSlice> = (set) => ({
  presenting: pageMode.present,
  audience: 'none',
  presenterHere: false,
  setPresenting: (presenting) => set({ presenting }),
  setAudience: (audience) => set({ audience }),
  setPresenterHere: (presenterHere) => set({ presenterHere }),
});
