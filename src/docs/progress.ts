import type { CourseLesson } from './course.ts';
import type { DocPage, StepResult } from './types.ts';

/**
 * A learner's progress through the course, per lesson id:
 * - `done`: every example of the lesson has been run (to its end, whatever the verdicts);
 * - `passed`: its "try it yourself" check passed once (task.ts).
 * Values are immutable; every change returns a new progress. The UI keeps it where it likes
 * (localStorage under PROGRESS_STORAGE_KEY for now) through serializeProgress / parseProgress, which
 * reads anything (a hand-edited or foreign value) without throwing: what it cannot read is dropped.
 */

export interface LessonProgress {
  readonly done: boolean;
  readonly passed: boolean;
}

export type CourseProgress = Readonly<Record<string, LessonProgress>>;

export const PROGRESS_STORAGE_KEY = 'expiry-playground.course-progress';
const FORMAT_VERSION = 1;
/** Bounds on what is read back: a stored value is untrusted input. */
const MAX_STORED_CHARS = 64 * 1024;
const MAX_LESSONS = 500;
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const NOTHING: LessonProgress = Object.freeze({ done: false, passed: false });

export function emptyProgress(): CourseProgress {
  return {};
}

export function progressOf(progress: CourseProgress, id: string): LessonProgress {
  return Object.hasOwn(progress, id) ? (progress[id] as LessonProgress) : NOTHING;
}

export function markDone(progress: CourseProgress, id: string): CourseProgress {
  return update(progress, id, { done: true });
}

export function markPassed(progress: CourseProgress, id: string): CourseProgress {
  return update(progress, id, { passed: true });
}

function update(progress: CourseProgress, id: string, change: Partial<LessonProgress>): CourseProgress {
  if (!ID.test(id)) return progress;
  const before = progressOf(progress, id);
  const after = { ...before, ...change };
  if (after.done === before.done && after.passed === before.passed) return progress;
  return { ...progress, [id]: after };
}

/** True once every example step of the page has a result: the lesson has been run through. */
export function ranThrough(page: DocPage, results: readonly (StepResult | undefined)[]): boolean {
  return page.steps.every((s) => s.kind !== 'command' || results[s.index] !== undefined);
}

export interface CourseSummary {
  readonly total: number;
  readonly done: number;
  readonly passed: number;
  /** The first lesson in order that is not both done and passed: where to carry on. */
  readonly next: CourseLesson | undefined;
}

export function courseSummary(progress: CourseProgress, course: readonly CourseLesson[]): CourseSummary {
  let done = 0;
  let passed = 0;
  let next: CourseLesson | undefined;
  for (const lesson of course) {
    const p = progressOf(progress, lesson.id);
    if (p.done) done++;
    if (p.passed) passed++;
    if (next === undefined && !(p.done && p.passed)) next = lesson;
  }
  return { total: course.length, done, passed, next };
}

export function serializeProgress(progress: CourseProgress): string {
  const lessons: Record<string, LessonProgress> = {};
  for (const [id, p] of Object.entries(progress)) {
    if (p.done || p.passed) lessons[id] = { done: p.done, passed: p.passed };
  }
  return JSON.stringify({ v: FORMAT_VERSION, lessons });
}

/** Reads a stored progress; anything unreadable (or null: nothing stored) gives what can be kept. */
export function parseProgress(text: string | null | undefined): CourseProgress {
  if (typeof text !== 'string' || text.length > MAX_STORED_CHARS) return emptyProgress();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return emptyProgress();
  }
  if (!isRecord(data) || data.v !== FORMAT_VERSION || !isRecord(data.lessons)) return emptyProgress();
  const out: Record<string, LessonProgress> = {};
  for (const [id, value] of Object.entries(data.lessons).slice(0, MAX_LESSONS)) {
    if (!ID.test(id) || !isRecord(value)) continue;
    const p = { done: value.done === true, passed: value.passed === true };
    if (p.done || p.passed) out[id] = p;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
