import fc from 'fast-check';
import { arg } from '../engine/command.ts';
import { clientCommand } from '../engine/commands/client.ts';
import { debugCommand } from '../engine/commands/debug.ts';
import { aclArbitraries } from './arbitraries/acl.ts';
import { bitArbitraries } from './arbitraries/bits.ts';
import { clientStep } from './arbitraries/clients.ts';
import { expiryArbitraries } from './arbitraries/expiry.ts';
import { functionArbitraries } from './arbitraries/functions.ts';
import { geoArbitraries } from './arbitraries/geo.ts';
import { hashFieldExpiryArbitraries } from './arbitraries/hash-field-expiry.ts';
import { hashArbitraries } from './arbitraries/hashes.ts';
import { hyperLogLogArbitraries } from './arbitraries/hyperloglog.ts';
import { introspectionArbitraries } from './arbitraries/introspection.ts';
import { invalidArbitraries } from './arbitraries/invalid.ts';
import { keyspaceArbitraries } from './arbitraries/keyspace.ts';
import { lcsArbitraries } from './arbitraries/lcs.ts';
import { listArbitraries } from './arbitraries/lists.ts';
import { listMpopArbitraries } from './arbitraries/lists-mpop.ts';
import { scriptingArbitraries } from './arbitraries/scripting.ts';
import { serverArbitraries } from './arbitraries/server.ts';
import { setArbitraries } from './arbitraries/sets.ts';
import { sortArbitraries } from './arbitraries/sort.ts';
import { sortedSetArbitraries } from './arbitraries/sorted-sets.ts';
import { sortedSetAlgebraArbitraries } from './arbitraries/sorted-sets-algebra.ts';
import { standaloneArbitraries } from './arbitraries/standalone.ts';
import { streamArbitraries } from './arbitraries/streams.ts';
import { stringArbitraries } from './arbitraries/strings.ts';

/**
 * Random Redis commands for the differential and fuzz tests: one generator per command family in
 * arbitraries/ (named after the family's files in engine/commands; values.ts holds the pools they
 * share), weighted and combined here. A new command gets its entry in its family's file. The
 * order below is part of what a seed generates: appending keeps old seeds' sequences.
 */
const FAMILIES = [
  ...scriptingArbitraries,
  ...stringArbitraries,
  ...expiryArbitraries,
  ...keyspaceArbitraries,
  ...listArbitraries,
  ...bitArbitraries,
  ...hashArbitraries,
  ...setArbitraries,
  ...sortedSetArbitraries,
  ...sortArbitraries,
  ...serverArbitraries,
  ...invalidArbitraries,
];

/** The families added with Redis 7.0's remaining commands (checked against 7.4.1 too). */
const FAMILIES_LATE = [
  ...sortedSetAlgebraArbitraries,
  ...listMpopArbitraries,
  ...hyperLogLogArbitraries,
  ...geoArbitraries,
  ...introspectionArbitraries,
  ...functionArbitraries,
  ...lcsArbitraries,
  ...aclArbitraries,
  ...standaloneArbitraries,
];

/**
 * Checked against redis-server 7.0 only: Redis 7.2 gave stream consumers an active time (XINFO
 * STREAM FULL's `active-time`, XINFO CONSUMERS' `inactive`) and DUMP writes streams as
 * RDB_TYPE_STREAM_LISTPACKS_3 (type 21, with those times); the engine models neither for 7.4.
 */
const FAMILIES_70_ONLY = [...streamArbitraries];

export const commandArbitrary: fc.Arbitrary<readonly string[]> = fc.oneof(
  ...FAMILIES,
  ...FAMILIES_LATE.slice(0, 4),
  ...FAMILIES_70_ONLY,
  ...FAMILIES_LATE.slice(4),
);

/** The redis-7.4 configuration's commands: the first families, and Redis 7.4's hash-field expiry. */
export const commandArbitrary74: fc.Arbitrary<readonly string[]> = fc.oneof(
  ...FAMILIES,
  ...hashFieldExpiryArbitraries,
  ...FAMILIES_LATE,
);

/**
 * The commands (and `container|sub` subcommands) the generators produce, from a fixed sample: the
 * compatibility table (docs/compatibility.md) marks them as checked against redis-server. The many-client
 * differential's steps (pub/sub, WATCH, blocking; src/server/differential-connections.test.ts, run
 * on both servers) count for both.
 */
export function differentialCoverage(arbitrary = commandArbitrary): Set<string> {
  const names = new Set<string>();
  const clientArgv =
    arbitrary === commandArbitrary || arbitrary === commandArbitrary74
      ? fc.sample(clientStep, { numRuns: 5_000, seed: 1 }).map((s) => s.argv)
      : [];
  for (const argv of [...fc.sample(arbitrary, { numRuns: 20_000, seed: 1 }), ...clientArgv]) {
    const name = arg(argv, 0).toLowerCase();
    names.add(name);
    if (argv[1] !== undefined) names.add(`${name}|${argv[1].toLowerCase()}`);
  }
  return names;
}

/** How many random sequences and commands the CI run uses (override with DIFF_RUNS / DIFF_SEED). */
export const DIFF_RUNS = Number(process.env.DIFF_RUNS ?? 400);
export const DIFF_SEED = Number(process.env.DIFF_SEED ?? 20261123);

/**
 * The commands and subcommands (`container|sub`) the redis-7.4 configuration of the differential
 * test leaves out, with their event scenarios: what only the 7.0-only families generate, and CLIENT
 * and DEBUG, whose 7.4 HELP lists subcommands (CLIENT SETINFO, NO-TOUCH; DEBUG SCRIPT…) the engine
 * does not have for the 7.4 server.
 */
export function only70Commands(): Set<string> {
  const in74 = differentialCoverage(commandArbitrary74);
  const only = differentialCoverage(fc.oneof(...FAMILIES_70_ONLY));
  for (const spec of [clientCommand, debugCommand]) {
    only.add(spec.name);
    for (const sub of spec.subcommands ?? []) only.add(`${spec.name}|${sub.name}`);
  }
  return new Set([...only].filter((n) => !in74.has(n)));
}
