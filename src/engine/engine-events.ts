import type { Config } from './config.ts';
import {
  type EventCause,
  type EventClass,
  type EventListener,
  type KeyspaceEvent,
  publishedChannels,
} from './events.ts';
import type { Keyspace } from './keyspace.ts';
import type { PubSub } from './pubsub.ts';

/**
 * Keyspace events for the engine's listeners (all of them) and for pub/sub subscribers (as
 * notify-keyspace-events selects). Events are built only while someone hears them.
 */
export class EventHub {
  private readonly listeners: EventListener[] = [];

  constructor(
    private readonly ks: Keyspace,
    private readonly pubsub: PubSub,
    private readonly config: Config,
  ) {
    pubsub.onActivity = () => this.update();
  }

  /** Adds a listener; returns what removes it. */
  listen(listener: EventListener): () => void {
    this.listeners.push(listener);
    this.update();
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
      this.update();
    };
  }

  /** The keyspace emits only while there is a listener or a pub/sub subscriber. */
  private update(): void {
    this.ks.emit = this.listeners.length > 0 || this.pubsub.active ? this.emit : null;
  }

  private readonly emit = (
    db: number,
    key: string,
    event: string,
    cls: EventClass,
    cause: EventCause,
  ): void => {
    const ev: KeyspaceEvent = { db, key, event, cls, cause };
    for (const l of this.listeners) l(ev);
    const flags = this.config.notifyFlags;
    if (flags !== 0 && this.pubsub.active) {
      // notifyKeyspaceEvent: __keyspace@<db>__:<key> carries the event, __keyevent@<db>__:<event> the key.
      for (const channel of publishedChannels(ev, flags)) {
        this.pubsub.publish(channel, channel.startsWith('__keyspace') ? event : key, 'channel');
      }
    }
  };
}
