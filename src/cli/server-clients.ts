import type { ActualOutput } from '../docs/types.ts';
import { formatForCli, formatReply } from '../engine/format.ts';
import type { Reply } from '../engine/reply.ts';
import type { RespClient } from './resp-client.ts';

/**
 * The clients of a page with `client N>` prompts, replayed on a real server (`docs check
 * --against`): one connection each, opened at the client's first line in the page's database. What
 * a connection receives by itself (a message to a subscriber, the reply of a woken BLPOP) is kept,
 * printed as redis-cli prints it, for the page's next read of that client (`client 2>` alone).
 */

/** How long a reply that may not come at once (SUBSCRIBE's others, a blocking pop) is waited for. */
const SETTLE_MS = 100;

const SUBSCRIBING = /^[ps]?subscribe$/i;
const READING = 'Reading messages... (press Ctrl-C to quit)\n';

export class ServerClient {
  private received = '';

  private constructor(private readonly conn: RespClient) {
    conn.onPush = (reply) => {
      this.received += formatReply(reply);
    };
  }

  static async open(connect: () => Promise<RespClient>, db: number): Promise<ServerClient> {
    const conn = await connect();
    await conn.send(['SELECT', String(db)]);
    return new ServerClient(conn);
  }

  /**
   * Sends one command and returns what redis-cli prints for it: a subscribe command's "Reading
   * messages…" line and every confirmation, or nothing yet for a pop that blocks (its reply comes
   * to a later read, with redis-cli's elapsed time after it).
   */
  async run(argv: readonly string[], mayBlock: boolean, timeoutMs: number): Promise<ActualOutput> {
    this.received = '';
    const started = Date.now();
    const subscribing = SUBSCRIBING.test(argv[0] ?? '');
    const sent = this.conn.send(argv);
    if (!mayBlock && !subscribing) {
      const reply = await within(sent, timeoutMs, argv);
      return { reply, text: formatForCli(argv, reply) };
    }
    let late = false;
    sent.then(
      (r) => {
        if (late) this.received += formatReply(r) + elapsed(started);
      },
      () => {},
    );
    const reply = await Promise.race([sent, sleep(SETTLE_MS).then(() => null)]);
    late = reply === null;
    if (!subscribing) return reply === null ? { text: '' } : { reply, text: formatForCli(argv, reply) };
    // A subscription to several channels answers once per channel: the first reply and the rest.
    await sleep(SETTLE_MS);
    const text = `${READING}${reply === null ? '' : formatReply(reply)}${this.take()}`;
    return { text };
  }

  /** What came by itself since the client's last line, once the server has had time to send it. */
  async read(): Promise<string> {
    await sleep(SETTLE_MS);
    return this.take();
  }

  close(): void {
    this.conn.close();
  }

  private take(): string {
    const text = this.received;
    this.received = '';
    return text;
  }
}

/** redis-cli's "(1.23s)" after a reply that took half a second or more. */
function elapsed(started: number): string {
  const ms = Date.now() - started;
  return ms >= 500 ? `(${(ms / 1000).toFixed(2)}s)\n` : '';
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function within(reply: Promise<Reply>, ms: number, argv: readonly string[]): Promise<Reply> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no reply to ${argv[0]?.toUpperCase()} within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([reply, late]).finally(() => clearTimeout(timer));
}
