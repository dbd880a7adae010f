import { arg, type CommandSpec, type CommandTable, type Handler } from './command.ts';
import { aclCommands } from './commands/acl.ts';
import { bitfieldCommands } from './commands/bitfield.ts';
import { bitCommands } from './commands/bits.ts';
import { blockingCommands } from './commands/blocking.ts';
import { clientCommand } from './commands/client.ts';
import { clusterCommands } from './commands/cluster.ts';
import { commandCommands } from './commands/command-info.ts';
import { configCommand } from './commands/config.ts';
import { connectionCommands } from './commands/connection.ts';
import { debugCommand } from './commands/debug.ts';
import { dragonflyCommands } from './commands/dragonfly.ts';
import { dumpCommands } from './commands/dump.ts';
import { expireCommands } from './commands/expire.ts';
import { functionCommands } from './commands/functions.ts';
import { geoCommands } from './commands/geo.ts';
import { geoSearchCommands } from './commands/geo-search.ts';
import { hashFieldExpiryCommands } from './commands/hash-field-expiry.ts';
import { hashCommands } from './commands/hashes.ts';
import { hashScanCommands } from './commands/hashes-scan.ts';
import { hyperLogLogCommands } from './commands/hyperloglog.ts';
import { keyspaceCommands } from './commands/keyspace.ts';
import { latencyCommands } from './commands/latency.ts';
import { lcsCommands } from './commands/lcs.ts';
import { listCommands } from './commands/lists.ts';
import { listEditCommands } from './commands/lists-edit.ts';
import { moduleCommands } from './commands/module.ts';
import { objectCommands } from './commands/object.ts';
import { pubsubCommands } from './commands/pubsub.ts';
import { replicationCommands } from './commands/replication.ts';
import { scriptingCommands } from './commands/scripting.ts';
import { serverCommands } from './commands/server.ts';
import { serverAdminCommands } from './commands/server-admin.ts';
import { setCommands } from './commands/sets.ts';
import { setAlgebraCommands } from './commands/sets-algebra.ts';
import { sortCommands } from './commands/sort.ts';
import { sortedSetCommands } from './commands/sorted-sets.ts';
import { sortedSetAddCommands } from './commands/sorted-sets-add.ts';
import { sortedSetAlgebraCommands } from './commands/sorted-sets-algebra.ts';
import { sortedSetPickCommands } from './commands/sorted-sets-pick.ts';
import { sortedSetRangeCommands } from './commands/sorted-sets-range.ts';
import { streamClaimCommands } from './commands/stream-claim.ts';
import { streamGroupCommands } from './commands/stream-groups.ts';
import { streamInfoCommands } from './commands/stream-info.ts';
import { streamReadCommands } from './commands/stream-read.ts';
import { streamCommands } from './commands/streams.ts';
import { stringCounterCommands } from './commands/string-counters.ts';
import { stringRangeCommands } from './commands/string-ranges.ts';
import { stringCommands } from './commands/strings.ts';
import { transactionCommands } from './commands/transactions.ts';
import { type Compat, DEFAULT_COMPAT, HELP_TRAILER_70, PROFILES } from './compat.ts';
import { array, status } from './reply.ts';

/**
 * Every command the engine knows, from the family files. This list drives dispatch, arity and
 * unknown-command errors, COMMAND, HELP, autocomplete and docs/compatibility.md: adding
 * a command means adding an entry to its family file.
 */
export const ALL_COMMANDS: readonly CommandSpec[] = [
  ...stringCommands,
  ...stringCounterCommands,
  ...stringRangeCommands,
  ...lcsCommands,
  ...bitCommands,
  ...bitfieldCommands,
  ...expireCommands,
  ...keyspaceCommands,
  ...dumpCommands,
  ...listCommands,
  ...listEditCommands,
  ...blockingCommands,
  ...hashCommands,
  ...hashScanCommands,
  ...setCommands,
  ...setAlgebraCommands,
  ...sortedSetAddCommands,
  ...sortedSetCommands,
  ...sortedSetRangeCommands,
  ...sortedSetAlgebraCommands,
  ...sortedSetPickCommands,
  ...sortCommands,
  ...hyperLogLogCommands,
  ...geoCommands,
  ...geoSearchCommands,
  ...streamCommands,
  ...streamReadCommands,
  ...streamGroupCommands,
  ...streamClaimCommands,
  ...streamInfoCommands,
  ...serverCommands,
  configCommand,
  debugCommand,
  ...commandCommands,
  ...serverAdminCommands,
  ...objectCommands,
  ...connectionCommands,
  clientCommand,
  ...aclCommands,
  ...clusterCommands,
  ...replicationCommands,
  ...latencyCommands,
  ...moduleCommands,
  ...transactionCommands,
  ...scriptingCommands,
  ...hashFieldExpiryCommands,
  ...dragonflyCommands,
  ...functionCommands,
  ...pubsubCommands,
];

export function createCommandTable(specs: readonly CommandSpec[] = ALL_COMMANDS): CommandTable {
  const byName = new Map<string, CommandSpec>();
  for (const spec of specs) {
    if (byName.has(spec.name)) throw new Error(`duplicate command ${spec.name}`);
    byName.set(spec.name, spec);
    // The hot path looks names up as typed; upper case is the other common spelling.
    byName.set(spec.name.toUpperCase(), spec);
  }
  const sorted = [...specs].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    get: (name) => byName.get(name) ?? byName.get(name.toLowerCase()),
    all: () => sorted,
  };
}

/** `spec` as `compat` has it (its override merged in, subcommands too), or null when it lacks it. */
export function resolveSpec(spec: CommandSpec, compat: Compat): CommandSpec | null {
  if (spec.servers && !spec.servers.includes(compat)) return null;
  const fallback = PROFILES[compat].fallback;
  const override = spec.versions?.[compat] ?? (fallback ? spec.versions?.[fallback] : undefined);
  const merged: CommandSpec = override ? { ...spec, ...override } : spec;
  if (merged.name === 'help' && merged.handler) {
    return withHelpTrailer({ ...merged, handler: merged.handler }, PROFILES[compat].helpTrailer);
  }
  if (!merged.subcommands) return merged;
  const subcommands = merged.subcommands.flatMap((s) => resolveSpec(s, compat) ?? []);
  return { ...merged, subcommands };
}

/** A HELP handler whose reply ends with `trailer` instead of 7.0's line (Redis 7.2 reworded it). */
function withHelpTrailer(spec: CommandSpec & { handler: Handler }, trailer: string): CommandSpec {
  if (trailer === HELP_TRAILER_70) return spec;
  const { handler } = spec;
  return {
    ...spec,
    handler: (ctx, argv) => {
      const reply = handler(ctx, argv);
      if (reply.t !== 'array') return reply;
      const last = reply.items.at(-1);
      if (last?.t !== 'status' || last.s !== HELP_TRAILER_70) return reply;
      return array([...reply.items.slice(0, -1), status(trailer)]);
    },
  };
}

const tables = new Map<Compat, CommandTable>();

/** The table a server runs: the commands it has, each as its version answers. */
export function tableFor(compat: Compat = DEFAULT_COMPAT): CommandTable {
  let table = tables.get(compat);
  if (!table) {
    table = createCommandTable(ALL_COMMANDS.flatMap((s) => resolveSpec(s, compat) ?? []));
    tables.set(compat, table);
  }
  return table;
}

/** Resolves a subcommand of a container command (OBJECT ENCODING, CONFIG GET…). */
export function findSubcommand(container: CommandSpec, name: string): CommandSpec | undefined {
  const lower = name.toLowerCase();
  return container.subcommands?.find((s) => s.name === lower);
}

/** The spec `argv` runs: a container's subcommand when one is named (undefined for an unknown one). */
export function specFor(table: CommandTable, argv: readonly string[]): CommandSpec | undefined {
  const base = table.get(argv[0] ?? '');
  if (base?.subcommands === undefined || argv.length < 2) return base;
  return findSubcommand(base, arg(argv, 1));
}
