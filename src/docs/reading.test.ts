import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocPage } from './page.ts';
import { type Block, type Inline, readingPage, safeHref } from './reading.ts';

/** The reading view's model: what a page shows, and what it never lets through. */

const read = (source: string, path = 'x.md') => readingPage(source, parseDocPage(source, path));
const text = (c: readonly Inline[]): string =>
  c.map((i) => ('v' in i ? i.v : 'c' in i ? text(i.c) : '\n')).join('');
const kinds = (blocks: readonly Block[]) => blocks.map((b) => (b.t === 'heading' ? `h${b.depth}` : b.t));

describe('a page as a page', () => {
  it('shows a lesson with its title as the one h1, no front matter, code blocks tied to the runner', () => {
    const source = readFileSync(join(import.meta.dirname, 'lessons', 'psetex-basics.md'), 'utf8');
    const page = parseDocPage(source, 'psetex-basics.md');
    const reading = readingPage(source, page);
    expect(reading.title).toBe('A key with a time to live');
    const h1 = reading.blocks.filter((b) => b.t === 'heading' && b.depth === 1);
    expect(h1.map((b) => b.t === 'heading' && text(b.c))).toEqual(['A key with a time to live']);
    const all = JSON.stringify(reading);
    expect(all).not.toContain('order: 1');
    expect(all).not.toContain('```');
    const code = reading.blocks.filter((b) => b.t === 'code');
    // Every code block of the page is one of the runner's, in order.
    expect(code.map((b) => b.t === 'code' && b.block)).toEqual(page.blocks.map((b) => b.index));
    const first = code[0];
    expect(first?.t === 'code' && [first.lines[0], first.firstLine]).toEqual([
      'redis> PSETEX greeting 2000 "Hello"',
      page.steps[0]?.range.start.line,
    ]);
  });

  it('keeps headings, inline code, emphasis, links, lists and tables', () => {
    const r = read(
      [
        '# Title',
        '',
        'Use `PSETEX` for *milliseconds*, **not** [seconds](https://redis.io/commands/setex).',
        '',
        '1. one',
        '2. two',
        '',
        '- a',
        '',
        '| command | unit |',
        '| :-- | --: |',
        '| `PSETEX` | ms |',
        '',
        '> quoted',
        '',
        '---',
      ].join('\n'),
    );
    expect(kinds(r.blocks)).toEqual(['h1', 'p', 'list', 'list', 'table', 'quote', 'hr']);
    const p = r.blocks[1];
    expect(p?.t === 'p' && p.c.map((i) => i.t)).toEqual([
      'text',
      'code',
      'text',
      'em',
      'text',
      'strong',
      'text',
      'link',
      'text',
    ]);
    expect(p?.t === 'p' && p.c[7]).toEqual({
      t: 'link',
      href: 'https://redis.io/commands/setex',
      c: [{ t: 'text', v: 'seconds' }],
    });
    const ol = r.blocks[2];
    expect(ol?.t === 'list' && [ol.ordered, ol.start, ol.items.length]).toEqual([true, 1, 2]);
    const table = r.blocks[4];
    expect(table?.t === 'table' && table.align).toEqual(['left', 'right']);
    expect(table?.t === 'table' && table.rows[0]?.map(text)).toEqual(['PSETEX', 'ms']);
  });

  it('gives a page without an h1 its title as one', () => {
    expect(read('---\ntitle: From front matter\n---\n\n## Part\n').blocks[0]).toEqual({
      t: 'heading',
      depth: 1,
      c: [{ t: 'text', v: 'From front matter' }],
    });
    expect(read('Just prose.\n', 'notes.md').blocks.map((b) => b.t === 'heading' && text(b.c))).toEqual([
      'notes.md',
      false,
    ]);
  });
});

describe('nothing in a page runs or loads', () => {
  it('leaves out MDX imports, component tags and comments; other HTML stays text', () => {
    const r = read(
      [
        '# T',
        '',
        "import Tabs from '@theme/Tabs';",
        "import TabItem from '@theme/TabItem';",
        '',
        '<Tabs>',
        '',
        '<!-- a comment -->',
        '',
        '<script>alert(1)</script>',
        '',
        'Text with <b onclick="x()">inline</b> HTML.',
        '',
        '</Tabs>',
      ].join('\n'),
    );
    expect(kinds(r.blocks)).toEqual(['h1', 'raw', 'p']);
    expect(r.blocks[1]).toEqual({ t: 'raw', v: '<script>alert(1)</script>' });
    const p = r.blocks[2];
    expect(p?.t === 'p' && text(p.c)).toBe('Text with <b onclick="x()">inline</b> HTML.');
    expect(JSON.stringify(r)).not.toContain('import');
  });

  it('keeps only http(s) and relative link targets; images become links', () => {
    expect(safeHref('https://redis.io/x')).toBe('https://redis.io/x');
    expect(safeHref('?lesson=expire-options')).toBe('?lesson=expire-options');
    expect(safeHref('../strings/set.md#options')).toBe('../strings/set.md#options');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref(' java\tscript:alert(1)')).toBeNull();
    expect(safeHref('JAVASCRIPT:x')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('vbscript:x')).toBeNull();
    expect(safeHref('//evil.example/x')).toBe('https://evil.example/x');
    expect(safeHref('/\\evil.example')).toBe('https://evil.example');
    const r = read(
      '# T\n\n[click](javascript:alert(1)) ![pic](https://x.example/p.png) [ref][r]\n\n[r]: http://ok.example\n',
    );
    const p = r.blocks[1];
    expect(p?.t === 'p' && p.c.filter((i) => i.t === 'link')).toEqual([
      { t: 'link', href: null, c: [{ t: 'text', v: 'click' }] },
      { t: 'link', href: 'https://x.example/p.png', c: [{ t: 'text', v: '[image: pic]' }] },
      { t: 'link', href: 'http://ok.example', c: [{ t: 'text', v: 'ref' }] },
    ]);
  });
});

describe('redis.io shortcodes', () => {
  it('shows a redis-cli shortcode as a code block of the runner, the prose around it as paragraphs', () => {
    const source = '# T\n\nBefore it.\n{{% redis-cli %}}\nSET a 1\nGET a\n{{% /redis-cli %}}\nAfter it.\n';
    const r = read(source);
    expect(kinds(r.blocks)).toEqual(['h1', 'p', 'code', 'p']);
    const code = r.blocks[2];
    expect(code?.t === 'code' && [code.lang, code.lines, code.block]).toEqual([
      'redis-cli',
      ['SET a 1', 'GET a'],
      0,
    ]);
  });
});
