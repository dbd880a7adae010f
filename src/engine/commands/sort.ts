import { NOT_INTEGER, optionName, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { isConverted, isIntMember, markConverted, stringEncoding } from '../encodings.ts';
import { ERR_SORT_SCORES } from '../errors.ts';
import { clampToNumber, parseInt64 } from '../int64.ts';
import { ENTRY_OVERHEAD_BYTES } from '../keyspace.ts';
import { array, bulkOrNil, error, int, type Reply } from '../reply.ts';
import { deleteStored, storeCollection } from './collections.ts';
import { readField } from './hash-fields.ts';
import { listBytes } from './lists.ts';
import { membersInOrder } from './sets.ts';
import { sortedEntries } from './sorted-sets.ts';
import { sortStrtod } from './strtod.ts';

/** SORT and SORT_RO (sort.c). */

/** printf-style %s and strchr/strstr see a pattern only up to its first zero byte. */
function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** A value as SORT gets it: integer-encoded objects are read as numbers without strtod. */
interface Looked {
  readonly value: string;
  readonly isInt: boolean;
}

/**
 * lookupKeyByPattern: `#` is the element itself; otherwise the first `*` is replaced by the element
 * and the key is read as a string, or, with `->field` after the `*`, as a hash field. Anything
 * missing or of another type is null.
 */
function lookupByPattern(ctx: CommandContext, pattern: string, element: Looked): Looked | null {
  const c = cString(pattern);
  if (c === '#') return element;
  const star = c.indexOf('*');
  if (star < 0) return null;
  const arrow = c.indexOf('->', star + 1);
  const hasField = arrow >= 0 && arrow + 2 < c.length;
  const key = pattern.slice(0, star) + element.value + pattern.slice(star + 1, hasField ? arrow : undefined);
  const e = ctx.ks.lookupRead(ctx.db, key);
  if (e === undefined) return null;
  if (hasField) {
    if (e.type !== 'hash') return null;
    const h = e.coll;
    const read = readField(ctx, e, pattern.slice(arrow + 2));
    const value = read.res === 'ok' ? read.value : undefined;
    // A listpack hash keeps integer-looking values as integers.
    return value === undefined ? null : { value, isInt: !isConverted(h) && isIntMember(value) };
  }
  return e.type === 'string' ? { value: e.str, isInt: stringEncoding(e) === 'int' } : null;
}

interface SortItem {
  readonly element: Looked;
  score: number;
  by: string | null;
}

const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** strcoll in the C locale: byte order up to the first zero byte. */
const collate = (a: string, b: string) => binary(cString(a), cString(b));

const sortGeneric =
  (readOnly: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    let desc = false;
    let alpha = false;
    let limitStart = 0;
    let limitCount = -1;
    let storeKey: string | undefined;
    let sortBy: string | undefined;
    let dontSort = false;
    const gets: string[] = [];
    for (let j = 2; j < argv.length; j++) {
      const opt = optionName(arg(argv, j));
      const left = argv.length - j - 1;
      if (opt === 'asc') desc = false;
      else if (opt === 'desc') desc = true;
      else if (opt === 'alpha') alpha = true;
      else if (opt === 'limit' && left >= 2) {
        const s = parseInt64(arg(argv, j + 1));
        const n = s === null ? null : parseInt64(arg(argv, j + 2));
        if (s === null || n === null) return NOT_INTEGER;
        limitStart = clampToNumber(s);
        limitCount = clampToNumber(n);
        j += 2;
      } else if (!readOnly && opt === 'store' && left >= 1) {
        storeKey = arg(argv, ++j);
      } else if (opt === 'by' && left >= 1) {
        sortBy = arg(argv, ++j);
        // Only ever set: a later BY with a `*` does not turn sorting back on.
        if (!cString(sortBy).includes('*')) dontSort = true;
      } else if (opt === 'get' && left >= 1) {
        gets.push(arg(argv, ++j));
      } else {
        return SYNTAX;
      }
    }
    const source = ctx.ks.lookupRead(ctx.db, arg(argv, 1));
    if (source !== undefined && source.type !== 'list' && source.type !== 'set' && source.type !== 'zset') {
      return WRONGTYPE;
    }
    const type = source?.type ?? 'list';
    // A set has no order of its own: stored results are sorted anyway (by the elements, as text).
    if (dontSort && type === 'set' && storeKey !== undefined) {
      dontSort = false;
      alpha = true;
      sortBy = undefined;
    }
    // sort.c converts a sorted set to a skiplist before reading it, whatever the options: the key
    // changed (OBJECT ENCODING), so its watchers (the page's row, a saved playground) hear of it.
    if (source?.type === 'zset' && !isConverted(source.coll)) {
      markConverted(source.coll);
      ctx.ks.collectionChanged(ctx.db, source, source.bytes - ENTRY_OVERHEAD_BYTES - source.key.length);
    }
    // List elements that look like integers are stored (and read back) as integers.
    let elements: Looked[];
    if (source === undefined) elements = [];
    else if (source.type === 'list') elements = source.coll.map((v) => ({ value: v, isInt: isIntMember(v) }));
    else if (source.type === 'set')
      elements = membersInOrder(source.coll).map((v) => ({ value: v, isInt: false }));
    else elements = sortedEntries(source.coll).map(([m]) => ({ value: m, isInt: false }));
    const len = elements.length;
    let start = Math.min(Math.max(limitStart, 0), len);
    const count = Math.min(Math.max(limitCount, -1), len);
    let end = count < 0 ? len - 1 : start + count - 1;
    if (start >= len) {
      start = len - 1;
      end = len - 2;
    }
    if (end >= len) end = len - 1;
    let picked: Looked[];
    if (dontSort) {
      // Lists and sorted sets are read in their own order, from the tail for DESC.
      const ordered = desc && type !== 'set' ? elements.slice().reverse() : elements;
      picked = end >= start ? ordered.slice(start, end + 1) : [];
    } else {
      const items: SortItem[] = elements.map((element) => ({ element, score: 0, by: null }));
      let badScore = false;
      for (const item of items) {
        const byValue = sortBy === undefined ? item.element : lookupByPattern(ctx, sortBy, item.element);
        if (byValue === null) continue;
        if (alpha) {
          if (sortBy !== undefined) item.by = byValue.value;
        } else {
          const score = byValue.isInt ? Number(byValue.value) : sortStrtod(ctx.ks, byValue.value);
          if (score === null) badScore = true;
          else item.score = score;
        }
      }
      if (badScore) return error(ERR_SORT_SCORES);
      const text = storeKey === undefined ? collate : binary;
      const compare = (a: SortItem, b: SortItem): number => {
        if (!alpha)
          return a.score > b.score ? 1 : a.score < b.score ? -1 : binary(a.element.value, b.element.value);
        if (sortBy === undefined) return text(a.element.value, b.element.value);
        if (a.by === null || b.by === null) return a.by === b.by ? 0 : a.by === null ? -1 : 1;
        return text(a.by, b.by);
      };
      items.sort((a, b) => (desc ? -compare(a, b) : compare(a, b)));
      picked = end >= start ? items.slice(start, end + 1).map((i) => i.element) : [];
    }
    const out: (string | null)[] = [];
    for (const element of picked) {
      if (gets.length === 0) out.push(element.value);
      for (const g of gets) out.push(lookupByPattern(ctx, g, element)?.value ?? null);
    }
    if (storeKey === undefined) return array(out.map((v) => bulkOrNil(v ?? undefined)));
    const stored = out.map((v) => v ?? '');
    if (stored.length > 0) {
      storeCollection(ctx, storeKey, 'list', stored, listBytes(stored));
      ctx.ks.notify(ctx.db.id, storeKey, 'sortstore', 'l');
    } else {
      deleteStored(ctx, storeKey);
    }
    return int(stored.length);
  };

/** BY with a pattern lacking `*` (BY nosort): SORT skips sorting and returns a set as it iterates. */
const byNosort = (argv: readonly string[]): boolean =>
  argv.some((a, i) => i > 0 && /^by$/i.test(arg(argv, i - 1)) && !a.includes('*'));

const SORT_COMPLEXITY =
  'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).';

export const sortCommands: readonly CommandSpec[] = [
  {
    name: 'sort',
    group: 'generic',
    keys: [1, 1, 1],
    arity: -2,
    flags: ['write', 'denyoom', 'movablekeys'],
    traits: { unorderedWhen: byNosort },
    summary: 'Sorts the elements in a list, a set, or a sorted set, optionally storing the result.',
    syntax:
      'SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA] [STORE destination]',
    since: '1.0.0',
    complexity: SORT_COMPLEXITY,
    handler: sortGeneric(false),
  },
  {
    name: 'sort_ro',
    group: 'generic',
    keys: [1, 1, 1],
    arity: -2,
    flags: ['readonly', 'movablekeys'],
    traits: { unorderedWhen: byNosort },
    summary: 'Returns the sorted elements of a list, a set, or a sorted set.',
    syntax:
      'SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC] [ALPHA]',
    since: '7.0.0',
    complexity: SORT_COMPLEXITY,
    handler: sortGeneric(true),
  },
];
