import { createConnection, type Socket } from 'node:net';
import type { Reply } from '../engine/reply.ts';

/**
 * A RESP2 client that keeps every reply's type as redis-cli sees it: status vs bulk string, 64-bit
 * integers exact, nil vs empty array. Sends argv (byte strings) and parses replies into the engine's
 * Reply type, so a real server's replies are formatted and judged exactly like the engine's. Used by
 * `docs check --against` and by the tests that compare with redis-server.
 *
 * Why not node-redis or ioredis: both hand replies over as JavaScript values, which folds status and
 * bulk strings into one type (`OK` vs `"OK"`) and integers above 2^53 into floats; their type
 * mappings (node-redis) can keep one distinction only by giving up another.
 */
export class RespClient {
  private buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void }[] = [];
  private closedWith: Error | null = null;
  /** Where replies nobody waits for go: the messages of a subscribed connection. */
  onPush: ((r: Reply) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    const fail = (e: Error) => {
      this.closedWith ??= e;
      for (const w of this.waiting.splice(0)) w.reject(this.closedWith);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  static connect(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ port, host }, () => {
        socket.setTimeout(0);
        resolve(new RespClient(socket));
      });
      socket.setTimeout(timeoutMs, () => {
        socket.destroy();
        reject(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`));
      });
      socket.once('error', reject);
    });
  }

  /** The reply; rejects only when the connection fails (an error reply is a reply). */
  send(argv: readonly string[]): Promise<Reply> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`)];
    for (const arg of argv) {
      const bytes = Buffer.from(arg, 'latin1');
      parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(Buffer.concat(parts));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private drain(): void {
    while (this.waiting.length > 0 || this.onPush) {
      const parsed = parseReply(this.buffer, 0);
      if (parsed === undefined) return;
      this.buffer = this.buffer.subarray(parsed.end);
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(parsed.reply);
      else this.onPush?.(parsed.reply);
    }
  }
}

/**
 * One reply from `at`, or undefined while it is incomplete. Without recursion: a script's reply may
 * nest arrays thousands deep (Redis converts 7,994 levels).
 */
function parseReply(buf: Buffer, at: number): { reply: Reply; end: number } | undefined {
  const open: { items: Reply[]; left: number }[] = [];
  let pos = at;
  for (;;) {
    const one = parseHeader(buf, pos);
    if (one === undefined) return undefined;
    pos = one.end;
    let reply: Reply | null = one.reply;
    if (reply === null) open.push({ items: [], left: one.count });
    // Close every array that this reply (or an empty array) completes.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return reply === null ? undefined : { reply, end: pos };
      if (reply !== null) {
        top.items.push(reply);
        top.left--;
        reply = null;
      }
      if (top.left > 0) break;
      open.pop();
      reply = { t: 'array', items: top.items };
    }
  }
}

/** A scalar reply, or (reply null) the header of an array of `count` items. */
function parseHeader(
  buf: Buffer,
  at: number,
): { reply: Reply | null; count: number; end: number } | undefined {
  const lineEnd = buf.indexOf('\r\n', at);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[at] as number);
  const line = buf.toString('latin1', at + 1, lineEnd);
  const next = lineEnd + 2;
  const scalar = (reply: Reply, end = next) => ({ reply, count: 0, end });
  switch (type) {
    case '+':
      return scalar({ t: 'status', s: line });
    case '-':
      return scalar({ t: 'error', s: line });
    case ':': {
      const n = BigInt(line);
      const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
      return scalar({ t: 'int', n: safe ? Number(n) : n });
    }
    case '$': {
      const len = Number(line);
      if (len < 0) return scalar({ t: 'nil' });
      if (buf.length < next + len + 2) return undefined;
      return scalar({ t: 'bulk', s: buf.toString('latin1', next, next + len) }, next + len + 2);
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return scalar({ t: 'nil' });
      if (count === 0) return scalar({ t: 'array', items: [] });
      return { reply: null, count, end: next };
    }
    default:
      throw new Error(`unexpected RESP type ${type}`);
  }
}
