import type { Blocking } from './blocking.ts';
import type { Clock } from './clock.ts';
import type { ClientState, CommandTable, ServerServices } from './command.ts';
import type { Compat } from './compat.ts';
import type { Engine } from './engine.ts';
import type { ScriptHost } from './engine-scripts.ts';
import { renderInfo } from './info.ts';
import type { Keyspace, KeyspaceHooks } from './keyspace.ts';
import type { Reply } from './reply.ts';
import { error } from './reply.ts';
import type { ScriptVmFactory } from './scripting/types.ts';
import type { Watches } from './watch.ts';

/**
 * How the engine's parts reach each other: its options, the keyspace's hooks, the services commands
 * use, and the transaction bookkeeping its dispatch shares with EXEC.
 */

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
  /** Connections accepted (INFO total_connections_received). */
  connectionsReceived: number;
}

/**
 * What the keyspace tells the server (db.c's hooks): a modified key touches its watchers, a created
 * key wakes the clients blocked on it, FLUSHDB and SWAPDB touch every watched key of the databases
 * and serve the clients waiting on keys that now exist.
 */
export function keyspaceHooks(ks: Keyspace, watches: Watches, blockers: Blocking): KeyspaceHooks {
  return {
    modified: (db, key) => {
      if (watches.size > 0) watches.touch(db, key);
      blockers.streamKeyChanged(db, key);
    },
    added: (db, key, type) => blockers.signal(db.id, key, type),
    flushing: (db) => {
      if (watches.size > 0) watches.touchAllInDb(ks, db, null);
      blockers.flushing(db);
    },
    swapping: (a, b) => {
      if (watches.size === 0) return;
      watches.touchAllInDb(ks, a, b);
      watches.touchAllInDb(ks, b, a);
    },
    swapped: (...dbs) => {
      // A key someone waits on may now exist (stale or not, as Redis looks it up).
      for (const db of dbs)
        for (const key of blockers.keysWaitedOn(db.id)) {
          const e = db.dict.get(key);
          if (e !== undefined) blockers.signal(db.id, key, e.type);
        }
    },
  };
}
/** The engine's private parts the services reach. */
export interface ServiceInternals {
  exec(client: ClientState): Reply;
  runScript: ServerServices['runScript'];
  readonly scripts: ScriptHost;
}

/** The services commands reach through `ctx.server` (getters where the value may change). */
export function createServices(engine: Engine, internals: ServiceInternals): ServerServices {
  return {
    get table() {
      return engine.table;
    },
    get profile() {
      return engine.profile;
    },
    get startedAt() {
      return engine.startedAt;
    },
    diagnostics: engine.diagnostics,
    info: (sections) => renderInfo(engine, sections),
    setActiveExpire: (on) => {
      engine.config.activeExpireEnabled = on;
    },
    exec: internals.exec,
    clients: () => engine.clients.all,
    wouldExceedMemory: (extra) =>
      engine.config.maxmemory > 0 && engine.ks.usedBytes + extra > engine.config.maxmemory,
    get scripts() {
      return internals.scripts.cache;
    },
    get functions() {
      return internals.scripts.functions;
    },
    runScript: internals.runScript,
    watches: engine.watches,
    pubsub: engine.pubsub,
    blockers: engine.blockers,
    kill: (client) => engine.clients.kill(client),
    unblock: (client, withError) => engine.clients.unblock(client, withError),
    resetStats: () => resetStats(engine),
  };
}

/** CONFIG RESETSTAT: the counters INFO shows go back to zero. */
function resetStats(engine: Engine): void {
  engine.stats.totalCommands = 0;
  engine.stats.errorReplies = 0;
  engine.stats.connectionsReceived = 0;
  const ks = engine.ks.stats;
  ks.expiredKeys = 0;
  ks.keyspaceHits = 0;
  ks.keyspaceMisses = 0;
  engine.expiry.resetStats();
  // resetCommandTableStats: the commands' latency histograms start again.
  engine.diagnostics.resetCalls();
}

/**
 * rejectCommand: an error that also dooms an open transaction. A rejected EXEC ends the
 * transaction at once (execCommandAbort), with the reason after EXECABORT's own words.
 */
export function rejectCommand(
  client: ClientState,
  message: string,
  isExec: boolean,
  watches: Watches,
): Reply {
  if (isExec) {
    discardTransaction(client, watches);
    return error(`EXECABORT Transaction discarded because of: ${message.replace(/^ERR /, '')}`);
  }
  if (client.multi !== null) client.multiDirty = true;
  return error(message);
}

/** discardTransaction: the queue, its errors and the watched keys go. */
export function discardTransaction(client: ClientState, watches: Watches): void {
  client.multi = null;
  client.multiDirty = false;
  client.dirtyCas = false;
  watches.unwatchAll(client);
}
