import type { BlockedOn, Blocking } from './blocking.ts';
import type { Clock } from './clock.ts';
import type { Compat, ServerProfile } from './compat.ts';
import type { Config } from './config.ts';
import type { ServerDiagnostics } from './diagnostics.ts';
import type { Db, DbIndex, Keyspace } from './keyspace.ts';
import type { PubSub } from './pubsub.ts';
import type { NoReply, Reply } from './reply.ts';
import type { ScriptCache } from './scripting/cache.ts';
import type { FunctionStore } from './scripting/functions.ts';
import type { ScriptServer } from './scripting/types.ts';
import type { WatchedKey, Watches } from './watch.ts';

/** Where a client is connected from, as CLIENT LIST prints it; the host fills it in. */
export interface ClientEndpoint {
  readonly addr: string;
  readonly laddr: string;
  /** -1 for a client without a socket (Redis's fake clients print `fd=-1`). */
  readonly fd: number;
}

const NO_SOCKET: ClientEndpoint = { addr: '127.0.0.1:0', laddr: '127.0.0.1:6379', fd: -1 };

/** What a client receives besides the reply to the command it just sent. */
export interface ClientOutput {
  readonly reply: Reply;
  /** A pub/sub message or (un)subscribe confirmation: RESP3 sends it as a push (`>`). */
  readonly push: boolean;
  /** The command a late reply answers (a blocked BLPOP woken up): the host shapes the reply by it. */
  readonly argv?: readonly string[];
  /** A blocked command timed out: Redis answers with a null array whatever the command (`*-1`). */
  readonly timedOut?: boolean;
}

/**
 * Where the engine sends a client's output outside request/response: pub/sub messages, the reply
 * of a command that blocked, and CLIENT KILL. A host with a live connection (a socket, a console
 * tab) installs one; a client without a sink cannot block or subscribe (CLIENT_DENY_BLOCKING).
 */
export interface ClientSink {
  deliver(output: ClientOutput): void;
  /** The client was killed (CLIENT KILL): close the connection once what was delivered is written. */
  close(): void;
}

/**
 * Per-connection state: the selected database, a MULTI queue, WATCHed keys, subscriptions, a
 * blocking operation, and what CLIENT and HELLO report. A host keeps one per connection (a console
 * tab, a socket) and passes it with every command.
 */
export class ClientState {
  db: DbIndex = 0;
  /** Commands queued since MULTI, or null outside a transaction. */
  multi: { spec: CommandSpec; fullName: string; argv: readonly string[] }[] | null = null;
  /** A queued command was rejected, so EXEC will abort (CLIENT_DIRTY_EXEC). */
  multiDirty = false;
  /** CLIENT ID; 0 until the engine registers the client (createClient). */
  id = 0;
  /** CLIENT SETNAME / HELLO SETNAME; empty for none. */
  name = '';
  /** The protocol HELLO chose: the host encodes this client's replies with it. */
  resp: 2 | 3 = 2;
  /** QUIT: the host closes the connection once the replies so far are written. */
  closeAfterReply = false;
  /** Engine clock times, for CLIENT LIST's age= and idle=. */
  createdAt = 0;
  lastInteraction = 0;
  /** The last command looked up (`client|list`), `NULL` after an unknown one: CLIENT LIST's cmd=. */
  lastCommand = 'NULL';
  endpoint: ClientEndpoint = NO_SOCKET;
  sink: ClientSink | null = null;
  /** WATCHed keys (multi.c watched_keys), and CLIENT_DIRTY_CAS: one of them was touched. */
  readonly watched: WatchedKey[] = [];
  dirtyCas = false;
  /** SUBSCRIBE channels and SSUBSCRIBE shard channels (in subscription order), PSUBSCRIBE patterns. */
  readonly channels = new Set<string>();
  readonly patterns: string[] = [];
  readonly shardChannels = new Set<string>();
  /** The blocking command this client waits in (BLPOP…), or null. */
  blocked: BlockedOn | null = null;
  /** CLIENT NO-EVICT ON. */
  noEvict = false;
  /** Killed or disconnected: the engine has forgotten it. */
  closed = false;
  /**
   * While EXEC runs: replies a queued command gives beyond its one slot (SUBSCRIBE a b's second
   * confirmation), by queue position. Redis writes them inside EXEC's array after that slot.
   */
  execExtras: Reply[][] | null = null;

  /** Subscriptions of every kind: the client is in pub/sub mode (CLIENT_PUBSUB) while non-zero. */
  get subscriptionCount(): number {
    return this.channels.size + this.patterns.length + this.shardChannels.size;
  }
  /** The client a script's redis.call runs as (CLIENT_SCRIPT): no blocking options there. */
  script = false;
  /** EXEC is running this client's queue (Redis keeps CLIENT_MULTI set meanwhile). */
  inExec = false;
}

/**
 * Whether a command may block or subscribe (CLIENT_DENY_BLOCKING): `allowed` at top level for a
 * client with a sink; inside EXEC it may not block but SUBSCRIBE still works (`exec`); scripts and
 * clients without a sink may do neither (`denied`).
 */
export type BlockingMode = 'allowed' | 'exec' | 'denied';

/** What a command handler can reach. One context per executed command. */
export interface CommandContext {
  readonly ks: Keyspace;
  readonly db: Db;
  readonly client: ClientState;
  readonly config: Config;
  readonly clock: Clock;
  readonly random: () => number;
  /** The registered (lower-case) name, `container|sub` for subcommands: used in error texts. */
  readonly fullName: string;
  /** Services that live above the keyspace (server info, command table, transactions). */
  readonly server: ServerServices;
  readonly blocking: BlockingMode;
}

export interface ServerServices {
  readonly table: CommandTable;
  /** The server the engine answers as (--compat): version, RDB version, field expiry. */
  readonly profile: ServerProfile;
  /** When the server started (engine clock ms): LASTSAVE, as a Redis that saved at start-up. */
  readonly startedAt: number;
  /** The ACL log and the per-command call counts (ACL LOG, LATENCY HISTOGRAM). */
  readonly diagnostics: ServerDiagnostics;
  info(sections: readonly string[]): string;
  setActiveExpire(enabled: boolean): void;
  exec(client: ClientState): Reply;
  /** The registered clients, oldest first (CLIENT LIST). */
  clients(): Iterable<ClientState>;
  /** Memory the next write may add is checked against maxmemory (OOM guard for huge APPEND/SETRANGE). */
  wouldExceedMemory(extraBytes: number): boolean;
  /** The script cache and interpreter, or null until one is installed (the worker loads Lua lazily). */
  readonly scripts: ScriptCache | null;
  /** The function libraries (FUNCTION, FCALL), null until the interpreter is installed. */
  readonly functions: FunctionStore | null;
  /** Runs a script for `client`: `run` gets redis.call's way into the server (scriptCall checks). */
  runScript(client: ClientState, options: ScriptRunOptions, run: (server: ScriptServer) => Reply): Reply;
  readonly watches: Watches;
  readonly pubsub: PubSub;
  readonly blockers: Blocking;
  /** CLIENT KILL: the engine forgets the client and its host closes the connection. */
  kill(client: ClientState): void;
  /** CLIENT UNBLOCK: ends a wait as a timeout (or with the UNBLOCKED error); false if not blocked. */
  unblock(client: ClientState, withError: boolean): boolean;
  /** CONFIG RESETSTAT. */
  resetStats(): void;
}

export interface ScriptRunOptions {
  /** EVAL_RO, or a `#!lua flags=no-writes` script. */
  readonly readOnly: boolean;
  /** A `#!lua flags=allow-oom` script. */
  readonly allowOom: boolean;
}

/** NO_REPLY: the command blocked, or its replies went to the client's sink (SUBSCRIBE). */
export type Handler = (ctx: CommandContext, argv: readonly string[]) => Reply | NoReply;

/** Redis 7.0's command flags (COMMAND INFO's third field; 7.0 dropped `random` for the tips). */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'fast'
  | 'admin'
  | 'noscript'
  | 'loading'
  | 'stale'
  | 'allow_busy'
  | 'no_auth'
  | 'no_multi'
  | 'no_async_loading'
  | 'blocking'
  | 'skip_monitor'
  | 'skip_slowlog'
  | 'asking'
  | 'no_mandatory_keys'
  | 'movablekeys'
  | 'pubsub';

/**
 * Redis 7.0's command tips (COMMAND INFO's eighth field): whether the output is deterministic, and
 * how a cluster proxy would fan the command out and merge the replies.
 */
export type CommandTip =
  | 'nondeterministic_output'
  | 'nondeterministic_output_order'
  | `request_policy:${'all_shards' | 'all_nodes' | 'multi_shard' | 'special'}`
  | `response_policy:${'one_succeeded' | 'all_succeeded' | 'agg_logical_and' | 'agg_min' | 'agg_sum' | 'special'}`;

/**
 * What comparing this command's replies with another server's takes (the differential test, the
 * docs runner): the playground's reading of the tips above, which say only *that* an output is not
 * deterministic. A test checks that each trait stands on the tip that justifies it.
 */
export interface CommandTraits {
  /** nondeterministic_output_order: a collection in hash order, as members or field/value pairs. */
  readonly unordered?: 'members' | 'pairs';
  /** As `unordered`, only for some arguments (SORT … BY nosort returns a set as it iterates). */
  readonly unorderedWhen?: (argv: readonly string[]) => boolean;
  /** The SCAN family: a cursor (a server-internal position) and a page of `unordered` items. */
  readonly scan?: 'members' | 'pairs';
  /** The reply is drawn from the random generator (a write, SPOP, also changes the key by it). */
  readonly random?: true;
  /**
   * Reads a key's expiry: its TTL, or its absolute deadline, in seconds (1000) or ms (1); `fields`
   * for the hash-field readers (HTTL…), whose reply is one number per field.
   */
  readonly readsExpiry?: { readonly unitMs: 1 | 1000; readonly absolute: boolean; readonly fields?: true };
  /** Gives a key a deadline from now, at a unix time, or as its EX/PX/EXAT/PXAT options say. */
  readonly setsExpiry?: 'relative' | 'absolute' | { readonly optionsFrom: number };
  /** Why the reply depends on the server (clock, build, layout) rather than on the commands run. */
  readonly serverDependent?: string;
  /**
   * A blocking command: the index of its timeout argument in seconds (negative: from the end), or
   * `block-option` for XREAD's `BLOCK milliseconds`.
   */
  readonly blockingTimeout?: number | 'block-option';
  /** Only for some arguments (XADD with a `*` ID); always when absent. */
  readonly serverDependentWhen?: (argv: readonly string[]) => boolean;
}

export type CommandGroup =
  | 'string'
  | 'generic'
  | 'list'
  | 'hash'
  | 'set'
  | 'sorted-set'
  | 'hyperloglog'
  | 'geo'
  | 'stream'
  | 'server'
  | 'connection'
  | 'transactions'
  | 'scripting'
  | 'pubsub'
  | 'cluster';

export interface CommandSpec {
  /** Lower-case, as Redis registers it (arity errors use it whatever the user typed). */
  readonly name: string;
  /** Redis arity: the exact argc including the name, or -N for "at least N". */
  readonly arity: number;
  /** Exactly as Redis 7.0's COMMAND INFO lists them (a test checks against redis-server). */
  readonly flags: readonly CommandFlag[];
  /** Redis 7.0's tips for the command, in its order (checked the same way). */
  readonly tips?: readonly CommandTip[];
  readonly traits?: CommandTraits;
  readonly group: CommandGroup;
  readonly summary: string;
  /** Usage line as HELP and the autocomplete hint show it, e.g. `PSETEX key milliseconds value`. */
  readonly syntax: string;
  readonly since: string;
  readonly complexity: string;
  /** First key index, last key index (-1 = last arg), step; all 0 for keyless commands. */
  readonly keys: readonly [number, number, number];
  readonly handler?: Handler;
  readonly subcommands?: readonly CommandSpec[];
  /** Where the playground differs from Redis 7.0 (shown in docs/compatibility.md). */
  readonly notes?: string;
  /** The servers that have the command; every one when absent (compat.ts). */
  readonly servers?: readonly Compat[];
  /**
   * Where a server's version of the command differs from this spec (which describes the first of
   * `servers`, Redis 7.0 by default): its own handler, arity, syntax, flags… The table a server
   * runs is the specs merged with their override for it (table.ts, tableFor).
   */
  readonly versions?: Partial<Readonly<Record<Compat, SpecOverride>>>;
  /**
   * processCommand refuses the command with this error before it runs or is queued (MODULE LOAD:
   * a protected command whose enable-module-command is off), dooming an open transaction.
   */
  readonly rejectedWith?: string;
}

/** What a server's version of a command may change. */
export type SpecOverride = Partial<Omit<CommandSpec, 'name' | 'group' | 'servers' | 'versions'>>;

export interface CommandTable {
  /** Looks up a command by name, case-insensitively. */
  get(name: string): CommandSpec | undefined;
  all(): readonly CommandSpec[];
}

/**
 * Argument `i` of a command, where its arity (checked before the handler runs) or the handler's own
 * length check guarantees one. Reading past argc is a bug in the handler: it throws, which the
 * engine turns into an error reply, rather than letting `undefined` travel on as a string.
 */
export function arg(argv: readonly string[], i: number): string {
  const a = argv[i];
  if (a === undefined) throw new Error(`argument ${i} read beyond argc ${argv.length}`);
  return a;
}

/** Whether `argv` gives its key a deadline relative to now or at a unix time (null: neither). */
export function deadlineKind(spec: CommandSpec, argv: readonly string[]): 'relative' | 'absolute' | null {
  const sets = spec.traits?.setsExpiry;
  if (sets === undefined || typeof sets === 'string') return sets ?? null;
  for (let i = sets.optionsFrom; i < argv.length; i++) {
    const option = arg(argv, i).toLowerCase();
    if (option === 'ex' || option === 'px') return 'relative';
    if (option === 'exat' || option === 'pxat') return 'absolute';
  }
  return null;
}

export function arityOk(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}
