import { arg, type CommandTable } from '../engine/command.ts';

/**
 * What the runner needs to know about commands beyond what the engine's table says: which replies
 * are unordered (compared as multisets), which are random or tied to the server's clock or build
 * (not comparable), which commands block, and why a command the engine lacks is missing.
 */

/** How a reply's items are compared: in order, as a multiset of items, or of field/value pairs. */
export type ReplyShape = 'ordered' | 'set' | 'pairs' | 'scan-set' | 'scan-pairs';

const SET_REPLIES = new Set(['keys', 'smembers', 'sinter', 'sunion', 'sdiff', 'hkeys', 'hvals']);
const PAIR_REPLIES = new Set(['hgetall']);

export function replyShape(argv: readonly string[]): ReplyShape {
  const name = commandName(argv);
  if (SET_REPLIES.has(name)) return 'set';
  if (PAIR_REPLIES.has(name)) return 'pairs';
  if (name === 'scan' || name === 'sscan') return 'scan-set';
  if (name === 'hscan' || name === 'zscan') return 'scan-pairs';
  // SORT … BY nosort returns the set in its iteration order.
  if (
    (name === 'sort' || name === 'sort_ro') &&
    argv.some((a, i) => /^by$/i.test(argv[i - 1] ?? '') && !a.includes('*'))
  ) {
    return 'set';
  }
  return 'ordered';
}

export function isScan(argv: readonly string[]): boolean {
  return /^[hsz]?scan$/.test(commandName(argv));
}

/** Replies drawn from the random generator: the page's draw cannot be reproduced. */
const RANDOM_PICKS = new Set(['randomkey', 'srandmember', 'hrandfield', 'zrandmember', 'spop']);

export function isRandomPick(argv: readonly string[]): boolean {
  return RANDOM_PICKS.has(commandName(argv));
}

/** Commands that change a key through a random pick: what the page shows next depends on the draw. */
export function randomlyChangedKey(argv: readonly string[]): string | null {
  return commandName(argv) === 'spop' ? (argv[1] ?? null) : null;
}

/** Replies that depend on the server (clock, build, memory layout), never on the page's commands. */
export function unreproducibleReason(argv: readonly string[]): string | null {
  const name = commandName(argv);
  const sub = (argv[1] ?? '').toLowerCase();
  if (name === 'time') return "TIME reads the server's clock";
  if (name === 'lastsave') return "LASTSAVE reads the server's clock";
  if (name === 'dump') return "DUMP's payload is tied to the server's RDB version and checksum";
  if (name === 'info') return 'INFO describes the server it runs on';
  if (name === 'object' && (sub === 'idletime' || sub === 'freq'))
    return `OBJECT ${sub.toUpperCase()} depends on server timing`;
  if (name === 'memory' && sub === 'usage') return "MEMORY USAGE depends on the server's allocator";
  if (name === 'client' && (sub === 'id' || sub === 'list' || sub === 'info'))
    return 'client ids and addresses differ per connection';
  if (name === 'debug') return 'DEBUG replies are server internals';
  return null;
}

/** EXPIRETIME and PEXPIRETIME give absolute times: computed from the page author's "now". */
export function readsAbsoluteExpiry(argv: readonly string[]): boolean {
  const name = commandName(argv);
  return name === 'expiretime' || name === 'pexpiretime';
}

export function readsTtl(argv: readonly string[]): boolean {
  const name = commandName(argv);
  return name === 'ttl' || name === 'pttl' || readsAbsoluteExpiry(argv);
}

/** The key a command gives an absolute deadline (a unix time), or null. */
export function absoluteDeadlineKey(argv: readonly string[]): string | null {
  const name = commandName(argv);
  if (name === 'expireat' || name === 'pexpireat') return argv[1] ?? null;
  if ((name === 'set' || name === 'getex') && argv.slice(2).some((a) => /^(exat|pxat)$/i.test(a))) {
    return argv[1] ?? null;
  }
  return null;
}

/** Index of the timeout argument of a blocking command, or null for a non-blocking one. */
export function blockingTimeoutIndex(argv: readonly string[]): number | null {
  switch (commandName(argv)) {
    case 'blpop':
    case 'brpop':
    case 'bzpopmin':
    case 'bzpopmax':
    case 'brpoplpush':
    case 'blmove':
      return argv.length - 1;
    case 'blmpop':
    case 'bzmpop':
      return 1;
    default:
      return null;
  }
}

const DRAGONFLY_ONLY = new Set([
  'cl.throttle',
  'digest',
  'delex',
  'stick',
  'fieldexpire',
  'fieldttl',
  'hsetex',
  'saddex',
]);

/** Hash-field expiry and the like: in Redis only after 7.0 (7.4 and 8.x). */
const NEWER_THAN_70 = new Set([
  'hexpire',
  'hpexpire',
  'hexpireat',
  'hpexpireat',
  'httl',
  'hpttl',
  'hexpiretime',
  'hpexpiretime',
  'hpersist',
  'hgetdel',
  'hgetex',
]);

/**
 * Read-only commands the engine may lack: running them changes nothing, so they cast no doubt on
 * later replies (any other unknown command may have written to its arguments' keys).
 */
const READ_ONLY = new Set([
  'digest',
  'dump',
  'fieldttl',
  'httl',
  'hpttl',
  'hexpiretime',
  'hpexpiretime',
  'zrangebylex',
  'zrevrangebylex',
  'zlexcount',
  'zinter',
  'zunion',
  'zdiff',
  'zintercard',
  'zrandmember',
  'zscore',
  'eval_ro',
  'evalsha_ro',
  'lcs',
  'object',
  'memory',
]);

export function isKnownReadOnly(argv: readonly string[]): boolean {
  return READ_ONLY.has(commandName(argv));
}

/** Why the engine answered `unknown command` for this command. */
export function unsupportedReason(argv: readonly string[]): string {
  const name = commandName(argv);
  const shown = (argv[0] ?? '').toUpperCase();
  if (DRAGONFLY_ONLY.has(name)) return `${shown} is Dragonfly-only: Redis 7.0 has no such command`;
  if (NEWER_THAN_70.has(name)) return `${shown} is newer than Redis 7.0`;
  return `${shown} is not implemented by the playground's engine yet`;
}

export function commandName(argv: readonly string[]): string {
  return (argv[0] ?? '').toLowerCase();
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
  for (let i = first; i <= last && i < argv.length; i += step) keys.push(arg(argv, i));
  return keys;
}
