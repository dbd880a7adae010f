import {
  type BridgeKeyRow,
  type BridgeMessage,
  type BridgeRequest,
  decodeBridge,
  encodeBridge,
} from '../../bridge/protocol.ts';
import type { Reply } from '../../engine/reply.ts';

/**
 * The page's side of `npm run -s cli -- bridge`: a WebSocket to the local bridge, requests matched to
 * their answers by id, keyspace events and the hello handed to listeners. Created once from the
 * `#bridge=…&token=…` the bridge printed; the token works once, so a reload needs a new bridge.
 */

export type CommandOutcome = { readonly reply: Reply } | { readonly refused: string };

export interface BridgeListener {
  hello(server: string, version: string): void;
  event(db: number, event: string, key: string, at: number): void;
  events(enabled: boolean, error?: string): void;
  closed(reason: string): void;
}

export class BridgeClient {
  private readonly ws: WebSocket;
  private nextId = 1;
  private readonly waiting = new Map<number, (m: BridgeMessage) => void>();

  constructor(
    url: string,
    token: string,
    private readonly listener: BridgeListener,
  ) {
    this.ws = new WebSocket(`${url.replace(/\/$/, '')}/?token=${encodeURIComponent(token)}`);
    this.ws.onmessage = (e) => this.receive(decodeBridge<BridgeMessage>(String(e.data)));
    this.ws.onclose = (e) => {
      for (const w of this.waiting.values()) w({ type: 'refused', id: 0, reason: 'the bridge closed' });
      this.waiting.clear();
      listener.closed(
        e.code === 1006 ? 'the bridge refused the connection or is not running' : `closed (${e.code})`,
      );
    };
  }

  command(argv: readonly string[]): Promise<CommandOutcome> {
    return this.request({ type: 'command', id: this.nextId++, argv }).then((m) =>
      m.type === 'reply' ? { reply: m.reply } : { refused: m.type === 'refused' ? m.reason : 'no answer' },
    );
  }

  async keys(db: number, cursor: string): Promise<{ rows: readonly BridgeKeyRow[]; cursor: string }> {
    const m = await this.request({ type: 'keys', id: this.nextId++, db, cursor });
    return m.type === 'keys' ? { rows: m.rows, cursor: m.cursor } : { rows: [], cursor: '0' };
  }

  setEvents(enable: boolean): void {
    this.send({ type: 'events', enable });
  }

  close(): void {
    this.ws.close();
  }

  private request(req: Extract<BridgeRequest, { id: number }>): Promise<BridgeMessage> {
    return new Promise((resolve) => {
      this.waiting.set(req.id, resolve);
      this.send(req);
    });
  }

  private send(req: BridgeRequest): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeBridge(req));
    else this.ws.addEventListener('open', () => this.ws.send(encodeBridge(req)), { once: true });
  }

  private receive(m: BridgeMessage): void {
    switch (m.type) {
      case 'hello':
        this.listener.hello(m.server, m.version);
        break;
      case 'event':
        this.listener.event(m.db, m.event, m.key, m.at);
        break;
      case 'events':
        this.listener.events(m.enabled, m.error);
        break;
      case 'reply':
      case 'refused':
      case 'keys': {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.(m);
        break;
      }
      default: {
        const unhandled: never = m;
        throw new Error(`unknown bridge message ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
