/**
 * Redis's geohash math (geohash.c, geohash_helper.c): 52-bit interleaved scores on the
 * EPSG:900913 latitude range, decoding a score back to the centre of its cell, the 3×3 cells a
 * search visits, and haversine distances. Bit work that can pass 2^53 is done in BigInt, as
 * uint64_t would; the rest is IEEE double arithmetic in Redis's order of operations.
 */

export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;
export const GEO_STEP_MAX = 26;

const D_R = Math.PI / 180.0;
const EARTH_RADIUS_IN_METERS = 6372797.560856;
const MERCATOR_MAX = 20037726.37;

const degRad = (ang: number) => ang * D_R;
const radDeg = (ang: number) => ang / D_R;

export interface Range {
  readonly min: number;
  readonly max: number;
}

export interface HashBits {
  readonly bits: bigint;
  readonly step: number;
}

export interface Area {
  readonly hash: HashBits;
  readonly longitude: Range;
  readonly latitude: Range;
}

const LONG_RANGE: Range = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
const LAT_RANGE: Range = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };
/** The ranges GEOHASH re-encodes with, for a standard geohash string. */
export const STANDARD_RANGES = { long: { min: -180, max: 180 }, lat: { min: -90, max: 90 } } as const;

const MASK64 = (1n << 64n) - 1n;

/** Spreads the low 16 bits of `v` to the even bit positions of a 32-bit value. */
function spread16(v: number): number {
  let x = v & 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** The inverse: the even bits of a 32-bit value, packed into 16 bits. */
function compact16(v: number): number {
  let x = v & 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

/** interleave64: x (latitude) on the even bits, y (longitude) on the odd ones. */
function interleave64(x: number, y: number): bigint {
  const lo = (spread16(x) | (spread16(y) << 1)) >>> 0;
  const hi = (spread16(x >>> 16) | (spread16(y >>> 16) << 1)) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** deinterleave64: the even bits (latitude) and odd bits (longitude) of a 64-bit value. */
function deinterleave64(bits: bigint): { lat: number; long: number } {
  const lo = Number(bits & 0xffffffffn);
  const hi = Number((bits >> 32n) & 0xffffffffn);
  return {
    lat: (compact16(lo) | (compact16(hi) << 16)) >>> 0,
    long: (compact16(lo >>> 1) | (compact16(hi >>> 1) << 16)) >>> 0,
  };
}

/** geohashEncode; null where Redis returns 0 (outside the ranges it can encode). */
export function encode(
  long: Range,
  lat: Range,
  longitude: number,
  latitude: number,
  step: number,
): HashBits | null {
  if (step > 32 || step === 0) return null;
  if (
    longitude > GEO_LONG_MAX ||
    longitude < GEO_LONG_MIN ||
    latitude > GEO_LAT_MAX ||
    latitude < GEO_LAT_MIN
  ) {
    return null;
  }
  if (latitude < lat.min || latitude > lat.max || longitude < long.min || longitude > long.max) return null;
  const scale = 2 ** step;
  const latOffset = ((latitude - lat.min) / (lat.max - lat.min)) * scale;
  const longOffset = ((longitude - long.min) / (long.max - long.min)) * scale;
  // double → uint32_t truncates.
  return { bits: interleave64(Math.trunc(latOffset) >>> 0, Math.trunc(longOffset) >>> 0), step };
}

export function encodeWgs84(longitude: number, latitude: number, step: number): HashBits | null {
  return encode(LONG_RANGE, LAT_RANGE, longitude, latitude, step);
}

/** geohashDecode with the WGS84 ranges. */
export function decodeArea(hash: HashBits): Area | null {
  if (hash.bits === 0n && hash.step === 0) return null;
  const { lat: ilato, long: ilono } = deinterleave64(hash.bits);
  const latScale = LAT_RANGE.max - LAT_RANGE.min;
  const longScale = LONG_RANGE.max - LONG_RANGE.min;
  const div = 2 ** hash.step;
  // (ilato + 1) is uint32_t arithmetic: it wraps to 0.
  return {
    hash,
    latitude: {
      min: LAT_RANGE.min + (ilato / div) * latScale,
      max: LAT_RANGE.min + (((ilato + 1) >>> 0) / div) * latScale,
    },
    longitude: {
      min: LONG_RANGE.min + (ilono / div) * longScale,
      max: LONG_RANGE.min + (((ilono + 1) >>> 0) / div) * longScale,
    },
  };
}

/** geohashDecodeAreaToLongLat: the cell's centre, clamped to the ranges. */
function areaCentre(area: Area): [number, number] {
  let x = (area.longitude.min + area.longitude.max) / 2;
  if (x > GEO_LONG_MAX) x = GEO_LONG_MAX;
  if (x < GEO_LONG_MIN) x = GEO_LONG_MIN;
  let y = (area.latitude.min + area.latitude.max) / 2;
  if (y > GEO_LAT_MAX) y = GEO_LAT_MAX;
  if (y < GEO_LAT_MIN) y = GEO_LAT_MIN;
  return [x, y];
}

const TWO_63 = 2 ** 63;

/**
 * (uint64_t) of a double as GCC compiles it on x86-64: cvttsd2si below 2^63 (negatives wrap, -inf
 * gives 2^63), above it the same on d - 2^63 with the top bit flipped (so 2^64 and beyond, and
 * +inf, give 0).
 */
export function doubleToUint64(d: number): bigint {
  const indefinite = 1n << 63n;
  const cvt = (v: number): bigint =>
    Number.isFinite(v) && v > -TWO_63 - 1024 && v < TWO_63 ? BigInt(Math.trunc(v)) & MASK64 : indefinite;
  if (d < TWO_63) return cvt(d);
  return cvt(d - TWO_63) ^ indefinite;
}

/** decodeGeohash: a sorted-set score back to longitude, latitude (always succeeds at step 26). */
export function decodeScore(score: number): [number, number] {
  const area = decodeArea({ bits: doubleToUint64(score), step: GEO_STEP_MAX }) as Area;
  return areaCentre(area);
}

/** The score GEOADD stores: the 52-bit hash of the point (as ZADD parses its decimal text). */
export function scoreOf(longitude: number, latitude: number): number {
  const hash = encodeWgs84(longitude, latitude, GEO_STEP_MAX) as HashBits;
  return Number(align52(hash));
}

export function align52(hash: HashBits): bigint {
  return (hash.bits << BigInt(52 - hash.step * 2)) & MASK64;
}

/* ----------------------------------- Neighbours ----------------------------------- */

const EVEN = 0x5555555555555555n;
const ODD = 0xaaaaaaaaaaaaaaaan;

function move(hash: HashBits, d: -1 | 0 | 1, moving: bigint, other: bigint): HashBits {
  if (d === 0) return hash;
  let x = hash.bits & moving;
  const y = hash.bits & other;
  const shift = BigInt(64 - hash.step * 2);
  const zz = other >> shift;
  if (d > 0) x = (x + (zz + 1n)) & MASK64;
  else x = ((x | zz) - (zz + 1n)) & MASK64;
  x &= moving >> shift;
  return { bits: x | y, step: hash.step };
}

const moveX = (h: HashBits, d: -1 | 0 | 1) => move(h, d, ODD, EVEN);
const moveY = (h: HashBits, d: -1 | 0 | 1) => move(h, d, EVEN, ODD);
const at = (h: HashBits, dx: -1 | 0 | 1, dy: -1 | 0 | 1) => moveY(moveX(h, dx), dy);

export interface Neighbours {
  north: HashBits | null;
  south: HashBits | null;
  east: HashBits | null;
  west: HashBits | null;
  northEast: HashBits | null;
  northWest: HashBits | null;
  southEast: HashBits | null;
  southWest: HashBits | null;
}

function neighbours(h: HashBits): Neighbours {
  return {
    east: at(h, 1, 0),
    west: at(h, -1, 0),
    south: at(h, 0, -1),
    north: at(h, 0, 1),
    northWest: at(h, -1, 1),
    northEast: at(h, 1, 1),
    southEast: at(h, 1, -1),
    southWest: at(h, -1, -1),
  };
}

/* --------------------------------- Search shapes --------------------------------- */

export type Shape =
  | {
      readonly type: 'circle';
      readonly xy: readonly [number, number];
      readonly conversion: number;
      readonly radius: number;
    }
  | {
      readonly type: 'box';
      readonly xy: readonly [number, number];
      readonly conversion: number;
      readonly width: number;
      readonly height: number;
    };

/** geohashEstimateStepsByRadius. */
function estimateSteps(rangeMeters: number, lat: number): number {
  if (rangeMeters === 0) return 26;
  let step = 1;
  while (rangeMeters < MERCATOR_MAX) {
    rangeMeters *= 2;
    step++;
  }
  step -= 2;
  if (lat > 66 || lat < -66) {
    step--;
    if (lat > 80 || lat < -80) step--;
  }
  return Math.min(26, Math.max(1, step));
}

/** geohashBoundingBox: [min long, min lat, max long, max lat]. */
function boundingBox(shape: Shape): [number, number, number, number] {
  const [longitude, latitude] = shape.xy;
  const height = shape.conversion * (shape.type === 'circle' ? shape.radius : shape.height / 2);
  const width = shape.conversion * (shape.type === 'circle' ? shape.radius : shape.width / 2);
  const latDelta = radDeg(height / EARTH_RADIUS_IN_METERS);
  const longDeltaTop = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude + latDelta)));
  const longDeltaBottom = radDeg(width / EARTH_RADIUS_IN_METERS / Math.cos(degRad(latitude - latDelta)));
  const south = latitude < 0;
  return [
    south ? longitude - longDeltaBottom : longitude - longDeltaTop,
    latitude - latDelta,
    south ? longitude + longDeltaBottom : longitude + longDeltaTop,
    latitude + latDelta,
  ];
}

/**
 * geohashCalculateAreasByShapeWGS84: the centre cell and its eight neighbours at a step coarse
 * enough for the shape, the useless neighbours dropped (null), in the order Redis visits them.
 */
export function searchCells(shape: Shape): (HashBits | null)[] {
  const [minLon, minLat, maxLon, maxLat] = boundingBox(shape);
  const [longitude, latitude] = shape.xy;
  const radiusMeters =
    (shape.type === 'circle'
      ? shape.radius
      : Math.sqrt((shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2))) *
    shape.conversion;
  let steps = estimateSteps(radiusMeters, latitude);
  let hash = encodeWgs84(longitude, latitude, steps) as HashBits;
  let n = neighbours(hash);
  let area = decodeArea(hash) as Area;
  const north = decodeArea(n.north as HashBits) as Area;
  const south = decodeArea(n.south as HashBits) as Area;
  const east = decodeArea(n.east as HashBits) as Area;
  const west = decodeArea(n.west as HashBits) as Area;
  const decrease =
    north.latitude.max < maxLat ||
    south.latitude.min > minLat ||
    east.longitude.max < maxLon ||
    west.longitude.min > minLon;
  if (steps > 1 && decrease) {
    steps--;
    hash = encodeWgs84(longitude, latitude, steps) as HashBits;
    n = neighbours(hash);
    area = decodeArea(hash) as Area;
  }
  if (steps >= 2) {
    if (area.latitude.min < minLat) n.south = n.southWest = n.southEast = null;
    if (area.latitude.max > maxLat) n.north = n.northEast = n.northWest = null;
    if (area.longitude.min < minLon) n.west = n.southWest = n.northWest = null;
    if (area.longitude.max > maxLon) n.east = n.southEast = n.northEast = null;
  }
  return [hash, n.north, n.south, n.east, n.west, n.northEast, n.northWest, n.southEast, n.southWest];
}

/** scoresOfGeoHashBox: the scores of a cell, min included, max excluded. */
export function cellScores(hash: HashBits): [number, number] {
  const min = align52(hash);
  const max = align52({ bits: hash.bits + 1n, step: hash.step });
  return [Number(min), Number(max)];
}

/* ------------------------------------ Distances ------------------------------------ */

function latDistance(lat1d: number, lat2d: number): number {
  return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2d) - degRad(lat1d));
}

/** geohashGetDistance: haversine on a sphere of Redis's radius, in meters. */
export function distance(lon1d: number, lat1d: number, lon2d: number, lat2d: number): number {
  const lon1r = degRad(lon1d);
  const lon2r = degRad(lon2d);
  const v = Math.sin((lon2r - lon1r) / 2);
  if (v === 0.0) return latDistance(lat1d, lat2d);
  const lat1r = degRad(lat1d);
  const lat2r = degRad(lat2d);
  const u = Math.sin((lat2r - lat1r) / 2);
  const a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
  return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
}

/** geoWithinShape after the decode: the distance from the centre when inside, else null. */
export function distanceWithin(shape: Shape, x: number, y: number): number | null {
  const [cx, cy] = shape.xy;
  if (shape.type === 'circle') {
    const d = distance(cx, cy, x, y);
    return d > shape.radius * shape.conversion ? null : d;
  }
  const width = shape.width * shape.conversion;
  const height = shape.height * shape.conversion;
  if (latDistance(y, cy) > height / 2) return null;
  if (distance(x, y, cx, y) > width / 2) return null;
  return distance(cx, cy, x, y);
}
