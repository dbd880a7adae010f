import { createConnection } from 'node:net';
import { type RunningServer, startServer } from '../cli/serve.ts';
import type { Compat } from '../engine/compat.ts';
import type { ParserLimits } from '../server/request-parser.ts';

/**
 * `serve` started in-process for tests (127.0.0.1, a port the OS picks), and raw socket exchanges
 * to compare its bytes with a real redis-server's.
 */

export function startServe(
  clock: 'system' | 'virtual' = 'virtual',
  limits?: ParserLimits,
  compat?: Compat,
): Promise<RunningServer> {
  return startServer({ port: 0, bind: '127.0.0.1', clock, limits, ...(compat ? { compat } : {}) });
}

export interface Exchange {
  /** Everything the server sent, as a byte string. */
  readonly data: string;
  /** The server closed the connection. */
  readonly closed: boolean;
}

export interface ExchangeOptions {
  /** Pause between chunks, so each goes out in its own TCP segment. */
  readonly gapMs?: number;
  /** How long to wait for more after the last byte came (or was sent) before giving up. */
  readonly idleMs?: number;
  /**
   * Bytes expected (what the other server sent): until that many came, wait up to 10 s rather than
   * `idleMs`, so a loaded machine does not pass for silence.
   */
  readonly expectBytes?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects, writes the chunks (byte strings), and collects replies until closed or idle. */
export function exchange(
  port: number,
  chunks: readonly string[],
  options: ExchangeOptions = {},
): Promise<Exchange> {
  const idleMs = options.idleMs ?? 200;
  const expectBytes = options.expectBytes ?? 0;
  let receivedBytes = 0;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    const received: Buffer[] = [];
    let closed = false;
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      socket.destroy();
      resolve({ data: Buffer.concat(received).toString('latin1'), closed });
    };
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(finish, receivedBytes < expectBytes ? 10_000 : idleMs);
    };
    socket.on('data', (d) => {
      received.push(d);
      receivedBytes += d.length;
      armIdle();
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', (e) => {
      // A reset after the server closed with unread input is still a close.
      if ((e as NodeJS.ErrnoException).code === 'ECONNRESET') closed = true;
      else if (!done) reject(e);
    });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) break;
        socket.write(Buffer.from(chunk, 'latin1'));
        if (options.gapMs) await sleep(options.gapMs);
      }
      armIdle();
    });
  });
}

/** Each byte in its own chunk. */
export const byteByByte = (s: string): string[] => [...s];

/** Client ids and ports differ between two servers; mask them where a reply shows them. */
export function maskIds(data: string): string {
  return data
    .replace(/(\$2\r\nid\r\n:)\d+/g, '$1<id>')
    .replace(/\bid=\d+/g, 'id=<id>')
    .replace(/(addr|laddr)=[^ ]+/g, '$1=<addr>')
    .replace(/\bfd=\d+/g, 'fd=<fd>');
}
