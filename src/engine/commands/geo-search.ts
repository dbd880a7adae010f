import { isReplyNotEntry, NOT_INTEGER, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_COUNT_POSITIVE, errText } from '../errors.ts';
import {
  cellScores,
  decodeScore,
  distanceWithin,
  type HashBits,
  type Shape,
  searchCells,
} from '../geohash.ts';
import { parseInt64 } from '../int64.ts';
import type { EntryOf } from '../keyspace.ts';
import { array, bulk, EMPTY_ARRAY, error, int, type Reply } from '../reply.ts';
import { coordsReply, geo, parseLongLat, parseUnit } from './geo.ts';
import { fixed4 } from './geo-format.ts';
import { pqsort } from './pqsort.ts';
import { lookupZset, sortedEntries, type ZEntry } from './sorted-sets.ts';
import { storeZset } from './sorted-sets-algebra.ts';
import { string2d } from './strtod.ts';

/** GEORADIUS, GEORADIUSBYMEMBER, their _RO forms, GEOSEARCH and GEOSEARCHSTORE (georadiusGeneric). */

interface Flags {
  readonly coords?: true;
  readonly member?: true;
  readonly noStore?: true;
  readonly search?: true;
  readonly searchStore?: true;
}

interface GeoPoint {
  readonly x: number;
  readonly y: number;
  dist: number;
  readonly score: number;
  readonly member: string;
}

/** extractDistanceOrReply: the radius and its unit. */
function parseDistance(
  ctx: CommandContext,
  amount: string,
  unit: string,
): { radius: number; conversion: number } | Reply {
  const radius = string2d(ctx.ks, amount);
  if (radius === null) return error('ERR need numeric radius');
  if (radius < 0) return error('ERR radius cannot be negative');
  const conversion = parseUnit(unit);
  return typeof conversion === 'number' ? { radius, conversion } : conversion;
}

/** extractBoxOrReply. */
function parseBox(
  ctx: CommandContext,
  w: string,
  h: string,
  unit: string,
): { width: number; height: number; conversion: number } | Reply {
  const width = string2d(ctx.ks, w);
  if (width === null) return error('ERR need numeric width');
  const height = string2d(ctx.ks, h);
  if (height === null) return error('ERR need numeric height');
  if (height < 0 || width < 0) return error('ERR height or width cannot be negative');
  const conversion = parseUnit(unit);
  return typeof conversion === 'number' ? { width, height, conversion } : conversion;
}

const UNDECODABLE = error('ERR could not decode requested zset member');

/** The members of the cells (geoGetPointsInRange per cell) inside the shape, stopping at `limit`. */
function pointsInCells(
  e: EntryOf<'zset'>,
  cells: readonly (HashBits | null)[],
  shape: Shape,
  limit: number,
): GeoPoint[] {
  const sorted = sortedEntries(e.coll);
  const out: GeoPoint[] = [];
  let last: HashBits | null = null;
  for (const cell of cells) {
    if (cell === null) continue;
    // Huge radii make neighbours coincide: a cell equal to the last one searched is skipped.
    if (last !== null && cell.bits === last.bits && cell.step === last.step) continue;
    if (out.length > 0 && limit > 0 && out.length >= limit) break;
    const [min, max] = cellScores(cell);
    for (let i = firstAtLeast(sorted, min); i < sorted.length; i++) {
      const [member, score] = sorted[i] as ZEntry;
      if (score >= max) break;
      const [x, y] = decodeScore(score);
      const d = distanceWithin(shape, x, y);
      if (d !== null) out.push({ x, y, dist: d, score, member });
      if (out.length > 0 && limit > 0 && out.length >= limit) break;
    }
    last = cell;
  }
  return out;
}

function firstAtLeast(sorted: readonly ZEntry[], min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as ZEntry)[1] < min) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byDistance = (a: GeoPoint, b: GeoPoint) => (a.dist > b.dist ? 1 : a.dist === b.dist ? 0 : -1);

interface Options {
  withDist: boolean;
  withHash: boolean;
  withCoords: boolean;
  any: boolean;
  sort: 'none' | 'asc' | 'desc';
  count: number;
  storeKey: string | null;
  storeDist: boolean;
  fromMember: boolean;
  fromLoc: boolean;
  byRadius: boolean;
  byBox: boolean;
}

const searchGeneric =
  (srcIndex: number, flags: Flags) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const e = lookupZset(ctx, arg(argv, srcIndex), false);
    if (isReplyNotEntry(e)) return e;
    let xy: [number, number] = [0, 0];
    let shape: { radius?: number; width?: number; height?: number; conversion: number } = { conversion: 1 };
    let baseArgs: number;
    const o: Options = {
      withDist: false,
      withHash: false,
      withCoords: false,
      any: false,
      sort: 'none',
      count: 0,
      storeKey: null,
      storeDist: false,
      fromMember: false,
      fromLoc: false,
      byRadius: false,
      byBox: false,
    };
    if (flags.coords) {
      baseArgs = 6;
      const p = parseLongLat(ctx, arg(argv, 2), arg(argv, 3));
      if (!Array.isArray(p)) return p;
      xy = p;
      const d = parseDistance(ctx, arg(argv, 4), arg(argv, 5));
      if (!('radius' in d)) return d;
      shape = d;
    } else if (flags.member) {
      baseArgs = 5;
      // Without the key Redis goes on parsing only to choose between the empty replies.
      if (e !== undefined) {
        const s = e.coll.get(arg(argv, 2));
        if (s === undefined) return UNDECODABLE;
        xy = decodeScore(s);
        const d = parseDistance(ctx, arg(argv, 3), arg(argv, 4));
        if (!('radius' in d)) return d;
        shape = d;
      }
    } else {
      baseArgs = flags.searchStore ? 3 : 2;
      if (flags.searchStore) o.storeKey = arg(argv, 1);
    }
    const remaining = argv.length - baseArgs;
    for (let i = 0; i < remaining; i++) {
      const at = baseArgs + i;
      const opt = optionName(arg(argv, at));
      const left = remaining - i - 1;
      if (opt === 'withdist') o.withDist = true;
      else if (opt === 'withhash') o.withHash = true;
      else if (opt === 'withcoord') o.withCoords = true;
      else if (opt === 'any') o.any = true;
      else if (opt === 'asc') o.sort = 'asc';
      else if (opt === 'desc') o.sort = 'desc';
      else if (opt === 'count' && left >= 1) {
        const n = parseInt64(arg(argv, at + 1));
        if (n === null) return NOT_INTEGER;
        if (n <= 0) return error(ERR_COUNT_POSITIVE);
        o.count = Number(n);
        i++;
      } else if ((opt === 'store' || opt === 'storedist') && left >= 1 && !flags.noStore && !flags.search) {
        o.storeKey = arg(argv, at + 1);
        o.storeDist = opt === 'storedist';
        i++;
      } else if (opt === 'storedist' && flags.search && flags.searchStore) {
        o.storeDist = true;
      } else if (opt === 'frommember' && left >= 1 && flags.search && !o.fromLoc) {
        if (e !== undefined) {
          const s = e.coll.get(arg(argv, at + 1));
          if (s === undefined) return UNDECODABLE;
          xy = decodeScore(s);
        }
        o.fromMember = true;
        i++;
      } else if (opt === 'fromlonlat' && left >= 2 && flags.search && !o.fromMember) {
        const p = parseLongLat(ctx, arg(argv, at + 1), arg(argv, at + 2));
        if (!Array.isArray(p)) return p;
        xy = p;
        o.fromLoc = true;
        i += 2;
      } else if (opt === 'byradius' && left >= 2 && flags.search && !o.byBox) {
        const d = parseDistance(ctx, arg(argv, at + 1), arg(argv, at + 2));
        if (!('radius' in d)) return d;
        shape = d;
        o.byRadius = true;
        i += 2;
      } else if (opt === 'bybox' && left >= 3 && flags.search && !o.byRadius) {
        const b = parseBox(ctx, arg(argv, at + 1), arg(argv, at + 2), arg(argv, at + 3));
        if (!('width' in b)) return b;
        shape = b;
        o.byBox = true;
        i += 3;
      } else {
        return SYNTAX;
      }
    }
    const bad = checkOptions(o, flags, arg(argv, 0));
    if (bad) return bad;
    if (e === undefined) {
      if (o.storeKey === null) return EMPTY_ARRAY;
      return storeZset(ctx, o.storeKey, new Map(), '');
    }
    if (o.count !== 0 && o.sort === 'none' && !o.any) o.sort = 'asc';
    const geoShape: Shape =
      shape.radius !== undefined
        ? { type: 'circle', xy, conversion: shape.conversion, radius: shape.radius }
        : {
            type: 'box',
            xy,
            conversion: shape.conversion,
            width: shape.width ?? 0,
            height: shape.height ?? 0,
          };
    const points = pointsInCells(e, searchCells(geoShape), geoShape, o.any ? o.count : 0);
    if (points.length === 0 && o.storeKey === null) return EMPTY_ARRAY;
    const returned = o.count === 0 || points.length < o.count ? points.length : o.count;
    sortPoints(points, o.sort, returned);
    const picked = points.slice(0, returned);
    for (const p of picked) p.dist /= geoShape.conversion;
    if (o.storeKey !== null) {
      const result = new Map(picked.map((p) => [p.member, o.storeDist ? p.dist : p.score] as const));
      return storeZset(ctx, o.storeKey, result, flags.search ? 'geosearchstore' : 'georadiusstore');
    }
    return array(picked.map((p) => pointReply(p, o)));
  };

/** The option checks after parsing, in Redis's order. */
function checkOptions(o: Options, flags: Flags, typedName: string): Reply | null {
  if (o.storeKey !== null && (o.withDist || o.withHash || o.withCoords)) {
    const what = flags.searchStore ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS';
    return error(errText(`${what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`));
  }
  if (flags.search && !(o.fromMember || o.fromLoc)) {
    return error(`ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${typedName}`);
  }
  if (flags.search && !(o.byRadius || o.byBox)) {
    return error(`ERR exactly one of BYRADIUS and BYBOX can be specified for ${typedName}`);
  }
  if (o.any && o.count === 0) return error('ERR the ANY argument requires COUNT argument');
  return null;
}

/** qsort (glibc's merge sort: stable) for all of them, Redis's partial pqsort when COUNT cuts. */
function sortPoints(points: GeoPoint[], sort: Options['sort'], returned: number): void {
  if (sort === 'none') return;
  const cmp = sort === 'asc' ? byDistance : (a: GeoPoint, b: GeoPoint) => -byDistance(a, b);
  if (returned === points.length) points.sort(cmp);
  else pqsort(points, cmp, 0, returned - 1);
}

function pointReply(p: GeoPoint, o: Options): Reply {
  if (!o.withDist && !o.withHash && !o.withCoords) return bulk(p.member);
  const items: Reply[] = [bulk(p.member)];
  if (o.withDist) items.push(bulk(fixed4(p.dist)));
  // addReplyLongLong of the double score: a 52-bit integer.
  if (o.withHash) items.push(int(BigInt.asIntN(64, BigInt(Math.trunc(p.score)))));
  if (o.withCoords) items.push(coordsReply(p.x, p.y));
  return array(items);
}

const RADIUS_COMPLEXITY =
  'O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.';
const SEARCH_COMPLEXITY =
  'O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape';

export const geoSearchCommands: readonly CommandSpec[] = [
  {
    ...geo,
    name: 'georadius',
    arity: -6,
    flags: ['write', 'denyoom', 'movablekeys'],
    summary:
      'Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.',
    syntax:
      'GEORADIUS key longitude latitude radius M | KM | FT | MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]',
    since: '3.2.0',
    complexity: RADIUS_COMPLEXITY,
    handler: searchGeneric(1, { coords: true }),
  },
  {
    ...geo,
    name: 'georadius_ro',
    arity: -6,
    flags: ['readonly'],
    summary: 'Returns members from a geospatial index that are within a distance from a coordinate.',
    syntax:
      'GEORADIUS_RO key longitude latitude radius M | KM | FT | MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]',
    since: '3.2.10',
    complexity: RADIUS_COMPLEXITY,
    handler: searchGeneric(1, { coords: true, noStore: true }),
  },
  {
    ...geo,
    name: 'georadiusbymember',
    arity: -5,
    flags: ['write', 'denyoom', 'movablekeys'],
    summary:
      'Queries a geospatial index for members within a distance from a member, optionally stores the result.',
    syntax:
      'GEORADIUSBYMEMBER key member radius M | KM | FT | MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]',
    since: '3.2.0',
    complexity: RADIUS_COMPLEXITY,
    handler: searchGeneric(1, { member: true }),
  },
  {
    ...geo,
    name: 'georadiusbymember_ro',
    arity: -5,
    flags: ['readonly'],
    summary: 'Returns members from a geospatial index that are within a distance from a member.',
    syntax:
      'GEORADIUSBYMEMBER_RO key member radius M | KM | FT | MI [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]',
    since: '3.2.10',
    complexity: RADIUS_COMPLEXITY,
    handler: searchGeneric(1, { member: true, noStore: true }),
  },
  {
    ...geo,
    name: 'geosearch',
    arity: -7,
    flags: ['readonly'],
    summary: 'Queries a geospatial index for members inside an area of a box or a circle.',
    syntax:
      'GEOSEARCH key FROMMEMBER member | FROMLONLAT longitude latitude BYRADIUS radius M | KM | FT | MI | BYBOX width height M | KM | FT | MI [ASC | DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]',
    since: '6.2.0',
    complexity: SEARCH_COMPLEXITY,
    handler: searchGeneric(1, { search: true }),
  },
  {
    ...geo,
    name: 'geosearchstore',
    keys: [1, 2, 1],
    arity: -8,
    flags: ['write', 'denyoom'],
    summary:
      'Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.',
    syntax:
      'GEOSEARCHSTORE destination source FROMMEMBER member | FROMLONLAT longitude latitude BYRADIUS radius M | KM | FT | MI | BYBOX width height M | KM | FT | MI [ASC | DESC] [COUNT count [ANY]] [STOREDIST]',
    since: '6.2.0',
    complexity: SEARCH_COMPLEXITY,
    handler: searchGeneric(2, { search: true, searchStore: true }),
  },
];
