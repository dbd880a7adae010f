import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import { readFrontMatter } from './front-matter.ts';
import type { SourcePos, SourceRange } from './types.ts';

/**
 * A documentation page flattened into what the runner cares about, in document order: headings,
 * paragraphs of prose (at any depth: list items and block quotes too) and code blocks. The walk uses
 * a real CommonMark parser (markdown-it: linear in the page's size, a 1 MB page of 100,000 blocks in
 * well under a second), so fences indented inside list items, fences inside block quotes and front
 * matter are handled the way a site generator renders them. redis.io's shortcodes are not markdown:
 * the lines of `{{% redis-cli %}}` … `{{% /redis-cli %}}` (bare commands) and of
 * `{{< clients-example … >}}` … `{{< /clients-example >}}` (a `> ` transcript) are cut out of the
 * prose and returned as a code block tagged with the shortcode's name.
 *
 * Every pass below is one walk over the lines or the tokens: a page is hostile input, and any
 * "for each block, look at every other block" step turns a 1 MB page into a minute of work.
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
  /** The server a `<!-- compat: redis-7.4 -->` comment (an HTML block of its own) names, if any. */
  readonly compatComment?: string;
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

  /** From the first non-blank character of line `first` to the end of line `last`. */
  linesRange(first: number, last: number): SourceRange {
    const head = this.text(first);
    const column = head.length - head.trimStart().length + 1;
    const tail = this.text(last).replace(/\r$/, '');
    return { start: this.pos(first, column), end: this.pos(last, tail.length + 1) };
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

// html on (CommonMark's own): an HTML block hides what it holds, as it does on a rendered page.
// GFM tables are read as tables (not prose): the reading view (reading.ts) shows them.
const parser = new MarkdownIt('commonmark').enable('table');
// Every link target is kept as written: the reading view decides which it follows (safeHref), and a
// `javascript:` link shows as a link without a target rather than as its raw markdown.
parser.validateLink = () => true;
parser.normalizeLink = (url) => url;
parser.normalizeLinkText = (text) => text;

/** A page's markdown-it tokens (front matter blanked), its lines, and its redis.io shortcodes. */
export function markdownTokens(source: string): {
  tokens: Token[];
  src: SourceLines;
  shortcodes: Shortcode[];
  frontMatter: Record<string, string>;
} {
  const src = new SourceLines(source);
  const front = splitFrontMatter(src.lines);
  const tokens = parser.parse(front.body, {});
  const inCode = new Uint8Array(src.lines.length + 2);
  for (const t of tokens) {
    if ((t.type === 'fence' || t.type === 'code_block') && t.map) {
      for (let l = t.map[0] + 1; l <= t.map[1]; l++) inCode[l] = 1;
    }
  }
  return { tokens, src, shortcodes: findShortcodes(src, inCode), frontMatter: front.values };
}

export function readMarkdown(source: string): MarkdownPage {
  const { tokens, src, shortcodes, frontMatter } = markdownTokens(source);
  /** Per line (1-based), the index of the shortcode covering it, or -1. */
  const shortcodeAt = new Int32Array(src.lines.length + 2).fill(-1);
  for (const [i, s] of shortcodes.entries()) shortcodeAt.fill(i, s.first, s.last + 1);

  const out: PageNode[] = [];
  let compatComment: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'html_block' && compatComment === undefined) {
      compatComment = COMPAT_COMMENT.exec(t.content)?.[1];
    }
    if (!t.map || t.nesting === -1) continue;
    const first = t.map[0] + 1;
    const last = Math.max(first, t.map[1]);
    const inside = shortcodeAt[first] !== -1 && shortcodeAt[first] === shortcodeAt[last];
    if (inside) continue;
    const range = src.linesRange(first, last);
    if (t.type === 'heading_open') {
      const text = inlineText(tokens[i + 1]);
      out.push({ kind: 'heading', depth: Number(t.tag.slice(1)), text, range });
    } else if (t.type === 'fence' || t.type === 'code_block') {
      out.push(codeNode(src, t, { first, last }, range));
    } else if (t.type === 'paragraph_open') {
      out.push(...proseNodes(src, { first, last }, shortcodeAt, inlineText(tokens[i + 1]), range));
    }
  }
  for (const s of shortcodes) {
    const lines: CodeLine[] = [];
    for (let l = s.first + 1; l < s.last; l++) {
      const text = src.text(l).replace(/\r$/, '').trim();
      lines.push({ text, range: src.tailRange(l, text) });
    }
    out.push({ kind: 'code', lang: s.name, lines, range: src.linesRange(s.first, s.last) });
  }
  // Tokens come in page order; only the shortcodes need merging in (a stable sort keeps the rest).
  if (shortcodes.length > 0) out.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { frontMatter, nodes: out, ...(compatComment !== undefined ? { compatComment } : {}) };
}

const COMPAT_COMMENT = /^\s*<!--\s*compat:\s*([\w.-]+)\s*-->/;

/**
 * YAML (`---`) or TOML (`+++`) front matter on the page's first line, closed by the same fence. Its
 * lines are blanked for the markdown parser so that line numbers stay those of the page.
 */
function splitFrontMatter(lines: readonly string[]): { values: Record<string, string>; body: string } {
  const fence = (lines[0] ?? '').replace(/\s+$/, '');
  const close = fence === '---' || fence === '+++' ? closingFence(lines, fence) : -1;
  const body = withoutLoneCr(lines.join('\n'));
  if (close < 0) return { values: {}, body };
  const value = lines.slice(1, close).join('\n').replace(/\r$/gm, '');
  const rest = lines.slice(close + 1).join('\n');
  return { values: readFrontMatter(value), body: '\n'.repeat(close + 1) + withoutLoneCr(rest) };
}

function closingFence(lines: readonly string[], fence: string): number {
  for (let i = 1; i < lines.length; i++) if ((lines[i] as string).replace(/\s+$/, '') === fence) return i;
  return -1;
}

/** markdown-it takes a lone CR for a line end; the page's lines are split at LF only. */
function withoutLoneCr(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, ' ') : text;
}

/** The plain text of a heading's or paragraph's inline content, as the page reads. */
function inlineText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? '';
  let text = '';
  for (const c of inline.children) {
    if (c.type === 'softbreak' || c.type === 'hardbreak') text += '\n';
    else if (c.type === 'text' || c.type === 'text_special' || c.type === 'code_inline') text += c.content;
    else if (c.type === 'html_inline' || c.type === 'image') text += c.content;
  }
  return text;
}

/**
 * A paragraph, or when it runs into a shortcode (no blank line in between) the pieces of it around
 * the shortcode, each kept in its place so that a timing note after the shortcode comes after it.
 */
function proseNodes(
  src: SourceLines,
  span: LineSpan,
  shortcodeAt: Int32Array,
  text: string,
  range: SourceRange,
): PageNode[] {
  let overlaps = false;
  for (let l = span.first; l <= span.last && !overlaps; l++) overlaps = shortcodeAt[l] !== -1;
  if (!overlaps) return [{ kind: 'prose', text, range }];
  const pieces: PageNode[] = [];
  let start = -1;
  for (let l = span.first; l <= span.last + 1; l++) {
    const cut = l > span.last || shortcodeAt[l] !== -1;
    if (!cut && start < 0) start = l;
    if (cut && start >= 0) {
      const lines = src.lines.slice(start - 1, l - 1);
      const piece = lines.join('\n');
      if (piece.trim() !== '')
        pieces.push({ kind: 'prose', text: piece, range: src.linesRange(start, l - 1) });
      start = -1;
    }
  }
  return pieces;
}

/** The shortcodes of a page, outside the lines `inCode` marks (1-based: one pass over the lines). */
export function findShortcodes(src: SourceLines, inCode: Uint8Array): Shortcode[] {
  const found: Shortcode[] = [];
  let open: { line: number; name: string } | null = null;
  for (let line = 1; line <= src.lines.length; line++) {
    if (inCode[line]) continue;
    const text = src.text(line);
    if (!text.includes('{{')) continue;
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

function codeNode(src: SourceLines, token: Token, span: LineSpan, range: SourceRange): PageNode {
  // A fenced block's content starts on the line after the fence; an indented block's on its first line.
  const firstContentLine = token.type === 'fence' ? span.first + 1 : span.first;
  const texts = token.content === '' ? [] : token.content.replace(/\n$/, '').split('\n');
  const lines = texts.map((text, i) => {
    const clean = text.replace(/\r$/, '');
    return { text: clean, range: src.tailRange(firstContentLine + i, clean) };
  });
  const lang = token.type === 'fence' ? token.info.trim().split(/\s+/)[0] : '';
  return { kind: 'code', lang: (lang ?? '').toLowerCase(), lines, range };
}
