import { createServer, type Server, type Socket } from 'node:net';
import { type Clock, ManualClock } from '../engine/clock.ts';
import { type Compat, PROFILES } from '../engine/compat.ts';
import { ExpiryCron } from '../engine/cron.ts';
import { Engine } from '../engine/engine.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { Connection } from '../server/connection.ts';
import { type ParserLimits, REDIS_LIMITS } from '../server/request-parser.ts';
import { encode } from '../server/wire.ts';
import { compatFlag, flagValue } from './flags.ts';
import { SystemClock } from './system-clock.ts';

/**
 * `npm run -s cli -- serve [--port 6379] [--bind 127.0.0.1] [--clock system|virtual] [--compat …]`: the engine
 * as a RESP server, so redis-cli, redis-benchmark and client libraries talk to it unchanged. One
 * engine, one ClientState per connection (src/server/connection.ts does the protocol); the
 * active expiry cycle runs on this process's timer at `hz`, the fast one after each batch of
 * commands as in Redis's beforeSleep.
 */

export interface ServeOptions {
  readonly port: number;
  readonly bind: string;
  readonly clock: 'system' | 'virtual';
  /** The server to answer as (redis-7.0 by default). */
  readonly compat?: Compat;
  readonly limits?: ParserLimits;
  /** redis-server's maxclients default. */
  readonly maxClients?: number;
}

export interface RunningServer {
  readonly port: number;
  readonly engine: Engine;
  close(): Promise<void>;
}

const ERR_MAX_CLIENTS = 'ERR max number of clients reached';

/** anetFormatAddr: IPv6 addresses in brackets. */
function formatAddr(ip: string | undefined, port: number | undefined): string {
  const host = (ip ?? '?').replace(/^::ffff:/, '');
  return host.includes(':') ? `[${host}]:${port ?? 0}` : `${host}:${port ?? 0}`;
}

/** File descriptor numbers as a Redis process would hand them out: the lowest free one from 8. */
class FdPool {
  private readonly used = new Set<number>();
  take(): number {
    let fd = 8;
    while (this.used.has(fd)) fd++;
    this.used.add(fd);
    return fd;
  }
  give(fd: number): void {
    this.used.delete(fd);
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // A virtual clock starts at the real time and then moves only with DEBUG SLEEP.
  const clock: Clock = options.clock === 'virtual' ? new ManualClock(Date.now()) : new SystemClock();
  const engine = new Engine({
    clock,
    scripting: luaScripting,
    ...(options.compat ? { compat: options.compat } : {}),
  });
  const cron = new ExpiryCron(clock, () => engine, { maxCatchUp: 1 });
  const sockets = new Set<Socket>();
  const fds = new FdPool();
  const maxClients = options.maxClients ?? 10_000;

  let beforeSleepQueued = false;
  const beforeSleep = () => {
    if (beforeSleepQueued) return;
    beforeSleepQueued = true;
    setImmediate(() => {
      beforeSleepQueued = false;
      cron.runDue();
      cron.beforeSleep();
    });
  };

  const server: Server = createServer((socket) => {
    if (sockets.size >= maxClients) {
      socket.end(Buffer.from(encode({ t: 'error', s: ERR_MAX_CLIENTS }, 2), 'latin1'));
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    const fd = fds.take();
    const conn = new Connection(
      engine,
      {
        addr: formatAddr(socket.remoteAddress, socket.remotePort),
        laddr: formatAddr(socket.localAddress, socket.localPort),
        fd,
      },
      {
        limits: options.limits ?? REDIS_LIMITS,
        decode: (bytes, start, end) => (bytes as Buffer).toString('latin1', start, end),
        alloc: (n) => Buffer.allocUnsafe(n),
      },
    );
    socket.on('data', (chunk: Buffer) => {
      const out = conn.receive(chunk);
      if (out.data !== '' && !socket.write(Buffer.from(out.data, 'latin1'))) socket.pause();
      // Like Redis's close() after the reply: flushed, then gone (no half-open socket left behind).
      if (out.close) socket.end(() => socket.destroy());
      beforeSleep();
    });
    // A client that does not read its replies stops being read until it catches up.
    socket.on('drain', () => socket.resume());
    // Resets and timeouts end in 'close'; nothing else to do with them.
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      fds.give(fd);
      conn.dispose();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  if (options.clock === 'system') {
    const tick = () => {
      cron.runDue();
      cron.beforeSleep();
      timer = setTimeout(tick, 1000 / engine.config.hz);
    };
    timer = setTimeout(tick, 1000 / engine.config.hz);
  }

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    port,
    engine,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearTimeout(timer);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The warning printed when listening beyond the loopback interface, or null for a loopback address. */
export function bindWarning(bind: string): string | null {
  if (bind === 'localhost' || bind === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bind)) return null;
  return (
    `WARNING: listening on ${bind}: anyone who can reach this address can run any command ` +
    '(no password, FLUSHALL, DEBUG SLEEP, EVAL). Use it on a trusted network only.'
  );
}

export async function runServe(args: readonly string[]): Promise<number> {
  const portArg = flagValue(args, '--port') ?? '6379';
  const bind = flagValue(args, '--bind') ?? '127.0.0.1';
  const clock = flagValue(args, '--clock') ?? 'system';
  const port = Number(portArg);
  if (!/^\d+$/.test(portArg) || port > 65535) {
    process.stderr.write(`invalid port '${portArg}'\n`);
    return 2;
  }
  if (clock !== 'system' && clock !== 'virtual') {
    process.stderr.write(`unknown clock '${clock}' (use system or virtual)\n`);
    return 2;
  }
  const compat = compatFlag(args);
  if (compat === null) return 2;
  const warning = bindWarning(bind);
  if (warning) process.stderr.write(`${warning}\n`);
  let running: RunningServer;
  try {
    running = await startServer({ port, bind, clock, compat });
  } catch (e) {
    process.stderr.write(`cannot listen on ${bind}:${port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  process.stdout.write(
    `Expiry Playground engine (${PROFILES[compat].label} commands) listening on ${formatAddr(bind, running.port)}, ` +
      `${clock} clock. Try: redis-cli -p ${running.port}. Ctrl+C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
