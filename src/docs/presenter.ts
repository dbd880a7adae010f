import type { PresenterNote } from './reading.ts';
import type { DocPage, DocStep } from './types.ts';

/**
 * What a classroom sees of a page being replayed: the step just run, and for the presenter alone the
 * step that comes next and the notes of the part of the page it belongs to. Plain data from the
 * page, its presenter notes (reading.ts) and the replay's position, so the audience window and the
 * presenter's draw the same thing.
 */

export interface StepView {
  /** 0-based index in `DocPage.steps`. */
  readonly index: number;
  readonly total: number;
  /** The heading of the section the step is in ('' before the first one). */
  readonly section: string;
  readonly kind: DocStep['kind'];
  /** The command as typed, or the timing note as written ("(After 2 seconds)"). */
  readonly text: string;
}

export interface PresenterView {
  readonly title: string;
  /** The step run last; null before the first. */
  readonly current: StepView | null;
  /** The step about to run; null once the page is through. */
  readonly next: StepView | null;
  /** Notes of the section the next step is in (the last step's, once through). */
  readonly notes: readonly string[];
}

function stepView(page: DocPage, index: number): StepView | null {
  const step = page.steps[index];
  if (!step) return null;
  return {
    index,
    total: page.steps.length,
    section: page.sections[step.section]?.title ?? '',
    kind: step.kind,
    text: step.kind === 'command' ? step.line : step.text,
  };
}

/** The section a note belongs to: the last one that starts on or before its line. */
export function noteSection(page: DocPage, note: PresenterNote): number {
  let found = 0;
  for (const s of page.sections) if (s.range.start.line <= note.line) found = s.index;
  return found;
}

export function presenterView(
  page: DocPage,
  notes: readonly PresenterNote[],
  position: number,
  finished: boolean,
): PresenterView {
  const current = position > 0 ? stepView(page, position - 1) : null;
  const next = finished ? null : stepView(page, position);
  const about = page.steps[next ? position : position - 1];
  const section = about?.section ?? 0;
  return {
    title: page.title,
    current,
    next,
    notes: notes.filter((n) => noteSection(page, n) === section).map((n) => n.text),
  };
}
