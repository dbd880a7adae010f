import { isReplyNotEntry, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_NOT_FLOAT } from '../errors.ts';
import {
  decodeScore,
  distance,
  encode,
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  GEO_STEP_MAX,
  type HashBits,
  STANDARD_RANGES,
  scoreOf,
} from '../geohash.ts';
import { array, bulk, error, NIL, type Reply } from '../reply.ts';
import { fixed4, fixedDecimal, humanLongDouble } from './geo-format.ts';
import { lookupZset } from './sorted-sets.ts';
import { zaddGeneric } from './sorted-sets-add.ts';
import { string2d } from './strtod.ts';

/** GEOADD, GEODIST, GEOHASH and GEOPOS (geo.c): points stored as sorted-set scores. */

/** extractLongLatOrReply: two floats within the EPSG:900913 ranges. */
export function parseLongLat(ctx: CommandContext, lonArg: string, latArg: string): [number, number] | Reply {
  const lon = string2d(ctx.ks, lonArg);
  if (lon === null) return error(ERR_NOT_FLOAT);
  const lat = string2d(ctx.ks, latArg);
  if (lat === null) return error(ERR_NOT_FLOAT);
  if (lon < GEO_LONG_MIN || lon > GEO_LONG_MAX || lat < GEO_LAT_MIN || lat > GEO_LAT_MAX) {
    return error(`ERR invalid longitude,latitude pair ${fixedDecimal(lon, 6)},${fixedDecimal(lat, 6)}`);
  }
  return [lon, lat];
}

/** extractUnitOrReply: meters per unit, or the error. */
export function parseUnit(unit: string): number | Reply {
  switch (unit.toLowerCase()) {
    case 'm':
      return 1;
    case 'km':
      return 1000;
    case 'ft':
      return 0.3048;
    case 'mi':
      return 1609.34;
    default:
      return error('ERR unsupported unit provided. please use M, KM, FT, MI');
  }
}

/** GEOADD: options, then every point validated, then ZADD with the scores (its events and replies). */
const geoadd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let nx = false;
  let xx = false;
  let longIdx = 2;
  for (; longIdx < argv.length; longIdx++) {
    const opt = optionName(arg(argv, longIdx));
    if (opt === 'nx') nx = true;
    else if (opt === 'xx') xx = true;
    else if (opt !== 'ch') break;
  }
  if ((argv.length - longIdx) % 3 !== 0 || (xx && nx)) return SYNTAX;
  const zaddArgv = ['zadd', ...argv.slice(1, longIdx)];
  for (let i = longIdx; i < argv.length; i += 3) {
    const xy = parseLongLat(ctx, arg(argv, i), arg(argv, i + 1));
    if (!Array.isArray(xy)) return xy;
    zaddArgv.push(BigInt(scoreOf(xy[0], xy[1])).toString(), arg(argv, i + 2));
  }
  return zaddGeneric(ctx, zaddArgv, false);
};

const geodist = (ctx: CommandContext, argv: readonly string[]): Reply => {
  let toMeter = 1;
  if (argv.length === 5) {
    const unit = parseUnit(arg(argv, 4));
    if (typeof unit !== 'number') return unit;
    toMeter = unit;
  } else if (argv.length > 5) {
    return SYNTAX;
  }
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return NIL;
  const s1 = e.coll.get(arg(argv, 2));
  const s2 = e.coll.get(arg(argv, 3));
  if (s1 === undefined || s2 === undefined) return NIL;
  const [x1, y1] = decodeScore(s1);
  const [x2, y2] = decodeScore(s2);
  return bulk(fixed4(distance(x1, y1, x2, y2) / toMeter));
};

const GEO_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/** The standard 11-character geohash of a score: decoded, then re-encoded on the -90..90 range. */
function geohashString(score: number): string {
  const [x, y] = decodeScore(score);
  const hash = encode(STANDARD_RANGES.long, STANDARD_RANGES.lat, x, y, GEO_STEP_MAX) as HashBits;
  let out = '';
  for (let i = 0; i < 11; i++) {
    const idx = i === 10 ? 0 : Number((hash.bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn);
    out += GEO_ALPHABET[idx];
  }
  return out;
}

const geohash = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return array(
    argv.slice(2).map((m) => {
      const s = e?.coll.get(m);
      return s === undefined ? NIL : bulk(geohashString(s));
    }),
  );
};

/** A point as WITHCOORD and GEOPOS print it. */
export function coordsReply(x: number, y: number): Reply {
  return array([bulk(humanLongDouble(x)), bulk(humanLongDouble(y))]);
}

const geopos = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupZset(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return array(
    argv.slice(2).map((m) => {
      const s = e?.coll.get(m);
      // A null array in RESP2 (server/reply-shapes.ts); redis-cli prints (nil) either way.
      return s === undefined ? NIL : coordsReply(...decodeScore(s));
    }),
  );
};

export const geo = { group: 'geo', keys: [1, 1, 1] } as const;

export const geoCommands: readonly CommandSpec[] = [
  {
    ...geo,
    name: 'geoadd',
    arity: -5,
    flags: ['write', 'denyoom'],
    summary: "Adds one or more members to a geospatial index. The key is created if it doesn't exist.",
    syntax: 'GEOADD key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]',
    since: '3.2.0',
    complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
    handler: geoadd,
  },
  {
    ...geo,
    name: 'geodist',
    notes:
      "Distances (here and in the searches) use JavaScript's sin, cos and asin, which can differ from glibc's in the last bit: of 60,600 random distances compared with redis-server, one printed value differed in its fourth decimal.",
    arity: -4,
    flags: ['readonly'],
    summary: 'Returns the distance between two members of a geospatial index.',
    syntax: 'GEODIST key member1 member2 [M | KM | FT | MI]',
    since: '3.2.0',
    complexity: 'O(log(N))',
    handler: geodist,
  },
  {
    ...geo,
    name: 'geohash',
    arity: -2,
    flags: ['readonly'],
    summary: 'Returns members from a geospatial index as geohash strings.',
    syntax: 'GEOHASH key [member [member ...]]',
    since: '3.2.0',
    complexity: 'O(log(N)) for each member requested, where N is the number of elements in the sorted set.',
    handler: geohash,
  },
  {
    ...geo,
    name: 'geopos',
    arity: -2,
    flags: ['readonly'],
    summary: 'Returns the longitude and latitude of members from a geospatial index.',
    syntax: 'GEOPOS key [member [member ...]]',
    since: '3.2.0',
    complexity: 'O(N) where N is the number of members requested.',
    handler: geopos,
  },
];
