import fc from 'fast-check';
import { arg } from '../engine/command.ts';
import { aclArbitraries } from './arbitraries/acl.ts';
import { bitArbitraries } from './arbitraries/bits.ts';
import { expiryArbitraries } from './arbitraries/expiry.ts';
import { functionArbitraries } from './arbitraries/functions.ts';
import { geoArbitraries } from './arbitraries/geo.ts';
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
export const commandArbitrary: fc.Arbitrary<readonly string[]> = fc.oneof(
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
  ...sortedSetAlgebraArbitraries,
  ...listMpopArbitraries,
  ...hyperLogLogArbitraries,
  ...geoArbitraries,
  ...streamArbitraries,
  ...introspectionArbitraries,
  ...functionArbitraries,
  ...lcsArbitraries,
  ...aclArbitraries,
  ...standaloneArbitraries,
);

/**
 * The commands (and `container|sub` subcommands) the generator produces, from a fixed sample: the
 * README's compatibility table marks them as checked against redis-server.
 */
export function differentialCoverage(): Set<string> {
  const names = new Set<string>();
  for (const argv of fc.sample(commandArbitrary, { numRuns: 20_000, seed: 1 })) {
    const name = arg(argv, 0).toLowerCase();
    names.add(name);
    if (argv[1] !== undefined) names.add(`${name}|${argv[1].toLowerCase()}`);
  }
  return names;
}

/** How many random sequences and commands the CI run uses (override with DIFF_RUNS / DIFF_SEED). */
export const DIFF_RUNS = Number(process.env.DIFF_RUNS ?? 400);
export const DIFF_SEED = Number(process.env.DIFF_SEED ?? 20261123);
