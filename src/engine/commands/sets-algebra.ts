import { isReplyNotEntry, optionName, SYNTAX } from '../cmdutil.ts';
import { arg, type CommandContext, type CommandSpec } from '../command.ts';
import { ERR_LIMIT_NEGATIVE, ERR_NUMKEYS_ARGS, ERR_NUMKEYS_POSITIVE } from '../errors.ts';
import { parseInt64 } from '../int64.ts';
import type { RSet } from '../keyspace.ts';
import { bulkArray, EMPTY_ARRAY, error, int, type Reply } from '../reply.ts';
import { buildSet, lookupSet, membersInOrder, storeSet } from './sets.ts';

/** Set algebra (t_set.c sinterGenericCommand, sunionDiffGenericCommand) and SMEMBERS. */

/** The sets named by `keys` (undefined for missing keys), or WRONGTYPE if any key holds another type. */
function sourceSets(ctx: CommandContext, keys: readonly string[]): (RSet | undefined)[] | Reply {
  const sets: (RSet | undefined)[] = [];
  for (const key of keys) {
    const e = lookupSet(ctx, key, false);
    if (isReplyNotEntry(e)) return e;
    sets.push(e?.coll);
  }
  return sets;
}

function intersect(sets: readonly (RSet | undefined)[], limit = 0): RSet {
  if (sets.some((s) => s === undefined)) return new Set();
  const all = (sets as RSet[]).slice().sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = all as [RSet, ...RSet[]];
  const out: string[] = [];
  for (const m of membersInOrder(smallest)) {
    if (rest.every((s) => s.has(m))) {
      out.push(m);
      if (limit > 0 && out.length >= limit) break;
    }
  }
  return buildSet(out);
}

function union(sets: readonly (RSet | undefined)[]): RSet {
  const out: RSet = buildSet([]);
  for (const s of sets) if (s) for (const m of s) if (!out.has(m)) out.add(m);
  return buildSet(out);
}

function difference(sets: readonly (RSet | undefined)[]): RSet {
  const [first, ...rest] = sets;
  if (first === undefined) return new Set();
  return buildSet([...first].filter((m) => !rest.some((s) => s?.has(m))));
}

const readCommand =
  (op: (sets: readonly (RSet | undefined)[]) => RSet) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const sets = sourceSets(ctx, argv.slice(1));
    if (!Array.isArray(sets)) return sets;
    const result = op(sets);
    return result.size === 0 ? EMPTY_ARRAY : bulkArray(membersInOrder(result));
  };

const storeCommand =
  (op: (sets: readonly (RSet | undefined)[]) => RSet, event: string) =>
  (ctx: CommandContext, argv: readonly string[]): Reply => {
    const sets = sourceSets(ctx, argv.slice(2));
    if (!Array.isArray(sets)) return sets;
    return storeSet(ctx, arg(argv, 1), op(sets), event);
  };

const sintercard = (ctx: CommandContext, argv: readonly string[]): Reply => {
  const numkeys = parseInt64(arg(argv, 1));
  if (numkeys === null || numkeys < 1) return error(ERR_NUMKEYS_POSITIVE);
  if (numkeys > argv.length - 2) return error(ERR_NUMKEYS_ARGS);
  const n = Number(numkeys);
  let limit = 0;
  for (let j = 2 + n; j < argv.length; j++) {
    if (optionName(arg(argv, j)) === 'limit' && j + 1 < argv.length) {
      const v = parseInt64(arg(argv, ++j));
      if (v === null || v < 0) return error(ERR_LIMIT_NEGATIVE);
      limit = Number(v);
    } else {
      return SYNTAX;
    }
  }
  const sets = sourceSets(ctx, argv.slice(2, 2 + n));
  if (!Array.isArray(sets)) return sets;
  return int(intersect(sets, limit).size);
};

const set = { group: 'set' } as const;
const ALL = [1, -1, 1] as const;
const STORE = [1, -1, 1] as const;

export const setAlgebraCommands: readonly CommandSpec[] = [
  {
    ...set,
    name: 'smembers',
    keys: [1, 1, 1],
    arity: 2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns all members of a set.',
    syntax: 'SMEMBERS key',
    since: '1.0.0',
    complexity: 'O(N) where N is the set cardinality.',
    handler: readCommand(intersect),
  },
  {
    ...set,
    name: 'sinter',
    keys: ALL,
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns the intersect of multiple sets.',
    syntax: 'SINTER key [key ...]',
    since: '1.0.0',
    complexity:
      'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    handler: readCommand(intersect),
  },
  {
    ...set,
    name: 'sintercard',
    // numkeys picks the keys (movablekeys): Redis's first/last/step positions are all 0.
    keys: [0, 0, 0],
    arity: -3,
    flags: ['readonly', 'movablekeys'],
    summary: 'Returns the number of members of the intersect of multiple sets.',
    syntax: 'SINTERCARD numkeys key [key ...] [LIMIT limit]',
    since: '7.0.0',
    complexity:
      'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    handler: sintercard,
  },
  {
    ...set,
    name: 'sinterstore',
    keys: STORE,
    arity: -3,
    flags: ['write', 'denyoom'],
    summary: 'Stores the intersect of multiple sets in a key.',
    syntax: 'SINTERSTORE destination key [key ...]',
    since: '1.0.0',
    complexity:
      'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
    handler: storeCommand(intersect, 'sinterstore'),
  },
  {
    ...set,
    name: 'sunion',
    keys: ALL,
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns the union of multiple sets.',
    syntax: 'SUNION key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    handler: readCommand(union),
  },
  {
    ...set,
    name: 'sunionstore',
    keys: STORE,
    arity: -3,
    flags: ['write', 'denyoom'],
    summary: 'Stores the union of multiple sets in a key.',
    syntax: 'SUNIONSTORE destination key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    handler: storeCommand(union, 'sunionstore'),
  },
  {
    ...set,
    name: 'sdiff',
    keys: ALL,
    arity: -2,
    flags: ['readonly'],
    tips: ['nondeterministic_output_order'],
    traits: { unordered: 'members' },
    summary: 'Returns the difference of multiple sets.',
    syntax: 'SDIFF key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    handler: readCommand(difference),
  },
  {
    ...set,
    name: 'sdiffstore',
    keys: STORE,
    arity: -3,
    flags: ['write', 'denyoom'],
    summary: 'Stores the difference of multiple sets in a key.',
    syntax: 'SDIFFSTORE destination key [key ...]',
    since: '1.0.0',
    complexity: 'O(N) where N is the total number of elements in all given sets.',
    handler: storeCommand(difference, 'sdiffstore'),
  },
];
