import { type CourseLesson, findLesson, readCourse } from '../docs/course.ts';

/**
 * The course as the UI sees it: every lesson in src/docs/lessons/, in the order and with the titles
 * and summaries of their front matter (src/docs/course.ts reads and checks them). The lessons are
 * small pages of our own, bundled with the app, so the list is there at once.
 */
export const COURSE: readonly CourseLesson[] = readCourse(
  import.meta.glob<string>('../docs/lessons/*.md', { query: '?raw', import: 'default', eager: true }),
);

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly order: number;
  load(): Promise<string>;
}

export const LESSONS: readonly Lesson[] = COURSE.map((l) => ({
  id: l.id,
  title: l.title,
  summary: l.summary,
  order: l.order,
  load: () => Promise.resolve(l.source),
}));

/** The lesson a `?lesson=` link names (its id, or an id it had before). */
export function lessonFor(id: string | null): Lesson | undefined {
  const found = findLesson(COURSE, id);
  return found && LESSONS.find((l) => l.id === found.id);
}

/** The course lesson a page opened as `<id>.md` is, if any. */
export function lessonIdOf(path: string): string | null {
  const id = path.replace(/\.md$/, '');
  return COURSE.some((l) => l.id === id) ? id : null;
}

/** What a `?lesson=` link that names no lesson is told: the lessons that do exist. */
export function unknownLessonMessage(id: string): string {
  return `There is no lesson "${id}". The lessons are: ${LESSONS.map((l) => l.id).join(', ')}.`;
}
