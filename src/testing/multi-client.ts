import { formatReply } from '../engine/format.ts';
import type { Reply } from '../engine/reply.ts';
import type { ClientStep } from './arbitraries/clients.ts';
import { StreamPeer, settle } from './stream-peer.ts';

/**
 * One server's side of the multi-client differential: three recorded connections and a fourth
 * one for barriers. Steps go to both servers in turn; afterwards each connection's whole stream
 * (replies, pushes, late replies) is compared, normalised only where Redis leaves the order to its
 * hash tables: which channel a bare UNSUBSCRIBE drops first, and which pattern hears a message first.
 */
export class ServerSide {
  private constructor(
    readonly peers: readonly StreamPeer[],
    private readonly barrier: StreamPeer,
  ) {}

  static async open(port: number, connections: number): Promise<ServerSide> {
    const peers: StreamPeer[] = [];
    for (let i = 0; i < connections; i++) peers.push(await StreamPeer.connect(port));
    return new ServerSide(peers, await StreamPeer.connect(port));
  }

  /**
   * Sends a step and waits until the server has handled it: its reply, or (a client that waits)
   * a short grace period, then a PING on the barrier connection and a quiet moment.
   */
  async run(step: ClientStep): Promise<void> {
    const peer = this.peers[step.conn] as StreamPeer;
    const before = peer.frames.length;
    peer.send(step.argv);
    const end = Date.now() + 60;
    while (peer.frames.length === before && Date.now() < end) await sleep(2);
    if (step.pauseMs) await sleep(step.pauseMs);
    await this.sync();
  }

  async sync(): Promise<void> {
    await this.barrier.request(['PING']);
    await settle([...this.peers, this.barrier]);
  }

  /** Answers every client still waiting (as a timeout), until none is, then resets all connections. */
  async finish(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const list = await this.barrier.request(['CLIENT', 'LIST']);
      const ids = [...(list.t === 'bulk' ? list.s : '').matchAll(/id=(\d+) [^\n]* flags=\w*b/g)].map(
        (m) => m[1],
      );
      if (ids.length === 0) break;
      for (const id of ids) await this.barrier.request(['CLIENT', 'UNBLOCK', id as string]);
      await this.sync();
    }
    for (const p of this.peers) p.send(['RESET']);
    await this.sync();
  }

  /** The streams so far, normalised, and forgotten. */
  take(): string[] {
    return this.peers.map((p) => normalizeStream(p.frames.splice(0)).map(formatReply).join(''));
  }

  async reset(): Promise<void> {
    for (const argv of [
      ['FLUSHALL'],
      ['CONFIG', 'SET', 'notify-keyspace-events', '', 'maxmemory', '0'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
    ]) {
      await this.barrier.request(argv);
    }
  }

  close(): void {
    for (const p of [...this.peers, this.barrier]) p.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const word = (r: Reply): string | null => {
  const first = r.t === 'array' ? r.items[0] : undefined;
  return first?.t === 'bulk' ? first.s : null;
};

const textOf = (r: Reply | undefined): string => (r?.t === 'bulk' ? r.s : r?.t === 'nil' ? '' : '?');

/**
 * Sorts what Redis orders by hash: the channels of consecutive unsubscribe confirmations (their
 * counts stay in place) and consecutive pmessages of one message to one client by pattern.
 */
export function normalizeStream(frames: readonly Reply[]): Reply[] {
  const out = [...frames];
  let i = 0;
  while (i < out.length) {
    const w = word(out[i] as Reply);
    let j = i + 1;
    if (w === 'unsubscribe' || w === 'sunsubscribe' || w === 'punsubscribe') {
      while (j < out.length && word(out[j] as Reply) === w) j++;
      sortRun(out, i, j, 1);
    } else if (w === 'pmessage') {
      const key = (r: Reply) => (r.t === 'array' ? `${textOf(r.items[2])}\0${textOf(r.items[3])}` : '');
      while (j < out.length && word(out[j] as Reply) === w && key(out[j] as Reply) === key(out[i] as Reply))
        j++;
      sortRun(out, i, j, 1);
    }
    i = j;
  }
  return out;
}

/** Sorts item `at` of the arrays in out[from, to) among themselves, leaving their other items be. */
function sortRun(out: Reply[], from: number, to: number, at: number): void {
  if (to - from < 2) return;
  const run = out.slice(from, to) as { t: 'array'; items: readonly Reply[] }[];
  const sorted = run
    .map((r) => r.items[at] as Reply)
    .sort((a, b) => (textOf(a) < textOf(b) ? -1 : textOf(a) > textOf(b) ? 1 : 0));
  run.forEach((r, k) => {
    const items = [...r.items];
    items[at] = sorted[k] as Reply;
    out[from + k] = { t: 'array', items };
  });
}
