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

function parseReply(buf: Buffer, at: number): { reply: Reply; end: number } | undefined {
  const lineEnd = buf.indexOf('\r\n', at);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[at] as number);
  const line = buf.toString('latin1', at + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { reply: { t: 'status', s: line }, end: next };
    case '-':
      return { reply: { t: 'error', s: line }, end: next };
    case ':': {
      const n = BigInt(line);
      const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
      return { reply: { t: 'int', n: safe ? Number(n) : n }, end: next };
    }
    case '$': {
      const len = Number(line);
      if (len < 0) return { reply: { t: 'nil' }, end: next };
      if (buf.length < next + len + 2) return undefined;
      return { reply: { t: 'bulk', s: buf.toString('latin1', next, next + len) }, end: next + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { reply: { t: 'nil' }, end: next };
      const items: Reply[] = [];
      let pos = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, pos);
        if (item === undefined) return undefined;
        items.push(item.reply);
        pos = item.end;
      }
      return { reply: { t: 'array', items }, end: pos };
    }
    default:
      throw new Error(`unexpected RESP type ${type}`);
  }
}
