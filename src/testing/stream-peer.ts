import { createConnection, type Socket } from 'node:net';
import { parseReply } from '../cli/resp-client.ts';
import type { Reply } from '../engine/reply.ts';

/**
 * A raw RESP2 connection that records everything the server sends, replies and pushes alike, in
 * order: a subscriber's messages, a blocked client's late reply and the commands it had queued
 * behind it all land in one stream, which the multi-client differential compares whole.
 */
export class StreamPeer {
  private buffer = Buffer.alloc(0);
  readonly frames: Reply[] = [];
  /** When the last byte came (ms, Date.now). */
  lastData = 0;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.lastData = Date.now();
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const parsed = parseReply(this.buffer, 0);
        if (parsed === undefined) break;
        this.buffer = this.buffer.subarray(parsed.end);
        this.frames.push(parsed.reply);
      }
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<StreamPeer> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.setNoDelay(true);
        resolve(new StreamPeer(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Writes a request without waiting for anything. */
  send(argv: readonly string[]): void {
    const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`)];
    for (const a of argv) {
      const bytes = Buffer.from(a, 'latin1');
      parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
    }
    this.socket.write(Buffer.concat(parts));
  }

  /** Sends and waits for the frame count to grow by `n` (a command on a connection that is not blocked). */
  async request(argv: readonly string[], n = 1, timeoutMs = 10_000): Promise<Reply> {
    const want = this.frames.length + n;
    this.send(argv);
    const end = Date.now() + timeoutMs;
    while (this.frames.length < want) {
      if (Date.now() > end || this.closed) throw new Error(`no reply to ${argv.join(' ')}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    return this.frames[want - 1] as Reply;
  }

  /** The port of this end (CLIENT LIST's `addr=127.0.0.1:<port>` names the connection). */
  get localPort(): number | undefined {
    return this.socket.localPort;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Waits until none of the peers has received anything for `quietMs` (counted from the call at least). */
export async function settle(peers: readonly StreamPeer[], quietMs = 15, capMs = 5000): Promise<void> {
  const start = Date.now();
  const end = start + capMs;
  for (;;) {
    const last = Math.max(start, ...peers.map((p) => p.lastData));
    const idle = Date.now() - last;
    if (idle >= quietMs || Date.now() > end) return;
    await new Promise((r) => setTimeout(r, quietMs - idle + 1));
  }
}
