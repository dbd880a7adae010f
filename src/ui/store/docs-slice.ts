import type { StateCreator } from 'zustand';
import type { DocPage, StepResult } from '../../docs/types.ts';
import type { DocsUpdate, WaitRate } from '../../worker/protocol.ts';
import type { AppState } from './index.ts';

/** The docs page being replayed: its source, steps, and each step's result as the worker reports it. */
export interface DocsSlice {
  docPage: DocPage | null;
  docSource: string;
  /** Result per step index. */
  docResults: (StepResult | undefined)[];
  docPosition: number;
  docFinished: boolean;
  docRunning: boolean;
  docWaiting: { readonly from: number; readonly to: number } | null;
  waitRate: WaitRate;
  docError: string | null;
  setDocPage(page: DocPage, source: string): void;
  applyDocsUpdate(update: DocsUpdate): void;
  setWaitRate(rate: WaitRate): void;
  setDocError(message: string | null): void;
}

export const WAIT_RATES: readonly { readonly rate: WaitRate; readonly label: string }[] = [
  { rate: 0, label: 'skip waits' },
  { rate: 1, label: 'real time (1×)' },
  { rate: 2, label: '2×' },
  { rate: 5, label: '5×' },
  { rate: 20, label: '20×' },
];

export const createDocsSlice: StateCreator<AppState, [], [], DocsSlice> = (set, get) => ({
  docPage: null,
  docSource: '',
  docResults: [],
  docPosition: 0,
  docFinished: false,
  docRunning: false,
  docWaiting: null,
  waitRate: 5,
  docError: null,
  setDocPage: (docPage, docSource) =>
    set({
      docPage,
      docSource,
      docResults: [],
      docPosition: 0,
      docFinished: false,
      docRunning: false,
      docWaiting: null,
      docError: null,
    }),
  applyDocsUpdate(u) {
    const results = u.restarted ? [] : get().docResults.slice();
    for (const r of u.results) results[r.step.index] = r;
    set({
      docResults: results,
      docPosition: u.position,
      docFinished: u.finished,
      docRunning: u.running,
      docWaiting: u.waiting,
    });
  },
  setWaitRate: (waitRate) => set({ waitRate }),
  setDocError: (docError) => set({ docError }),
});
