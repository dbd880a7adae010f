import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness.ts';

/**
 * Dragonfly's member expiry, modelled from its source (no Dragonfly server here): each expectation
 * below restates one of Dragonfly's own unit tests (hset_family_test.cc HSetEx, HSetExDragonflyCondition,
 * HSetExRedisFormat, HExpire, HTtl; generic_family_test.cc FieldTtl, Stick). Time starts on a second
 * boundary, as those tests start at kMemberExpiryBase.
 */

const START = 1_675_209_600_000;

/** Runs lines (`@ms` moves the clock) and returns the mismatches. */
function replay(rows: readonly (readonly [string, string])[]): string[] {
  const h = new Harness({ compat: 'dragonfly', startMs: START });
  const bad: string[] = [];
  for (const [line, expected] of rows) {
    const wait = /^@(\d+)$/.exec(line);
    if (wait) {
      h.advance(Number(wait[1]));
      continue;
    }
    const got = h.run(line);
    if (got !== expected)
      bad.push(`${line}\n  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(got)}`);
  }
  return bad;
}

describe('Dragonfly member expiry (dragonfly)', () => {
  it('HSETEX sets fields with a TTL in whole seconds; NX, KEEPTTL and the replies', () => {
    expect(
      replay([
        ['HSETEX k 1 f v', '(integer) 1'],
        ['@500', ''],
        ['HGET k f', '"v"'],
        ['@500', ''],
        ['HGET k f', '(nil)'],
        ['HSETEX k 100 field1 value', '(integer) 1'],
        ['HSETEX k 100 field1 new_value', '(integer) 0'],
        ['HGET k field1', '"new_value"'],
        ['HSETEX k 100 field2 value', '(integer) 1'],
        ['HSETEX k NX 100 field2 new_value', '(integer) 0'],
        ['HGET k field2', '"value"'],
        ['HSETEX k 100 field3 value', '(integer) 1'],
        ['HSETEX k 1 field3 value', '(integer) 0'],
        ['@1000', ''],
        ['HGET k field3', '(nil)'],
        ['HSETEX k 100 field4 value', '(integer) 1'],
        ['HSETEX k NX 1 field4 value', '(integer) 0'],
        ['@1100', ''],
        ['HGET k field4', '"value"'],
        ['HSETEX k 100 kttlfield value', '(integer) 1'],
        ['FIELDTTL k kttlfield', '(integer) 100'],
        ['HSETEX k KEEPTTL 1 kttlfield resetvalue afield aval', '(integer) 1'],
        ['FIELDTTL k kttlfield', '(integer) 100'],
        ['FIELDTTL k afield', '(integer) 1'],
        ['@1000', ''],
        ['HGET k afield', '(nil)'],
        ['HGET k kttlfield', '"resetvalue"'],
        ['FIELDTTL k kttlfield', '(integer) 99'],
        ['HSETEX k NX KEEPTTL 1 kttlfield value', '(integer) 0'],
        ['FIELDTTL k kttlfield', '(integer) 99'],
        ['HSETEX k NX zero kttlfield value', '(error) ERR value is not an integer or out of range'],
        ['HSET k nottl val', '(integer) 1'],
        ['HSETEX k KEEPTTL 100 nottl newval', '(integer) 0'],
        ['FIELDTTL k nottl', '(integer) 100'],
        ['HSETEX k NX KEEPTTL NX 1 v v2', '(error) ERR syntax error'],
        ['HSETEX k KEEPTTL KEEPTTL 1 v v2', '(error) ERR syntax error'],
        ['HSETEX k 100', "(error) ERR wrong number of arguments for 'hsetex' command"],
        ['HSETEX k NX 100 f', "(error) ERR wrong number of arguments for 'hsetex' command"],
        ['HSETEX k NX KEEPTTL 100 f', "(error) ERR wrong number of arguments for 'hsetex' command"],
      ]),
    ).toEqual([]);
  });

  it("HSETEX's FNX and FXX set all fields or none; Redis 8's FIELDS form replies 1", () => {
    expect(
      replay([
        ['HSETEX dk FNX 100 a 1 b 2', '(integer) 2'],
        ['FIELDTTL dk a', '(integer) 100'],
        ['HSETEX dk FNX 50 a x newf y', '(integer) 0'],
        ['HEXISTS dk newf', '(integer) 0'],
        ['HSETEX dk FXX 50 a x', '(integer) 0'],
        ['HGET dk a', '"x"'],
        ['FIELDTTL dk a', '(integer) 50'],
        ['HSETEX dk FXX 50 missing y', '(integer) 0'],
        ['HSETEX dk2 FXX 50 a 1', '(integer) 0'],
        ['EXISTS dk2', '(integer) 0'],
        ['HSETEX dk FXX KEEPTTL 10 a z', '(integer) 0'],
        ['FIELDTTL dk a', '(integer) 50'],
        ['HSETEX dk NX FNX 100 a 1', '(error) ERR syntax error'],
        ['HSETEX dk FNX FXX 100 a 1', '(error) ERR syntax error'],
        ['HSETEX k FIELDS 2 f1 v1 f2 v2', '(integer) 1'],
        ['FIELDTTL k f1', '(integer) -1'],
        ['HSETEX k EX 100 FIELDS 1 exf v', '(integer) 1'],
        ['FIELDTTL k exf', '(integer) 100'],
        ['HSETEX k PX 100000 FIELDS 1 pxf v', '(integer) 1'],
        ['FIELDTTL k pxf', '(integer) 100'],
        [
          'HSETEX k EX 10 FIELDS 2 a b',
          '(error) ERR The `numfields` parameter must match the number of arguments',
        ],
        ['HSETEX k EX 0 FIELDS 1 a b', "(error) ERR invalid expire time in 'hsetex' command"],
      ]),
    ).toEqual([]);
  });

  it('HEXPIRE in whole seconds: NX/XX/GT/LT, 0 deletes (2), fields go at their second', () => {
    expect(
      replay([
        ['HSET key3 k0 v0 k1 v1 k2 v2 k3 v3 k4 v4 k5 v5', '(integer) 6'],
        ['HEXPIRE key3 10 XX FIELDS 1 k0', '1) (integer) 0'],
        ['HEXPIRE key3 10 NX FIELDS 1 k0', '1) (integer) 1'],
        ['HEXPIRE key3 10 NX FIELDS 1 k0', '1) (integer) 0'],
        ['HEXPIRE key3 10 XX FIELDS 1 k0', '1) (integer) 1'],
        ['HEXPIRE key3 10 NX FIELDS 3 k1 k2 k3', '1) (integer) 1\n2) (integer) 1\n3) (integer) 1'],
        ['HEXPIRE key3 8 GT FIELDS 1 k2', '1) (integer) 0'],
        ['HEXPIRE key3 12 GT FIELDS 1 k2', '1) (integer) 1'],
        ['HEXPIRE key3 8 LT FIELDS 1 k3', '1) (integer) 1'],
        ['HEXPIRE key3 12 LT FIELDS 1 k3', '1) (integer) 0'],
        ['HEXPIRE key3 10 GT FIELDS 1 k4', '1) (integer) 0'],
        ['HEXPIRE key3 10 LT FIELDS 1 k5', '1) (integer) 1'],
        ['@8000', ''],
        ['HLEN key3', '(integer) 5'],
        ['@2000', ''],
        ['HKEYS key3', '1) "k2"\n2) "k4"'],
        ['@2000', ''],
        ['HKEYS key3', '1) "k4"'],
        ['HEXPIRE key3 10 FIELDS 1 k4', '1) (integer) 1'],
        ['HEXPIRE key3 0 XX FIELDS 1 k4', '1) (integer) 2'],
        ['EXISTS key3', '(integer) 0'],
        ['HSET key4 k0 v0 k1 v1 k2 v2', '(integer) 3'],
        ['HEXPIRE key4 0 NX FIELDS 2 k0 k1', '1) (integer) 2\n2) (integer) 2'],
        ['HEXPIRE key4 0 GT FIELDS 1 k2', '1) (integer) 0'],
        ['HEXPIRE nokey 10 FIELDS 2 k0 k1', '1) (integer) -2\n2) (integer) -2'],
        [
          'HEXPIRE key4 10 1 k0',
          '(error) ERR Mandatory argument FIELDS is missing or not at the right position',
        ],
        [
          'HEXPIRE key4 10 FIELDS 2 k0',
          '(error) ERR The `numfields` parameter must match the number of arguments',
        ],
        [
          'HEXPIRE key4 10 FIELDS 0',
          '(error) ERR The `numfields` parameter must match the number of arguments',
        ],
        ['HEXPIRE key4 268435456 FIELDS 1 k2', '(error) ERR value is not an integer or out of range'],
        [
          'HPEXPIRE key4 10 FIELDS 1 k2',
          "(error) ERR unknown command 'HPEXPIRE', with args beginning with: 'key4' '10' 'FIELDS' '1' 'k2' ",
        ],
      ]),
    ).toEqual([]);
  });

  it('HTTL and HPEXPIRETIME per field; FIELDTTL for one field of a hash or a set', () => {
    expect(
      replay([
        ['HTTL nokey FIELDS 2 f1 f2', '1) (integer) -2\n2) (integer) -2'],
        ['HSET key k0 v0 k1 v1', '(integer) 2'],
        ['HTTL key FIELDS 3 k0 k1 nosuch', '1) (integer) -1\n2) (integer) -1\n3) (integer) -2'],
        ['HEXPIRE key 10 FIELDS 1 k0', '1) (integer) 1'],
        ['HTTL key FIELDS 2 k0 k1', '1) (integer) 10\n2) (integer) -1'],
        ['HPEXPIRETIME key FIELDS 1 k0', `1) (integer) ${START + 10_000}`],
        ['@3000', ''],
        ['HTTL key FIELDS 1 k0', '1) (integer) 7'],
        ['SET strkey val', 'OK'],
        [
          'HTTL strkey FIELDS 1 f',
          '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        ],
        ['HTTL key 1 k0', '(error) ERR Mandatory argument FIELDS is missing or not at the right position'],
        ['HTTL key FIELDS 2 k0', '(error) ERR The `numfields` parameter must match the number of arguments'],
        ['HTTL key FIELDS 0 k0', '(error) ERR Number of fields must be a positive integer'],
        ['SADDEX skey 1 val1', '(integer) 1'],
        ['SADDEX skey 2 val2', '(integer) 1'],
        ['SADD skey val3', '(integer) 1'],
        ['FIELDTTL nokey val1', '(integer) -2'],
        ['FIELDTTL skey bar', '(integer) -3'],
        ['FIELDTTL skey val1', '(integer) 1'],
        ['FIELDTTL skey val2', '(integer) 2'],
        ['FIELDTTL skey val3', '(integer) -1'],
        ['@1100', ''],
        ['FIELDTTL skey val1', '(integer) -3'],
        ['FIELDTTL skey val2', '(integer) 1'],
        ['FIELDTTL strkey bar', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['HSETEX k2 1 f1 v1 f2 v2', '(integer) 2'],
        ['HSET k2 f3 v3', '(integer) 1'],
        ['FIELDTTL k2 f1', '(integer) 1'],
        ['FIELDTTL k2 f3', '(integer) -1'],
        ['FIELDTTL k2 f4', '(integer) -3'],
      ]),
    ).toEqual([]);
  });

  it('SADDEX, FIELDEXPIRE and STICK', () => {
    expect(
      replay([
        ['SADDEX myset 10 Hello', '(integer) 1'],
        ['SADDEX myset 20 World Dragonfly', '(integer) 2'],
        ['SCARD myset', '(integer) 3'],
        ['SADDEX myset KEEPTTL 50 Hello New', '(integer) 1'],
        ['FIELDTTL myset Hello', '(integer) 10'],
        ['SADDEX myset 50 Hello', '(integer) 0'],
        ['FIELDTTL myset Hello', '(integer) 50'],
        ['SADDEX myset 0 x', '(error) ERR value is not an integer or out of range'],
        ['SADDEX myset KEEPTTL 5', "(error) ERR wrong number of arguments for 'saddex' command"],
        ['@20000', ''],
        ['SMEMBERS myset', '1) "Hello"\n2) "New"'],
        ['@30000', ''],
        // The set still holds its expired members until it is read, as in Dragonfly.
        ['EXISTS myset', '(integer) 1'],
        ['SMEMBERS myset', '(empty array)'],
        ['EXISTS myset', '(integer) 0'],
        ['FIELDEXPIRE no-key 20 field1 field2', '1) (integer) -2\n2) (integer) -2'],
        ['HSET mykey field1 hello field2 world', '(integer) 2'],
        ['FIELDEXPIRE mykey 10 field1 field2 field3', '1) (integer) 1\n2) (integer) 1\n3) (integer) -2'],
        ['SET plain v', 'OK'],
        ['FIELDEXPIRE plain 10 a', '1) (integer) -2'],
        ['FIELDEXPIRE mykey 0 field1', '(error) ERR value is not an integer or out of range'],
        ['@10000', ''],
        ['HGETALL mykey', '(empty array)'],
        ['MSET a 1 b 2', 'OK'],
        ['STICK a', '(integer) 1'],
        ['STICK a b c', '(integer) 1'],
        ['STICK a b', '(integer) 0'],
      ]),
    ).toEqual([]);
  });

  it("differs from Redis on the seed page's family: capped TTLs, out-of-range deadlines, option errors", () => {
    expect(
      replay([
        ['SET k v', 'OK'],
        ['EXPIRE k 999999999', '(integer) 1'],
        ['TTL k', '(integer) 268435455'],
        ['EXPIRE k abc FOO', '(error) ERR value is not an integer or out of range'],
        ['EXPIRE k 10 FOO', '(error) ERR Unsupported option: FOO'],
        ['EXPIRE k 10 NX XX', '(error) ERR NX and XX options at the same time are not compatible'],
        ['EXPIRE k 10 GT LT', '(error) ERR GT and LT options at the same time are not compatible'],
        ['EXPIREAT k 99999999999', '(error) ERR expiry is out of range'],
        ['PEXPIRE k 9223372036854775807', '(error) ERR expiry is out of range'],
        ['EXPIRE k 10 NX GT', '(integer) 0'],
        ['EXPIRE k 10 LT', '(integer) 1'],
        ['TTL k', '(integer) 10'],
        ['SETEX s 999999999 v', 'OK'],
        ['TTL s', '(integer) 268435455'],
        ['SETEX s 9223372036854775807 v', "(error) ERR invalid expire time in 'set' command"],
        ['PSETEX s 0 v', "(error) ERR invalid expire time in 'psetex' command"],
        ['PSETEX mykey 1000 Hello', 'OK'],
        ['PTTL mykey', '(integer) 1000'],
      ]),
    ).toEqual([]);
    // Redis 7.0 on the same lines, for contrast.
    const redis = new Harness();
    expect(redis.run('SETEX s 9223372036854775807 v')).toBe(
      "(error) ERR invalid expire time in 'setex' command",
    );
    expect(redis.run('EXPIRE k 10 NX XX')).toBe(
      '(error) ERR NX and XX, GT or LT options at the same time are not compatible',
    );
  });

  it("answers INFO with Dragonfly's versions and is absent from the Redis servers", () => {
    const h = new Harness({ compat: 'dragonfly' });
    expect(h.run('INFO server')).toMatch(/redis_version:7\.4\.0\r\ndragonfly_version:df-v1\./);
    const redis = new Harness({ compat: 'redis-7.4' });
    expect(redis.run('HSETEX k 10 f v')).toMatch(/^\(error\) ERR unknown command 'HSETEX'/);
    expect(new Harness().run('HEXPIRE k 10 FIELDS 1 f')).toMatch(/^\(error\) ERR unknown command 'HEXPIRE'/);
  });
});
