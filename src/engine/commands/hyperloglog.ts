import { WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { stringEncoding } from '../encodings.ts';
import {
  decodeSparse,
  denseGet,
  ERR_INVALID_HLL,
  HLL_DENSE,
  HLL_REGISTERS,
  HLL_SPARSE,
  Hll,
  hllAdd,
  isValidHll,
  mergeInto,
  setRegister,
  sparseToDense,
} from '../hll.ts';
import { hllCount, rawCount } from '../hll-count.ts';
import { normalizeInt } from '../int64.ts';
import type { Entry, StringEntry } from '../keyspace.ts';
import { array, bulk, error, int, OK, type Reply, status } from '../reply.ts';

/** PFADD, PFCOUNT, PFMERGE and PFDEBUG (hyperloglog.c) on string values holding Redis's HLL bytes. */

const NOT_HLL = error('WRONGTYPE Key is not a valid HyperLogLog string value.');
const INVALID = error(ERR_INVALID_HLL);

/** isHLLObjectOrReply: a string (not int-encoded) with a valid header, or the error to reply. */
function asHll(e: Entry): StringEntry | Reply {
  if (e.type !== 'string') return WRONGTYPE;
  if (stringEncoding(e) === 'int' || !isValidHll(e.str)) return NOT_HLL;
  return e;
}

const isReply = (x: StringEntry | Reply): x is Reply => 't' in x;

/**
 * The decoded registers of each HLL value as last written, so that a run of PFADDs on a 12 KB dense
 * HLL does not decode its bytes every time (the entry's string is still what GET returns).
 */
const decoded = new WeakMap<StringEntry, { readonly str: string; readonly hll: Hll }>();

function load(e: StringEntry): Hll {
  const known = decoded.get(e);
  return known !== undefined && known.str === e.str ? known.hll : Hll.fromBytes(e.str);
}

/** Stores the edited bytes in place; the value is raw-encoded from now on (dbUnshareStringValue). */
function save(ctx: CommandContext, e: StringEntry, h: Hll): void {
  const str = h.toBytes();
  ctx.ks.writeString(ctx.db, e, str, 'raw');
  decoded.set(e, { str, hll: h });
}

const pfadd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const found = ctx.ks.lookupWrite(ctx.db, key);
  let h: Hll;
  let e: StringEntry;
  let updated = 0;
  if (found === undefined) {
    h = Hll.create();
    e = ctx.ks.setString(ctx.db, key, h.toBytes(), false, 'raw');
    updated++;
  } else {
    const checked = asHll(found);
    if (isReply(checked)) return checked;
    e = checked;
    h = load(e);
  }
  for (let j = 2; j < argv.length; j++) {
    const r = hllAdd(h, arg(argv, j));
    if (r === -1) {
      // Registers set before the corrupt spot stay set, as in Redis.
      save(ctx, e, h);
      return INVALID;
    }
    updated += r;
  }
  if (updated > 0) {
    h.invalidateCache();
    ctx.ks.notify(ctx.db.id, key, 'pfadd', '$');
  }
  save(ctx, e, h);
  return int(updated > 0 ? 1 : 0);
};

const pfcount = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 2) {
    const max = new Uint8Array(HLL_REGISTERS);
    for (let j = 1; j < argv.length; j++) {
      const found = ctx.ks.lookupRead(ctx.db, arg(argv, j));
      if (found === undefined) continue;
      const checked = asHll(found);
      if (isReply(checked)) return checked;
      if (!mergeInto(max, load(checked))) return INVALID;
    }
    return int(normalizeInt(rawCount(max)));
  }
  const found = ctx.ks.lookupRead(ctx.db, arg(argv, 1));
  if (found === undefined) return int(0);
  const checked = asHll(found);
  if (isReply(checked)) return checked;
  const h = load(checked);
  const cached = h.cachedCard();
  if (cached !== null) {
    if (checked.enc !== 'raw') save(ctx, checked, h);
    return int(normalizeInt(cached));
  }
  const card = hllCount(h);
  if (card === null) {
    if (checked.enc !== 'raw') save(ctx, checked, h);
    return INVALID;
  }
  // The cache is part of the value: PFCOUNT rewrites the header (no event, as in Redis).
  h.setCachedCard(BigInt.asUintN(64, card));
  save(ctx, checked, h);
  return int(normalizeInt(card));
};

const pfmerge = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const max = new Uint8Array(HLL_REGISTERS);
  let useDense = false;
  for (let j = 1; j < argv.length; j++) {
    const found = ctx.ks.lookupRead(ctx.db, arg(argv, j));
    if (found === undefined) continue;
    const checked = asHll(found);
    if (isReply(checked)) return checked;
    const h = load(checked);
    if (h.encoding === HLL_DENSE) useDense = true;
    if (!mergeInto(max, h)) return INVALID;
  }
  const key = arg(argv, 1);
  const found = ctx.ks.lookupWrite(ctx.db, key);
  let h: Hll;
  let e: StringEntry;
  if (found === undefined) {
    h = Hll.create();
    e = ctx.ks.setString(ctx.db, key, h.toBytes(), false, 'raw');
  } else {
    // Checked among the sources above.
    e = found as StringEntry;
    h = load(e);
  }
  if (useDense && !sparseToDense(h)) {
    save(ctx, e, h);
    return INVALID;
  }
  for (let j = 0; j < HLL_REGISTERS; j++) {
    const v = max[j] as number;
    if (v !== 0) setRegister(h, j, v);
  }
  h.invalidateCache();
  save(ctx, e, h);
  ctx.ks.notify(ctx.db.id, key, 'pfadd', '$');
  return OK;
};

const pfdebug = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const sub = arg(argv, 1);
  const found = ctx.ks.lookupWrite(ctx.db, arg(argv, 2));
  if (found === undefined) return error('ERR The specified key does not exist');
  const checked = asHll(found);
  if (isReply(checked)) return checked;
  const h = load(checked);
  const cmd = sub.toLowerCase();
  let reply: Reply;
  if (cmd === 'getreg' || cmd === 'todense') {
    const sparse = h.encoding === HLL_SPARSE;
    if (sparse && !sparseToDense(h)) reply = INVALID;
    else if (cmd === 'todense') reply = int(sparse ? 1 : 0);
    else reply = array(Array.from({ length: HLL_REGISTERS }, (_, i) => int(denseGet(h.buf, i))));
  } else if (cmd === 'decode') {
    reply = h.encoding === HLL_SPARSE ? bulk(decodeSparse(h)) : error('ERR HLL encoding is not sparse');
  } else if (cmd === 'encoding') {
    reply = status(h.encoding === HLL_DENSE ? 'dense' : 'sparse');
  } else {
    reply = error(`ERR Unknown PFDEBUG subcommand '${sub}'`);
  }
  save(ctx, checked, h);
  return reply;
};

const hll = { group: 'hyperloglog' } as const;

export const hyperLogLogCommands: readonly CommandSpec[] = [
  {
    ...hll,
    name: 'pfadd',
    keys: [1, 1, 1],
    arity: -2,
    flags: ['write', 'denyoom', 'fast'],
    summary: 'Adds elements to a HyperLogLog key. Creates the key if it does not exist.',
    syntax: 'PFADD key [element [element ...]]',
    since: '2.8.9',
    complexity: 'O(1) to add every element.',
    handler: pfadd,
  },
  {
    ...hll,
    name: 'pfcount',
    keys: [1, -1, 1],
    arity: -2,
    flags: ['readonly'],
    summary: 'Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).',
    syntax: 'PFCOUNT key [key ...]',
    since: '2.8.9',
    complexity:
      'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.',
    handler: pfcount,
  },
  {
    ...hll,
    name: 'pfmerge',
    keys: [1, -1, 1],
    arity: -2,
    flags: ['write', 'denyoom'],
    summary: 'Merges one or more HyperLogLog values into a single key.',
    syntax: 'PFMERGE destkey [sourcekey [sourcekey ...]]',
    since: '2.8.9',
    complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.',
    handler: pfmerge,
  },
  {
    ...hll,
    name: 'pfdebug',
    keys: [2, 2, 1],
    arity: 3,
    flags: ['write', 'denyoom', 'admin'],
    summary: 'Internal commands for debugging HyperLogLog values.',
    syntax: 'PFDEBUG subcommand key',
    since: '2.8.9',
    complexity: 'N/A',
    handler: pfdebug,
  },
];
