import { readMarkdown } from './markdown.ts';
import { pageFromMarkdown } from './page.ts';
import { type LessonTask, tasksFromMarkdown } from './task.ts';
import type { DocPage } from './types.ts';

/** A page opened in the playground: its steps and its "try it yourself" tasks, from one parse. */
export interface ParsedDocument {
  readonly page: DocPage;
  readonly tasks: readonly LessonTask[];
}

export function parseDocument(source: string, path: string): ParsedDocument {
  const md = readMarkdown(source);
  const page = pageFromMarkdown(md, path);
  return { page, tasks: tasksFromMarkdown(md, page.cut?.line) };
}
