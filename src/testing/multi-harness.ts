import { waitDuration } from '../docs/timing.ts';
import type { DocPage } from '../docs/types.ts';
import { ManualClock } from '../engine/clock.ts';
import type { ClientState, CommandTable } from '../engine/command.ts';
import { ExpiryCron } from '../engine/cron.ts';
import { Engine } from '../engine/engine.ts';
import { formatReply } from '../engine/format.ts';
import type { Reply } from '../engine/reply.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { parseLine } from '../engine/tokenizer.ts';
import { normalizeStream } from './multi-client.ts';
import { StreamPeer, settle } from './stream-peer.ts';

/**
 * Scenarios with several clients, written once and run on the engine (a manual clock, sinks that
 * record what each client receives) or on a real redis-server (one socket per client): the unit
 * tests of the pub/sub, WATCH and blocking families check the engine against replies recorded from
 * redis-server 7.0.15, and check the recording itself when a server is there.
 *
 * A step is `[client, line, expected]`: the client sends the line (redis-cli syntax) and `expected`
 * is everything it received since its previous step, as redis-cli prints it (replies and pushes).
 * An empty line sends nothing and just reads. `wait N` (client `-`) lets N ms pass: the engine's
 * clock moves and its expiry cron and blocked-client timeouts run as a server's would.
 */
export type Step = readonly [client: string, line: string, expected: string];

export interface Backend {
  send(client: string, argv: readonly string[]): void;
  wait(ms: number): Promise<void>;
  /** Everything `client` received since the last call (a real server is given time to send `expected`). */
  take(client: string, expected: string): Promise<Reply[]>;
  close(): Promise<void>;
}

export class EngineBackend implements Backend {
  readonly clock = new ManualClock(1_700_000_000_000);
  readonly engine: Engine;
  /** Each client's received frames, and the requests it sent while blocked (a socket buffers them). */
  private readonly clients = new Map<string, { state: ClientState; frames: Reply[]; pending: string[][] }>();
  private readonly cron = new ExpiryCron(this.clock, () => this.engine, { maxCatchUp: 100_000 });

  /** `table`: the command table to serve (a test may add a command the engine lacks). */
  constructor(table?: CommandTable) {
    this.engine = new Engine({ clock: this.clock, seed: 7, scripting: luaScripting, table });
  }

  private client(name: string) {
    let c = this.clients.get(name);
    if (c === undefined) {
      const state = this.engine.createClient();
      const frames: Reply[] = [];
      state.sink = { deliver: (o) => frames.push(o.reply), close: () => {} };
      c = { state, frames, pending: [] };
      this.clients.set(name, c);
    }
    return c;
  }

  send(client: string, argv: readonly string[]): void {
    const c = this.client(client);
    if (c.state.blocked !== null) c.pending.push([...argv]);
    else this.runNow(c, argv);
    this.afterCommand();
  }

  private runNow(c: { state: ClientState; frames: Reply[] }, argv: readonly string[]): void {
    const reply = this.engine.run(c.state, argv);
    const extras = c.state.execExtras ?? [];
    c.state.execExtras = null;
    if (reply !== null) c.frames.push(...asRead(reply, extras));
  }

  /**
   * What a server does between commands: beforeSleep's fast cycle, blocked-client timeouts, and
   * the requests woken clients had queued (processUnblockedClients).
   */
  private afterCommand(): void {
    this.cron.runDue();
    this.cron.beforeSleep();
    this.engine.timeOutBlockedClients();
    for (const c of this.clients.values()) {
      while (c.state.blocked === null && c.pending.length > 0) this.runNow(c, c.pending.shift() as string[]);
    }
  }

  async wait(ms: number): Promise<void> {
    const end = this.clock.now() + ms;
    while (this.clock.now() < end) {
      this.clock.advance(Math.min(10, end - this.clock.now()));
      this.afterCommand();
    }
  }

  async take(client: string): Promise<Reply[]> {
    return this.client(client).frames.splice(0);
  }

  async close(): Promise<void> {}
}

export class RedisBackend implements Backend {
  private readonly peers = new Map<string, StreamPeer>();
  private barrier: StreamPeer | null = null;
  /** The command each client sent in the current step, until its output is taken. */
  private readonly sent = new Map<string, string>();

  constructor(private readonly port: number) {}

  private async peer(name: string): Promise<StreamPeer> {
    let p = this.peers.get(name);
    if (p === undefined) {
      p = await StreamPeer.connect(this.port);
      this.peers.set(name, p);
    }
    return p;
  }

  /** Connects the scenario's clients in order first, so ids and fds follow the same order. */
  async prepare(steps: readonly Step[]): Promise<void> {
    this.barrier = await StreamPeer.connect(this.port);
    for (const [client] of steps) if (client !== '-') await this.peer(client);
  }

  send(client: string, argv: readonly string[]): void {
    const p = this.peers.get(client);
    if (p === undefined) throw new Error(`client ${client} was not prepared`);
    p.send(argv);
    this.sent.set(client, (argv[0] ?? '').toLowerCase());
  }

  /**
   * A command expected to answer nothing (it blocks, or waits behind a blocked one): wait until the
   * server shows it as the client's last command, so a later command on another connection cannot
   * overtake it on a busy machine. A command queued behind a blocked one never shows: give up soon.
   */
  private async untilRead(client: string, p: StreamPeer): Promise<void> {
    const name = this.sent.get(client);
    const barrier = this.barrier;
    if (name === undefined || barrier === null) return;
    const addr = `addr=127.0.0.1:${p.localPort} `;
    const end = Date.now() + 500;
    while (Date.now() < end) {
      const list = await barrier.request(['CLIENT', 'LIST']);
      const line = list.t === 'bulk' ? list.s.split('\n').find((l) => l.includes(addr)) : undefined;
      if (line === undefined || line.includes(` cmd=${name} `) || line.includes(` cmd=${name}|`)) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async wait(ms: number): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
  }

  /**
   * Waits (up to 3 s) for the frames that make `expected`, then for quiet: output arrives on its
   * own socket in its own time, and this machine may be busy.
   */
  async take(client: string, expected: string): Promise<Reply[]> {
    const p = await this.peer(client);
    if (expected === '') await this.untilRead(client, p);
    this.sent.delete(client);
    await this.barrier?.request(['PING']);
    const end = Date.now() + 3000;
    while (text(p.frames) !== expected && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30));
    return p.frames.splice(0);
  }

  /** For recording: everything `client` received once the server has been quiet for a while. */
  async takeSettled(client: string): Promise<Reply[]> {
    const p = await this.peer(client);
    await this.barrier?.request(['PING']);
    await settle([...this.peers.values()], 40);
    return p.frames.splice(0);
  }

  async close(): Promise<void> {
    for (const p of [...this.peers.values(), ...(this.barrier ? [this.barrier] : [])]) p.close();
  }
}

/**
 * What a RESP2 client reads when EXEC's array carries extra replies (SUBSCRIBE a b inside MULTI):
 * the array takes as many items as its header says, the rest arrive as replies of their own.
 */
export function asRead(reply: Reply, extras: readonly (readonly Reply[])[]): Reply[] {
  if (reply.t !== 'array' || !extras.some((e) => e.length > 0)) return [reply];
  const flat = reply.items.flatMap((item, i) => [item, ...(extras[i] ?? [])]);
  const n = reply.items.length;
  return [{ t: 'array', items: flat.slice(0, n) }, ...flat.slice(n)];
}

/** What redis-cli would print, with what Redis orders by hash (patterns, bare UNSUBSCRIBE) sorted. */
const text = (frames: readonly Reply[]) =>
  normalizeStream(frames).map(formatReply).join('').replace(/\n$/, '');

/** Runs the steps; returns one message per step whose output differs (empty when all match). */
export async function runScenario(backend: Backend, steps: readonly Step[]): Promise<string[]> {
  if (backend instanceof RedisBackend) await backend.prepare(steps);
  const bad: string[] = [];
  for (const [client, line, expected] of steps) {
    const wait = /^wait (\d+)$/.exec(line);
    if (wait) {
      await backend.wait(Number(wait[1]));
      continue;
    }
    if (line !== '') {
      const parsed = parseLine(line);
      if (parsed.kind !== 'command') throw new Error(`not a command: ${line}`);
      backend.send(client, parsed.argv);
    }
    const got = text(await backend.take(client, expected));
    if (got !== expected)
      bad.push(
        `${client}> ${line}\n  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(got)}`,
      );
  }
  await backend.close();
  return bad;
}

/**
 * A page with several clients (`client 2> …`) replayed on a real redis-server, one connection per
 * client: what redis-cli would print for each command step (the subscribe commands' "Reading
 * messages…" line included) and what a client received by a read step. Waits are slept for real
 * (the bundled lessons wait at most a few seconds).
 */
export async function replayClientsOnRedis(port: number, page: DocPage): Promise<Map<number, string>> {
  const backend = new RedisBackend(port);
  const names = new Set<string>(['admin']);
  for (const s of page.steps) if (s.kind === 'command') names.add(String(s.client ?? 1));
  await backend.prepare([...names].map((n) => [n, '', ''] as const));
  for (const argv of [
    ['FLUSHALL'],
    ['CONFIG', 'SET', 'notify-keyspace-events', ''],
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
  ]) {
    backend.send('admin', argv);
    await backend.takeSettled('admin');
  }
  const out = new Map<number, string>();
  for (const step of page.steps) {
    if (step.kind === 'wait') {
      await backend.wait(waitDuration(step));
      continue;
    }
    const client = String(step.client ?? 1);
    let text = '';
    if (step.line !== '') {
      const parsed = parseLine(step.line);
      if (parsed.kind !== 'command') continue;
      if (SUBSCRIBING.test(parsed.argv[0] ?? '')) text = 'Reading messages... (press Ctrl-C to quit)\n';
      backend.send(client, parsed.argv);
    }
    text += normalizeStream(await backend.takeSettled(client))
      .map(formatReply)
      .join('');
    out.set(step.index, text);
  }
  await backend.close();
  return out;
}

const SUBSCRIBING = /^[ps]?subscribe$/i;
