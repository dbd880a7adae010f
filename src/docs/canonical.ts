import { quoteBytes } from '../engine/format.ts';
import type { Reply } from '../engine/reply.ts';
import type { ReplyShape } from './command-traits.ts';
import type { ExpectedReply } from './types.ts';

/**
 * The normaliser: expected and actual replies in one canonical form, so that the differences a page
 * may harmlessly make vanish. Status replies and strings both become quoted text (`OK`, `"OK"` and
 * TYPE's `"string"` are all fine), whitespace and trailing comments were already dropped by the
 * reader, and RESP3 doubles compare by value with RESP2's strings. Unordered replies are compared as
 * multisets of items or of field/value pairs, and rendered sorted so that a diff shows only what
 * really differs.
 */

export type Canon =
  | {
      readonly t: 'leaf';
      readonly kind: 'text' | 'int' | 'double' | 'nil' | 'error' | 'unreadable';
      readonly v: string;
      /** Expected side only: written without quotes (a status, or a value in redis-cli --raw form). */
      readonly bare?: boolean;
    }
  | { readonly t: 'array'; readonly items: readonly Canon[]; readonly cut: boolean };

export function canonExpected(e: ExpectedReply): Canon {
  switch (e.kind) {
    case 'text':
      return { t: 'leaf', kind: 'text', v: e.text, bare: !e.quoted };
    case 'int':
      return { t: 'leaf', kind: 'int', v: e.value };
    case 'double':
      return { t: 'leaf', kind: 'double', v: e.value };
    case 'nil':
      return { t: 'leaf', kind: 'nil', v: '' };
    case 'error':
      return { t: 'leaf', kind: 'error', v: squash(e.text) };
    case 'unreadable':
      return { t: 'leaf', kind: 'unreadable', v: e.text };
    case 'array':
      return { t: 'array', items: e.items.map(canonExpected), cut: e.cut };
  }
}

export function canonActual(r: Reply): Canon {
  switch (r.t) {
    case 'status':
    case 'bulk':
      return { t: 'leaf', kind: 'text', v: r.s };
    case 'int':
      return { t: 'leaf', kind: 'int', v: String(r.n) };
    case 'nil':
      return { t: 'leaf', kind: 'nil', v: '' };
    case 'error':
      return { t: 'leaf', kind: 'error', v: squash(r.s) };
    case 'array':
      return { t: 'array', items: r.items.map(canonActual), cut: false };
  }
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Does the expected tree (first) describe the actual one (second)? */
export function matches(expected: Canon, actual: Canon, shape: ReplyShape = 'ordered'): boolean {
  if (expected.t === 'leaf' || actual.t === 'leaf') {
    return expected.t === 'leaf' && actual.t === 'leaf' && leafMatches(expected, actual);
  }
  if (shape === 'scan-set' || shape === 'scan-pairs') {
    const [eCursor, eItems] = expected.items;
    const [aCursor, aItems] = actual.items;
    if (
      expected.items.length !== 2 ||
      actual.items.length !== 2 ||
      !eCursor ||
      !eItems ||
      !aCursor ||
      !aItems
    ) {
      return matches(expected, actual);
    }
    return matches(eCursor, aCursor) && matches(eItems, aItems, shape === 'scan-set' ? 'set' : 'pairs');
  }
  if (shape === 'ordered') {
    if (
      expected.cut
        ? expected.items.length > actual.items.length
        : expected.items.length !== actual.items.length
    ) {
      return false;
    }
    return expected.items.every((e, i) => matches(e, actual.items[i] as Canon));
  }
  const width = shape === 'pairs' ? 2 : 1;
  return multisetMatches(groups(expected.items, width), groups(actual.items, width), expected.cut);
}

function leafMatches(e: Canon & { t: 'leaf' }, a: Canon & { t: 'leaf' }): boolean {
  if (e.kind === 'unreadable') return false;
  if (e.kind === a.kind) return e.kind === 'int' ? BigInt(e.v) === BigInt(a.v) : e.v === a.v;
  // A bare number is how redis-cli --raw prints an integer reply.
  if (e.kind === 'text' && e.bare && a.kind === 'int')
    return /^-?\d+$/.test(e.v) && BigInt(e.v) === BigInt(a.v);
  if (e.kind === 'double' && a.kind === 'text') return e.v === a.v || Number(e.v) === Number(a.v);
  return false;
}

function groups(items: readonly Canon[], width: number): Canon[] {
  if (width === 1) return [...items];
  const out: Canon[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push({ t: 'array', items: items.slice(i, i + width), cut: false });
  return out;
}

/** Every expected item pairs with its own actual item; with `cut`, actual may have more. */
function multisetMatches(expected: readonly Canon[], actual: readonly Canon[], cut: boolean): boolean {
  if (cut ? expected.length > actual.length : expected.length !== actual.length) return false;
  const used = new Array<boolean>(actual.length).fill(false);
  for (const e of expected) {
    const i = actual.findIndex((a, k) => !used[k] && matches(e, a));
    if (i < 0) return false;
    used[i] = true;
  }
  return true;
}

/** The tree with unordered parts sorted, for display next to the other side. */
export function sortedForDisplay(c: Canon, shape: ReplyShape): Canon {
  if (c.t === 'leaf' || shape === 'ordered') return c;
  if (shape === 'scan-set' || shape === 'scan-pairs') {
    const [cursor, items] = c.items;
    if (c.items.length !== 2 || !cursor || !items) return c;
    return { ...c, items: [cursor, sortedForDisplay(items, shape === 'scan-set' ? 'set' : 'pairs')] };
  }
  if (c.t !== 'array') return c;
  const width = shape === 'pairs' ? 2 : 1;
  const sorted = groups(c.items, width).sort((a, b) => compareText(renderCanon(a), renderCanon(b)));
  return { ...c, items: sorted.flatMap((g) => (width === 1 ? [g] : g.t === 'array' ? g.items : [g])) };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** redis-cli's layout (numbered, right-aligned, nested) over canonical leaves. */
export function renderCanon(c: Canon): string {
  return render(c, '');
}

function render(c: Canon, prefix: string): string {
  if (c.t === 'leaf') return `${leafText(c)}\n`;
  const n = c.items.length;
  if (n === 0) return c.cut ? '# ...\n' : '(empty array)\n';
  const width = String(n).length;
  const childPrefix = prefix + ' '.repeat(width + 2);
  let out = '';
  c.items.forEach((item, i) => {
    out += `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) ${render(item, childPrefix)}`;
  });
  return c.cut ? `${out}${prefix}# ...\n` : out;
}

function leafText(c: Canon & { t: 'leaf' }): string {
  switch (c.kind) {
    case 'text':
      return quoteBytes(c.v);
    case 'int':
      return `(integer) ${c.v}`;
    case 'double':
      return `(double) ${c.v}`;
    case 'nil':
      return '(nil)';
    case 'error':
      return `(error) ${c.v}`;
    case 'unreadable':
      return c.v;
  }
}

/** Whether a reply (or anything nested in it) is empty: what a page may show as nothing at all. */
export function isEmptyReply(r: Reply): boolean {
  return r.t === 'array' && r.items.length === 0;
}
