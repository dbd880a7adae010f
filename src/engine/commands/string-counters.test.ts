import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

const NOT_INT = '(error) ERR value is not an integer or out of range';
const OVERFLOW = '(error) ERR increment or decrement would overflow';
const WRONGTYPE = '(error) WRONGTYPE Operation against a key holding the wrong kind of value';

describe('INCR / DECR / INCRBY / DECRBY', () => {
  it('creates missing keys at 0, keeps TTLs and reports int encoding', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['INCR c', '(integer) 1'],
        ['SET c 10 EX 100', 'OK'],
        ['INCR c', '(integer) 11'],
        ['TTL c', '(integer) 100'],
        ['DECR c', '(integer) 10'],
        ['INCRBY c 5', '(integer) 15'],
        ['DECRBY c 20', '(integer) -5'],
        ['OBJECT ENCODING c', '"int"'],
        ['INCRBY k2 0', '(integer) 0'],
        ['GET k2', '"0"'],
      ]),
    ).toEqual([]);
  });

  it('rejects non-canonical stored integers and arguments', () => {
    const h = new Harness();
    for (const v of ['1.5', 'abc', '" 1"', '"1 "', '+1', '01', '-0', '1e3']) {
      h.run(`SET s ${v}`);
      expect(h.run('INCR s')).toBe(NOT_INT);
    }
    for (const v of ['abc', '1.5', '99999999999999999999', '""', '+1', '-0'])
      expect(h.run(`INCRBY c ${v}`)).toBe(NOT_INT);
    h.run('RPUSH lst a');
    expect(h.run('INCR lst')).toBe(WRONGTYPE);
  });

  it('stops exactly at the int64 limits', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET big 9223372036854775806', 'OK'],
        ['INCR big', '(integer) 9223372036854775807'],
        ['INCR big', OVERFLOW],
        ['SET small -9223372036854775807', 'OK'],
        ['DECR small', '(integer) -9223372036854775808'],
        ['DECR small', OVERFLOW],
        ['DECRBY small 1', OVERFLOW],
        ['DECRBY c -9223372036854775808', '(error) ERR decrement would overflow'],
        ['INCRBY c -9223372036854775808', '(integer) -9223372036854775808'],
        ['INCRBY c 9223372036854775807', '(integer) -1'],
      ]),
    ).toEqual([]);
  });

  it('fires new then incrby', () => {
    const h = new Harness();
    h.run('INCR brandnew');
    expect(h.takeEvents()).toEqual(['new brandnew', 'incrby brandnew']);
  });
});

describe('INCRBYFLOAT', () => {
  it('matches the long double vectors of the spec', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['INCRBYFLOAT f1 0.1', '"0.1"'],
        ['INCRBYFLOAT f1 0.2', '"0.3"'],
        ['INCRBYFLOAT f 1.5', '"1.5"'],
        ['INCRBYFLOAT f 0.1', '"1.6"'],
        ['INCRBYFLOAT f -1.6', '"0"'],
        ['INCRBYFLOAT f 1e3', '"1000"'],
        ['INCRBYFLOAT f 5.0e3', '"6000"'],
        ['SET fl 10.50', 'OK'],
        ['INCRBYFLOAT fl 0.1', '"10.6"'],
        ['INCRBYFLOAT f6 3.0e3', '"3000"'],
        ['INCRBYFLOAT f6 1.1', '"3001.10000000000000009"'],
        ['INCRBYFLOAT f10 123456789.123456789', '"123456789.12345678899873747"'],
        ['OBJECT ENCODING f6', '"embstr"'],
        ['INCRBYFLOAT x inf', '(error) ERR increment would produce NaN or Infinity'],
        ['INCRBYFLOAT x nan', '(error) ERR value is not a valid float'],
        ['INCRBYFLOAT x abc', '(error) ERR value is not a valid float'],
        ['SET bad abc', 'OK'],
        ['INCRBYFLOAT bad 1', '(error) ERR value is not a valid float'],
      ]),
    ).toEqual([]);
  });

  it('keeps the TTL and fires incrbyfloat', () => {
    const h = new Harness();
    expect(h.runAll(['SETEX f 100 1', 'INCRBYFLOAT f 1', 'TTL f', 'OBJECT ENCODING f'])).toEqual([
      'OK',
      '"2"',
      '(integer) 100',
      '"embstr"',
    ]);
    expect(h.takeEvents()).toEqual(['new f', 'set f', 'expire f', 'incrbyfloat f']);
  });
});
