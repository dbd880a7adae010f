import { parseInt64 } from '../engine/int64.ts';
import { splitArgBytes } from '../engine/tokenizer.ts';

/**
 * Client requests read as redis-server 7.0 reads them (networking.c processInputBuffer,
 * processInlineBuffer, processMultibulkBuffer): a request starting with `*` is a multibulk, anything
 * else an inline line split like sdssplitargs. The quirks are kept: lines are searched as C strings
 * (a zero byte hides what follows), the byte after a header's `\r` and the two after a bulk are
 * skipped unchecked, `*0` and `*-1` are empty requests, and a header may wait up to 64 KB for its
 * `\r`. A protocol error is final: the host sends it and closes the connection.
 *
 * Pure: bytes in (Uint8Array), byte strings out (one char per byte, as the engine takes them).
 */

export interface ParserLimits {
  /** PROTO_INLINE_MAX_SIZE: an inline request or a header line still without its end. */
  readonly inlineMax: number;
  /** proto-max-bulk-len. */
  readonly maxBulkLen: number;
  /**
   * client-query-buffer-limit: unread input plus the arguments of the request being read (each
   * counted with 64 bytes of overhead, so a flood of empty arguments is bounded too).
   */
  readonly maxQueryBuffer: number;
}

export const REDIS_LIMITS: ParserLimits = {
  inlineMax: 64 * 1024,
  maxBulkLen: 512 * 1024 * 1024,
  maxQueryBuffer: 1024 * 1024 * 1024,
};

/** A complete request, or the error redis-server replies with before closing the connection. */
export type Request = { readonly argv: readonly string[] } | { readonly protocolError: string };

/** Bytes [start, end) as a byte string; Node passes Buffer#latin1Slice, which is faster. */
export type Decoder = (bytes: Uint8Array, start: number, end: number) => string;

export function decodeLatin1(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 8192) {
    const piece = bytes.subarray(i, Math.min(end, i + 8192));
    out += String.fromCharCode.apply(null, piece as unknown as number[]);
  }
  return out;
}

const CR = 0x0d;
const LF = 0x0a;
const STAR = 0x2a;
const DOLLAR = 0x24;
const INT_MAX = 2147483647;
const ARG_OVERHEAD = 64;
const INITIAL_CAPACITY = 16 * 1024;

const protocolError = (what: string): Request => ({ protocolError: `ERR Protocol error: ${what}` });

export class RequestParser {
  private buf: Uint8Array;
  private start = 0;
  private end = 0;
  /** 0 until the first byte of a request says which kind it is. */
  private reqType: 0 | 'inline' | 'multibulk' = 0;
  private multibulkLen = 0;
  private bulkLen = -1;
  private argv: string[] = [];
  private argvBytes = 0;
  /** Where the search for the current line's end resumes (bytes before it hold no end). */
  private scanned = 0;
  private failed = false;

  constructor(
    private readonly limits: ParserLimits = REDIS_LIMITS,
    private readonly decode: Decoder = decodeLatin1,
    private readonly alloc: (n: number) => Uint8Array = (n) => new Uint8Array(n),
  ) {
    this.buf = alloc(INITIAL_CAPACITY);
  }

  /** Adds received bytes; false when the connection went past maxQueryBuffer (Redis closes it). */
  append(chunk: Uint8Array): boolean {
    const live = this.end - this.start;
    if (live + chunk.length + this.argvBytes > this.limits.maxQueryBuffer) return false;
    if (this.end + chunk.length > this.buf.length) {
      if (live + chunk.length <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const grown = this.alloc(Math.max(this.buf.length * 2, live + chunk.length));
        grown.set(this.buf.subarray(this.start, this.end));
        this.buf = grown;
      }
      this.scanned = Math.max(0, this.scanned - this.start);
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
    return true;
  }

  /** The next complete request, or null until more bytes come (or after a protocol error). */
  next(): Request | null {
    while (!this.failed && this.start < this.end) {
      if (this.reqType === 0) {
        this.reqType = this.buf[this.start] === STAR ? 'multibulk' : 'inline';
        this.scanned = this.start;
      }
      const got = this.reqType === 'inline' ? this.inline() : this.multibulk();
      if (got === null) break;
      if (!Array.isArray(got)) {
        this.failed = true;
        return got as Request;
      }
      this.reset();
      if (got.length > 0) return { argv: got };
    }
    this.release();
    return null;
  }

  private reset(): void {
    this.reqType = 0;
    this.multibulkLen = 0;
    this.bulkLen = -1;
    this.argv = [];
    this.argvBytes = 0;
  }

  /** Drops a buffer grown for a big request once it is consumed. */
  private release(): void {
    if (this.start < this.end) return;
    this.start = this.end = this.scanned = 0;
    if (this.buf.length > 1024 * 1024) this.buf = this.alloc(INITIAL_CAPACITY);
  }

  /** strchr from the current line: the index of `byte`, or -1 (also when a zero byte comes first). */
  private find(byte: number): number {
    const buf = this.buf;
    let i = this.scanned;
    for (; i < this.end; i++) {
      const c = buf[i];
      if (c === byte) return i;
      if (c === 0) break;
    }
    this.scanned = i;
    return -1;
  }

  private inline(): string[] | Request | null {
    const newline = this.find(LF);
    if (newline < 0) {
      if (this.end - this.start > this.limits.inlineMax) return protocolError('too big inline request');
      return null;
    }
    const lineEnd = newline > this.start && this.buf[newline - 1] === CR ? newline - 1 : newline;
    const argv = splitArgBytes(this.decode(this.buf, this.start, lineEnd));
    if (argv === null) return protocolError('unbalanced quotes in request');
    this.start = newline + 1;
    return argv;
  }

  /** The `\r` ending a header line with at least one byte after it, -1 to wait, or an error. */
  private headerEnd(tooBig: string): number | Request {
    const cr = this.find(CR);
    if (cr < 0) return this.end - this.start > this.limits.inlineMax ? protocolError(tooBig) : -1;
    return cr + 1 < this.end ? cr : -1;
  }

  private multibulk(): string[] | Request | null {
    if (this.multibulkLen === 0) {
      const cr = this.headerEnd('too big mbulk count string');
      if (typeof cr !== 'number') return cr;
      if (cr < 0) return null;
      const n = parseInt64(this.decode(this.buf, this.start + 1, cr));
      if (n === null || n > INT_MAX) return protocolError('invalid multibulk length');
      this.start = this.scanned = cr + 2;
      if (n <= 0) return [];
      this.multibulkLen = Number(n);
    }
    while (this.multibulkLen > 0) {
      if (this.bulkLen === -1) {
        const cr = this.headerEnd('too big bulk count string');
        if (typeof cr !== 'number') return cr;
        if (cr < 0) return null;
        const first = this.buf[this.start] as number;
        if (first !== DOLLAR) {
          const shown = first === CR || first === LF ? ' ' : String.fromCharCode(first);
          return protocolError(`expected '$', got '${shown}'`);
        }
        const len = parseInt64(this.decode(this.buf, this.start + 1, cr));
        if (len === null || len < 0 || len > this.limits.maxBulkLen)
          return protocolError('invalid bulk length');
        this.start = cr + 2;
        this.bulkLen = Number(len);
      }
      if (this.end - this.start < this.bulkLen + 2) return null;
      this.argv.push(this.decode(this.buf, this.start, this.start + this.bulkLen));
      this.argvBytes += this.bulkLen + ARG_OVERHEAD;
      this.start += this.bulkLen + 2;
      this.scanned = this.start;
      this.bulkLen = -1;
      this.multibulkLen--;
    }
    return this.argv;
  }
}
