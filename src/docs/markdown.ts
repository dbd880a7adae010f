import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { toString as nodeText } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { readFrontMatter } from './front-matter.ts';
import type { SourcePos, SourceRange } from './types.ts';

/**
 * A documentation page flattened into what the runner cares about, in document order: headings,
 * paragraphs of prose (at any depth: list items and block quotes too) and code blocks. The walk uses
 * a real CommonMark parser, so fences indented inside list items, fences inside block quotes and
 * front matter are handled the way a site generator renders them. redis.io's shortcodes are not
 * markdown: the lines of `{{% redis-cli %}}` … `{{% /redis-cli %}}` (bare commands) and of
 * `{{< clients-example … >}}` … `{{< /clients-example >}}` (a `> ` transcript) are cut out of the
 * prose and returned as a code block tagged with the shortcode's name.
 */

export interface CodeLine {
  /** The line with the block's indentation removed. */
  readonly text: string;
  readonly range: SourceRange;
}

export type PageNode =
  | { readonly kind: 'heading'; readonly depth: number; readonly text: string; readonly range: SourceRange }
  | { readonly kind: 'prose'; readonly text: string; readonly range: SourceRange }
  | {
      readonly kind: 'code';
      readonly lang: string;
      readonly lines: readonly CodeLine[];
      readonly range: SourceRange;
    };

export interface MarkdownPage {
  /** `key: value` pairs of the YAML front matter (flat scalars only; enough for title/description). */
  readonly frontMatter: Readonly<Record<string, string>>;
  readonly nodes: readonly PageNode[];
}

/** Line and offset lookups into the raw source. */
export class SourceLines {
  readonly lines: readonly string[];
  private readonly starts: number[] = [];

  constructor(source: string) {
    this.lines = source.split('\n');
    let offset = 0;
    for (const line of this.lines) {
      this.starts.push(offset);
      offset += line.length + 1;
    }
  }

  /** The raw text of 1-based line `line`, without its newline. */
  text(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  pos(line: number, column: number): SourcePos {
    return { line, column, offset: (this.starts[line - 1] ?? 0) + column - 1 };
  }

  /** Range covering `text`, which is the tail of line `line` (indentation stripped by the parser). */
  tailRange(line: number, text: string): SourceRange {
    const raw = this.text(line).replace(/\r$/, '');
    const column = raw.endsWith(text) ? raw.length - text.length + 1 : 1;
    return { start: this.pos(line, column), end: this.pos(line, column + text.length) };
  }

  linesRange(first: number, last: number): SourceRange {
    return { start: this.pos(first, 1), end: this.pos(last, this.text(last).length + 1) };
  }
}

const SHORTCODE_OPEN = /^\s*\{\{[%<]\s*(redis-cli|clients-example)\b[^}]*[%>]\}\}\s*$/;
const SHORTCODE_CLOSE = /^\s*\{\{[%<]\s*\/(redis-cli|clients-example)\s*[%>]\}\}\s*$/;

export interface LineSpan {
  readonly first: number;
  readonly last: number;
}

/** A redis.io shortcode's lines, `{{% redis-cli %}}` to `{{% /redis-cli %}}` included. */
export interface Shortcode extends LineSpan {
  readonly name: string;
}

/** The page's mdast tree (CommonMark, front matter, GFM tables) and its shortcodes. */
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
  const codeSpans: LineSpan[] = [];
  collectCodeSpans(tree, codeSpans);
  return { tree, src, shortcodes: findShortcodes(src, codeSpans) };
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

export function readMarkdown(source: string): MarkdownPage {
  const { tree, src, shortcodes } = parseTree(source);

  const out: { node: PageNode; offset: number }[] = [];
  let frontMatter: Record<string, string> = {};
  const visit = (node: Nodes): void => {
    const position = node.position;
    if (node.type === 'yaml' || (node.type as string) === 'toml') {
      frontMatter = readFrontMatter((node as { value: string }).value);
      return;
    }
    if (!position) return;
    const first = position.start.line;
    const last = position.end.line;
    const span = { first, last };
    if (shortcodes.some((s) => s.first <= first && last <= s.last)) return;
    const range: SourceRange = {
      start: src.pos(first, position.start.column),
      end: src.pos(last, position.end.column),
    };
    switch (node.type) {
      case 'heading':
        out.push({
          node: { kind: 'heading', depth: node.depth, text: nodeText(node), range },
          offset: range.start.offset,
        });
        return;
      case 'code':
        out.push({
          node: codeNode(src, node.lang ?? '', node.value, span, range),
          offset: range.start.offset,
        });
        return;
      case 'paragraph': {
        const overlapping = shortcodes.filter((s) => s.first <= last && first <= s.last);
        if (overlapping.length === 0) {
          out.push({ node: { kind: 'prose', text: nodeText(node), range }, offset: range.start.offset });
          return;
        }
        // A paragraph that runs into a shortcode (no blank line in between) is cut around it, each
        // piece kept in its place so that a timing note after the shortcode comes after it.
        for (const piece of linesOutside(span, overlapping)) {
          const lines = Array.from({ length: piece.last - piece.first + 1 }, (_, i) =>
            src.text(piece.first + i),
          );
          const pieceRange = src.linesRange(piece.first, piece.last);
          const prose: PageNode = { kind: 'prose', text: lines.join('\n'), range: pieceRange };
          if (prose.text.trim() !== '') out.push({ node: prose, offset: pieceRange.start.offset });
        }
        return;
      }
      case 'html':
      case 'table':
        return;
      default:
        if ('children' in node) for (const child of node.children) visit(child as RootContent);
    }
  };
  visit(tree);
  for (const s of shortcodes) {
    const lines = shortcodeLines(src, s);
    const range = src.linesRange(s.first, s.last);
    out.push({ node: { kind: 'code', lang: s.name, lines, range }, offset: range.start.offset });
  }
  out.sort((a, b) => a.offset - b.offset);
  return { frontMatter, nodes: out.map((o) => o.node) };
}

function collectCodeSpans(node: Nodes, spans: LineSpan[]): void {
  if (node.type === 'code' && node.position) {
    spans.push({ first: node.position.start.line, last: node.position.end.line });
    return;
  }
  if ('children' in node) for (const child of node.children) collectCodeSpans(child as Nodes, spans);
}

function findShortcodes(src: SourceLines, codeSpans: readonly LineSpan[]): Shortcode[] {
  const found: Shortcode[] = [];
  const inCode = (line: number) => codeSpans.some((s) => s.first <= line && line <= s.last);
  let open: { line: number; name: string } | null = null;
  for (let line = 1; line <= src.lines.length; line++) {
    if (inCode(line)) continue;
    const text = src.text(line);
    const opening = SHORTCODE_OPEN.exec(text);
    const closing = SHORTCODE_CLOSE.exec(text);
    if (open === null && opening) open = { line, name: opening[1] as string };
    else if (open !== null && closing?.[1] === open.name) {
      found.push({ first: open.line, last: line, name: open.name });
      open = null;
    }
  }
  return found;
}

/** The runs of lines of `span` that lie outside every one of `cut`. */
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

function codeNode(
  src: SourceLines,
  lang: string,
  value: string,
  span: LineSpan,
  range: SourceRange,
): PageNode {
  // A fenced block's content starts on the line after the fence; an indented block's on its first line.
  const first = firstContentLine(src, span.first);
  const texts = value === '' ? [] : value.split('\n');
  const lines = texts.map((text, i) => {
    const clean = text.replace(/\r$/, '');
    return { text: clean, range: src.tailRange(first + i, clean) };
  });
  return { kind: 'code', lang: lang.trim().toLowerCase(), lines, range };
}
