import { isReplyNotEntry, KEY1, SYNTAX, WRONGTYPE } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { isConverted, isIntMember, markConverted, noteSetAdd, SET_MAX_INTSET_ENTRIES } from '../encodings.ts';
import { ERR_NOT_POSITIVE } from '../errors.ts';
import { forgetMember } from '../field-expiry.ts';
import { parseInt64 } from '../int64.ts';
import type { RSet } from '../keyspace.ts';
import { array, bulk, bulkArray, EMPTY_ARRAY, error, int, NIL, type Reply } from '../reply.ts';
import {
  type CursorCheck,
  createCollection,
  deleteIfEmpty,
  deleteStored,
  lookupTyped,
  MEMBER_OVERHEAD,
  payloadChanged,
  scanCursor,
  scanCursor74,
  scanOptions,
  scanOptions74,
  storeCollection,
  wholeScanReply,
} from './collections.ts';
import { MAX_RANDOM_PICKS, parseRandomCount, randomIndices, TOO_MANY_PICKS } from './random-members.ts';

/** Sets (t_set.c): a JS Set; intset-encoded sets list their members in ascending numeric order. */

export const lookupSet = (ctx: CommandContext, key: string, write: boolean) =>
  lookupTyped(ctx, key, 'set', write);

export function setPayload(s: RSet): number {
  let n = 0;
  for (const m of s) n += m.length + MEMBER_OVERHEAD;
  return n;
}

/** setTypeAdd: true when added; a non-integer member or too many members make it a hashtable. */
export function addMember(s: RSet, m: string): boolean {
  if (s.has(m)) return false;
  s.add(m);
  forgetMember(s, m);
  if (!isConverted(s) && (s.size > SET_MAX_INTSET_ENTRIES || !isIntMember(m))) {
    // Redis 7.2+ copies the intset, in order, into a listpack and appends the newcomer (7.0's
    // hashtable has no order to keep).
    s.delete(m);
    const ints = membersInOrder(s);
    s.clear();
    for (const x of ints) s.add(x);
    s.add(m);
    markConverted(s);
  }
  noteSetAdd(s, m);
  return true;
}

/** A new set built from members as setTypeCreate + setTypeAdd would encode it. */
export function buildSet(members: Iterable<string>): RSet {
  const s: RSet = new Set();
  for (const m of members) addMember(s, m);
  return s;
}

/** Members in Redis's iteration order where it is defined: ascending for an intset. */
export function membersInOrder(s: RSet): string[] {
  const items = [...s];
  if (isConverted(s)) return items;
  return items.sort((a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const sadd = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  let e = lookupSet(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  e ??= createCollection(ctx, key, 'set', new Set<string>());
  const s = e.coll;
  let added = 0;
  let delta = 0;
  for (let i = 2; i < argv.length; i++) {
    const m = arg(argv, i);
    if (addMember(s, m)) {
      added++;
      delta += m.length + MEMBER_OVERHEAD;
    }
  }
  payloadChanged(ctx, e, delta);
  if (added > 0) ctx.ks.notify(ctx.db.id, key, 'sadd', 's');
  return int(added);
};

const srem = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const key = arg(argv, 1);
  const e = lookupSet(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return int(0);
  const s = e.coll;
  let removed = 0;
  let delta = 0;
  for (let i = 2; i < argv.length && s.size > 0; i++) {
    const m = arg(argv, i);
    if (s.delete(m)) {
      removed++;
      delta -= m.length + MEMBER_OVERHEAD;
    }
  }
  if (removed > 0) {
    payloadChanged(ctx, e, delta);
    ctx.ks.notify(ctx.db.id, key, 'srem', 's');
    deleteIfEmpty(ctx, e, s.size);
  }
  return int(removed);
};

const smove = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const { ks, db } = ctx;
  const from = arg(argv, 1);
  const to = arg(argv, 2);
  const member = arg(argv, 3);
  const src = ks.lookupWrite(db, from);
  const dst = ks.lookupWrite(db, to);
  if (src === undefined) return int(0);
  if (src.type !== 'set' || (dst !== undefined && dst.type !== 'set')) return WRONGTYPE;
  const s = src.coll;
  if (src === dst) return int(s.has(member) ? 1 : 0);
  if (!s.delete(member)) return int(0);
  payloadChanged(ctx, src, -(member.length + MEMBER_OVERHEAD));
  ks.notify(db.id, from, 'srem', 's');
  deleteIfEmpty(ctx, src, s.size);
  const target = dst ?? createCollection(ctx, to, 'set', new Set<string>());
  if (addMember(target.coll, member)) {
    payloadChanged(ctx, target, member.length + MEMBER_OVERHEAD);
    ks.notify(db.id, to, 'sadd', 's');
  }
  return int(1);
};

const sismember = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupSet(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(e?.coll.has(arg(argv, 2)) ? 1 : 0);
};

const smismember = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupSet(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  const s = e?.coll;
  return array(argv.slice(2).map((m) => int(s?.has(m) ? 1 : 0)));
};

const scard = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const e = lookupSet(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  return int(e === undefined ? 0 : e.coll.size);
};

const spop = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 3) return SYNTAX;
  const key = arg(argv, 1);
  const { ks, db } = ctx;
  let count = -1;
  if (argv.length === 3) {
    const n = parseInt64(arg(argv, 2));
    if (n === null || n < 0) return error(ERR_NOT_POSITIVE);
    count = Number(n);
  }
  const e = lookupSet(ctx, key, true);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined) return count < 0 ? NIL : EMPTY_ARRAY;
  if (count === 0) return EMPTY_ARRAY;
  const s = e.coll;
  const size = s.size;
  const before = setPayload(s);
  ks.notify(db.id, key, 'spop', 's');
  if (count >= size) {
    const all = membersInOrder(s);
    deleteIfEmpty(ctx, e, 0);
    return bulkArray(all);
  }
  let picked: string[];
  if (count >= 0 && (size - count) * 5 <= count) {
    // Popping most of a set keeps a random few survivors in a new set, encoded afresh (an intset
    // again if it can be), and replies with the rest in the old set's iteration order.
    const members = membersInOrder(s);
    const survivors = buildSet(
      randomIndices(size, size - count, ctx.random).map((i) => members[i] as string),
    );
    picked = members.filter((m) => !survivors.has(m));
    e.coll = survivors;
  } else {
    const members = [...s];
    picked = randomIndices(size, Math.max(count, 1), ctx.random).map((i) => members[i] as string);
    for (const m of picked) s.delete(m);
  }
  payloadChanged(ctx, e, setPayload(e.coll) - before);
  if (count < 0) {
    deleteIfEmpty(ctx, e, e.coll.size);
    return bulk(picked[0] as string);
  }
  return bulkArray(picked);
};

const srandmember = (ctx: CommandContext, argv: readonly string[]): Reply => {
  if (argv.length > 3) return SYNTAX;
  if (argv.length === 2) {
    const e = lookupSet(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return NIL;
    const members = [...e.coll];
    return bulk(members[Math.floor(ctx.random() * members.length)] as string);
  }
  const big = parseRandomCount(arg(argv, 2));
  if (typeof big !== 'bigint') return big;
  const count = Number(big);
  const e = lookupSet(ctx, arg(argv, 1), false);
  if (isReplyNotEntry(e)) return e;
  if (e === undefined || count === 0) return EMPTY_ARRAY;
  if (-count > MAX_RANDOM_PICKS) return TOO_MANY_PICKS;
  const members = membersInOrder(e.coll);
  return bulkArray(randomIndices(members.length, count, ctx.random).map((i) => members[i] as string));
};

/** SSCAN; Redis 7.4's reads its cursor by other rules and refuses NOVALUES by name (`modern`). */
const sscanWith =
  (cursor: CursorCheck, modern: boolean) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const bad = cursor(ctx.ks, arg(argv, 2));
    if (bad) return bad;
    const e = lookupSet(ctx, arg(argv, 1), false);
    if (isReplyNotEntry(e)) return e;
    if (e === undefined) return array([bulk('0'), EMPTY_ARRAY]);
    const opts = modern ? scanOptions74(argv, 3, 'other') : scanOptions(argv, 3);
    if ('t' in opts) return opts;
    return wholeScanReply(membersInOrder(e.coll), opts.pattern, false);
  };

/** Replaces `key` with a set result (SINTERSTORE and friends), or deletes it for an empty one. */
export function storeSet(ctx: CommandContext, key: string, result: RSet, event: string): Reply {
  if (result.size === 0) {
    deleteStored(ctx, key);
    return int(0);
  }
  storeCollection(ctx, key, 'set', result, setPayload(result));
  ctx.ks.notify(ctx.db.id, key, event, 's');
  return int(result.size);
}

const set = { group: 'set', keys: KEY1 } as const;

export const setCommands: readonly CommandSpec[] = [
  {
    ...set,
    name: 'sadd',
    arity: -3,
    flags: ['write', 'denyoom', 'fast'],
    summary: "Adds one or more members to a set. Creates the key if it doesn't exist.",
    syntax: 'SADD key member [member ...]',
    since: '1.0.0',
    complexity: 'O(1) for each element added.',
    handler: sadd,
  },
  {
    ...set,
    name: 'srem',
    arity: -3,
    flags: ['write', 'fast'],
    summary: 'Removes one or more members from a set. Deletes the set if the last member was removed.',
    syntax: 'SREM key member [member ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the number of members to be removed.',
    handler: srem,
  },
  {
    ...set,
    name: 'smove',
    keys: [1, 2, 1],
    arity: 4,
    flags: ['write', 'fast'],
    summary: 'Moves a member from one set to another.',
    syntax: 'SMOVE source destination member',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: smove,
  },
  {
    ...set,
    name: 'sismember',
    arity: 3,
    flags: ['readonly', 'fast'],
    summary: 'Determines whether a member belongs to a set.',
    syntax: 'SISMEMBER key member',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: sismember,
  },
  {
    ...set,
    name: 'smismember',
    arity: -3,
    flags: ['readonly', 'fast'],
    summary: 'Determines whether multiple members belong to a set.',
    syntax: 'SMISMEMBER key member [member ...]',
    since: '6.2.0',
    complexity: 'O(N) where N is the number of elements being checked for membership',
    handler: smismember,
  },
  {
    ...set,
    name: 'scard',
    arity: 2,
    flags: ['readonly', 'fast'],
    summary: 'Returns the number of members in a set.',
    syntax: 'SCARD key',
    since: '1.0.0',
    complexity: 'O(1)',
    handler: scard,
  },
  {
    ...set,
    name: 'spop',
    arity: -2,
    flags: ['write', 'fast'],
    tips: ['nondeterministic_output'],
    traits: { random: true },
    summary:
      'Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.',
    syntax: 'SPOP key [count]',
    since: '1.0.0',
    complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.',
    handler: spop,
  },
  {
    ...set,
    name: 'srandmember',
    notes: 'A negative count beyond -1000000 is refused instead of streaming a huge reply.',
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { random: true },
    summary: 'Get one or multiple random members from a set',
    syntax: 'SRANDMEMBER key [count]',
    since: '1.0.0',
    complexity:
      'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.',
    handler: srandmember,
  },
  {
    ...set,
    name: 'sscan',
    arity: -3,
    flags: ['readonly'],
    tips: ['nondeterministic_output'],
    traits: { scan: 'members' },
    notes: 'Returns the whole set in one call with cursor 0 (Redis does so for intset-encoded sets only).',
    summary: 'Iterates over members of a set.',
    syntax: 'SSCAN key cursor [MATCH pattern] [COUNT count]',
    since: '2.8.0',
    complexity: 'O(1) for every call. O(N) for a complete iteration.',
    handler: sscanWith(scanCursor, false),
    versions: { 'redis-7.4': { handler: sscanWith(scanCursor74, true) } },
  },
];
