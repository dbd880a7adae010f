import type { Engine } from '../engine/engine.ts';
import { publishedChannels } from '../engine/events.ts';
import type { Reply } from '../engine/reply.ts';
import { RespClient } from './resp-client.ts';

/**
 * What each side published as keyspace notifications, as `channel message` lines in order, for the
 * differential test. On the real server a subscribed connection listens on `__key*__:*`; after a
 * command's reply, a third connection publishes a marker on a channel the same pattern matches, and
 * since one subscriber's messages arrive in the order they were published, everything before the
 * marker is what the command (already answered) published.
 */

/** Every class, key-miss and new-key included, on both channels. */
export const ALL_EVENTS_FLAGS = 'KEAmn';

const MARKER_CHANNEL = '__keymarker__:sync';

export class RedisEventTap {
  private lines: string[] = [];
  private seq = 0;
  private waiter: { seq: string; resolve: (lines: string[]) => void } | null = null;

  private constructor(
    private readonly sub: RespClient,
    private readonly marker: RespClient,
  ) {
    sub.onPush = (r) => this.receive(r);
  }

  static async connect(port: number): Promise<RedisEventTap> {
    const sub = await RespClient.connect(port);
    const marker = await RespClient.connect(port);
    const tap = new RedisEventTap(sub, marker);
    const ok = await sub.send(['PSUBSCRIBE', '__key*__:*']);
    if (ok.t !== 'array') throw new Error(`PSUBSCRIBE failed: ${JSON.stringify(ok)}`);
    return tap;
  }

  /** The lines published since the last call. */
  async take(): Promise<string[]> {
    const seq = String(++this.seq);
    const arrived = new Promise<string[]>((resolve) => {
      this.waiter = { seq, resolve };
    });
    await this.marker.send(['PUBLISH', MARKER_CHANNEL, seq]);
    return arrived;
  }

  close(): void {
    this.sub.close();
    this.marker.close();
  }

  private receive(r: Reply): void {
    if (r.t !== 'array' || r.items.length !== 4) throw new Error(`unexpected push ${JSON.stringify(r)}`);
    const [kind, , channel, message] = r.items.map((i) => (i.t === 'bulk' ? i.s : ''));
    if (kind !== 'pmessage') return;
    if (channel === MARKER_CHANNEL) {
      const waiter = this.waiter;
      if (waiter === null || message !== waiter.seq) throw new Error(`marker ${message} out of order`);
      this.waiter = null;
      waiter.resolve(this.lines);
      this.lines = [];
      return;
    }
    this.lines.push(`${channel} ${message}`);
  }
}

/** The same lines from the engine: its events through the channels its notify flags publish. */
export class EngineEventTap {
  private lines: string[] = [];

  constructor(engine: Engine) {
    engine.onEvent((ev) => {
      for (const channel of publishedChannels(ev, engine.config.notifyFlags)) {
        this.lines.push(`${channel} ${channel.startsWith('__keyspace@') ? ev.event : ev.key}`);
      }
    });
  }

  take(): string[] {
    const out = this.lines;
    this.lines = [];
    return out;
  }
}

/**
 * Commands whose events come in hash order: SCAN (and the full scan before RANDOMKEY) expires the
 * stale keys it meets as it walks the table, SORT looks up BY/GET keys in the order it read a set.
 * Their events are compared as multisets; everything else in order. SORT with BY and LIMIT on a
 * set even picks which elements (so which GET keys) by hash order among equal weights, as its reply
 * is compared by shape: there only the events, not their keys, are compared.
 */
const HASH_ORDERED = new Set(['scan', 'randomkey', 'sort', 'sort_ro']);

const keyless = (line: string) =>
  line.replace(/^(__keyspace@\d+__:).* (\S+)$/, '$1* $2').replace(/^(__keyevent@\d+__:\S+) .*$/, '$1 *');

export function eventsDiffer(
  argv: readonly string[],
  queued: readonly (readonly string[])[] | null,
  published: readonly string[],
  emitted: readonly string[],
): boolean {
  const commands = [argv, ...(queued ?? [])];
  const unordered = commands.some((a) => HASH_ORDERED.has((a[0] as string).toLowerCase()));
  const limited = commands.some(
    (a) =>
      /^sort(_ro)?$/i.test(a[0] as string) &&
      a.some((x) => /^by$/i.test(x)) &&
      a.some((x) => /^limit$/i.test(x)),
  );
  const text = (lines: readonly string[]) =>
    (unordered ? [...lines].map(limited ? keyless : (l) => l).sort() : lines).join('\n');
  return text(published) !== text(emitted);
}
