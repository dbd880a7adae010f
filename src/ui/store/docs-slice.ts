import type { StateCreator } from 'zustand';
import {
  type CourseProgress,
  markDone,
  markPassed,
  PROGRESS_STORAGE_KEY,
  parseProgress,
  ranThrough,
  serializeProgress,
} from '../../docs/progress.ts';
import type { ReadingPage } from '../../docs/reading.ts';
import type { LessonTask, TaskResult } from '../../docs/task.ts';
import type { DocPage, StepResult } from '../../docs/types.ts';
import type { DocsKeyspace, DocsUpdate, WaitMode } from '../../worker/protocol.ts';
import { appStorage } from '../storage.ts';
import type { AppState } from './index.ts';

/** The docs page being replayed: its source, steps, and each step's result as the worker reports it. */
export interface DocsSlice {
  docPage: DocPage | null;
  docSource: string;
  /** The page as the reading view draws it. */
  docReading: ReadingPage | null;
  /** Where its examples start (its own fresh keyspace unless the learner chose otherwise). */
  docKeyspace: DocsKeyspace;
  /** The course lesson the page is, if it is one. */
  docLessonId: string | null;
  /** Result per step index. */
  docResults: (StepResult | undefined)[];
  docPosition: number;
  docFinished: boolean;
  docRunning: boolean;
  docWaiting: DocsUpdate['waiting'];
  /** The page's raw text instead of the reading view ("View source"). */
  docShowSource: boolean;
  waitMode: WaitMode;
  /** Where the next page opened starts (the Keyspace choice). */
  keyspaceChoice: DocsKeyspace;
  docError: string | null;
  /** A page being read by the worker (its name), until it is shown or refused. */
  docOpening: string | null;
  /** The page's "try it yourself" tasks, and the last check result of each. */
  docTasks: readonly LessonTask[];
  docTaskResults: readonly (TaskResult | undefined)[];
  /** The learner's progress through the course (kept in localStorage). */
  progress: CourseProgress;
  setDocPage(
    page: DocPage,
    source: string,
    extra?: {
      tasks?: readonly LessonTask[];
      reading?: ReadingPage;
      keyspace?: DocsKeyspace;
      lessonId?: string | null;
    },
  ): void;
  closeDocPage(): void;
  setTaskResult(result: TaskResult): void;
  applyDocsUpdate(update: DocsUpdate): void;
  setWaitMode(mode: WaitMode): void;
  setKeyspaceChoice(keyspace: DocsKeyspace): void;
  setDocShowSource(on: boolean): void;
  setDocError(message: string | null): void;
  setDocOpening(path: string | null): void;
}

export const WAIT_MODES: readonly { readonly mode: WaitMode; readonly label: string }[] = [
  { mode: 'paced', label: 'fast (3 s at most)' },
  { mode: 'real', label: 'real time' },
  { mode: 'skip', label: 'skip waits' },
];

export const KEYSPACES: readonly { readonly keyspace: DocsKeyspace; readonly label: string }[] = [
  { keyspace: 'fresh', label: 'a fresh keyspace per section' },
  { keyspace: 'carry', label: 'one keyspace, kept across sections (--carry-state)' },
  { keyspace: 'continue', label: 'a copy of my keys, kept across sections' },
];

function loadProgress(): CourseProgress {
  try {
    return parseProgress(appStorage()?.getItem(PROGRESS_STORAGE_KEY));
  } catch {
    return {};
  }
}

function saveProgress(progress: CourseProgress): void {
  try {
    appStorage()?.setItem(PROGRESS_STORAGE_KEY, serializeProgress(progress));
  } catch {
    // Progress just does not persist.
  }
}

/** No page open (a function: the result arrays are fresh each time). */
const closed = (): Pick<
  DocsSlice,
  | 'docPage'
  | 'docSource'
  | 'docReading'
  | 'docLessonId'
  | 'docTasks'
  | 'docTaskResults'
  | 'docResults'
  | 'docPosition'
  | 'docFinished'
  | 'docRunning'
  | 'docWaiting'
> => ({
  docPage: null,
  docSource: '',
  docReading: null,
  docLessonId: null,
  docTasks: [],
  docTaskResults: [],
  docResults: [],
  docPosition: 0,
  docFinished: false,
  docRunning: false,
  docWaiting: null,
});

export const createDocsSlice: StateCreator<AppState, [], [], DocsSlice> = (set, get) => {
  const updateProgress = (change: (p: CourseProgress) => CourseProgress) => {
    const progress = change(get().progress);
    if (progress === get().progress) return;
    set({ progress });
    saveProgress(progress);
  };
  return {
    ...closed(),
    docKeyspace: 'fresh',
    docShowSource: false,
    waitMode: 'paced',
    keyspaceChoice: 'fresh',
    docError: null,
    docOpening: null,
    progress: loadProgress(),
    setDocPage: (docPage, docSource, extra = {}) =>
      set({
        ...closed(),
        docPage,
        docSource,
        docReading: extra.reading ?? null,
        docTasks: extra.tasks ?? [],
        docKeyspace: extra.keyspace ?? 'fresh',
        keyspaceChoice: extra.keyspace ?? get().keyspaceChoice,
        docLessonId: extra.lessonId ?? null,
        docError: null,
        docOpening: null,
      }),
    closeDocPage: () => set(closed()),
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
      const { docPage, docLessonId } = get();
      if (docPage && docLessonId && docPage.steps.length > 0 && ranThrough(docPage, results)) {
        updateProgress((p) => markDone(p, docLessonId));
      }
    },
    setWaitMode: (waitMode) => set({ waitMode }),
    setKeyspaceChoice: (keyspaceChoice) => set({ keyspaceChoice }),
    setDocShowSource: (docShowSource) => set({ docShowSource }),
    setDocError: (docError) => set({ docError, docOpening: null }),
    setDocOpening: (docOpening) => set({ docOpening, docError: null }),
    setTaskResult(result) {
      const results = get().docTaskResults.slice();
      results[result.task] = result;
      set({ docTaskResults: results });
      const id = get().docLessonId;
      if (result.passed && id) updateProgress((p) => markPassed(p, id));
    },
  };
};
