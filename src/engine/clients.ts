import type { Blocking } from './blocking.ts';
import { ClientState } from './command.ts';
import type { PubSub } from './pubsub.ts';
import { error, NIL } from './reply.ts';
import type { Watches } from './watch.ts';

/**
 * The server's connections (server.clients): each registered from its creation until it goes,
 * for CLIENT LIST, CLIENT KILL/UNBLOCK and INFO; removing one drops its watched keys,
 * subscriptions and wait, as freeClient does.
 */
export class ClientRegistry {
  private readonly registered = new Set<ClientState>();
  private nextId = 1;

  constructor(
    private readonly watches: Watches,
    private readonly pubsub: PubSub,
    private readonly blockers: Blocking,
  ) {}

  get all(): ReadonlySet<ClientState> {
    return this.registered;
  }

  create(now: number): ClientState {
    const client = new ClientState();
    client.id = this.nextId++;
    client.createdAt = client.lastInteraction = now;
    this.registered.add(client);
    return client;
  }

  remove(client: ClientState): void {
    if (!this.registered.delete(client)) return;
    client.closed = true;
    client.multi = null;
    this.watches.unwatchAll(client);
    this.pubsub.dropClient(client);
    this.blockers.unblock(client);
  }

  /** CLIENT KILL: another client is dropped now and its host told to close; the caller after its reply. */
  kill(client: ClientState): void {
    if (client.closed) return;
    this.remove(client);
    client.sink?.close();
  }

  /**
   * CLIENT UNBLOCK: ends a client's wait as a timeout would (a null array), or with the UNBLOCKED
   * error; false when it is not blocked.
   */
  unblock(client: ClientState, withError: boolean): boolean {
    const on = client.blocked;
    if (on === null) return false;
    this.blockers.unblock(client);
    const reply = withError ? error('UNBLOCKED client unblocked via CLIENT UNBLOCK') : NIL;
    client.sink?.deliver({ reply, push: false, argv: on.argv, timedOut: !withError });
    return true;
  }
}
