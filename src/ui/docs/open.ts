import { courseSummary } from '../../docs/progress.ts';
import type { PageClient } from '../client-context.tsx';
import { COURSE, LESSONS, lessonFor } from '../lessons.ts';
import { useApp } from '../store/index.ts';

/**
 * Opening pages in the Docs panel. Each page opens on a session of its own in the worker (its own
 * keyspace and clock; where its examples start is the panel's Keyspace choice), so opening one never
 * touches the learner's keys; "Close lesson" brings them back.
 */

export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

export function tooLarge(name: string): string {
  return `${name} is larger than 2 MB; that is not a documentation page.`;
}

/**
 * Opens a page; the worker reads it off the command path and shows it when read. `requireExample`:
 * refuse a page without a command to replay (a `?doc=` link may point anywhere).
 */
export function openDocPage(
  client: PageClient,
  path: string,
  source: string,
  options: { requireExample?: boolean } = {},
): void {
  if (source.length > MAX_PAGE_BYTES) {
    useApp.getState().setDocError(tooLarge(path));
    return;
  }
  const app = useApp.getState();
  app.setDocOpening(path);
  app.setSideTab('docs');
  // The page needs the room; the welcome is one click away (Learn) and shows again next visit.
  if (app.welcomeOpen) app.setWelcomeOpen(false, false);
  app.setDocShowSource(false);
  client.send({ type: 'docs-open', path, source, keyspace: app.keyspaceChoice, ...options });
}

/** Opens the course lesson `id` (or an old id of it); false when there is no such lesson. */
export async function openLesson(client: PageClient, id: string): Promise<boolean> {
  const lesson = lessonFor(id);
  if (!lesson) return false;
  openDocPage(client, `${lesson.id}.md`, await lesson.load());
  return true;
}

/** "Start the course": the first lesson not yet both run through and passed. */
export function startCourse(client: PageClient): Promise<boolean> {
  const next = courseSummary(useApp.getState().progress, COURSE).next ?? COURSE[0];
  return next ? openLesson(client, next.id) : Promise.resolve(false);
}

export function closeDocPage(client: PageClient): void {
  client.send({ type: 'docs-close' });
}

export { LESSONS };
