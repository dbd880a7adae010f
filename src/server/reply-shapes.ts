import { arg } from '../engine/command.ts';
import type { Reply } from '../engine/reply.ts';
import type { Protocol, Wire } from './wire.ts';

/**
 * What Redis 7.0 sends where the engine's Reply (redis-cli's view) cannot say: which arrays are
 * maps or sets and which bulks are doubles or verbatim text in RESP3 (the addReplyMapLen,
 * addReplySetLen, addReplyDouble and addReplyVerbatim calls of t_hash.c, t_set.c, t_zset.c,
 * config.c, server.c, networking.c), the score pairs RESP3 nests, and the null arrays of RESP2.
 * Keyed by the command's full name; errors are never reshaped.
 */

type Shaper = (argv: readonly string[], r: Reply, resp: Protocol) => Wire;

const map = (r: Reply): Wire => (r.t === 'array' ? { t: 'map', items: r.items } : r);
const set = (r: Reply): Wire => (r.t === 'array' ? { t: 'set', items: r.items } : r);
const double = (r: Reply): Wire => (r.t === 'bulk' ? { t: 'double', s: r.s } : r);
const verbatim = (r: Reply): Wire => (r.t === 'bulk' ? { t: 'verbatim', s: r.s } : r);

/** Member/score (or field/value) pairs: one flat array in RESP2, nested pairs in RESP3. */
function pairs(r: Reply, resp: Protocol, second: (x: Reply) => Wire): Wire {
  if (r.t !== 'array') return r;
  const flat: Wire[] = [];
  const nested: Wire[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2) {
    const a = r.items[i] as Reply;
    const b = second(r.items[i + 1] as Reply);
    if (resp === 2) flat.push(a, b);
    else nested.push({ t: 'array', items: [a, b] });
  }
  return { t: 'array', items: resp === 2 ? flat : nested };
}

const asIs = (x: Reply): Wire => x;

/** A shape that depends on the reply alone. */
const whole =
  (f: (r: Reply) => Wire): Shaper =>
  (_argv, r) =>
    f(r);

const hasWithScores = (argv: readonly string[]): boolean =>
  argv.slice(4).some((a) => a.toLowerCase() === 'withscores');

const zrange: Shaper = (argv, r, resp) => (hasWithScores(argv) ? pairs(r, resp, double) : r);

/** ZPOPMIN/ZPOPMAX: flat member, score without a count; pairs with one (t_zset.c use_nested_array). */
const zpop: Shaper = (argv, r, resp) => {
  if (argv.length === 3) return pairs(r, resp, double);
  return r.t === 'array' ? { t: 'array', items: r.items.map((x, i) => (i % 2 ? double(x) : x)) } : r;
};

/** LPOP/RPOP with a count on a missing key: a null array (`*-1`), not a null bulk. */
const listPop: Shaper = (argv, r) => (argv.length === 3 && r.t === 'nil' ? { t: 'nullarray' } : r);

/** Replies whose nil is a null array (addReplyNullArray): EXEC aborted by WATCH, a pop that did not block. */
const nullArray: Shaper = (_argv, r) => (r.t === 'nil' ? { t: 'nullarray' } : r);

/** BZPOPMIN/BZPOPMAX: key, member, score. */
const bzpop: Shaper = (argv, r, resp) => {
  if (r.t !== 'array') return nullArray(argv, r, resp);
  return { t: 'array', items: r.items.map((x, i) => (i === 2 ? double(x) : x)) };
};

/** (Un)subscribe confirmations in an EXEC reply: pushes, as they are outside one. */
const push: Shaper = (_argv, r) => (r.t === 'array' ? { t: 'push', items: r.items } : r);

/** LMPOP/ZMPOP with nothing to pop: a null array. */
const mpopNull = (r: Reply): Wire => (r.t === 'nil' ? { t: 'nullarray' } : r);

/** ZMPOP's [key, [[member, score] ...]]: the scores are doubles. */
const zmpop: Shaper = (_argv, r) => {
  const popped = r.t === 'array' ? r.items[1] : undefined;
  if (r.t !== 'array' || popped?.t !== 'array') return mpopNull(r);
  const pairsOut: Wire[] = popped.items.map((p) =>
    p.t === 'array' ? { t: 'array', items: [p.items[0] as Reply, double(p.items[1] as Reply)] } : p,
  );
  return { t: 'array', items: [r.items[0] as Reply, { t: 'array', items: pairsOut }] };
};

/** ZUNION/ZINTER/ZDIFF: WITHSCORES among the options after the numkeys keys. */
const zsetAlgebra: Shaper = (argv, r, resp) => {
  const options = argv.slice(2 + Number(argv[1]));
  return options.some((a) => a.toLowerCase() === 'withscores') ? pairs(r, resp, double) : r;
};

/** A flat name/value list as a map, some values shaped further. */
function mapOf(r: Reply, shape: (name: string, v: Reply) => Wire = (_n, v) => v): Wire {
  if (r.t !== 'array') return r;
  const items: Wire[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2) {
    const k = r.items[i] as Reply;
    items.push(k, shape(k.t === 'bulk' ? k.s : '', r.items[i + 1] as Reply));
  }
  return { t: 'map', items };
}

/** A key spec: a map whose flags are a set and whose searches are maps with a map spec. */
const keySpec = (r: Reply): Wire =>
  mapOf(r, (name, v) => {
    if (name === 'flags') return set(v);
    if (name === 'begin_search' || name === 'find_keys')
      return mapOf(v, (n, x) => (n === 'spec' ? mapOf(x) : x));
    return v;
  });

/** COMMAND INFO's entry: flags, ACL categories and tips are sets, key specs maps; no subcommands, too. */
function commandInfo(r: Reply): Wire {
  if (r.t !== 'array' || r.items.length !== 10) return r;
  const it = r.items;
  const subs = it[9] as Reply;
  const subcommands: Wire =
    subs.t === 'array' && subs.items.length > 0
      ? { t: 'array', items: subs.items.map(commandInfo) }
      : set(subs);
  return {
    t: 'array',
    items: [
      it[0] as Reply,
      it[1] as Reply,
      set(it[2] as Reply),
      it[3] as Reply,
      it[4] as Reply,
      it[5] as Reply,
      set(it[6] as Reply),
      set(it[7] as Reply),
      (it[8] as Reply).t === 'array'
        ? { t: 'set', items: (it[8] as Extract<Reply, { t: 'array' }>).items.map(keySpec) }
        : (it[8] as Reply),
      subcommands,
    ],
  };
}

/** COMMAND DOCS: a map of name → doc map, whose `subcommands` is such a map again. */
function commandDocs(r: Reply): Wire {
  if (r.t !== 'array') return r;
  const items: Wire[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2)
    items.push(r.items[i] as Reply, docFields(r.items[i + 1] as Reply));
  return { t: 'map', items };
}

function docFields(r: Reply): Wire {
  if (r.t !== 'array') return r;
  const items: Wire[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2) {
    const k = r.items[i] as Reply;
    const v = r.items[i + 1] as Reply;
    const name = k.t === 'bulk' ? k.s : '';
    items.push(
      k,
      name === 'subcommands' ? commandDocs(v) : name === 'history' || name === 'doc_flags' ? set(v) : v,
    );
  }
  return { t: 'map', items };
}

/** GEOPOS: a null array for a missing member; coordinates are doubles in RESP3. */
const geopos: Shaper = (_argv, r, resp) => {
  if (r.t !== 'array') return r;
  const items: Wire[] = r.items.map((x) => {
    if (x.t === 'nil') return resp === 2 ? { t: 'nullarray' } : x;
    return resp === 3 && x.t === 'array' ? { t: 'array', items: x.items.map(double) } : x;
  });
  return { t: 'array', items };
};

/** GEORADIUS/GEOSEARCH … WITHCOORD: each match ends with its coordinates, doubles in RESP3. */
const geoSearch: Shaper = (argv, r) => {
  if (r.t !== 'array' || !argv.some((a) => a.toLowerCase() === 'withcoord')) return r;
  const items: Wire[] = r.items.map((m) => {
    if (m.t !== 'array') return m;
    const coords = m.items[m.items.length - 1] as Reply;
    const shaped: Wire = coords.t === 'array' ? { t: 'array', items: coords.items.map(double) } : coords;
    return { t: 'array', items: [...m.items.slice(0, -1), shaped] };
  });
  return { t: 'array', items };
};

/** A stream entry [id, fields] whose entry is gone (XREADGROUP history) has a null array for fields. */
const streamEntry = (e: Reply): Wire =>
  e.t === 'array' && e.items.length === 2 && e.items[1]?.t === 'nil'
    ? { t: 'array', items: [e.items[0] as Reply, { t: 'nullarray' }] }
    : e;

/** XREAD/XREADGROUP: [[key, entries] …], a map in RESP3; nothing to read is a null array. */
const xread: Shaper = (_argv, r, resp) => {
  if (r.t === 'nil') return resp === 2 ? { t: 'nullarray' } : r;
  if (r.t !== 'array') return r;
  const perKey: Wire[] = r.items.map((k) => {
    if (k.t !== 'array' || k.items[1]?.t !== 'array') return k;
    return {
      t: 'array',
      items: [k.items[0] as Reply, { t: 'array', items: k.items[1].items.map(streamEntry) }],
    };
  });
  if (resp === 2) return { t: 'array', items: perKey };
  const items: Wire[] = [];
  for (const k of perKey) if (k.t === 'array') items.push(...k.items);
  return { t: 'map', items };
};

/** XPENDING's summary of an empty PEL ends with a null array. */
const xpending: Shaper = (argv, r) => {
  if (argv.length !== 3 || r.t !== 'array' || r.items.length !== 4 || r.items[3]?.t !== 'nil') return r;
  return { t: 'array', items: [...r.items.slice(0, 3), { t: 'nullarray' }] };
};

/** XINFO's field/value lists are maps in RESP3, nested ones too (groups, consumers). */
function infoMap(r: Reply, nested: readonly string[]): Wire {
  if (r.t !== 'array') return r;
  const items: Wire[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2) {
    const k = r.items[i] as Reply;
    const v = r.items[i + 1] as Reply;
    const name = k.t === 'bulk' ? k.s : '';
    items.push(
      k,
      nested.includes(name) && v.t === 'array'
        ? { t: 'array', items: v.items.map((x) => infoMap(x, nested)) }
        : v,
    );
  }
  return { t: 'map', items };
}
const eachMap = (r: Reply): Wire =>
  r.t === 'array' ? { t: 'array', items: r.items.map((x) => infoMap(x, [])) } : r;

/** FUNCTION LIST: a map per library, its functions maps whose flags are sets. */
const functionList = (r: Reply): Wire =>
  r.t !== 'array'
    ? r
    : {
        t: 'array',
        items: r.items.map((lib) =>
          mapOf(lib, (name, v) =>
            name === 'functions' && v.t === 'array'
              ? { t: 'array', items: v.items.map((f) => mapOf(f, (n, x) => (n === 'flags' ? set(x) : x))) }
              : v,
          ),
        ),
      };

/** FUNCTION STATS: a map, its engines a map of maps. */
const functionStats = (r: Reply): Wire =>
  mapOf(r, (name, v) => (name === 'engines' ? mapOf(v, (_n, e) => mapOf(e)) : v));

/** ACL LOG: a map per entry, its age a double. */
const aclLog = (r: Reply): Wire =>
  r.t === 'array'
    ? {
        t: 'array',
        items: r.items.map((e) => mapOf(e, (name, v) => (name === 'age-seconds' ? double(v) : v))),
      }
    : r;

/** LATENCY HISTOGRAM: command → {calls, histogram_usec: {bucket: count}}. */
const latencyHistogram = (r: Reply): Wire =>
  mapOf(r, (_name, v) => mapOf(v, (field, x) => (field === 'histogram_usec' ? pairMap(x) : x)));

/** A flat list of integer pairs as a map (mapOf takes only bulk names). */
const pairMap = (r: Reply): Wire => (r.t === 'array' ? { t: 'map', items: r.items } : r);

const RESP3: Record<string, Shaper> = {
  hgetall: whole(map),
  hello: whole(map),
  'config|get': whole(map),
  smembers: whole(set),
  sinter: whole(set),
  sunion: whole(set),
  sdiff: whole(set),
  spop: (argv, r) => (argv.length === 3 ? set(r) : r),
  zscore: whole(double),
  zincrby: whole(double),
  zadd: whole(double),
  zmscore: (_argv, r) => (r.t === 'array' ? { t: 'array', items: r.items.map(double) } : r),
  zrange,
  zrangebyscore: zrange,
  zrevrange: zrange,
  zrevrangebyscore: zrange,
  zpopmin: zpop,
  zpopmax: zpop,
  hrandfield: (argv, r, resp) => (argv.length === 4 ? pairs(r, resp, asIs) : r),
  info: whole(verbatim),
  'client|list': whole(verbatim),
  'client|info': whole(verbatim),
  command: (_argv, r) => (r.t === 'array' ? { t: 'array', items: r.items.map(commandInfo) } : r),
  'command|info': (_argv, r) => (r.t === 'array' ? { t: 'array', items: r.items.map(commandInfo) } : r),
  'command|docs': (_argv, r) => commandDocs(r),
  lpop: listPop,
  rpop: listPop,
  exec: nullArray,
  blpop: nullArray,
  brpop: nullArray,
  blmpop: nullArray,
  bzpopmin: bzpop,
  bzpopmax: bzpop,
  bzmpop: zmpop,
  subscribe: push,
  unsubscribe: push,
  psubscribe: push,
  punsubscribe: push,
  ssubscribe: push,
  sunsubscribe: push,
  zunion: zsetAlgebra,
  zinter: zsetAlgebra,
  zdiff: zsetAlgebra,
  zrandmember: (argv, r, resp) => (argv.length === 4 ? pairs(r, resp, double) : r),
  zmpop,
  geopos,
  georadius: geoSearch,
  georadius_ro: geoSearch,
  georadiusbymember: geoSearch,
  georadiusbymember_ro: geoSearch,
  geosearch: geoSearch,
  xread,
  xreadgroup: xread,
  'xinfo|stream': (_argv, r) => infoMap(r, ['groups', 'consumers']),
  'xinfo|groups': whole(eachMap),
  'xinfo|consumers': whole(eachMap),
  lcs: whole(map),
  'acl|getuser': whole((r) => mapOf(r, (name, v) => (name === 'flags' ? set(v) : v))),
  'acl|log': whole(aclLog),
  'latency|histogram': whole(latencyHistogram),
  'latency|doctor': whole(verbatim),
  'memory|doctor': whole(verbatim),
  'function|list': whole(functionList),
  'function|stats': whole(functionStats),
};

/** Only the null arrays change RESP2 bytes: every other shape prints there as the engine's reply. */
const RESP2_SHAPES = new Map<string, Shaper>([
  ['lpop', listPop],
  ['rpop', listPop],
  ['exec', nullArray],
  ['blpop', nullArray],
  ['brpop', nullArray],
  ['blmpop', nullArray],
  ['bzpopmin', nullArray],
  ['bzpopmax', nullArray],
  ['bzmpop', nullArray],
  ['lmpop', whole(mpopNull)],
  ['zmpop', whole(mpopNull)],
  ['geopos', geopos],
  ['xrange', whole(mpopNull)],
  ['xrevrange', whole(mpopNull)],
  ['xread', xread],
  ['xreadgroup', xread],
  ['xpending', xpending],
]);
const RESP3_SHAPES = new Map(Object.entries(RESP3));

const CONTAINERS = new Set(['config', 'command', 'client', 'xinfo', 'function', 'acl', 'latency', 'memory']);

const NESTED_NULL_ARRAYS = /^(geopos|xreadgroup|xpending)$/i;

/** The reply to `argv` as Redis sends it to a client speaking `resp`. */
export function shapeReply(argv: readonly string[], r: Reply, resp: Protocol): Wire {
  if (r.t === 'error' || r.t === 'status' || r.t === 'int') return r;
  // In RESP2 only null arrays differ: a nil reply, or a nil inside GEOPOS, XREADGROUP and XPENDING.
  if (resp === 2 && r.t !== 'nil' && !(r.t === 'array' && NESTED_NULL_ARRAYS.test(arg(argv, 0)))) return r;
  let name = arg(argv, 0).toLowerCase();
  if (CONTAINERS.has(name) && argv.length >= 2) name = `${name}|${arg(argv, 1).toLowerCase()}`;
  const shaper = (resp === 2 ? RESP2_SHAPES : RESP3_SHAPES).get(name);
  return shaper ? shaper(argv, r, resp) : r;
}
