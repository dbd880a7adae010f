import { type CommandSpec, type CommandTable, type CommandTraits, deadlineKind } from '../engine/command.ts';
import { type Compat, DEFAULT_COMPAT, PROFILES } from '../engine/compat.ts';
import type { Reply } from '../engine/reply.ts';
import { createCommandTable, specFor } from '../engine/table.ts';

/**
 * What the runner needs to know about a command to judge its reply: which replies are unordered
 * (compared as multisets), which are random or tied to the server (not comparable), which read or
 * set deadlines, which block, and why a command the engine lacks is missing. For the engine's
 * commands every answer comes from the command table (CommandSpec.flags, tips and traits); the
 * commands it lacks are described in MISSING below.
 */

/** How a reply's items are compared: in order, as a multiset of items, or of field/value pairs. */
export type ReplyShape = 'ordered' | 'set' | 'pairs' | 'scan-set' | 'scan-pairs';

const TABLE = createCommandTable();

/** What the runner needs about a command the engine answers with `unknown command` or subcommand. */
interface MissingCommand extends Pick<CommandTraits, 'random' | 'serverDependent'> {
  /** Redis 7.0 flags it `readonly`: running it changes nothing, so it casts no doubt on later replies. */
  readonly readonly?: true;
  /** A blocking command: the index of its timeout (negative: from the end). */
  readonly timeoutArg?: number;
  /** Not a Redis 7.0 command at all. */
  readonly origin?: 'dragonfly' | 'newer-redis';
}

const NEWER_WRITE: MissingCommand = { origin: 'newer-redis' };

/**
 * Commands (and `container|sub` subcommands) the engine lacks, by lower-case name. Those Redis
 * 7.0 knows are checked against its COMMAND INFO (command-traits.test.ts); one the engine gains
 * moves onto its spec.
 */
export const MISSING: Readonly<Record<string, MissingCommand>> = {
  'cl.throttle': { origin: 'dragonfly' },
  digest: { origin: 'dragonfly', readonly: true },
  delex: { origin: 'dragonfly' },
  // Hash-field commands of Redis 8 (the 7.4 ones are on their specs, hash-field-expiry.ts).
  hgetdel: NEWER_WRITE,
  hgetex: NEWER_WRITE,
};

export function commandName(argv: readonly string[]): string {
  return (argv[0] ?? '').toLowerCase();
}

/** The engine's spec for `argv` (its subcommand's for a container), or undefined. */
function specOf(argv: readonly string[]): CommandSpec | undefined {
  return specFor(TABLE, argv);
}

/** What MISSING says about `argv`: the subcommand's entry first, then the command's. */
function missingOf(argv: readonly string[]): MissingCommand | undefined {
  const name = commandName(argv);
  const sub = argv[1] === undefined ? undefined : MISSING[`${name}|${argv[1].toLowerCase()}`];
  return sub ?? MISSING[name];
}

function traitsOf(argv: readonly string[]): CommandTraits | MissingCommand | undefined {
  const spec = specOf(argv);
  return spec ? spec.traits : missingOf(argv);
}

export function replyShape(argv: readonly string[]): ReplyShape {
  const traits = specOf(argv)?.traits;
  if (traits?.scan) return traits.scan === 'pairs' ? 'scan-pairs' : 'scan-set';
  if (traits?.unordered) return traits.unordered === 'pairs' ? 'pairs' : 'set';
  if (traits?.unorderedWhen?.(argv)) return 'set';
  return 'ordered';
}

export function isScan(argv: readonly string[]): boolean {
  return specOf(argv)?.traits?.scan !== undefined;
}

/** Replies drawn from the random generator: the page's draw cannot be reproduced. */
export function isRandomPick(argv: readonly string[]): boolean {
  return traitsOf(argv)?.random === true;
}

/** Commands that change a key through a random pick: what the page shows next depends on the draw. */
export function randomlyChangedKey(argv: readonly string[]): string | null {
  const spec = specOf(argv);
  return spec?.traits?.random && spec.flags.includes('write') ? (argv[1] ?? null) : null;
}

/** Replies that depend on the server (clock, build, memory layout), never on the page's commands. */
export function unreproducibleReason(argv: readonly string[]): string | null {
  const traits = traitsOf(argv);
  if (
    traits === undefined ||
    ('serverDependentWhen' in traits && traits.serverDependentWhen?.(argv) === false)
  ) {
    return null;
  }
  return traits.serverDependent ?? null;
}

/** EXPIRETIME and PEXPIRETIME give absolute times: computed from the page author's "now". */
export function readsAbsoluteExpiry(argv: readonly string[]): boolean {
  return specOf(argv)?.traits?.readsExpiry?.absolute === true;
}

export function readsTtl(argv: readonly string[]): boolean {
  return specOf(argv)?.traits?.readsExpiry !== undefined;
}

/** The key a command gives an absolute deadline (a unix time), or null. */
export function absoluteDeadlineKey(argv: readonly string[]): string | null {
  const spec = specOf(argv);
  return spec && deadlineKind(spec, argv) === 'absolute' ? (argv[1] ?? null) : null;
}

/** Where a blocking command's timeout is and its unit, or null for a non-blocking line. */
export function blockingTimeout(argv: readonly string[]): { index: number; unitMs: number } | null {
  const spec = specOf(argv);
  const at = spec ? spec.traits?.blockingTimeout : missingOf(argv)?.timeoutArg;
  if (at === undefined) return null;
  if (at === 'block-option') {
    // XREAD's options end at STREAMS; a BLOCK among them is followed by milliseconds.
    const streams = argv.findIndex((a) => a.toLowerCase() === 'streams');
    const block = argv.findIndex((a, i) => a.toLowerCase() === 'block' && (streams < 0 || i < streams));
    return block < 0 || block + 1 >= argv.length ? null : { index: block + 1, unitMs: 1 };
  }
  return { index: at < 0 ? argv.length + at : at, unitMs: 1000 };
}

/**
 * Read-only commands the engine may lack: running them changes nothing, so they cast no doubt on
 * later replies (any other unknown command may have written to its arguments' keys).
 */
export function isKnownReadOnly(argv: readonly string[]): boolean {
  const spec = specOf(argv);
  return spec ? spec.flags.includes('readonly') : missingOf(argv)?.readonly === true;
}

/** The engine's answer to what it leaves out: `ERR <COMMAND> is not in the playground: <reason>`. */
export const NOT_IN_PLAYGROUND = /^ERR [^:]* is not in the playground: /;

/**
 * Why the engine answered `unknown command` (or that the command is not in the playground) on a
 * page replayed as `compat`: a command the engine has for other servers says which, and how to
 * replay the page as one of them.
 */
export function unsupportedReason(
  argv: readonly string[],
  compat: Compat = DEFAULT_COMPAT,
  reply?: Reply,
): string {
  if (reply?.t === 'error' && NOT_IN_PLAYGROUND.test(reply.s)) return reply.s.slice('ERR '.length);
  const shown = (argv[0] ?? '').toUpperCase();
  const servers = specOf(argv)?.servers;
  if (servers && !servers.includes(compat)) {
    const labels = servers.map((c) => PROFILES[c].label).join(' and ');
    return `${shown} is a ${labels} command, and the page runs as ${PROFILES[compat].label}: give it \`compat: ${servers[0]}\` in its front matter, or replay it with --compat ${servers[0]}`;
  }
  const origin = MISSING[commandName(argv)]?.origin;
  if (origin === 'dragonfly') return `${shown} is Dragonfly-only: Redis 7.0 has no such command`;
  if (origin === 'newer-redis') return `${shown} is newer than Redis 7.0`;
  return `${shown} is not implemented by the playground's engine yet`;
}

/**
 * The key arguments of a command, from the engine's key positions; every argument when the table
 * gives none (keyless or numkeys-style commands), which errs on the side of "may touch it".
 */
export function keyArguments(table: CommandTable, argv: readonly string[]): string[] {
  const spec = table.get(argv[0] ?? '');
  if (!spec || spec.keys[0] <= 0 || spec.keys[2] <= 0) return argv.slice(1);
  const [first, lastSpec, step] = spec.keys;
  const last = lastSpec < 0 ? argv.length + lastSpec : lastSpec;
  const keys: string[] = [];
  for (let i = first; i <= last && i < argv.length; i += step) keys.push(argv[i] ?? '');
  return keys;
}
