import { arg, type ClientEndpoint, type ClientOutput, type ClientState } from '../engine/command.ts';
import type { Engine } from '../engine/engine.ts';
import type { Reply } from '../engine/reply.ts';
import { shapeReply } from './reply-shapes.ts';
import { type Decoder, type ParserLimits, REDIS_LIMITS, RequestParser } from './request-parser.ts';
import { encode, type Protocol, type Wire } from './wire.ts';

/**
 * One client connection to the engine, without the socket: bytes in, reply bytes out. Requests are
 * run one at a time in the order they came (pipelining), each with this connection's ClientState;
 * after a protocol error or QUIT nothing more is read and the host closes once the output is
 * written, as redis-server does with CLIENT_CLOSE_AFTER_REPLY. A client blocked in BLPOP reads
 * nothing more until it is served or times out (its later requests wait in the parser). Output that
 * arrives between requests (a pub/sub message, a woken client's reply, CLIENT KILL) goes to
 * `onAsync`. Pure (no Node APIs), so any host (a socket server, a test) can drive it.
 */

export interface ConnectionOptions {
  readonly limits?: ParserLimits;
  readonly decode?: Decoder;
  readonly alloc?: (n: number) => Uint8Array;
  /** Output produced outside `receive`: write it (and close when asked). */
  readonly onAsync?: (output: Output) => void;
}

export interface Output {
  /** Reply bytes as a byte string (one char per byte). */
  readonly data: string;
  /** Close once `data` is written: QUIT, a protocol error, the query buffer limit, CLIENT KILL. */
  readonly close: boolean;
  /** The client was blocked and is answered now: call `resume` soon for the requests it left waiting. */
  readonly woke?: boolean;
}

export class Connection {
  readonly client: ClientState;
  private readonly parser: RequestParser;
  private closing = false;
  /** Encoded output not yet handed to the host. */
  private out = '';
  private busy = false;

  constructor(
    private readonly engine: Engine,
    endpoint: ClientEndpoint,
    private readonly options: ConnectionOptions = {},
  ) {
    this.client = engine.createClient();
    this.client.endpoint = endpoint;
    this.client.sink = {
      deliver: (o) => this.deliver(o),
      close: () => {
        this.closing = true;
        this.flushAsync(false);
      },
    };
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
    return this.process();
  }

  /** Runs the requests a blocked client left waiting, once it has been answered. */
  resume(): Output {
    if (this.closing) return { data: '', close: true };
    return this.process();
  }

  /** The peer is gone (closed, reset, or closed by us): the engine forgets the client. */
  dispose(): void {
    this.closing = true;
    this.engine.removeClient(this.client);
  }

  private process(): Output {
    this.busy = true;
    try {
      while (!this.closing && this.client.blocked === null) {
        const request = this.parser.next();
        if (request === null) break;
        if ('protocolError' in request) {
          this.out += encode({ t: 'error', s: request.protocolError }, this.client.resp);
          this.closing = true;
          break;
        }
        this.run(request.argv);
        if (this.client.closeAfterReply) this.closing = true;
      }
    } finally {
      this.busy = false;
    }
    const data = this.out;
    this.out = '';
    return { data, close: this.closing };
  }

  private run(argv: readonly string[]): void {
    const client = this.client;
    const queued = client.multi !== null && isExec(argv) ? client.multi.map((q) => q.argv) : null;
    const respBefore = client.resp;
    const reply = this.engine.run(client, argv);
    const extras = client.execExtras ?? [];
    client.execExtras = null;
    if (reply === null) return;
    if (queued !== null && reply.t === 'array' && reply.items.length === queued.length) {
      this.out += encodeExec(queued, reply.items, respBefore, extras);
    } else {
      this.out += encode(shapeReply(argv, reply, client.resp), client.resp);
    }
  }

  /** A push, or the reply of a command that blocked: written in order with everything else. */
  private deliver(o: ClientOutput): void {
    const resp = this.client.resp;
    let wire: Wire;
    if (o.push) wire = o.reply.t === 'array' ? { t: 'push', items: o.reply.items } : o.reply;
    else if (o.timedOut) wire = { t: 'nullarray' };
    else wire = shapeReply(o.argv ?? ['?'], o.reply, resp);
    this.out += encode(wire, resp);
    this.flushAsync(!o.push);
  }

  /** Output that did not come from this connection's own requests goes out at once. */
  private flushAsync(woke: boolean): void {
    if (this.busy) return;
    const data = this.out;
    this.out = '';
    this.options.onAsync?.({ data, close: this.closing, woke });
  }
}

const isExec = (argv: readonly string[]): boolean => arg(argv, 0).toLowerCase() === 'exec';

/**
 * EXEC's replies, each shaped for its own command and encoded with the protocol of the moment: a
 * queued HELLO switches it for the replies after its own, as Redis writes them one by one.
 */
function encodeExec(
  queued: readonly (readonly string[])[],
  items: readonly Reply[],
  resp: Protocol,
  extras: readonly (readonly Reply[])[],
): string {
  let out = `*${items.length}\r\n`;
  let current = resp;
  items.forEach((item, i) => {
    const argv = queued[i] as readonly string[];
    const switched = helloProtocol(argv, item);
    if (switched) current = switched;
    for (const r of [item, ...(extras[i] ?? [])]) out += encode(shapeReply(argv, r, current), current);
  });
  return out;
}

/** The protocol a successful HELLO reply announces (its `proto` field), or null. */
function helloProtocol(argv: readonly string[], reply: Reply): Protocol | null {
  if (arg(argv, 0).toLowerCase() !== 'hello' || reply.t !== 'array') return null;
  const proto = reply.items[5];
  return proto?.t === 'int' && (proto.n === 2 || proto.n === 3) ? proto.n : null;
}
