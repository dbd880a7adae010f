import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { type CodeLine, findShortcodes, type LineSpan, type Shortcode, SourceLines } from './markdown.ts';

/**
 * The page as an mdast tree, for the reading view (reading.ts), which draws its inline markup,
 * lists, quotes and tables. The runner's steps come from markdown.ts (markdown-it, several times
 * faster); both are CommonMark, so their blocks start on the same lines. Built in the page reader's
 * worker, on the part of the page that is kept (a cut page's rest is never read here).
 */

export interface MarkdownTree {
  readonly tree: Root;
  readonly src: SourceLines;
  readonly shortcodes: readonly Shortcode[];
}

export function parseTree(source: string): MarkdownTree {
  const src = new SourceLines(source);
  const tree = fromMarkdown(source, {
    extensions: [frontmatter(['yaml', 'toml']), gfmTable()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmTableFromMarkdown()],
  });
  const inCode = new Uint8Array(src.lines.length + 2);
  markCode(tree, inCode);
  return { tree, src, shortcodes: findShortcodes(src, inCode) };
}

function markCode(node: Nodes, inCode: Uint8Array): void {
  if (node.type === 'code' && node.position) {
    inCode.fill(1, node.position.start.line, node.position.end.line + 1);
    return;
  }
  if ('children' in node) for (const child of node.children) markCode(child as Nodes, inCode);
}

/** The lines of a shortcode between its opening and closing lines, trimmed. */
export function shortcodeLines(src: SourceLines, s: Shortcode): CodeLine[] {
  const lines: CodeLine[] = [];
  for (let l = s.first + 1; l < s.last; l++) {
    const text = src.text(l).replace(/\r$/, '').trim();
    lines.push({ text, range: src.tailRange(l, text) });
  }
  return lines;
}

/** The 1-based source line of a code node's first content line (after its fence, if fenced). */
export function firstContentLine(src: SourceLines, startLine: number): number {
  return /^\s*(```|~~~)/.test(src.text(startLine)) ? startLine + 1 : startLine;
}

/** The runs of lines of `span` that lie outside every one of `cut` (the few shortcodes it meets). */
export function linesOutside(span: LineSpan, cut: readonly LineSpan[]): LineSpan[] {
  const pieces: LineSpan[] = [];
  let start = -1;
  for (let l = span.first; l <= span.last + 1; l++) {
    const inside = l > span.last || cut.some((s) => s.first <= l && l <= s.last);
    if (!inside && start < 0) start = l;
    if (inside && start >= 0) {
      pieces.push({ first: start, last: l - 1 });
      start = -1;
    }
  }
  return pieces;
}
