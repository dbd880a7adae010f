import type { Clock } from './clock.ts';
import { type SeededRandom, seededRandom } from './clock.ts';
import {
  arg,
  arityOk,
  ClientState,
  type CommandContext,
  type CommandSpec,
  type CommandTable,
  type ScriptRunOptions,
  type ServerServices,
} from './command.ts';
import { cacheScript } from './commands/scripting.ts';
import { NOT_QUEUED } from './commands/transactions.ts';
import { type Compat, DEFAULT_COMPAT, PROFILES, type ServerProfile } from './compat.ts';
import { Config } from './config.ts';
import { ServerDiagnostics } from './diagnostics.ts';
import { ERR_EXECABORT, ERR_OOM, errUnknownCommand, errUnknownSubcommand, errWrongArity } from './errors.ts';
import type { EventCause, EventClass, EventListener, KeyspaceEvent } from './events.ts';
import { activeExpireCycle, type CycleKind, type CycleRecord, ExpiryState } from './expiry.ts';
import { renderInfo } from './info.ts';
import { Keyspace, type KeyspaceObserver } from './keyspace.ts';
import { errOutOfScope } from './out-of-scope.ts';
import { array, error, QUEUED, type Reply } from './reply.ts';
import { ScriptCache } from './scripting/cache.ts';
import { FunctionStore } from './scripting/functions.ts';
import { Rand48 } from './scripting/rand48.ts';
import type { ScriptServer, ScriptVmFactory } from './scripting/types.ts';
import { findSubcommand, tableFor } from './table.ts';

export interface EngineOptions {
  readonly clock: Clock;
  /** Seed for RANDOMKEY and the active cycle's sampling (runs are reproducible). */
  readonly seed?: number;
  /** The server to answer as (default redis-7.0); `table`, when given, must be that server's. */
  readonly compat?: Compat;
  readonly table?: CommandTable;
  /** The Lua interpreter for EVAL and SCRIPT (src/engine/scripting/lua-vm.ts); see setScripting. */
  readonly scripting?: ScriptVmFactory;
}

export interface EngineStats {
  totalCommands: number;
  errorReplies: number;
}

/**
 * The Redis-compatible server: command dispatch in processCommand's order (unknown command, arity,
 * OOM, MULTI queueing, call), transactions, stats, keyspace events and the active expiry cycle.
 * Pure: it never reads the time except through the injected clock and never schedules anything;
 * whoever hosts it calls `runExpiryCycle` at `config.hz`.
 */
export class Engine {
  readonly clock: Clock;
  readonly config = new Config();
  readonly ks: Keyspace;
  private currentTable: CommandTable;
  private currentProfile: ServerProfile;
  readonly random: SeededRandom;
  /** Lua's math.random generator, one per server as in Redis (rand48.ts). */
  readonly luaRandom = new Rand48();
  readonly expiry = new ExpiryState();
  readonly stats: EngineStats = { totalCommands: 0, errorReplies: 0 };
  /** When the server started (INFO uptime); a restored snapshot keeps the first start. */
  startedAt: number;
  readonly diagnostics = new ServerDiagnostics();
  private readonly listeners: EventListener[] = [];
  /** Non-zero while EXEC runs its queue: the time stays frozen for the whole transaction. */
  private execDepth = 0;
  private readonly services: ServerServices;
  private scriptCache: ScriptCache | null = null;
  private functionStore: FunctionStore | null = null;
  /** Scripts of a restored snapshot that wait for the interpreter (the worker loads it late). */
  private pendingScripts: string[] = [];
  /** Function libraries of a restored snapshot that wait for the interpreter, likewise. */
  private pendingFunctions: string[] = [];
  private readonly registered = new Set<ClientState>();
  private nextClientId = 1;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.random = seededRandom(options.seed ?? 0x5eed);
    this.ks = new Keyspace(this.random);
    this.currentProfile = PROFILES[options.compat ?? DEFAULT_COMPAT];
    this.currentTable = options.table ?? tableFor(this.currentProfile.compat);
    this.startedAt = this.clock.now();
    const engine = this;
    this.services = {
      get table() {
        return engine.currentTable;
      },
      get profile() {
        return engine.currentProfile;
      },
      get startedAt() {
        return engine.startedAt;
      },
      diagnostics: this.diagnostics,
      info: (sections) => renderInfo(this, sections),
      setActiveExpire: (on) => {
        this.config.activeExpireEnabled = on;
      },
      exec: (client) => this.exec(client),
      clients: () => this.registered,
      wouldExceedMemory: (extra) =>
        this.config.maxmemory > 0 && this.ks.usedBytes + extra > this.config.maxmemory,
      get scripts() {
        return engine.scriptCache;
      },
      get functions() {
        return engine.functionStore;
      },
      runScript: (client, options, run) => this.runScript(client, options, run),
    };
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
    this.scriptCache = new ScriptCache(factory);
    this.functionStore = new FunctionStore(factory);
    this.loadScripts(this.pendingScripts);
    this.loadFunctions(this.pendingFunctions);
  }

  /** The function libraries' code, in load order (a snapshot saves these). */
  functionCodes(): string[] {
    return [...(this.functionStore?.codes() ?? []), ...this.pendingFunctions];
  }

  /** Changes whenever a library is loaded, deleted, restored or flushed. */
  get functionsVersion(): number {
    return this.functionStore?.version ?? 0;
  }

  /** The libraries are exactly `codes` (a replayed log record). */
  replaceFunctions(codes: readonly string[]): void {
    this.functionStore?.flush();
    this.pendingFunctions = [];
    this.loadFunctions(codes);
  }

  /** Loads saved libraries, or keeps them until the interpreter is installed. */
  loadFunctions(codes: readonly string[]): void {
    const store = this.functionStore;
    if (store === null) {
      this.pendingFunctions = [...this.pendingFunctions, ...codes];
      return;
    }
    this.pendingFunctions = [];
    for (const code of codes) store.load(code, true);
  }

  /** The script cache's bodies, in the order they were loaded (a snapshot saves these). */
  scriptBodies(): string[] {
    const cached = this.scriptCache ? [...this.scriptCache.scripts.values()].map((s) => s.body) : [];
    return [...cached, ...this.pendingScripts];
  }

  /** Changes whenever a script is loaded or the cache flushed. */
  get scriptsVersion(): number {
    return this.scriptCache?.version ?? 0;
  }

  /** The cache holds exactly `bodies` (a replayed log record: SCRIPT FLUSH and loads in between). */
  replaceScripts(bodies: readonly string[]): void {
    this.scriptCache?.flush();
    this.pendingScripts = [];
    this.loadScripts(bodies);
  }

  /** Puts saved scripts back in the cache, or keeps them until the interpreter is installed. */
  loadScripts(bodies: readonly string[]): void {
    const cache = this.scriptCache;
    if (cache === null) {
      this.pendingScripts = [...this.pendingScripts, ...bodies];
      return;
    }
    this.pendingScripts = [];
    for (const body of bodies) cacheScript(cache, body);
  }

  get scriptingReady(): boolean {
    return this.scriptCache !== null;
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
    const oomAtStart = this.config.maxmemory > 0 && this.ks.usedBytes > this.config.maxmemory;
    let dirty = false;
    const cause = this.ks.cause;
    const call: ScriptServer['call'] = (argv) => {
      const base = this.table.get(arg(argv, 0));
      let spec = base;
      let fullName = base?.name ?? '';
      if (base?.subcommands && argv.length >= 2) {
        spec = findSubcommand(base, arg(argv, 1));
        fullName = `${base.name}|${spec?.name}`;
      }
      if (base === undefined || spec === undefined) {
        return { rejected: 'Unknown Redis command called from script' };
      }
      if (!arityOk(spec.arity, argv.length) || (spec.handler === undefined && base.subcommands)) {
        return { rejected: 'Wrong number of args calling Redis command from script' };
      }
      if (spec.flags.includes('noscript') || base.flags.includes('noscript')) {
        return { rejected: 'This Redis command is not allowed from script' };
      }
      const writes = spec.flags.includes('write');
      if (writes && options.readOnly) {
        return { rejected: 'Write commands are not allowed from read-only scripts.' };
      }
      if (oomAtStart && !options.allowOom && !dirty && spec.flags.includes('denyoom')) {
        return { rejected: `-${ERR_OOM}` };
      }
      if (writes) dirty = true;
      return this.call(client, spec, fullName, argv);
    };
    const known = (argv: readonly string[]): boolean => {
      const base = this.table.get(arg(argv, 0));
      return argv.length === 1 || !base?.subcommands
        ? base !== undefined
        : findSubcommand(base, arg(argv, 1)) !== undefined;
    };
    this.execDepth++;
    try {
      return run({ call, known, random: this.luaRandom });
    } finally {
      this.execDepth--;
      this.ks.cause = cause;
    }
  }

  /** A new connection's state, registered for CLIENT LIST and INFO until `removeClient`. */
  createClient(): ClientState {
    const client = new ClientState();
    client.id = this.nextClientId++;
    client.createdAt = client.lastInteraction = this.clock.now();
    this.registered.add(client);
    return client;
  }

  /** The connection is gone (closed or dropped): its state is forgotten. */
  removeClient(client: ClientState): void {
    this.registered.delete(client);
  }

  get connectedClients(): number {
    return this.registered.size;
  }

  /** Subscribes to keyspace events (all of them, whatever notify-keyspace-events says). */
  onEvent(listener: EventListener): () => void {
    this.listeners.push(listener);
    this.ks.emit = this.emit;
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
      if (this.listeners.length === 0) this.ks.emit = null;
    };
  }

  setObserver(observer: KeyspaceObserver | null): void {
    this.ks.observer = observer;
  }

  private readonly emit = (
    db: number,
    key: string,
    event: string,
    cls: EventClass,
    cause: EventCause,
  ): void => {
    const ev: KeyspaceEvent = { db, key, event, cls, cause };
    for (const l of this.listeners) l(ev);
  };

  /**
   * Runs one command (argv of byte strings) for `client` and returns its reply. Never throws: an
   * unexpected failure becomes an error reply, so a bad input cannot take the host down.
   */
  execute(client: ClientState, argv: readonly string[]): Reply {
    if (argv.length === 0) return error('ERR empty command');
    if (this.execDepth === 0) this.ks.now = this.clock.now();
    try {
      return this.process(client, argv);
    } catch (e) {
      // A RangeError is JavaScript refusing an allocation (a string or array past its limits): the
      // reply of a server without the memory. Commands check their sizes first; this is the net.
      if (e instanceof RangeError) return error(ERR_OOM);
      return error(`ERR internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private process(client: ClientState, argv: readonly string[]): Reply {
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
    if (!arityOk(spec.arity, argv.length) || (spec.handler === undefined && base.subcommands)) {
      return this.reject(client, errWrongArity(fullName));
    }
    if (spec.rejectedWith !== undefined) return this.reject(client, spec.rejectedWith);
    const inMulti = client.multi !== null;
    if (this.config.maxmemory > 0 && this.ks.usedBytes > this.config.maxmemory) {
      const denyoom =
        spec.flags.includes('denyoom') ||
        (base.name === 'exec' && (client.multi ?? []).some((q) => q.spec.flags.includes('denyoom')));
      const rejectOnOom = denyoom || (inMulti && base.name !== 'exec' && base.name !== 'discard');
      if (rejectOnOom) return this.reject(client, ERR_OOM);
    }
    if (client.multi !== null && !NOT_QUEUED.has(base.name)) {
      client.multi.push({ spec, fullName, argv });
      return QUEUED;
    }
    return this.call(client, spec, fullName, argv);
  }

  /** rejectCommand: an error that also dooms an open transaction. */
  private reject(client: ClientState, message: string): Reply {
    if (client.multi !== null) client.multiDirty = true;
    this.stats.errorReplies++;
    return error(message);
  }

  private call(client: ClientState, spec: CommandSpec, fullName: string, argv: readonly string[]): Reply {
    this.stats.totalCommands++;
    this.diagnostics.countCall(fullName);
    this.ks.cause = { kind: 'command', command: fullName, argv };
    const ctx: CommandContext = {
      ks: this.ks,
      db: this.ks.db(client.db),
      client,
      config: this.config,
      clock: this.clock,
      random: this.random,
      fullName,
      server: this.services,
    };
    const reply = (spec.handler as NonNullable<CommandSpec['handler']>)(ctx, argv);
    if (reply.t === 'error') this.stats.errorReplies++;
    return reply;
  }

  private exec(client: ClientState): Reply {
    const queue = client.multi ?? [];
    const dirty = client.multiDirty;
    client.multi = null;
    client.multiDirty = false;
    if (dirty) return error(ERR_EXECABORT);
    this.execDepth++;
    try {
      const replies: Reply[] = [];
      client.inExec = true;
      for (const { spec, fullName, argv } of queue) replies.push(this.call(client, spec, fullName, argv));
      return array(replies);
    } finally {
      client.inExec = false;
      this.execDepth--;
    }
  }

  /** One run of the active expiry cycle at the clock's current time (the host calls this at hz). */
  runExpiryCycle(kind: CycleKind = 'slow', details = false): CycleRecord {
    this.ks.now = this.clock.now();
    const fieldPass = this.currentProfile.activeFieldExpiry;
    return activeExpireCycle(this.ks, this.config, this.expiry, kind, { details, fieldPass });
  }
}
