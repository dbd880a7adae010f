import { formatReply } from '../engine/format.ts';
import { array, bulk, type Reply } from '../engine/reply.ts';

/**
 * How replies of the engine and of a real redis-server are compared by the differential tests:
 * differences Redis itself does not define are normalised away (hash order, random picks, cursors,
 * TTLs a few ms apart), each for a reason given where it is done. The same rules as
 * src/engine/differential.test.ts, shared here for the multi-connection differential through serve.
 */

/** Relative expirations are spaced out so equal amounts never give equal deadlines on one side only. */
const RELATIVE_EXPIRY = /^(expire|pexpire|setex|psetex)$/i;
export function setsRelativeExpiry(argv: readonly string[]): boolean {
  const name = (argv[0] as string).toLowerCase();
  if (RELATIVE_EXPIRY.test(name)) return true;
  return (name === 'set' || name === 'getex') && argv.some((a) => /^(ex|px)$/i.test(a));
}

const TOLERANCE_MS: Record<string, number> = { ttl: 1, expiretime: 1, pttl: 250, pexpiretime: 250 };

const UNORDERED = new Set(['hkeys', 'hvals', 'smembers', 'sinter', 'sunion', 'sdiff', 'spop']);
const SCANS = new Set(['hscan', 'sscan', 'zscan']);
const RANDOM_PICKS = new Set(['hrandfield', 'srandmember']);

/** Items sorted as groups of `width` (field/value pairs stay together). */
function sortedItems(items: readonly Reply[], width: number): Reply {
  const groups: Reply[][] = [];
  for (let i = 0; i < items.length; i += width) groups.push(items.slice(i, i + width));
  const key = (g: readonly Reply[]) => g.map((x) => formatReply(x)).join('\n');
  groups.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return array(groups.flat());
}

/** Normalises a reply so that differences Redis itself does not define compare equal. */
export function normalize(argv: readonly string[], r: Reply, queued?: readonly (readonly string[])[]): Reply {
  const name = (argv[0] as string).toLowerCase();
  if (r.t === 'error') return r;
  if (name === 'keys' && r.t === 'array')
    return array([...r.items].sort((a, b) => (formatReply(a) < formatReply(b) ? -1 : 1)));
  if (name === 'randomkey' && r.t === 'bulk') return bulk('<some key>');
  // Hashtable/skiplist payloads list members in hash order: only their RDB type is defined.
  if (name === 'dump' && r.t === 'bulk' && [2, 4, 5].includes(r.s.charCodeAt(0))) {
    return bulk(`<RDB type ${r.s.charCodeAt(0)} payload>`);
  }
  // Hashtable-encoded collections iterate in hash order; only the multiset of elements is defined.
  if (UNORDERED.has(name) && r.t === 'array') return sortedItems(r.items, 1);
  if (name === 'hgetall' && r.t === 'array') return sortedItems(r.items, 2);
  if (SCANS.has(name) && r.t === 'array' && r.items.length === 2 && r.items[1]?.t === 'array') {
    return array([r.items[0] as Reply, sortedItems(r.items[1].items, name === 'sscan' ? 1 : 2)]);
  }
  // SORT … BY without `*` returns a set in its iteration order (hash order for a hashtable).
  if ((name === 'sort' || name === 'sort_ro') && r.t === 'array' && argv.some((a) => /^by$/i.test(a))) {
    // With LIMIT, which elements of a hash-ordered set come out is undefined too.
    if (argv.some((a) => /^limit$/i.test(a))) return array(r.items.map(() => bulk('<element>')));
    return sortedItems(r.items, 1);
  }
  // Random picks can only be compared by shape.
  if (RANDOM_PICKS.has(name)) {
    if (r.t === 'bulk') return bulk('<random>');
    if (r.t === 'array') return array(r.items.map(() => bulk('<random>')));
  }
  if (
    name === 'time' &&
    r.t === 'array' &&
    r.items.length === 2 &&
    r.items.every((i) => i.t === 'bulk' && /^\d+$/.test(i.s))
  ) {
    return array([bulk('<seconds>'), bulk('<microseconds>')]);
  }
  if (name === 'exec' && r.t === 'array' && queued) {
    return array(r.items.map((item, i) => normalize(queued[i] ?? ['?'], item)));
  }
  return r;
}

export function sameReply(argv: readonly string[], a: Reply, b: Reply): boolean {
  const name = (argv[0] as string).toLowerCase();
  const tol = TOLERANCE_MS[name];
  if (tol !== undefined && a.t === 'int' && b.t === 'int') {
    const d = BigInt(a.n) - BigInt(b.n);
    return d >= -BigInt(tol) && d <= BigInt(tol);
  }
  if (a.t === 'array' && b.t === 'array' && name === 'exec') {
    return (
      a.items.length === b.items.length && a.items.every((x, i) => sameReply(['?'], x, b.items[i] as Reply))
    );
  }
  return formatReply(a) === formatReply(b);
}

export interface Side {
  send(argv: readonly string[]): Promise<Reply>;
}

/** A full SCAN iteration with the given options: the set of keys returned, or the first error. */
export async function fullScan(side: Side, options: readonly string[]): Promise<Reply> {
  const keys = new Set<string>();
  let cursor = '0';
  for (let i = 0; i < 10_000; i++) {
    const r = await side.send(['SCAN', cursor, ...options]);
    if (r.t !== 'array') return r;
    const [next, page] = r.items;
    if (next?.t !== 'bulk' || page?.t !== 'array') return r;
    for (const k of page.items) if (k.t === 'bulk') keys.add(k.s);
    cursor = next.s;
    if (cursor === '0') break;
  }
  return array([...keys].sort().map(bulk));
}
