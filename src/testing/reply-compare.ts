import { type CommandSpec, deadlineKind } from '../engine/command.ts';
import { CLIENT_IDS } from '../engine/commands/connection.ts';
import { formatReply } from '../engine/format.ts';
import { loadPayload } from '../engine/rdb/load.ts';
import { RDB_TYPE_STREAM } from '../engine/rdb/stream-payload.ts';
import { array, bulk, type Reply, status } from '../engine/reply.ts';
import { createCommandTable, specFor } from '../engine/table.ts';

/**
 * How the differential test compares the engine's replies with redis-server's: exactly as redis-cli
 * prints them, except where the command table's traits (CommandSpec.traits) say Redis itself leaves
 * the reply undefined. `comparison` names the rule per command for the compatibility table.
 */

const TABLE = createCommandTable();

/** Relative expirations are spaced out so equal amounts never give equal deadlines on one side only. */
export function setsRelativeExpiry(argv: readonly string[]): boolean {
  const spec = specFor(TABLE, argv);
  return spec !== undefined && deadlineKind(spec, argv) === 'relative';
}

/** How far apart the two servers' TTLs may be, in the reply's unit: a second, or 250 ms. */
function toleranceOf(argv: readonly string[]): bigint | undefined {
  const reads = specFor(TABLE, argv)?.traits?.readsExpiry;
  if (reads === undefined) return undefined;
  return reads.unitMs === 1000 ? 1n : 250n;
}

const widthOf = (items: 'members' | 'pairs'): number => (items === 'pairs' ? 2 : 1);

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
  const name = (argv[0] ?? '').toLowerCase();
  if (r.t === 'error') return r;
  const spec = specFor(TABLE, argv);
  const traits = spec?.traits;
  // Hashtable/skiplist payloads list members in hash order: only their RDB type is defined.
  // A hash with field TTLs (Redis 7.4) carries absolute deadlines, a few ms apart on the two sides.
  if (name === 'dump' && r.t === 'bulk' && [2, 4, 5, 24, 25].includes(r.s.charCodeAt(0))) {
    return bulk(`<RDB type ${r.s.charCodeAt(0)} payload>`);
  }
  // A stream's consumer groups carry delivery and seen times from the server's clock.
  if (name === 'dump' && r.t === 'bulk' && r.s.charCodeAt(0) === RDB_TYPE_STREAM) {
    const loaded = loadPayload(r.s);
    if (loaded?.type === 'stream' && loaded.coll.groups.size > 0) return bulk('<stream payload with groups>');
  }
  // Hashtable-encoded collections iterate in hash order; only the multiset of elements is defined.
  if (traits?.unordered && r.t === 'array') return sortedItems(r.items, widthOf(traits.unordered));
  if (traits?.scan && r.t === 'array' && r.items.length === 2 && r.items[1]?.t === 'array') {
    return array([r.items[0] as Reply, sortedItems(r.items[1].items, widthOf(traits.scan))]);
  }
  // SORT … BY nosort returns a set in its iteration order (traits.unorderedWhen, hash order for a
  // hashtable); any other BY leaves ties in that order too.
  if (traits?.unorderedWhen && r.t === 'array' && argv.some((a) => /^by$/i.test(a))) {
    // With LIMIT, which elements of a hash-ordered set come out is undefined too.
    if (argv.some((a) => /^limit$/i.test(a))) return array(r.items.map(() => bulk('<element>')));
    return sortedItems(r.items, 1);
  }
  if (traits?.random && spec?.flags.includes('write')) {
    // SPOP: the generator only pops whole sets (or fails), so what is popped is defined, not its order.
    if (r.t === 'array') return sortedItems(r.items, 1);
  } else if (traits?.random) {
    // Random picks can only be compared by shape.
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
  // Client ids and addresses: the fields' names and types are defined, their values are not.
  if (traits?.serverDependent === CLIENT_IDS) return maskValues(r, true);
  // Stream IDs from `*`, idle and delivery times: read from each server's own clock.
  const clock = CLOCK_MASKS[spec?.name ?? ''];
  if (clock && traits?.serverDependent && traits.serverDependentWhen?.(argv) !== false) return clock(r);
  if (name === 'exec' && r.t === 'array' && queued) {
    return array(r.items.map((item, i) => normalize(queued[i] ?? ['?'], item)));
  }
  return r;
}

const CLOCK = bulk('<clock>');

/** Replaces the values following the given field names in a flat field/value list, at any depth. */
function maskFields(r: Reply, names: readonly string[], rows?: (row: Reply) => Reply): Reply {
  if (r.t !== 'array') return r;
  const items = r.items.map((x, i) => {
    const prev = r.items[i - 1];
    if (i % 2 === 1 && prev?.t === 'bulk' && names.includes(prev.s)) return CLOCK;
    if (i % 2 === 1 && prev?.t === 'bulk' && prev.s === 'pending' && rows && x.t === 'array') {
      return array(x.items.map(rows));
    }
    return maskFields(x, names, rows);
  });
  return array(items);
}

/** A row with the clock-derived element at `index` masked. */
const maskAt =
  (index: number) =>
  (row: Reply): Reply =>
    row.t === 'array' ? array(row.items.map((x, i) => (i === index ? CLOCK : x))) : row;

/** XINFO STREAM FULL: group PEL rows [id, consumer, time, count], consumer rows [id, time, count]. */
function maskFullInfo(r: Reply): Reply {
  return maskFields(r, ['seen-time'], (row) =>
    row.t === 'array' && row.items.length === 4 ? maskAt(2)(row) : maskAt(1)(row),
  );
}

/** What each clock-dependent command's reply takes from the clock (when its trait says it does). */
const CLOCK_MASKS: Readonly<Record<string, (r: Reply) => Reply>> = {
  xadd: (r) => (r.t === 'bulk' ? bulk('<id from the clock>') : r),
  xpending: (r) => (r.t === 'array' ? array(r.items.map(maskAt(2))) : r),
  consumers: (r) => maskFields(r, ['idle']),
  stream: maskFullInfo,
  idletime: (r) => (r.t === 'int' ? CLOCK : r),
  lastsave: (r) => (r.t === 'int' ? CLOCK : r),
  // ACL LOG: each entry's age and the CLIENT INFO of the client that failed.
  log: (r) => maskFields(r, ['age-seconds', 'client-info']),
  // Not a clock, but the server's own measure: the playground's estimate is its own.
  usage: (r) => (r.t === 'int' ? bulk('<bytes>') : r),
};

function maskValues(r: Reply, top: boolean): Reply {
  if (r.t === 'int') return status('<integer>');
  if (r.t === 'bulk' && top) return bulk('<text>');
  if (r.t === 'array') return array(r.items.map((x) => maskValues(x, false)));
  return r;
}

function within(a: number | bigint, b: number | bigint, tol: bigint): boolean {
  const d = BigInt(a) - BigInt(b);
  return d >= -tol && d <= tol;
}

export function sameReply(argv: readonly string[], a: Reply, b: Reply): boolean {
  const name = (argv[0] ?? '').toLowerCase();
  const tol = toleranceOf(argv);
  if (tol !== undefined && a.t === 'int' && b.t === 'int') return within(a.n, b.n, tol);
  // HTTL and friends: one number per field, each within the tolerance.
  if (tol !== undefined && a.t === 'array' && b.t === 'array') {
    return (
      a.items.length === b.items.length &&
      a.items.every((x, i) => {
        const y = b.items[i] as Reply;
        // -2 and -1 are codes (no such field, no TTL), compared exactly.
        const codes = x.t === 'int' && y.t === 'int' && (Number(x.n) < 0 || Number(y.n) < 0);
        if (x.t === 'int' && y.t === 'int' && !codes) return within(x.n, y.n, tol);
        return formatReply(x) === formatReply(y);
      })
    );
  }
  if (a.t === 'array' && b.t === 'array' && name === 'exec') {
    return (
      a.items.length === b.items.length && a.items.every((x, i) => sameReply(['?'], x, b.items[i] as Reply))
    );
  }
  return formatReply(a) === formatReply(b);
}

/** The differential's rule for one command, as the compatibility table shows it ('' for exact). */
export function comparison(spec: CommandSpec): string {
  const t = spec.traits;
  if (spec.name === 'time') return 'by shape';
  if (spec.name === 'dump') return 'hashtable payloads by type';
  if (t?.unordered) return t.unordered === 'pairs' ? 'as field/value pairs' : 'as a set';
  if (t?.scan) return spec.name === 'scan' ? 'by a full iteration' : 'page as a set';
  if (t?.random) return spec.flags.includes('write') ? 'as a set' : 'by shape';
  if (t?.readsExpiry) return t.readsExpiry.unitMs === 1000 ? '±1 s' : '±250 ms';
  if (t?.unorderedWhen) return 'BY as a set';
  if (t?.serverDependent === CLIENT_IDS) return 'by shape';
  if (t?.serverDependent && CLOCK_MASKS[spec.name]) return 'clock fields masked';
  return '';
}

/** One server as the differential tests drive it: argv in, the reply as the engine models it. */
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
