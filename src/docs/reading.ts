import type { Nodes, PhrasingContent, RootContent, TableRow } from 'mdast';
import { toString as nodeText } from 'mdast-util-to-string';
import { firstContentLine, linesOutside, parseTree, type Shortcode, shortcodeLines } from './markdown.ts';
import type { DocPage } from './types.ts';

/**
 * A page as a reader sees it: the mdast tree (the same parse the runner reads) reduced to the
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

export function readingPage(source: string, page: DocPage): ReadingPage {
  const { tree, src, shortcodes } = parseTree(source);
  const definitions = new Map<string, string>();
  collectDefinitions(tree, definitions);
  const blockAt = new Map(page.blocks.map((b) => [b.range.start.line, b.index]));

  const inline = (nodes: readonly PhrasingContent[]): Inline[] => nodes.flatMap((n) => inlineOf(n));
  const inlineOf = (n: PhrasingContent): Inline[] => {
    switch (n.type) {
      case 'text':
        return [{ t: 'text', v: n.value }];
      case 'inlineCode':
        return [{ t: 'code', v: n.value }];
      case 'emphasis':
        return [{ t: 'em', c: inline(n.children) }];
      case 'strong':
        return [{ t: 'strong', c: inline(n.children) }];
      case 'delete':
        return [{ t: 'del', c: inline(n.children) }];
      case 'break':
        return [{ t: 'br' }];
      case 'link':
        return [{ t: 'link', href: safeHref(n.url), c: inline(n.children) }];
      case 'linkReference': {
        const url = definitions.get(n.identifier.toLowerCase());
        const c = inline(n.children);
        return url === undefined ? c : [{ t: 'link', href: safeHref(url), c }];
      }
      case 'image':
        return [{ t: 'link', href: safeHref(n.url), c: [{ t: 'text', v: `[image: ${n.alt ?? ''}]` }] }];
      case 'imageReference': {
        const url = definitions.get(n.identifier.toLowerCase());
        const c: Inline[] = [{ t: 'text', v: `[image: ${n.alt ?? ''}]` }];
        return url === undefined ? c : [{ t: 'link', href: safeHref(url), c }];
      }
      case 'html':
        return HIDDEN_HTML.test(n.value) ? [] : [{ t: 'text', v: n.value }];
      default:
        return [{ t: 'text', v: nodeText(n) }];
    }
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
        const lines = shortcodeLines(src, s).map((l) => l.text);
        return { line: s.first, block: code(s.name, lines, s.first + 1, s.first) };
      });

  const blocks = (nodes: readonly RootContent[]): Block[] => nodes.flatMap((n) => blockOf(n));
  const blockOf = (n: RootContent): Block[] => {
    const first = n.position?.start.line ?? 0;
    const last = n.position?.end.line ?? 0;
    const cut = shortcodes.filter((s) => s.first <= last && first <= s.last);
    if (n.type !== 'paragraph' && cut.some((s) => s.first <= first && last <= s.last)) {
      return shortcodeBlocks(cut).map((b) => b.block);
    }
    switch (n.type) {
      case 'heading':
        return [{ t: 'heading', depth: n.depth, c: inline(n.children) }];
      case 'paragraph': {
        if (cut.length > 0) return splitAroundShortcodes(first, last, cut);
        if (
          nodeText(n)
            .split('\n')
            .every((l) => MDX_LINE.test(l))
        )
          return [];
        const c = inline(n.children);
        // A paragraph made only of hidden tags (an MDX `<Tabs>` line) has nothing left to show.
        return c.length === 0 ? [] : [{ t: 'p', c, line: first }];
      }
      case 'list':
        return [
          {
            t: 'list',
            ordered: n.ordered === true,
            start: n.ordered && typeof n.start === 'number' ? n.start : null,
            items: n.children.map((item) => blocks(item.children)),
          },
        ];
      case 'blockquote':
        return [{ t: 'quote', c: blocks(n.children) }];
      case 'table': {
        const [head, ...rows] = n.children;
        const cells = (row: TableRow | undefined) =>
          (row?.children ?? []).map((cell) => inline(cell.children));
        return [{ t: 'table', align: n.align ?? [], head: cells(head), rows: rows.map(cells) }];
      }
      case 'code': {
        const lines = n.value === '' ? [] : n.value.split('\n').map((l) => l.replace(/\r$/, ''));
        return [code((n.lang ?? '').trim().toLowerCase(), lines, firstContentLine(src, first), first)];
      }
      case 'thematicBreak':
        return [{ t: 'hr' }];
      case 'html':
        return HIDDEN_HTML.test(n.value) ? [] : [{ t: 'raw', v: n.value }];
      default:
        return [];
    }
  };

  /** A paragraph that runs into a shortcode: its text around it, and the shortcode as a block. */
  const splitAroundShortcodes = (first: number, last: number, cut: readonly Shortcode[]): Block[] => {
    const pieces = shortcodeBlocks(cut);
    for (const piece of linesOutside({ first, last }, cut)) {
      const lines = Array.from({ length: piece.last - piece.first + 1 }, (_, i) => src.text(piece.first + i));
      const text = lines.join('\n').trim();
      if (text === '') continue;
      pieces.push({ line: piece.first, block: { t: 'p', c: [{ t: 'text', v: text }], line: piece.first } });
    }
    return pieces.sort((a, b) => a.line - b.line).map((p) => p.block);
  };

  const body = blocks(tree.children);
  const hasH1 = body.some((b) => b.t === 'heading' && b.depth === 1);
  const title = page.title;
  return {
    title,
    blocks: hasH1 ? body : [{ t: 'heading', depth: 1, c: [{ t: 'text', v: title }] }, ...body],
  };
}

function collectDefinitions(node: Nodes, into: Map<string, string>): void {
  if (node.type === 'definition') {
    into.set(node.identifier.toLowerCase(), node.url);
    return;
  }
  if ('children' in node) for (const child of node.children) collectDefinitions(child as Nodes, into);
}
