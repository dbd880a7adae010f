import { Blocking, serveReadyKeys, timeOutBlocked } from './blocking.ts';
import { ClientRegistry } from './clients.ts';
import { type Clock, type SeededRandom, seededRandom } from './clock.ts';
import {
  arg,
  arityOk,
  type BlockingMode,
  ClientState,
  type CommandContext,
  type CommandSpec,
  type CommandTable,
  type ScriptRunOptions,
  type ServerServices,
} from './command.ts';
import { CommandClock } from './command-clock.ts';
import { NOT_QUEUED, PUBSUB_CONTEXT_COMMANDS } from './commands/transactions.ts';
import { type Compat, DEFAULT_COMPAT, PROFILES, type ServerProfile } from './compat.ts';
import { Config } from './config.ts';
import { ServerDiagnostics } from './diagnostics.ts';
import { EventHub } from './engine-events.ts';
import { knownCommand, ScriptHost, scriptCall } from './engine-scripts.ts';
import {
  createServices,
  discardTransaction,
  type EngineOptions,
  type EngineStats,
  keyspaceHooks,
  rejectCommand,
} from './engine-wiring.ts';
import { ERR_EXECABORT, ERR_OOM, errUnknownCommand, errUnknownSubcommand, errWrongArity } from './errors.ts';
import type { EventListener } from './events.ts';
import { activeExpireCycle, type CycleKind, type CycleRecord, ExpiryState } from './expiry.ts';
import { Keyspace, type KeyspaceObserver } from './keyspace.ts';
import { errOutOfScope } from './out-of-scope.ts';
import { PubSub } from './pubsub.ts';
import { array, error, NIL, NO_REPLY, type NoReply, QUEUED, type Reply } from './reply.ts';
import { Rand48 } from './scripting/rand48.ts';
import type { ScriptServer, ScriptVmFactory } from './scripting/types.ts';
import { findSubcommand, tableFor } from './table.ts';
import { Watches } from './watch.ts';

export type { EngineOptions, EngineStats } from './engine-wiring.ts';

/**
 * The Redis-compatible server: command dispatch in processCommand's order (unknown command, arity,
 * OOM, pub/sub context, MULTI queueing, call), transactions and WATCH, pub/sub and keyspace
 * notifications, blocked clients, stats and the active expiry cycle. Pure: it never reads the time
 * except through the injected clock and never schedules anything; whoever hosts it calls
 * `runExpiryCycle` at `config.hz` and `timeOutBlockedClients` when a blocked client's time is up.
 */
export class Engine {
  readonly clock: Clock;
  /** What top-level commands read the time from (one clock reading per command). */
  private readonly commandClock: CommandClock;
  readonly config = new Config();
  readonly ks: Keyspace;
  private currentTable: CommandTable;
  private currentProfile: ServerProfile;
  readonly random: SeededRandom;
  /** Lua's math.random generator, one per server as in Redis (rand48.ts). */
  readonly luaRandom = new Rand48();
  readonly expiry = new ExpiryState();
  readonly stats: EngineStats = { totalCommands: 0, errorReplies: 0, connectionsReceived: 0 };
  /** When the server started (INFO uptime); a restored snapshot keeps the first start. */
  startedAt: number;
  readonly watches = new Watches();
  readonly pubsub = new PubSub();
  readonly blockers = new Blocking();
  readonly clients = new ClientRegistry(this.watches, this.pubsub, this.blockers);
  readonly diagnostics = new ServerDiagnostics();
  private readonly events: EventHub;
  /** Non-zero while EXEC runs its queue: the time stays frozen for the whole transaction. */
  private execDepth = 0;
  private readonly services: ServerServices;
  private readonly scripts = new ScriptHost();

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.commandClock = new CommandClock(options.clock);
    this.random = seededRandom(options.seed ?? 0x5eed);
    this.ks = new Keyspace(this.random);
    this.currentProfile = PROFILES[options.compat ?? DEFAULT_COMPAT];
    this.currentTable = options.table ?? tableFor(this.currentProfile.compat);
    this.startedAt = this.clock.now();
    this.services = createServices(this, {
      exec: (client) => this.exec(client),
      runScript: (client, opts, run) => this.runScript(client, opts, run),
      scripts: this.scripts,
    });
    this.ks.hooks = keyspaceHooks(this.ks, this.watches, this.blockers);
    this.events = new EventHub(this.ks, this.pubsub, this.config);
    if (options.scripting) this.setScripting(options.scripting);
  }

  /** The command table of the server the engine answers as. */
  get table(): CommandTable {
    return this.currentTable;
  }

  get compat(): Compat {
    return this.currentProfile.compat;
  }

  get profile(): ServerProfile {
    return this.currentProfile;
  }

  /**
   * Answers as another server from the next command on. The keyspace stays as it is: field TTLs
   * set under one server keep expiring under another, though that one could not have set them.
   */
  setCompat(compat: Compat): void {
    this.currentProfile = PROFILES[compat];
    this.currentTable = tableFor(compat);
  }

  /** Installs the Lua interpreter (the worker loads it after start-up, so EVAL may arrive first). */
  setScripting(factory: ScriptVmFactory): void {
    this.scripts.install(factory);
  }

  /** The function libraries' code, in load order (a snapshot saves these). */
  functionCodes(): string[] {
    return this.scripts.functionCodes();
  }

  /** Changes whenever a library is loaded, deleted, restored or flushed. */
  get functionsVersion(): number {
    return this.scripts.functions?.version ?? 0;
  }

  /** The libraries are exactly `codes` (a replayed log record). */
  replaceFunctions(codes: readonly string[]): void {
    this.scripts.replaceFunctions(codes);
  }

  /** Loads saved libraries, or keeps them until the interpreter is installed. */
  loadFunctions(codes: readonly string[]): void {
    this.scripts.loadFunctions(codes);
  }

  /** The script cache's bodies, in the order they were loaded (a snapshot saves these). */
  scriptBodies(): string[] {
    return this.scripts.scriptBodies();
  }

  /** Changes whenever a script is loaded or the cache flushed. */
  get scriptsVersion(): number {
    return this.scripts.cache?.version ?? 0;
  }

  /** The cache holds exactly `bodies` (a replayed log record: SCRIPT FLUSH and loads in between). */
  replaceScripts(bodies: readonly string[]): void {
    this.scripts.replaceScripts(bodies);
  }

  /** Puts saved scripts back in the cache, or keeps them until the interpreter is installed. */
  loadScripts(bodies: readonly string[]): void {
    this.scripts.loadScripts(bodies);
  }

  get scriptingReady(): boolean {
    return this.scripts.cache !== null;
  }

  /**
   * A script runs as its own client on the caller's database, with time frozen as for EXEC; each
   * redis.call passes scriptCall's checks (script.c) before running like any command.
   */
  private runScript(
    caller: ClientState,
    options: ScriptRunOptions,
    run: (server: ScriptServer) => Reply,
  ): Reply {
    const client = new ClientState();
    client.db = caller.db;
    client.script = true;
    const call = scriptCall({
      table: this.table,
      options,
      oomAtStart: this.config.maxmemory > 0 && this.ks.usedBytes > this.config.maxmemory,
      run: (spec, fullName, argv) => settled(this.call(client, spec, fullName, argv, 'denied')),
    });
    const known = (argv: readonly string[]): boolean => knownCommand(this.table, argv);
    const cause = this.ks.cause;
    this.execDepth++;
    try {
      return run({ call, known, random: this.luaRandom });
    } finally {
      this.execDepth--;
      this.ks.cause = cause;
    }
  }

  /** When the last top-level command started (engine clock ms). */
  get commandStartedAt(): number {
    return this.commandClock.at;
  }

  /** A new connection's state, registered for CLIENT LIST and INFO until `removeClient`. */
  createClient(): ClientState {
    this.stats.connectionsReceived++;
    return this.clients.create(this.clock.now());
  }

  /** The connection is gone (closed or dropped): its watches, subscriptions and wait go with it. */
  removeClient(client: ClientState): void {
    this.clients.remove(client);
  }

  /** Answers the blocked clients whose timeout has passed on the clock; returns how many. */
  timeOutBlockedClients(): number {
    if (this.blockers.clients.size === 0) return 0;
    return timeOutBlocked(this.blockers, this.clock.now());
  }

  get connectedClients(): number {
    return this.clients.all.size;
  }

  /** Subscribes to keyspace events (all of them, whatever notify-keyspace-events says). */
  onEvent(listener: EventListener): () => void {
    return this.events.listen(listener);
  }

  setObserver(observer: KeyspaceObserver | null): void {
    this.ks.observer = observer;
  }

  /**
   * Runs one command (argv of byte strings) for `client`, a connection that receives output through
   * its sink: returns the reply, or null when there is none now (the command blocked; SUBSCRIBE's
   * confirmations went to the sink). Never throws: an unexpected failure becomes an error reply, so
   * a bad input cannot take the host down. Clients served or woken meanwhile hear through their sinks.
   */
  run(client: ClientState, argv: readonly string[]): Reply | null {
    const mode: BlockingMode = client.sink === null ? 'denied' : 'allowed';
    const reply = this.guarded(client, argv, mode);
    return reply === NO_REPLY ? null : (reply as Reply);
  }

  /**
   * Runs one command and returns its reply, as a client that cannot block (CLIENT_DENY_BLOCKING):
   * BLPOP on an empty list answers nil at once and SUBSCRIBE is refused.
   */
  execute(client: ClientState, argv: readonly string[]): Reply {
    return settled(this.guarded(client, argv, 'denied'));
  }

  private guarded(client: ClientState, argv: readonly string[], mode: BlockingMode): Reply | NoReply {
    if (argv.length === 0) return error('ERR empty command');
    const top = this.execDepth === 0;
    if (top) this.ks.now = this.commandClock.start();
    try {
      return this.process(client, argv, mode);
    } catch (e) {
      // A RangeError is JavaScript refusing an allocation (a string or array past its limits): the
      // reply of a server without the memory. Commands check their sizes first; this is the net.
      if (e instanceof RangeError) return error(ERR_OOM);
      return error(`ERR internal error: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (top && this.blockers.hasReady) this.serveBlocked();
    }
  }

  /** handleClientsBlockedOnKeys, after a top-level command (EXEC and EVAL included). */
  private serveBlocked(): void {
    serveReadyKeys(this.blockers, {
      ks: this.ks,
      now: () => this.clock.now(),
      contextFor: (client, on) => {
        this.ks.cause = { kind: 'command', command: on.fullName, argv: on.argv };
        return this.context(client, on.fullName, 'exec', on.db);
      },
    });
  }

  private process(client: ClientState, argv: readonly string[], mode: BlockingMode): Reply | NoReply {
    const base = this.table.get(arg(argv, 0));
    client.lastInteraction = this.ks.now;
    client.lastCommand = 'NULL';
    if (base === undefined) {
      return this.reject(client, errOutOfScope(argv, arg(argv, 0).toLowerCase()) ?? errUnknownCommand(argv));
    }
    let spec = base;
    let fullName = base.name;
    if (base.subcommands && argv.length >= 2) {
      const sub = findSubcommand(base, arg(argv, 1));
      if (sub === undefined) {
        const key = `${base.name}|${arg(argv, 1).toLowerCase()}`;
        return this.reject(
          client,
          errOutOfScope(argv, key) ?? errUnknownSubcommand(arg(argv, 1), arg(argv, 0)),
        );
      }
      spec = sub;
      fullName = `${base.name}|${sub.name}`;
    }
    client.lastCommand = fullName;
    const isExec = base.name === 'exec';
    if (!arityOk(spec.arity, argv.length) || (spec.handler === undefined && base.subcommands)) {
      return this.reject(client, errWrongArity(fullName), isExec);
    }
    if (spec.rejectedWith !== undefined) return this.reject(client, spec.rejectedWith, isExec);
    const inMulti = client.multi !== null;
    if (this.config.maxmemory > 0 && this.ks.usedBytes > this.config.maxmemory) {
      const denyoom =
        spec.flags.includes('denyoom') ||
        (base.name === 'exec' && (client.multi ?? []).some((q) => q.spec.flags.includes('denyoom')));
      const rejectOnOom = denyoom || (inMulti && base.name !== 'exec' && base.name !== 'discard');
      if (rejectOnOom) return this.reject(client, ERR_OOM, isExec);
    }
    if (client.resp === 2 && client.subscriptionCount > 0 && !PUBSUB_CONTEXT_COMMANDS.has(base.name)) {
      return this.reject(
        client,
        `ERR Can't execute '${fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
        isExec,
      );
    }
    if (client.multi !== null && !NOT_QUEUED.has(base.name)) {
      client.multi.push({ spec, fullName, argv });
      return QUEUED;
    }
    return this.call(client, spec, fullName, argv, mode);
  }

  /** rejectCommand (engine-wiring.ts), counted as an error reply. */
  private reject(client: ClientState, message: string, isExec = false): Reply {
    this.stats.errorReplies++;
    return rejectCommand(client, message, isExec, this.watches);
  }

  private context(
    client: ClientState,
    fullName: string,
    blocking: BlockingMode,
    db = client.db,
  ): CommandContext {
    return {
      ks: this.ks,
      db: this.ks.db(db),
      client,
      config: this.config,
      clock: this.execDepth === 0 ? this.commandClock : this.clock,
      random: this.random,
      fullName,
      server: this.services,
      blocking,
    };
  }

  private call(
    client: ClientState,
    spec: CommandSpec,
    fullName: string,
    argv: readonly string[],
    mode: BlockingMode,
  ): Reply | NoReply {
    this.stats.totalCommands++;
    this.diagnostics.countCall(fullName);
    this.ks.cause = { kind: 'command', command: fullName, argv };
    const ctx = this.context(client, fullName, mode);
    const reply = (spec.handler as NonNullable<CommandSpec['handler']>)(ctx, argv);
    if (reply.t === 'error') this.stats.errorReplies++;
    return reply;
  }

  /**
   * execCommand: a watched key touched (or expired since it was watched) makes EXEC answer nil; an
   * error while queueing, EXECABORT. Either way the transaction and the watches end.
   */
  private exec(client: ClientState): Reply {
    const queue = client.multi ?? [];
    if (this.watches.anyExpired(client, this.ks)) client.dirtyCas = true;
    const aborted = client.multiDirty ? error(ERR_EXECABORT) : client.dirtyCas ? NIL : null;
    discardTransaction(client, this.watches);
    if (aborted) return aborted;
    this.execDepth++;
    client.execExtras = [];
    try {
      const replies: Reply[] = [];
      client.inExec = true;
      for (const { spec, fullName, argv } of queue) {
        client.execExtras.push([]);
        replies.push(settled(this.call(client, spec, fullName, argv, 'exec')));
      }
      return array(replies);
    } finally {
      client.inExec = false;
      this.execDepth--;
    }
  }

  /** One run of the active expiry cycle at the clock's current time (the host calls this at hz). */
  runExpiryCycle(kind: CycleKind = 'slow', details = false): CycleRecord {
    // The clients it may wake are served at this time, as after a command.
    this.ks.now = this.commandClock.start();
    const fieldPass = this.currentProfile.activeFieldExpiry;
    const record = activeExpireCycle(this.ks, this.config, this.expiry, kind, { details, fieldPass });
    // An expired stream wakes its XREADGROUP clients (with an error), as after a command.
    if (this.blockers.hasReady) this.serveBlocked();
    return record;
  }
}

/** Inside EXEC and scripts every command answers at once; NO_REPLY cannot happen there. */
function settled(reply: Reply | NoReply): Reply {
  return reply === NO_REPLY ? NIL : (reply as Reply);
}
