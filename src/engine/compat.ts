/**
 * The servers the engine can answer as. One engine, three behaviours: the command table holds what
 * differs per command (CommandSpec.servers and .versions), and this profile what differs for the
 * server as a whole (the version INFO reports, the RDB version DUMP writes, whether the active cycle
 * has a hash-field pass).
 */

export type Compat = 'redis-7.0' | 'redis-7.4' | 'dragonfly';

export const COMPATS: readonly Compat[] = ['redis-7.0', 'redis-7.4', 'dragonfly'];
export const DEFAULT_COMPAT: Compat = 'redis-7.0';

export interface ServerProfile {
  readonly compat: Compat;
  /** For people: "Redis 7.4". */
  readonly label: string;
  /** INFO's redis_version and HELLO's version. */
  readonly redisVersion: string;
  /** INFO server fields after redis_version (Dragonfly names its own version there). */
  readonly serverFields: readonly (readonly [string, string])[];
  /** The RDB version DUMP payloads carry (and the highest RESTORE accepts). */
  readonly rdbVersion: number;
  /** Redis 7.4's active expiry of hash fields (activeExpireHashFieldCycle), interleaved with keys'. */
  readonly activeFieldExpiry: boolean;
  /** INFO's expired_subkeys and subexpiry fields (7.4). */
  readonly subkeyInfo: boolean;
  /**
   * Shown before redis-cli's `127.0.0.1:6379>` so that a console says which server it is (empty for
   * the default, whose prompt stays byte for byte redis-cli's).
   */
  readonly promptPrefix: string;
  /**
   * The last line of every HELP reply (addReplyHelp): "Prints this help." up to 7.0, "Print this
   * help." since 7.2. Handlers write 7.0's; the table rewrites it for the others (table.ts).
   */
  readonly helpTrailer: string;
  /**
   * Where the server has no variant of its own, the one it answers as: Dragonfly reports
   * redis_version 7.4.0 and follows 7.4 except where its own replies are modelled.
   */
  readonly fallback?: Compat;
}

/** addReplyHelp's last line in Redis 7.0, which every HELP handler writes. */
export const HELP_TRAILER_70 = '    Prints this help.';

/** Dragonfly's version as its INFO reports it (the source read is the v1.40 line). */
export const DRAGONFLY_VERSION = 'df-v1.40.1';

export const PROFILES: Readonly<Record<Compat, ServerProfile>> = {
  'redis-7.0': {
    compat: 'redis-7.0',
    label: 'Redis 7.0',
    redisVersion: '7.0.15',
    serverFields: [],
    rdbVersion: 10,
    activeFieldExpiry: false,
    subkeyInfo: false,
    promptPrefix: '',
    helpTrailer: HELP_TRAILER_70,
  },
  'redis-7.4': {
    compat: 'redis-7.4',
    label: 'Redis 7.4',
    redisVersion: '7.4.1',
    serverFields: [],
    rdbVersion: 12,
    activeFieldExpiry: true,
    subkeyInfo: true,
    promptPrefix: 'redis-7.4 ',
    helpTrailer: '    Print this help.',
  },
  dragonfly: {
    compat: 'dragonfly',
    label: 'Dragonfly',
    redisVersion: '7.4.0',
    serverFields: [['dragonfly_version', DRAGONFLY_VERSION]],
    rdbVersion: 12,
    // Dragonfly reclaims expired fields and members when they are accessed, not in a sweep.
    activeFieldExpiry: false,
    subkeyInfo: false,
    promptPrefix: 'dragonfly ',
    // Dragonfly has no HELP texts of its own here: they are 7.4's.
    helpTrailer: '    Print this help.',
    fallback: 'redis-7.4',
  },
};

export function isCompat(name: string): name is Compat {
  return (COMPATS as readonly string[]).includes(name);
}

/** The `--compat` value of a command line: the name, or a message saying which names there are. */
export function parseCompat(name: string): Compat | string {
  return isCompat(name) ? name : `unknown compatibility '${name}' (use ${COMPATS.join(', ')})`;
}
