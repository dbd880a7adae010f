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

/**
 * One reply from `at`, or undefined while it is incomplete. Without recursion: a script's reply may
 * nest arrays thousands deep.
 */
function parseReply(buf: Buffer, at: number): { reply: Reply; end: number } | undefined {
  const open: { items: Reply[]; left: number }[] = [];
  let pos = at;
  for (;;) {
    const one = parseHeader(buf, pos);
    if (one === undefined) return undefined;
    pos = one.end;
    let reply: Reply | null = one.reply;
    if (reply === null) {
      open.push({ items: [], left: one.count });
    }
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
