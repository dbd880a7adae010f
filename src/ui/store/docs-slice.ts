import type { StateCreator } from 'zustand';
import type { LessonTask, TaskResult } from '../../docs/task.ts';
import type { DocPage, StepResult } from '../../docs/types.ts';
import type { DocsUpdate, WaitMode } from '../../worker/protocol.ts';
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
  docWaiting: DocsUpdate['waiting'];
  waitMode: WaitMode;
  docError: string | null;
  /** A page being read by the worker (its name), until it is shown or refused. */
  docOpening: string | null;
  /** The page's "try it yourself" tasks, and the last check result of each. */
  docTasks: readonly LessonTask[];
  docTaskResults: readonly (TaskResult | undefined)[];
  setDocPage(page: DocPage, source: string, tasks?: readonly LessonTask[]): void;
  setTaskResult(result: TaskResult): void;
  applyDocsUpdate(update: DocsUpdate): void;
  setWaitMode(mode: WaitMode): void;
  setDocError(message: string | null): void;
  setDocOpening(path: string | null): void;
}

export const WAIT_MODES: readonly { readonly mode: WaitMode; readonly label: string }[] = [
  { mode: 'paced', label: 'fast (3 s at most)' },
  { mode: 'real', label: 'real time' },
  { mode: 'skip', label: 'skip waits' },
];

export const createDocsSlice: StateCreator<AppState, [], [], DocsSlice> = (set, get) => ({
  docPage: null,
  docSource: '',
  docResults: [],
  docPosition: 0,
  docFinished: false,
  docRunning: false,
  docWaiting: null,
  waitMode: 'paced',
  docError: null,
  docOpening: null,
  docTasks: [],
  docTaskResults: [],
  setDocPage: (docPage, docSource, docTasks = []) =>
    set({
      docPage,
      docSource,
      docTasks,
      docTaskResults: [],
      docResults: [],
      docPosition: 0,
      docFinished: false,
      docRunning: false,
      docWaiting: null,
      docError: null,
      docOpening: null,
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
  setWaitMode: (waitMode) => set({ waitMode }),
  setDocError: (docError) => set({ docError, docOpening: null }),
  setDocOpening: (docOpening) => set({ docOpening, docError: null }),
  setTaskResult(result) {
    const results = get().docTaskResults.slice();
    results[result.task] = result;
    set({ docTaskResults: results });
  },
});
