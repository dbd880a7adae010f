import type { ClientState, CommandContext } from './command.ts';
import type { Db, DbIndex, Keyspace, ValueType } from './keyspace.ts';
import { NIL, type Reply } from './reply.ts';

/**
 * Clients blocked in BLPOP, BZPOPMIN and the like (blocked.c): per database, each key's blocked
 * clients in the order they blocked (first blocked, first served), the keys that became ready since
 * (a list or sorted set was created under a key someone waits on: signalKeyAsReady), and the
 * timeouts. The engine serves ready keys after each top-level command and times clients out when
 * its host asks (on its clock, so a virtual clock's jump wakes them too). XREAD and XREADGROUP wait on streams: an
 * XADD makes the key ready even when it existed, and a stream deleted, replaced or flushed (or its
 * group destroyed) makes it ready too, so that XREADGROUP learns (signalDeletedKeyAsReady).
 */

export type BlockKind = 'list' | 'zset' | 'stream';

export interface BlockedOn {
  readonly kind: BlockKind;
  readonly db: DbIndex;
  /** The keys waited on, each once, in argument order. */
  readonly keys: readonly string[];
  /** Clock ms the wait ends after (`timeout < now`, as Redis compares); 0 waits forever. */
  readonly timeout: number;
  /** When the client blocked (the UI's "blocked for" bar starts there). */
  readonly since: number;
  readonly argv: readonly string[];
  readonly fullName: string;
  /**
   * Serves the client from `key`, which now holds a non-empty value of `kind` (a stream: which was
   * signalled, whatever it holds now): its reply, or null to keep waiting.
   */
  readonly serve: (ctx: CommandContext, key: string) => Reply | null;
}

interface ReadyKey {
  readonly db: DbIndex;
  readonly key: string;
}

export class Blocking {
  private readonly byDb = new Map<number, Map<string, ClientState[]>>();
  private ready: ReadyKey[] = [];
  private readonly readyIds = new Set<string>();
  private readonly counts: Record<BlockKind, number> = { list: 0, zset: 0, stream: 0 };
  /** Blocked clients in the order they blocked. */
  readonly clients = new Set<ClientState>();

  block(c: ClientState, on: BlockedOn): void {
    c.blocked = on;
    this.clients.add(c);
    this.counts[on.kind]++;
    let keys = this.byDb.get(on.db);
    if (keys === undefined) {
      keys = new Map();
      this.byDb.set(on.db, keys);
    }
    for (const key of on.keys) {
      const waiting = keys.get(key);
      if (waiting) waiting.push(c);
      else keys.set(key, [c]);
    }
  }

  /** Forgets the wait (served, timed out, unblocked or gone); the caller replies, if anyone. */
  unblock(c: ClientState): void {
    const on = c.blocked;
    if (on === null) return;
    c.blocked = null;
    this.clients.delete(c);
    this.counts[on.kind]--;
    const keys = this.byDb.get(on.db);
    for (const key of on.keys) {
      const waiting = keys?.get(key);
      if (waiting === undefined) continue;
      const i = waiting.indexOf(c);
      if (i >= 0) waiting.splice(i, 1);
      if (waiting.length === 0) keys?.delete(key);
    }
  }

  /** signalKeyAsReady: a key was created holding `type`; queue it if someone may be served. */
  signal(db: DbIndex, key: string, type: ValueType): void {
    if (type !== 'list' && type !== 'zset' && type !== 'stream') return;
    if (this.counts[type] === 0) return;
    this.queue(db, key);
  }

  /** XADD, XGROUP DESTROY: a stream someone may wait on changed (it existed or not before). */
  signalStream(db: DbIndex, key: string): void {
    if (this.counts.stream > 0) this.queue(db, key);
  }

  /** A key was modified: if it no longer holds a stream, its XREADGROUP clients must hear it. */
  streamKeyChanged(db: Db, key: string): void {
    if (this.counts.stream === 0 || db.dict.get(key)?.type === 'stream') return;
    this.queue(db.id, key);
  }

  /** A database is about to be emptied: every stream waited on in it goes. */
  flushing(db: Db): void {
    if (this.counts.stream === 0) return;
    for (const key of this.keysWaitedOn(db.id)) this.queue(db.id, key);
  }

  private queue(db: DbIndex, key: string): void {
    if (this.byDb.get(db)?.has(key) !== true) return;
    const id = `${db}\0${key}`;
    if (this.readyIds.has(id)) return;
    this.readyIds.add(id);
    this.ready.push({ db, key });
  }

  get hasReady(): boolean {
    return this.ready.length > 0;
  }

  /** The keys signalled so far; keys signalled while serving them go to the next batch. */
  takeReady(): ReadyKey[] {
    const batch = this.ready;
    this.ready = [];
    return batch;
  }

  /** Marks a key as handled, so a later signal queues it again (BLMOVE pushing where others wait). */
  handled(r: ReadyKey): void {
    this.readyIds.delete(`${r.db}\0${r.key}`);
  }

  /** The keys someone waits on in a database (a copy). */
  keysWaitedOn(db: DbIndex): string[] {
    return [...(this.byDb.get(db)?.keys() ?? [])];
  }

  /** The clients waiting on a key, first blocked first (a copy: serving changes the list). */
  waiting(db: DbIndex, key: string): ClientState[] {
    return [...(this.byDb.get(db)?.get(key) ?? [])];
  }

  /** Clients whose timeout has passed at `now`, earliest timeout first (the timeout table's order). */
  timedOut(now: number): ClientState[] {
    const out: ClientState[] = [];
    for (const c of this.clients) {
      const t = c.blocked?.timeout ?? 0;
      if (t !== 0 && t < now) out.push(c);
    }
    return out.sort((a, b) => (a.blocked?.timeout ?? 0) - (b.blocked?.timeout ?? 0) || a.id - b.id);
  }

  /** The earliest timeout of a blocked client (a host arms its timer for just after it), or null. */
  nextTimeout(): number | null {
    let best: number | null = null;
    for (const c of this.clients) {
      const t = c.blocked?.timeout ?? 0;
      if (t !== 0 && (best === null || t < best)) best = t;
    }
    return best;
  }
}

/** What serving a ready key needs from the engine. */
export interface ServeEnv {
  readonly ks: Keyspace;
  readonly now: () => number;
  /** A context for `client` running its blocked command again (events are attributed to it). */
  contextFor(client: ClientState, on: BlockedOn): CommandContext;
}

/**
 * handleClientsBlockedOnKeys: serves the clients waiting on each ready key, first blocked first,
 * until the key is gone; keys made ready meanwhile (BLMOVE's push) are served in a further round.
 */
export function serveReadyKeys(b: Blocking, env: ServeEnv): void {
  while (b.hasReady) {
    for (const r of b.takeReady()) {
      b.handled(r);
      const db = env.ks.db(r.db);
      // Time stands still while a key is served (fixed_time_expire), as within a command.
      env.ks.now = env.now();
      const e = env.ks.lookupWrite(db, r.key);
      for (const c of b.waiting(r.db, r.key)) {
        const on = c.blocked;
        // A stream reader judges for itself (the key may be gone: XREADGROUP then gets an error).
        if (on === null || (on.kind !== 'stream' && on.kind !== db.dict.get(r.key)?.type)) continue;
        const reply = on.serve(env.contextFor(c, on), r.key);
        if (reply === null) continue;
        b.unblock(c);
        c.sink?.deliver({ reply, push: false, argv: on.argv });
        if (e !== undefined && e.type !== 'stream' && db.dict.get(r.key) === undefined) break;
      }
    }
  }
}

/** Times out every client whose timeout has passed at `now` (they get a null array). */
export function timeOutBlocked(b: Blocking, now: number): number {
  const late = b.timedOut(now);
  for (const c of late) {
    const on = c.blocked as BlockedOn;
    b.unblock(c);
    c.sink?.deliver({ reply: NIL, push: false, argv: on.argv, timedOut: true });
  }
  return late.length;
}
