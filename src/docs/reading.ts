import type { Token } from 'markdown-it';
import { markdownTokens, type Shortcode } from './markdown.ts';
import type { DocPage } from './types.ts';

/**
 * A page as a reader sees it: the markdown-it tokens (the same parse the runner reads) reduced to the
 * elements the reading view draws, with nothing in it that could run or load: front matter, MDX
 * `import`/`export` lines, JSX component tags and HTML comments are left out; other raw HTML stays as
 * literal text; a link keeps its target only when it is http(s) or relative, and images become links
 * (a pasted page cannot make the browser fetch anything). Plain data, so the worker builds it next to
 * the DocPage and the UI turns it into React elements without ever setting HTML.
 *
 * Code blocks the runner reads carry their `DocPage.blocks` index, so the view can draw them as
 * consoles with their steps' verdicts; paragraphs carry their first source line, where the view puts
 * the badge of a timing note ("(After 2 seconds)").
 */

export type Inline =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'code'; readonly v: string }
  | { readonly t: 'em' | 'strong' | 'del'; readonly c: readonly Inline[] }
  /** `href` null: the page's target was not http(s) or relative, so the link text stays plain. */
  | { readonly t: 'link'; readonly href: string | null; readonly c: readonly Inline[] }
  | { readonly t: 'br' };

export type Align = 'left' | 'right' | 'center' | null;

export type Block =
  | { readonly t: 'heading'; readonly depth: 1 | 2 | 3 | 4 | 5 | 6; readonly c: readonly Inline[] }
  | { readonly t: 'p'; readonly c: readonly Inline[]; readonly line: number }
  | {
      readonly t: 'list';
      readonly ordered: boolean;
      readonly start: number | null;
      readonly items: readonly (readonly Block[])[];
    }
  | { readonly t: 'quote'; readonly c: readonly Block[] }
  | {
      readonly t: 'table';
      readonly align: readonly Align[];
      readonly head: readonly (readonly Inline[])[];
      readonly rows: readonly (readonly (readonly Inline[])[])[];
    }
  /**
   * A code block: its lines, the source line of the first one, and its index in `DocPage.blocks`
   * (null for a block the runner does not list, which cannot happen for fenced or indented code).
   */
  | {
      readonly t: 'code';
      readonly lang: string;
      readonly lines: readonly string[];
      readonly firstLine: number;
      readonly block: number | null;
    }
  | { readonly t: 'hr' }
  /** Raw HTML the page holds, shown as the text it is. */
  | { readonly t: 'raw'; readonly v: string };

export interface ReadingPage {
  readonly title: string;
  readonly blocks: readonly Block[];
  /** The page's presenter notes, in page order: never among `blocks`, so no reader sees them. */
  readonly notes: readonly PresenterNote[];
}

/**
 * A presenter note: an HTML comment of its own that starts with `notes:` (`<!-- notes: Ask the room
 * what PTTL prints. -->`). A comment, so that no rendering of the page shows it (GitHub's neither);
 * the presenter's window shows it while the lesson is in the note's section.
 */
export interface PresenterNote {
  /** The comment's first source line (1-based). */
  readonly line: number;
  /** Its text, plain, with the comment's indentation taken off; blank lines separate paragraphs. */
  readonly text: string;
}

const NOTE = /^\s*<!--\s*notes?\s*:([\s\S]*?)-->\s*$/i;

/** The text of a presenter note comment, or null when `html` is not one. */
export function presenterNote(html: string): string | null {
  const m = NOTE.exec(html);
  if (!m) return null;
  const lines = (m[1] as string).split('\n').map((l) => l.replace(/\s+$/, ''));
  const indents = lines
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((l, i) => (i === 0 ? l.trim() : l.slice(cut)))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** An `import x from '…'` / `export …` line of an MDX page. */
const MDX_LINE =
  /^\s*(import\s.+\sfrom\s+['"].*['"];?|import\s+['"].*['"];?|export\s+(const|default|function)\b.*)\s*$/;
/** A JSX component tag (`<Tabs>`, `</TabItem>`, `<Foo.Bar x="1" />`) or an HTML comment. */
const HIDDEN_HTML = /^\s*(<\/?[A-Z][\w.]*(\s[^>]*)?\/?>\s*)+$|^\s*<!--[\s\S]*-->\s*$/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** A link target the view may follow: http(s), or relative (a path, a query, a fragment). */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (href === '') return null;
  // Browsers drop whitespace and control characters inside a scheme ("java\tscript:") and read a
  // backslash as a slash ("/\\host" goes off site like "//host").
  const squashed = [...href]
    .filter((c) => c.charCodeAt(0) > 0x20)
    .join('')
    .replace(/\\/g, '/');
  if (squashed.startsWith('//')) return `https:${squashed}`;
  const scheme = SCHEME.exec(squashed)?.[1]?.toLowerCase();
  if (scheme === undefined) return href;
  return scheme === 'http' || scheme === 'https' ? href : null;
}

/** A token with the tokens between it and its closing one: the block tree markdown-it keeps flat. */
interface TokenNode {
  readonly token: Token;
  readonly children: TokenNode[];
}

function tokenTree(tokens: readonly Token[]): TokenNode[] {
  const root: TokenNode[] = [];
  const stack: TokenNode[][] = [root];
  for (const token of tokens) {
    const into = stack[stack.length - 1] as TokenNode[];
    if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const node: TokenNode = { token, children: [] };
    into.push(node);
    if (token.nesting === 1) stack.push(node.children);
  }
  return root;
}

export function readingPage(source: string, page: DocPage): ReadingPage {
  const { tokens, src, shortcodes } = markdownTokens(source);
  const notes: PresenterNote[] = [];
  const blockAt = new Map(page.blocks.map((b) => [b.range.start.line, b.index]));
  /** Per line (1-based), the shortcode covering it. */
  const shortcodeAt: (Shortcode | undefined)[] = [];
  for (const s of shortcodes) for (let l = s.first; l <= s.last; l++) shortcodeAt[l] = s;

  const inline = (children: readonly Token[] | null): Inline[] => {
    const out: Inline[] = [];
    const stack: Inline[][] = [out];
    const open: Token[] = [];
    const push = (i: Inline) => {
      const into = stack[stack.length - 1] as Inline[];
      const last = into[into.length - 1];
      if (i.t === 'text' && last?.t === 'text') into[into.length - 1] = { t: 'text', v: last.v + i.v };
      else into.push(i);
    };
    for (const c of children ?? []) {
      switch (c.type) {
        case 'text':
        case 'text_special':
          push({ t: 'text', v: c.content });
          break;
        case 'softbreak':
          push({ t: 'text', v: '\n' });
          break;
        case 'hardbreak':
          push({ t: 'br' });
          break;
        case 'code_inline':
          push({ t: 'code', v: c.content });
          break;
        case 'html_inline':
          if (!HIDDEN_HTML.test(c.content)) push({ t: 'text', v: c.content });
          break;
        case 'image':
          push({
            t: 'link',
            href: safeHref(String(c.attrGet('src') ?? '')),
            c: [{ t: 'text', v: `[image: ${c.content}]` }],
          });
          break;
        case 'em_open':
        case 'strong_open':
        case 's_open':
        case 'link_open':
          open.push(c);
          stack.push([]);
          break;
        case 'em_close':
        case 'strong_close':
        case 's_close':
        case 'link_close': {
          const opener = open.pop();
          const inner = stack.length > 1 ? (stack.pop() as Inline[]) : [];
          if (opener?.type === 'link_open')
            push({ t: 'link', href: safeHref(String(opener.attrGet('href') ?? '')), c: inner });
          else if (opener)
            push({
              t: opener.type === 'em_open' ? 'em' : opener.type === 'strong_open' ? 'strong' : 'del',
              c: inner,
            });
          break;
        }
        default:
          if (c.content) push({ t: 'text', v: c.content });
      }
    }
    return out;
  };

  const code = (lang: string, lines: string[], firstLine: number, startLine: number): Block => ({
    t: 'code',
    lang,
    lines,
    firstLine,
    block: blockAt.get(startLine) ?? null,
  });

  // A shortcode's lines may parse as several nodes (paragraphs, a block quote of `> ` lines): the
  // first of them to meet it shows it, once.
  const emitted = new Set<Shortcode>();
  const shortcodeBlocks = (cut: readonly Shortcode[]): { line: number; block: Block }[] =>
    cut
      .filter((s) => !emitted.has(s))
      .map((s) => {
        emitted.add(s);
        const lines: string[] = [];
        for (let l = s.first + 1; l < s.last; l++) lines.push(src.text(l).replace(/\r$/, '').trim());
        return { line: s.first, block: code(s.name, lines, s.first + 1, s.first) };
      });
  const shortcodesIn = (first: number, last: number): Shortcode[] => {
    const found: Shortcode[] = [];
    for (let l = first; l <= last; l++) {
      const s = shortcodeAt[l];
      if (s && found[found.length - 1] !== s) found.push(s);
    }
    return found;
  };

  /** A paragraph that runs into a shortcode: its text around it, and the shortcode as a block. */
  const splitAroundShortcodes = (first: number, last: number, cut: readonly Shortcode[]): Block[] => {
    const pieces = shortcodeBlocks(cut);
    let start = -1;
    for (let l = first; l <= last + 1; l++) {
      const inside = l > last || shortcodeAt[l] !== undefined;
      if (!inside && start < 0) start = l;
      if (inside && start >= 0) {
        const text = src.lines
          .slice(start - 1, l - 1)
          .join('\n')
          .trim();
        if (text !== '')
          pieces.push({ line: start, block: { t: 'p', c: [{ t: 'text', v: text }], line: start } });
        start = -1;
      }
    }
    return pieces.sort((a, b) => a.line - b.line).map((p) => p.block);
  };

  const blocks = (nodes: readonly TokenNode[]): Block[] => nodes.flatMap((n) => blockOf(n));
  const blockOf = (n: TokenNode): Block[] => {
    const t = n.token;
    const first = (t.map?.[0] ?? 0) + 1;
    const last = Math.max(first, t.map?.[1] ?? 0);
    const cut = t.map ? shortcodesIn(first, last) : [];
    if (t.type !== 'paragraph_open' && cut.some((s) => s.first <= first && last <= s.last)) {
      return shortcodeBlocks(cut).map((b) => b.block);
    }
    const inlineOf = (node: TokenNode) => node.children.find((c) => c.token.type === 'inline')?.token;
    switch (t.type) {
      case 'heading_open':
        return [
          { t: 'heading', depth: Number(t.tag.slice(1)) as 1, c: inline(inlineOf(n)?.children ?? null) },
        ];
      case 'paragraph_open': {
        if (cut.length > 0) return splitAroundShortcodes(first, last, cut);
        const content = inlineOf(n);
        if ((content?.content ?? '').split('\n').every((l) => MDX_LINE.test(l))) return [];
        const c = inline(content?.children ?? null);
        // A paragraph made only of hidden tags (an MDX `<Tabs>` line) has nothing left to show.
        return c.length === 0 ? [] : [{ t: 'p', c, line: first }];
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        return [
          {
            t: 'list',
            ordered,
            start: ordered ? Number(t.attrGet('start') ?? 1) : null,
            items: n.children.map((item) => blocks(item.children)),
          },
        ];
      }
      case 'blockquote_open':
        return [{ t: 'quote', c: blocks(n.children) }];
      case 'table_open':
        return [tableOf(n, inline)];
      case 'fence':
      case 'code_block': {
        const lines =
          t.content === ''
            ? []
            : t.content
                .replace(/\n$/, '')
                .split('\n')
                .map((l) => l.replace(/\r$/, ''));
        const lang = t.type === 'fence' ? (t.info.trim().split(/\s+/)[0] ?? '').toLowerCase() : '';
        return [code(lang, lines, t.type === 'fence' ? first + 1 : first, first)];
      }
      case 'hr':
        return [{ t: 'hr' }];
      case 'html_block': {
        const value = t.content.replace(/\n$/, '');
        const note = presenterNote(value);
        if (note !== null) {
          if (note !== '') notes.push({ line: first, text: note });
          return [];
        }
        return HIDDEN_HTML.test(value) ? [] : [{ t: 'raw', v: value }];
      }
      default:
        return [];
    }
  };

  const body = blocks(tokenTree(tokens));
  const hasH1 = body.some((b) => b.t === 'heading' && b.depth === 1);
  const title = page.title;
  return {
    title,
    blocks: hasH1 ? body : [{ t: 'heading', depth: 1, c: [{ t: 'text', v: title }] }, ...body],
    notes,
  };
}

/** A GFM table: the head row's cells with their alignment, then the body rows. */
function tableOf(n: TokenNode, inline: (children: readonly Token[] | null) => Inline[]): Block {
  const rowsOf = (section: string) =>
    n.children
      .filter((c) => c.token.type === section)
      .flatMap((c) => c.children.filter((r) => r.token.type === 'tr_open'));
  const cells = (row: TokenNode | undefined) =>
    (row?.children ?? []).map((cell) => inline(cell.children[0]?.token.children ?? null));
  const head = rowsOf('thead_open')[0];
  const align = (head?.children ?? []).map((cell): Align => {
    const m = /text-align:(left|right|center)/.exec(String(cell.token.attrGet('style') ?? ''));
    return (m?.[1] as Align) ?? null;
  });
  return { t: 'table', align, head: cells(head), rows: rowsOf('tbody_open').map(cells) };
}
