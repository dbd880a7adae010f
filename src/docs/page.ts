import { type Compat, isCompat } from '../engine/compat.ts';
import { type CodeLine, type MarkdownPage, readMarkdown } from './markdown.ts';
import { readOutput } from './output-reader.ts';
import { findTimingNotes, type TimingNote } from './timing.ts';
import { readTranscript } from './transcript.ts';

import type {
  CommandStep,
  DocBlock,
  DocPage,
  DocPageCut,
  DocSection,
  DocStep,
  ExpectedOutput,
  NoteSource,
  SourceRange,
  WaitStep,
} from './types.ts';

export { cutMessage } from './cut.ts';

/**
 * Turns a documentation page into steps to replay. Sections start at every heading of level 1 to 3
 * (a `###` example starts from an empty keyspace; `####` and deeper stay in their section). Inside
 * a section, blocks continue one another, and the timing notes of the prose between them become
 * wait steps in page order. A note that no command follows in its section is dropped: there is
 * nothing left for the wait to affect.
 */

const SECTION_MAX_DEPTH = 3;

/** How much of a page is kept: far above any real page (the largest known has 43 steps). */
export interface PageLimits {
  readonly steps: number;
  readonly blocks: number;
  readonly sections: number;
  readonly lines: number;
}

export const PAGE_LIMITS: PageLimits = { steps: 1000, blocks: 2000, sections: 1000, lines: 10_000 };
export const NO_LIMITS: PageLimits = {
  steps: Infinity,
  blocks: Infinity,
  sections: Infinity,
  lines: Infinity,
};

export function parseDocPage(source: string, path = '', limits = PAGE_LIMITS): DocPage {
  return pageFromMarkdown(readMarkdown(source), path, limits);
}

/**
 * A page past one of `limits` is cut before the first node that would go past it: the steps, blocks
 * and sections before stay, and `cut` says where and why.
 */
export function pageFromMarkdown(md: MarkdownPage, path = '', limits = PAGE_LIMITS): DocPage {
  const sections: DocSection[] = [];
  const blocks: DocBlock[] = [];
  const steps: DocStep[] = [];
  let pendingWaits: Omit<WaitStep, 'index'>[] = [];
  let current = { title: '', depth: 0, range: emptyRange(), firstStep: 0, end: emptyRange().end };
  let nearestHeading = '';
  let firstTitle = '';

  const closeSection = () => {
    sections.push({
      index: sections.length,
      title: current.title,
      depth: current.depth,
      range: { start: current.range.start, end: current.end },
      firstStep: current.firstStep,
      stepCount: steps.length - current.firstStep,
    });
    pendingWaits = [];
  };
  const addWait = (note: TimingNote, source: NoteSource, range: SourceRange) => {
    pendingWaits.push({
      kind: 'wait',
      section: sections.length,
      ms: note.ms,
      moreThan: note.moreThan,
      text: note.text,
      source,
      range,
    });
  };
  const addCommand = (step: Omit<CommandStep, 'index' | 'section'>) => {
    for (const wait of pendingWaits) steps.push({ ...wait, index: steps.length });
    pendingWaits = [];
    steps.push({ ...step, index: steps.length, section: sections.length });
  };

  let cut: DocPageCut | undefined;
  for (const node of md.nodes) {
    const over = overLimit(limits, node, sections.length, blocks.length, steps.length + pendingWaits.length);
    if (over) {
      cut = { line: node.range.start.line, limit: over, max: limits[over] };
      break;
    }
    if (node.kind === 'heading') {
      nearestHeading = node.text;
      if (node.depth === 1 && firstTitle === '') firstTitle = node.text;
      if (node.depth <= SECTION_MAX_DEPTH) {
        closeSection();
        current = {
          title: node.text,
          depth: node.depth,
          range: node.range,
          firstStep: steps.length,
          end: node.range.end,
        };
      }
      continue;
    }
    current.end = node.range.end;
    if (node.kind === 'prose') {
      // The paragraph's range is the note's range: a sentence has no position of its own in the parse.
      for (const note of findTimingNotes(node.text)) addWait(note, 'prose', node.range);
      continue;
    }
    const transcript = readTranscript(node.lang, node.lines, /\bsyntax\b/i.test(nearestHeading));
    if (transcript.entries.length > 0 && steps.length + pendingWaits.length >= limits.steps) {
      cut = { line: node.range.start.line, limit: 'steps', max: limits.steps };
      break;
    }
    const blockIndex = blocks.length;
    blocks.push({
      index: blockIndex,
      section: sections.length,
      lang: node.lang,
      role: transcript.role,
      range: node.range,
    });
    for (const entry of transcript.entries) {
      if (steps.length + pendingWaits.length >= limits.steps) {
        cut = { line: entry.range.start.line, limit: 'steps', max: limits.steps };
        break;
      }
      if (entry.kind === 'note') {
        addWait(entry.note, 'comment', entry.range);
        continue;
      }
      addCommand({
        kind: 'command',
        block: blockIndex,
        prompt: entry.prompt,
        line: entry.line,
        range: entry.range,
        expected: expectedOutput(entry.output, entry.cut),
        ...(entry.comment === undefined ? {} : { comment: entry.comment }),
      });
    }
    if (cut) break;
  }
  closeSection();
  const title = md.frontMatter.title ?? (firstTitle || path);
  const compat = compatHint(md.frontMatter.compat ?? md.compatComment);
  return { path, title, sections, blocks, steps, ...(cut ? { cut } : {}), ...(compat ? { compat } : {}) };
}

function compatHint(name: string | undefined): Compat | undefined {
  return name !== undefined && isCompat(name) ? name : undefined;
}

function overLimit(
  limits: PageLimits,
  node: MarkdownPage['nodes'][number],
  sections: number,
  blocks: number,
  steps: number,
): DocPageCut['limit'] | null {
  if (node.range.start.line > limits.lines) return 'lines';
  if (node.kind === 'heading')
    return node.depth <= SECTION_MAX_DEPTH && sections >= limits.sections ? 'sections' : null;
  if (node.kind === 'code' && blocks >= limits.blocks) return 'blocks';
  // A code block's commands are counted one by one as they are read.
  return node.kind === 'prose' && steps >= limits.steps ? 'steps' : null;
}

function expectedOutput(lines: readonly CodeLine[], cut: boolean): ExpectedOutput {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (first === undefined || last === undefined) {
    if (!cut) return { kind: 'none' };
  }
  const texts = lines.map((l) => l.text);
  const range = first && last ? { start: first.range.start, end: last.range.end } : emptyRange();
  return { kind: 'reply', reply: readOutput(texts, cut), text: texts.join('\n'), range };
}

function emptyRange(): SourceRange {
  const pos = { line: 1, column: 1, offset: 0 };
  return { start: pos, end: pos };
}

/** The command steps of a page, for callers that do not care about waits. */
export function commandSteps(page: DocPage): CommandStep[] {
  return page.steps.filter((s): s is CommandStep => s.kind === 'command');
}

/**
 * The code block each step belongs to: a command's own, and a wait's the block of the command that
 * follows it (a page's "(After 2 seconds)" between two blocks is what the second one needs first).
 */
export function stepBlocks(page: DocPage): number[] {
  const out = new Array<number>(page.steps.length).fill(-1);
  let next = -1;
  for (let i = page.steps.length - 1; i >= 0; i--) {
    const step = page.steps[i] as DocStep;
    if (step.kind === 'command') next = step.block;
    out[i] = next;
  }
  return out;
}

/** The first and last step of block `block` (its waits included), or null when it has none. */
export function blockStepRange(page: DocPage, block: number): { first: number; last: number } | null {
  const blocks = stepBlocks(page);
  const first = blocks.indexOf(block);
  return first < 0 ? null : { first, last: blocks.lastIndexOf(block) };
}
