import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';

describe('APPEND / STRLEN', () => {
  it('follows the spec table', () => {
    const h = new Harness();
    h.run('RPUSH lst a');
    expect(
      transcript(h, [
        ['APPEND s hello', '(integer) 5'],
        ['APPEND s " world"', '(integer) 11'],
        ['STRLEN s', '(integer) 11'],
        ['STRLEN nokey', '(integer) 0'],
        ['APPEND newapp ""', '(integer) 0'],
        ['EXISTS newapp', '(integer) 1'],
        ['SETEX s2 100 x', 'OK'],
        ['APPEND s2 more', '(integer) 5'],
        ['TTL s2', '(integer) 100'],
        ['SET n 10', 'OK'],
        ['APPEND n 5', '(integer) 3'],
        ['GET n', '"105"'],
        ['OBJECT ENCODING n', '"raw"'],
        ['INCR n', '(integer) 106'],
        ['OBJECT ENCODING n', '"int"'],
        ['APPEND lst x', WRONGTYPE],
        ['STRLEN lst', WRONGTYPE],
        ['APPEND fresh 123', '(integer) 3'],
        ['OBJECT ENCODING fresh', '"int"'],
      ]),
    ).toEqual([]);
  });
});

describe('SETRANGE / GETRANGE / SUBSTR', () => {
  it('SETRANGE pads, keeps TTLs and checks the offset first', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SETRANGE r 5 hi', '(integer) 7'],
        ['GET r', '"\\x00\\x00\\x00\\x00\\x00hi"'],
        ['SETRANGE missing 3 ""', '(integer) 0'],
        ['EXISTS missing', '(integer) 0'],
        ['SETRANGE r 0 ""', '(integer) 7'],
        ['SETRANGE r -1 x', '(error) ERR offset is out of range'],
        ['SETRANGE r abc x', '(error) ERR value is not an integer or out of range'],
        ['SETRANGE r 536870912 x', '(error) ERR string exceeds maximum allowed size (proto-max-bulk-len)'],
        ['SET w "Hello World"', 'OK'],
        ['EXPIRE w 100', '(integer) 1'],
        ['SETRANGE w 6 Redis', '(integer) 11'],
        ['GET w', '"Hello Redis"'],
        ['TTL w', '(integer) 100'],
        ['OBJECT ENCODING w', '"raw"'],
      ]),
    ).toEqual([]);
  });

  it('GETRANGE clamps indices like getrangeCommand', () => {
    const h = new Harness();
    h.run('SET s "Hello World"');
    const cases: [string, string][] = [
      ['0 4', '"Hello"'],
      ['-5 -1', '"World"'],
      ['0 -1', '"Hello World"'],
      ['6 1000', '"World"'],
      ['100 200', '""'],
      ['-100 2', '"Hel"'],
      ['5 2', '""'],
      ['-1 -5', '""'],
      ['0 0', '"H"'],
      ['10 10', '"d"'],
      ['11 11', '""'],
      ['0 9223372036854775807', '"Hello World"'],
      ['-9223372036854775808 9223372036854775807', '"Hello World"'],
    ];
    for (const [range, expected] of cases) {
      expect(h.run(`GETRANGE s ${range}`)).toBe(expected);
      expect(h.run(`SUBSTR s ${range}`)).toBe(expected);
    }
    expect(h.run('GETRANGE missing 0 -1')).toBe('""');
    h.run('SET gi 12345');
    expect(h.run('GETRANGE gi 1 2')).toBe('"23"');
    expect(h.run('GETRANGE gi a 2')).toBe('(error) ERR value is not an integer or out of range');
  });
});

describe('memory guard', () => {
  it('refuses writes past maxmemory with the OOM error but keeps reads working', () => {
    const h = new Harness();
    expect(h.run('CONFIG SET maxmemory 2kb')).toBe('OK');
    expect(h.run('SETRANGE big 4096 x')).toBe(
      "(error) OOM command not allowed when used memory > 'maxmemory'.",
    );
    for (let i = 0; i < 40; i++) h.run(`SET key:${i} ${'v'.repeat(20)}`);
    expect(h.run('SET one-more v')).toBe("(error) OOM command not allowed when used memory > 'maxmemory'.");
    expect(h.run('GET key:0')).toBe(`"${'v'.repeat(20)}"`);
    expect(h.run('DEL key:0 key:1 key:2 key:3 key:4 key:5 key:6 key:7 key:8 key:9')).toBe('(integer) 10');
    expect(h.run('SET one-more v')).toBe('OK');
  });
});
