import type { ClientEndpoint, ClientState } from '../engine/command.ts';
import type { Engine } from '../engine/engine.ts';
import type { Reply } from '../engine/reply.ts';
import { shapeReply } from './reply-shapes.ts';
import { type Decoder, type ParserLimits, REDIS_LIMITS, RequestParser } from './request-parser.ts';
import { encode, type Protocol, type Wire } from './wire.ts';

/**
 * One client connection to the engine, without the socket: bytes in, reply bytes out. Requests are
 * run one at a time in the order they came (pipelining), each with this connection's ClientState;
 * after a protocol error or QUIT nothing more is read and the host closes once the output is
 * written, as redis-server does with CLIENT_CLOSE_AFTER_REPLY. Pure (no Node APIs), so any host
 * (a socket server, a test) can drive it.
 */

export interface ConnectionOptions {
  readonly limits?: ParserLimits;
  readonly decode?: Decoder;
  readonly alloc?: (n: number) => Uint8Array;
}

export interface Output {
  /** Reply bytes as a byte string (one char per byte). */
  readonly data: string;
  /** Close once `data` is written: QUIT, a protocol error, or the query buffer limit. */
  readonly close: boolean;
}

export class Connection {
  readonly client: ClientState;
  private readonly parser: RequestParser;
  private closing = false;

  constructor(
    private readonly engine: Engine,
    endpoint: ClientEndpoint,
    options: ConnectionOptions = {},
  ) {
    this.client = engine.createClient();
    this.client.endpoint = endpoint;
    this.parser = new RequestParser(options.limits ?? REDIS_LIMITS, options.decode, options.alloc);
  }

  /** Handles received bytes: runs every complete request and returns what to send back. */
  receive(chunk: Uint8Array): Output {
    if (this.closing) return { data: '', close: true };
    if (!this.parser.append(chunk)) {
      // Redis logs "Closing client that reached max query buffer length" and sends nothing.
      this.closing = true;
      return { data: '', close: true };
    }
    let data = '';
    while (!this.closing) {
      const request = this.parser.next();
      if (request === null) break;
      if ('protocolError' in request) {
        data += encode({ t: 'error', s: request.protocolError }, this.client.resp);
        this.closing = true;
        break;
      }
      data += this.run(request.argv);
      if (this.client.closeAfterReply) this.closing = true;
    }
    return { data, close: this.closing };
  }

  /** The peer is gone (closed, reset, or closed by us): the engine forgets the client. */
  dispose(): void {
    this.closing = true;
    this.engine.removeClient(this.client);
  }

  private run(argv: readonly string[]): string {
    const client = this.client;
    const queued = client.multi !== null && isExec(argv) ? client.multi.map((q) => q.argv) : null;
    const respBefore = client.resp;
    const reply = this.engine.execute(client, argv);
    if (queued !== null && reply.t === 'array' && reply.items.length === queued.length) {
      return encodeExec(queued, reply.items, respBefore);
    }
    return encode(shapeReply(argv, reply, client.resp), client.resp);
  }
}

const isExec = (argv: readonly string[]): boolean => (argv[0] as string).toLowerCase() === 'exec';

/**
 * EXEC's replies, each shaped for its own command and encoded with the protocol of the moment: a
 * queued HELLO switches it for the replies after its own, as Redis writes them one by one.
 */
function encodeExec(queued: readonly (readonly string[])[], items: readonly Reply[], resp: Protocol): string {
  let out = `*${items.length}\r\n`;
  let current = resp;
  items.forEach((item, i) => {
    const argv = queued[i] as readonly string[];
    const switched = helloProtocol(argv, item);
    if (switched) current = switched;
    const wire: Wire = shapeReply(argv, item, current);
    out += encode(wire, current);
  });
  return out;
}

/** The protocol a successful HELLO reply announces (its `proto` field), or null. */
function helloProtocol(argv: readonly string[], reply: Reply): Protocol | null {
  if ((argv[0] as string).toLowerCase() !== 'hello' || reply.t !== 'array') return null;
  const proto = reply.items[5];
  return proto?.t === 'int' && (proto.n === 2 || proto.n === 3) ? proto.n : null;
}
