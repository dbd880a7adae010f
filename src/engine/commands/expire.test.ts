import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

const NOT_INT = '(error) ERR value is not an integer or out of range';
const NX_ERR = '(error) ERR NX and XX, GT or LT options at the same time are not compatible';
const GTLT_ERR = '(error) ERR GT and LT options at the same time are not compatible';

describe('EXPIRE family', () => {
  it('sets TTLs, deletes for times at or before now and validates ranges', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET k v', 'OK'],
        ['EXPIRE k 100', '(integer) 1'],
        ['TTL k', '(integer) 100'],
        ['EXPIRE missing 100', '(integer) 0'],
        ['EXPIREAT missing 1', '(integer) 0'],
        ['EXPIRE missing 100 NX', '(integer) 0'],
        ['EXPIRE k abc', NOT_INT],
        ['EXPIRE k 1.5', NOT_INT],
        ['EXPIRE k ""', NOT_INT],
        ['EXPIRE k 99999999999999999999', NOT_INT],
        ['EXPIRE k 9223372036854775', "(error) ERR invalid expire time in 'expire' command"],
        ['EXPIRE k 9223372036854775807', "(error) ERR invalid expire time in 'expire' command"],
        ['EXPIRE k -9223372036854776', "(error) ERR invalid expire time in 'expire' command"],
        ['PEXPIRE k 9223372036854775807', "(error) ERR invalid expire time in 'pexpire' command"],
        ['EXPIREAT k 9223372036854776', "(error) ERR invalid expire time in 'expireat' command"],
        ['EXPIREAT k 9223372036854775', '(integer) 1'],
        ['EXPIRETIME k', '(integer) 9223372036854775'],
        ['PEXPIREAT k 9223372036854775807', '(integer) 1'],
        ['PEXPIRETIME k', '(integer) 9223372036854775807'],
        ['EXPIRE k -9223372036854775', '(integer) 1'],
        ['EXISTS k', '(integer) 0'],
        ['SET k v', 'OK'],
        ['PEXPIRE k -9223372036854775808', '(integer) 1'],
        ['EXISTS k', '(integer) 0'],
        ['EXPIRE missing abc', NOT_INT],
        ['EXPIRE k', "(error) ERR wrong number of arguments for 'expire' command"],
      ]),
    ).toEqual([]);
    for (const c of ['EXPIRE k 0', 'EXPIRE k -5', 'PEXPIRE k 0', 'EXPIREAT k 1', 'PEXPIREAT k 1']) {
      h.run('SET k v');
      expect(h.runAll([c, 'EXISTS k'])).toEqual(['(integer) 1', '(integer) 0']);
    }
  });

  it('applies NX / XX / GT / LT like expireGenericCommand', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['SET k v', 'OK'],
        ['EXPIRE k 100 XX', '(integer) 0'],
        ['EXPIRE k 100 GT', '(integer) 0'],
        ['EXPIRE k -1 GT', '(integer) 0'],
        ['EXISTS k', '(integer) 1'],
        ['EXPIRE k 100 XX GT', '(integer) 0'],
        ['EXPIRE k 100 XX LT', '(integer) 0'],
        ['EXPIRE k 100 NX', '(integer) 1'],
        ['EXPIRE k 200 NX', '(integer) 0'],
        ['EXPIRE k 200 XX', '(integer) 1'],
        ['EXPIRE k 100 GT', '(integer) 0'],
        ['EXPIRE k 300 GT', '(integer) 1'],
        ['EXPIRE k 400 LT', '(integer) 0'],
        ['EXPIRE k 50 LT', '(integer) 1'],
        ['TTL k', '(integer) 50'],
        ['PEXPIREAT k 4000000000500', '(integer) 1'],
        ['PEXPIREAT k 4000000000500 GT', '(integer) 0'],
        ['PEXPIREAT k 4000000000500 LT', '(integer) 0'],
        ['PEXPIREAT k 4000000000501 GT', '(integer) 1'],
        ['PERSIST k', '(integer) 1'],
        ['EXPIRE k 100 LT', '(integer) 1'],
        ['PERSIST k', '(integer) 1'],
        ['EXPIRE k -1 LT', '(integer) 1'],
        ['EXISTS k', '(integer) 0'],
      ]),
    ).toEqual([]);
  });

  it('reports option errors before number errors and missing keys', () => {
    const h = new Harness();
    for (const o of ['NX XX', 'NX GT', 'NX LT', 'XX NX']) expect(h.run(`EXPIRE k 100 ${o}`)).toBe(NX_ERR);
    for (const o of ['GT LT', 'LT GT', 'XX GT LT']) expect(h.run(`EXPIRE k 100 ${o}`)).toBe(GTLT_ERR);
    expect(h.run('EXPIRE k 100 foo')).toBe('(error) ERR Unsupported option foo');
    expect(h.run('EXPIRE k 1 2')).toBe('(error) ERR Unsupported option 2');
    expect(h.run('EXPIREAT k 3000000000 foo')).toBe('(error) ERR Unsupported option foo');
    expect(h.run('EXPIRE k abc NX XX')).toBe(NX_ERR);
    expect(h.run('EXPIRE k abc foo')).toBe('(error) ERR Unsupported option foo');
    expect(h.run('EXPIRE missing 100 NX XX')).toBe(NX_ERR);
    expect(h.run('EXPIRE k 100 nx NX')).toBe('(integer) 0');
  });

  it('fires expire, or del when the time is already past', () => {
    const h = new Harness();
    h.runAll(['SET k v', 'EXPIRE k 100', 'EXPIRE k 100 NX', 'EXPIRE k 0']);
    expect(h.takeEvents()).toEqual(['new k', 'set k', 'expire k', 'del k']);
  });
});

describe('TTL / PTTL / EXPIRETIME / PEXPIRETIME', () => {
  it('rounds half up on the millisecond value', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['TTL missing', '(integer) -2'],
        ['PTTL missing', '(integer) -2'],
        ['EXPIRETIME missing', '(integer) -2'],
        ['PEXPIRETIME missing', '(integer) -2'],
        ['SET k v', 'OK'],
        ['TTL k', '(integer) -1'],
        ['PTTL k', '(integer) -1'],
        ['EXPIRETIME k', '(integer) -1'],
        ['PEXPIRETIME k', '(integer) -1'],
        ['PSETEX p 1600 v', 'OK'],
        ['TTL p', '(integer) 2'],
        ['PSETEX p 1400 v', 'OK'],
        ['TTL p', '(integer) 1'],
        ['PSETEX p 600 v', 'OK'],
        ['TTL p', '(integer) 1'],
        ['PSETEX p 400 v', 'OK'],
        ['TTL p', '(integer) 0'],
        ['SET k v PXAT 4000000000499', 'OK'],
        ['EXPIRETIME k', '(integer) 4000000000'],
        ['SET k v PXAT 4000000000500', 'OK'],
        ['EXPIRETIME k', '(integer) 4000000001'],
      ]),
    ).toEqual([]);
  });

  it('counts down with the clock', () => {
    const h = new Harness();
    h.run('SET k v EX 100');
    h.advance(200);
    expect(h.runAll(['TTL k', 'PTTL k'])).toEqual(['(integer) 100', '(integer) 99800']);
    h.advance(99_300);
    expect(h.runAll(['TTL k', 'PTTL k'])).toEqual(['(integer) 1', '(integer) 500']);
    h.advance(500);
    expect(h.runAll(['TTL k', 'PTTL k'])).toEqual(['(integer) 0', '(integer) 0']);
    h.advance(1);
    expect(h.runAll(['TTL k', 'PTTL k'])).toEqual(['(integer) -2', '(integer) -2']);
  });
});

describe('PERSIST and what keeps a TTL', () => {
  it('removes a TTL only when there is one', () => {
    const h = new Harness();
    expect(
      h.runAll(['PERSIST missing', 'SET k v', 'PERSIST k', 'EXPIRE k 10', 'PERSIST k', 'TTL k']),
    ).toEqual(['(integer) 0', 'OK', '(integer) 0', '(integer) 1', '(integer) 1', '(integer) -1']);
    expect(h.takeEvents()).toEqual(['new k', 'set k', 'expire k', 'persist k']);
  });

  it('keeps the TTL through in-place edits and TOUCH', () => {
    const h = new Harness();
    h.run('SET k 1 EX 100');
    for (const c of [
      'APPEND k 0',
      'SETRANGE k 0 2',
      'INCR k',
      'DECR k',
      'INCRBY k 2',
      'DECRBY k 1',
      'INCRBYFLOAT k 1',
      'GETEX k',
      'GET k',
      'STRLEN k',
      'GETRANGE k 0 1',
      'TOUCH k',
    ]) {
      h.run(c);
      expect(h.run('TTL k'), c).toBe('(integer) 100');
    }
  });
});
