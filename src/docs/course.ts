import { COMPATS, type Compat, DEFAULT_COMPAT, isCompat } from '../engine/compat.ts';
import { leadingFrontMatter } from './front-matter.ts';

/**
 * The course: the bundled lessons in order. Each lesson's own front matter is the one place its
 * metadata lives; this module reads it, checks it and sorts the lessons, for the UI (lesson list,
 * welcome screen, progress) and the tests alike. A lesson file `<id>.md` starts with:
 *
 *     ---
 *     title: A key with a time to live
 *     summary: One sentence on what the lesson shows.
 *     order: 1
 *     aliases: old-id, other-old-id      (optional: ids that used to name it, for old links)
 *     compat: redis-7.4                  (optional: the server it runs on, redis-7.0 by default)
 *     ---
 *
 * The id is the file name, the one `?lesson=<id>` links use.
 */

export interface CourseLesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** 1, 2, 3… with no gaps. */
  readonly order: number;
  readonly aliases: readonly string[];
  /** The server the lesson is written for: opening it switches the playground to it. */
  readonly compat: Compat;
  /** The lesson's markdown. */
  readonly source: string;
}

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The lessons of `files` (path → markdown, e.g. from Vite's import.meta.glob) in course order.
 * Throws on a lesson whose front matter is incomplete, or on two lessons sharing an id or a place:
 * the lesson tests call this too, so a broken course never ships.
 */
export function readCourse(files: Readonly<Record<string, string>>): CourseLesson[] {
  const lessons = Object.entries(files).map(([path, source]) => readLesson(path, source));
  lessons.sort((a, b) => a.order - b.order);
  const names = new Set<string>();
  lessons.forEach((lesson, i) => {
    if (lesson.order !== i + 1)
      throw new Error(`lesson ${lesson.id}: order ${lesson.order}, expected ${i + 1}`);
    for (const name of [lesson.id, ...lesson.aliases]) {
      if (names.has(name)) throw new Error(`lesson id ${name} is used twice`);
      names.add(name);
    }
  });
  return lessons;
}

function readLesson(path: string, source: string): CourseLesson {
  const id = (path.split('/').pop() ?? '').replace(/\.md$/, '');
  if (!ID.test(id)) throw new Error(`${path}: a lesson file is named <id>.md, id in a-z, 0-9 and -`);
  const meta = leadingFrontMatter(source);
  const title = meta?.title ?? '';
  const summary = meta?.summary ?? '';
  const order = Number(meta?.order);
  if (title === '' || summary === '' || !Number.isInteger(order) || order < 1) {
    throw new Error(`${path}: front matter needs a title, a summary and an order (1, 2, …)`);
  }
  const aliases = (meta?.aliases ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  for (const alias of aliases) if (!ID.test(alias)) throw new Error(`${path}: bad alias ${alias}`);
  const compat = meta?.compat ?? DEFAULT_COMPAT;
  if (!isCompat(compat)) throw new Error(`${path}: compat ${compat} is not one of ${COMPATS.join(', ')}`);
  return { id, title, summary, order, aliases, compat, source };
}

/** The lesson a link names, by its id or one of its old ids. */
export function findLesson(course: readonly CourseLesson[], id: string | null): CourseLesson | undefined {
  if (id === null) return undefined;
  return course.find((l) => l.id === id) ?? course.find((l) => l.aliases.includes(id));
}

/** The lesson after `id` in the course, if any. */
export function nextLesson(course: readonly CourseLesson[], id: string): CourseLesson | undefined {
  const i = course.findIndex((l) => l.id === id);
  return i < 0 ? undefined : course[i + 1];
}
