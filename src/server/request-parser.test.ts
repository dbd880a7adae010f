import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParserLimits, REDIS_LIMITS, type Request, RequestParser } from './request-parser.ts';

/**
 * The request parser alone. What the real redis-server does with the same bytes is checked in
 * serve-protocol.test.ts; here: the limits, and that how the bytes are cut into TCP chunks never
 * changes what is parsed.
 */

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');

function parseAll(chunks: readonly string[], limits: ParserLimits = REDIS_LIMITS): Request[] {
  const p = new RequestParser(limits);
  const out: Request[] = [];
  for (const c of chunks) {
    expect(p.append(bytes(c))).toBe(true);
    for (let r = p.next(); r !== null; r = p.next()) out.push(r);
  }
  return out;
}

const argvs = (rs: readonly Request[]) => rs.map((r) => ('argv' in r ? r.argv : r.protocolError));

describe('RequestParser', () => {
  it('reads multibulk and inline requests, skipping empty ones', () => {
    const got = parseAll([
      '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n',
      '\r\n',
      '*0\r\n*-1\r\n',
      "SET a 'b c'\n",
      'PING\r\n',
    ]);
    expect(argvs(got)).toEqual([['GET', 'k'], ['SET', 'a', 'b c'], ['PING']]);
  });

  it('keeps bulk arguments binary, zero bytes and CRLF included', () => {
    const got = parseAll(['*2\r\n$4\r\na\0\r\n\r\n$0\r\n\r\n']);
    expect(argvs(got)).toEqual([['a\0\r\n', '']]);
  });

  it('waits for a header whose byte after \\r has not come, then skips that byte unchecked', () => {
    const p = new RequestParser();
    p.append(bytes('*1\r'));
    expect(p.next()).toBeNull();
    p.append(bytes('X$4\rYPINGzz'));
    expect(p.next()).toEqual({ argv: ['PING'] });
  });

  it('stops at a zero byte when looking for the end of an inline line', () => {
    const p = new RequestParser();
    p.append(bytes('PING\0\r\n'));
    expect(p.next()).toBeNull();
  });

  it('reports the protocol errors with the texts of networking.c, and nothing after them', () => {
    const cases: [string, string][] = [
      ['*x\r\n', 'invalid multibulk length'],
      ['*2147483648\r\n', 'invalid multibulk length'],
      ['*1\r\n$-1\r\n', 'invalid bulk length'],
      [`*1\r\n$${512 * 1024 * 1024 + 1}\r\n`, 'invalid bulk length'],
      ['*1\r\n:1\r\n', "expected '$', got ':'"],
      ['*1\r\n\n\r\n', "expected '$', got ' '"],
      ['ECHO "a\r\n', 'unbalanced quotes in request'],
    ];
    for (const [input, message] of cases) {
      const p = new RequestParser();
      p.append(bytes(`PING\r\n${input}PING\r\n`));
      expect(p.next()).toEqual({ argv: ['PING'] });
      expect(p.next(), JSON.stringify(input)).toEqual({ protocolError: `ERR Protocol error: ${message}` });
      expect(p.next()).toBeNull();
    }
  });

  it('refuses a header or inline line past 64 KB without its end', () => {
    const big = (prefix: string) => {
      const p = new RequestParser();
      p.append(bytes(prefix + '1'.repeat(40_000)));
      expect(p.next()).toBeNull();
      p.append(bytes('1'.repeat(40_000)));
      return p.next();
    };
    expect(big('')).toEqual({ protocolError: 'ERR Protocol error: too big inline request' });
    expect(big('*')).toEqual({ protocolError: 'ERR Protocol error: too big mbulk count string' });
    expect(big('*1\r\n$')).toEqual({ protocolError: 'ERR Protocol error: too big bulk count string' });
  });

  it('closes (append false) past the query buffer limit, counting pending arguments', () => {
    const limits = { ...REDIS_LIMITS, maxQueryBuffer: 1000 };
    const p = new RequestParser(limits);
    expect(p.append(bytes('*100\r\n'))).toBe(true);
    expect(p.next()).toBeNull();
    // Each empty argument counts with its overhead: 16 of them are 1024 bytes, past the limit.
    expect(p.append(bytes('$0\r\n\r\n'.repeat(16)))).toBe(true);
    expect(p.next()).toBeNull();
    expect(p.append(bytes('$'))).toBe(false);
  });

  it('reads a large argument sent in many small chunks, and shrinks its buffer after it', () => {
    const value = 'v'.repeat(3 * 1024 * 1024);
    const wire = `*2\r\n$3\r\nSET\r\n$${value.length}\r\n${value}\r\n*1\r\n$4\r\nPING\r\n`;
    const chunks: string[] = [];
    for (let i = 0; i < wire.length; i += 65536) chunks.push(wire.slice(i, i + 65536));
    const got = argvs(parseAll(chunks));
    expect(got.length).toBe(2);
    expect((got[0] as string[])[1]?.length).toBe(value.length);
    expect(got[1]).toEqual(['PING']);
  });

  it('parses the same requests however the bytes are split into chunks', () => {
    const arg = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '\r', '\n', '\0', '"', "'", '\\', 'x', '$', '*'),
    });
    const request = fc.oneof(
      fc.array(arg, { minLength: 0, maxLength: 4 }).map((args) => {
        let s = `*${args.length}\r\n`;
        for (const a of args) s += `$${a.length}\r\n${a}\r\n`;
        return s;
      }),
      fc.constantFrom('PING\r\n', 'ECHO "a b"\n', '\r\n', "SET k 'v w'\r\n", '*0\r\n', 'GET "x\\x41"\r\n'),
    );
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (requests, cuts) => {
          const wire = requests.join('');
          const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let last = 0;
          for (const p of points) {
            chunks.push(wire.slice(last, p));
            last = p;
          }
          chunks.push(wire.slice(last));
          expect(argvs(parseAll(chunks))).toEqual(argvs(parseAll([wire])));
        },
      ),
      { numRuns: 300 },
    );
  });
});
