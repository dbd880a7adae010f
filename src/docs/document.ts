import { readMarkdown } from './markdown.ts';
import { pageFromMarkdown } from './page.ts';
import { type ReadingPage, readingPage } from './reading.ts';
import { type LessonTask, tasksFromMarkdown } from './task.ts';
import type { DocPage } from './types.ts';

/**
 * A page opened in the playground: its steps and "try it yourself" tasks, and the reading view of
 * the part that is kept (a cut page's rest is neither replayed nor shown).
 */
export interface ParsedDocument {
  readonly page: DocPage;
  readonly tasks: readonly LessonTask[];
  readonly reading: ReadingPage;
}

export function parseDocument(source: string, path: string): ParsedDocument {
  const md = readMarkdown(source);
  const page = pageFromMarkdown(md, path);
  const kept = page.cut
    ? source
        .split('\n')
        .slice(0, page.cut.line - 1)
        .join('\n')
    : source;
  return { page, tasks: tasksFromMarkdown(md, page.cut?.line), reading: readingPage(kept, page) };
}
