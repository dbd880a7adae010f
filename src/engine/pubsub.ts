import type { ClientState } from './command.ts';
import { globMatch } from './glob.ts';
import { array, bulk, int, NIL, type Reply } from './reply.ts';

/**
 * Pub/sub as Redis 7.0 keeps it (pubsub.c): channel → subscribers and pattern → subscribers in
 * subscription order, and shard channels apart (SSUBSCRIBE/SPUBLISH; without a cluster they behave
 * like plain channels that patterns never match). Messages and confirmations go to each client's
 * sink as pushes; a client without one (a script's) cannot subscribe.
 */

export type ChannelKind = 'channel' | 'shard';

const SUBSCRIBE_WORD: Record<ChannelKind, [string, string, string]> = {
  channel: ['subscribe', 'unsubscribe', 'message'],
  shard: ['ssubscribe', 'sunsubscribe', 'smessage'],
};

/** The count a (un)subscribe confirmation carries: shard channels are counted apart. */
function countFor(c: ClientState, kind: ChannelKind): number {
  return kind === 'shard' ? c.shardChannels.size : c.channels.size + c.patterns.length;
}

function clientSet(c: ClientState, kind: ChannelKind): Set<string> {
  return kind === 'shard' ? c.shardChannels : c.channels;
}

export class PubSub {
  private readonly channels = new Map<string, ClientState[]>();
  private readonly shards = new Map<string, ClientState[]>();
  private readonly patterns = new Map<string, ClientState[]>();
  /** Called when the number of subscriptions goes from or to zero (keyspace events start or stop). */
  onActivity: (() => void) | null = null;
  private total = 0;

  get active(): boolean {
    return this.total > 0;
  }

  private registry(kind: ChannelKind): Map<string, ClientState[]> {
    return kind === 'shard' ? this.shards : this.channels;
  }

  private changed(delta: number): void {
    const before = this.total;
    this.total += delta;
    if ((before === 0) !== (this.total === 0)) this.onActivity?.();
  }

  /** pubsubSubscribeChannel: the confirmation carries the client's count after subscribing. */
  subscribe(c: ClientState, channel: string, kind: ChannelKind): Reply {
    const mine = clientSet(c, kind);
    if (!mine.has(channel)) {
      mine.add(channel);
      addTo(this.registry(kind), channel, c);
      this.changed(1);
    }
    return array([bulk(SUBSCRIBE_WORD[kind][0]), bulk(channel), int(countFor(c, kind))]);
  }

  unsubscribe(c: ClientState, channel: string, kind: ChannelKind): Reply {
    const mine = clientSet(c, kind);
    if (mine.delete(channel)) {
      removeFrom(this.registry(kind), channel, c);
      this.changed(-1);
    }
    return array([bulk(SUBSCRIBE_WORD[kind][1]), bulk(channel), int(countFor(c, kind))]);
  }

  /** UNSUBSCRIBE / SUNSUBSCRIBE without arguments: one confirmation per channel, or one with nil. */
  unsubscribeAll(c: ClientState, kind: ChannelKind): Reply[] {
    const out = [...clientSet(c, kind)].map((ch) => this.unsubscribe(c, ch, kind));
    if (out.length === 0) out.push(array([bulk(SUBSCRIBE_WORD[kind][1]), NIL, int(countFor(c, kind))]));
    return out;
  }

  psubscribe(c: ClientState, pattern: string): Reply {
    if (!c.patterns.includes(pattern)) {
      c.patterns.push(pattern);
      addTo(this.patterns, pattern, c);
      this.changed(1);
    }
    return array([bulk('psubscribe'), bulk(pattern), int(countFor(c, 'channel'))]);
  }

  punsubscribe(c: ClientState, pattern: string): Reply {
    const i = c.patterns.indexOf(pattern);
    if (i >= 0) {
      c.patterns.splice(i, 1);
      removeFrom(this.patterns, pattern, c);
      this.changed(-1);
    }
    return array([bulk('punsubscribe'), bulk(pattern), int(countFor(c, 'channel'))]);
  }

  punsubscribeAll(c: ClientState): Reply[] {
    const out = [...c.patterns].map((p) => this.punsubscribe(c, p));
    if (out.length === 0) out.push(array([bulk('punsubscribe'), NIL, int(countFor(c, 'channel'))]));
    return out;
  }

  /** Forgets every subscription of a client going away (or RESET), without telling it. */
  dropClient(c: ClientState): void {
    for (const ch of [...c.channels]) this.unsubscribe(c, ch, 'channel');
    for (const ch of [...c.shardChannels]) this.unsubscribe(c, ch, 'shard');
    for (const p of [...c.patterns]) this.punsubscribe(c, p);
  }

  /** PUBLISH / SPUBLISH: the number of clients that received it (a client once per matching pattern). */
  publish(channel: string, message: string, kind: ChannelKind): number {
    let receivers = 0;
    const word = SUBSCRIBE_WORD[kind][2];
    for (const c of this.registry(kind).get(channel) ?? []) {
      push(c, array([bulk(word), bulk(channel), bulk(message)]));
      receivers++;
    }
    if (kind === 'shard') return receivers;
    for (const [pattern, clients] of this.patterns) {
      if (!globMatch(pattern, channel, false)) continue;
      for (const c of clients) {
        push(c, array([bulk('pmessage'), bulk(pattern), bulk(channel), bulk(message)]));
        receivers++;
      }
    }
    return receivers;
  }

  /** PUBSUB CHANNELS / SHARDCHANNELS [pattern]: channels with at least one subscriber. */
  activeChannels(kind: ChannelKind, pattern: string | undefined): string[] {
    const out: string[] = [];
    for (const ch of this.registry(kind).keys()) {
      if (pattern === undefined || globMatch(pattern, ch, false)) out.push(ch);
    }
    return out;
  }

  subscriberCount(channel: string, kind: ChannelKind): number {
    return this.registry(kind).get(channel)?.length ?? 0;
  }

  get patternCount(): number {
    return this.patterns.size;
  }

  channelCount(kind: ChannelKind): number {
    return this.registry(kind).size;
  }
}

function push(c: ClientState, reply: Reply): void {
  c.sink?.deliver({ reply, push: true });
}

function addTo(map: Map<string, ClientState[]>, name: string, c: ClientState): void {
  const list = map.get(name);
  if (list) list.push(c);
  else map.set(name, [c]);
}

function removeFrom(map: Map<string, ClientState[]>, name: string, c: ClientState): void {
  const list = map.get(name);
  if (list === undefined) return;
  const i = list.indexOf(c);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) map.delete(name);
}
