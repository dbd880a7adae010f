import { createConnection, type Socket } from 'node:net';
import type { Reply } from '../engine/reply.ts';

/**
 * A minimal RESP2 client for tests: sends argv (byte strings) to a real redis-server and parses the
 * reply into the engine's Reply type, so both sides can be formatted and compared the same way.
 */
export class RespClient {
  private buffer = Buffer.alloc(0);
  private waiting: ((r: Reply) => void)[] = [];
  /** Where replies nobody waits for go: the messages of a subscribed connection. */
  onPush: ((r: Reply) => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RespClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection({ port, host }, () => resolve(new RespClient(socket)));
      socket.once('error', reject);
    });
  }

  send(argv: readonly string[]): Promise<Reply> {
    const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`)];
    for (const arg of argv) {
      const bytes = Buffer.from(arg, 'latin1');
      parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
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
      const waiter = this.waiting.shift() ?? this.onPush;
      waiter?.(parsed.reply);
    }
  }
}

export function parseReply(buf: Buffer, at: number): { reply: Reply; end: number } | undefined {
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
