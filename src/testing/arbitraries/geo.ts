import fc from 'fast-check';
import { key as sharedKey, type Weighted } from './values.ts';

/**
 * Geo (commands/geo.ts, geo-search.ts): points around Sicily and at the edges of the range (poles
 * of EPSG:900913, the antimeridian), invalid coordinates, every unit, every search option, and the
 * shared keys, so searches also meet plain sorted sets and other types.
 */

/** Mostly a key of their own, so points accumulate; now and then one of the shared keys. */
const key = fc.oneof({ arbitrary: fc.constant('geo'), weight: 3 }, { arbitrary: sharedKey, weight: 1 });
const point = fc.constantFrom(
  ['13.361389', '38.115556'],
  ['15.087269', '37.502669'],
  ['13.583333', '37.316667'],
  ['15', '37'],
  ['14.5', '37.5'],
  ['180', '85.05112878'],
  ['-180', '-85.05112878'],
  ['0', '0'],
  ['179.9', '-10'],
  ['200', '10'],
  ['10', '90'],
  ['x', '1'],
);
const member = fc.constantFrom('Palermo', 'Catania', 'a', 'b', 'c', 'aa', '1');
const unit = fc.constantFrom('m', 'km', 'KM', 'mi', 'ft', 'parsecs');
const radius = fc.constantFrom('0', '1', '50', '100', '200', '5000', '-1', 'x');
const option = fc.constantFrom(
  ['WITHDIST'],
  ['WITHCOORD'],
  ['WITHHASH'],
  ['ASC'],
  ['DESC'],
  ['COUNT', '1'],
  ['COUNT', '2'],
  ['COUNT', '2', 'ANY'],
  ['ANY'],
  ['COUNT', '0'],
  ['foo'],
);
const options = fc.array(option, { maxLength: 3 }).map((o) => o.flat());
const from = fc.oneof(
  point.map((p) => ['FROMLONLAT', ...p]),
  member.map((m) => ['FROMMEMBER', m]),
  fc.constant<string[]>([]),
);
const by = fc.oneof(
  fc.tuple(radius, unit).map(([r, u]) => ['BYRADIUS', r, u]),
  fc.tuple(radius, radius, unit).map(([w, h, u]) => ['BYBOX', w, h, u]),
  fc.constant<string[]>([]),
);

export const geoArbitraries: readonly Weighted[] = [
  {
    arbitrary: fc
      .tuple(
        key,
        fc.constantFrom([], ['NX'], ['XX'], ['CH'], ['NX', 'CH'], ['XX', 'NX']),
        fc.array(fc.tuple(point, member), { minLength: 1, maxLength: 4 }),
      )
      .map(([k, o, ps]) => ['GEOADD', k, ...o, ...ps.flatMap(([p, m]) => [...p, m])]),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        member,
        member,
        fc.constantFrom([], ['km'], ['mi'], ['ft'], ['M'], ['parsecs'], ['km', 'x']),
      )
      .map(([k, a, b, u]) => ['GEODIST', k, a, b, ...u]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('GEOPOS', 'GEOHASH'), key, fc.array(member, { maxLength: 3 }))
      .map(([c, k, ms]) => [c, k, ...ms]),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('GEORADIUS', 'GEORADIUS_RO'),
        key,
        point,
        radius,
        unit,
        options,
        fc.constantFrom([], [], ['STORE', 'dst'], ['STOREDIST', 'dst'], ['STORE', 'k1']),
      )
      .map(([c, k, p, r, u, o, s]) => [c, k, ...p, r, u, ...o, ...s]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('GEORADIUSBYMEMBER', 'GEORADIUSBYMEMBER_RO'),
        key,
        member,
        radius,
        unit,
        options,
        fc.constantFrom([], [], ['STORE', 'dst'], ['STOREDIST', 'k2']),
      )
      .map(([c, k, m, r, u, o, s]) => [c, k, m, r, u, ...o, ...s]),
    weight: 3,
  },
  {
    arbitrary: fc.tuple(key, from, by, options).map(([k, f, b, o]) => ['GEOSEARCH', k, ...f, ...b, ...o]),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        key,
        key,
        from,
        by,
        fc.constantFrom([], ['STOREDIST'], ['COUNT', '1'], ['WITHDIST'], ['ASC', 'COUNT', '2']),
      )
      .map(([d, k, f, b, o]) => ['GEOSEARCHSTORE', d, k, ...f, ...b, ...o]),
    weight: 2,
  },
];
