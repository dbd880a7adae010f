import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness.ts';

/**
 * Redis 7.4's hash-field expiry: every reply and keyspace event below was recorded from the 7.4.1
 * oracle with redis-cli (a subscriber on `__keyevent@*`), then replayed on the engine with
 * `--compat redis-7.4`. `@ms` lines let time pass: the oracle slept, the engine's clock is moved
 * (with the active cycle running at hz 10 where the recording had active expiry on). The oracle's
 * clock moved a little during the recording; the one reply that showed it (an HPTTL) reads as on a
 * clock that stands still.
 */

/** [line, what redis-cli printed, the keyspace events it published]; `@ms` lines wait. */
type Row = readonly [string, string, readonly string[] | null];

function replay(rows: readonly Row[], options: { activeExpiry?: boolean } = {}): string[] {
  const h = new Harness({ compat: 'redis-7.4' });
  h.run('CONFIG SET notify-keyspace-events KEA');
  if (!options.activeExpiry) h.run('DEBUG SET-ACTIVE-EXPIRE 0');
  h.takeEvents();
  const bad: string[] = [];
  for (const [line, expected, events] of rows) {
    const wait = /^@(\d+)$/.exec(line);
    if (wait) {
      passTime(h, Number(wait[1]), options.activeExpiry === true);
      continue;
    }
    const got = h.run(line).trimEnd();
    if (got !== expected)
      bad.push(`${line}\n  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(got)}`);
    // The recording attributes events published during a wait (active expiry) to the next line.
    // KEA: the recording subscribed without key-miss and new-key events.
    const seen = h.takeEvents().filter((e) => !/^(new|keymiss) /.test(e));
    if (events && JSON.stringify(seen) !== JSON.stringify(events)) {
      bad.push(`${line}\n  events expected: ${events.join(', ')}\n  events got:      ${seen.join(', ')}`);
    }
  }
  return bad;
}

/** Moves the clock by `ms`, running the server cron's slow cycle every 100 ms when active expiry is on. */
function passTime(h: Harness, ms: number, active: boolean): void {
  for (let left = ms; left > 0; left -= 100) {
    h.advance(Math.min(100, left));
    if (active) h.engine.runExpiryCycle('slow');
  }
}

describe('hash-field expiry (redis-7.4)', () => {
  it('sets, reads and removes field TTLs with 7.4.1 codes, errors, order and DUMP', () => {
    const rows: Row[] = [
      ['HSET h a 1 b 2 c 3 d 4', '(integer) 4', null],
      ['OBJECT ENCODING h', '"listpack"', null],
      ['HEXPIRE h 100 FIELDS 1 c', '1) (integer) 1', null],
      ['OBJECT ENCODING h', '"listpackex"', null],
      ['HGETALL h', '1) "c"\n2) "3"\n3) "a"\n4) "1"\n5) "b"\n6) "2"\n7) "d"\n8) "4"', null],
      ['HPEXPIRE h 50000 FIELDS 1 d', '1) (integer) 1', null],
      ['HGETALL h', '1) "d"\n2) "4"\n3) "c"\n4) "3"\n5) "a"\n6) "1"\n7) "b"\n8) "2"', null],
      [
        'HTTL h FIELDS 5 a b c d zz',
        '1) (integer) -1\n2) (integer) -1\n3) (integer) 100\n4) (integer) 50\n5) (integer) -2',
        null,
      ],
      ['HPTTL h FIELDS 2 c a', '1) (integer) 100000\n2) (integer) -1', null],
      ['HEXPIRE h 100 NX FIELDS 2 a c', '1) (integer) 1\n2) (integer) 0', null],
      ['HEXPIRE h 200 XX FIELDS 2 a c', '1) (integer) 1\n2) (integer) 1', null],
      ['HEXPIRE h 300 GT FIELDS 2 a c', '1) (integer) 1\n2) (integer) 1', null],
      // Real time passed on the oracle: d's deadline (set above) is a little earlier than the new ones.
      ['@5', '', null],
      ['HEXPIRE h 50 LT FIELDS 3 a c d', '1) (integer) 1\n2) (integer) 1\n3) (integer) 0', null],
      ['HTTL h FIELDS 4 a b c d', '1) (integer) 50\n2) (integer) -1\n3) (integer) 50\n4) (integer) 50', null],
      ['HGETALL h', '1) "d"\n2) "4"\n3) "c"\n4) "3"\n5) "a"\n6) "1"\n7) "b"\n8) "2"', null],
      ['HPERSIST h FIELDS 3 a c zz', '1) (integer) 1\n2) (integer) 1\n3) (integer) -2', null],
      ['HGETALL h', '1) "d"\n2) "4"\n3) "b"\n4) "2"\n5) "a"\n6) "1"\n7) "c"\n8) "3"', null],
      ['HSET h a x', '(integer) 0', null],
      ['HGETALL h', '1) "d"\n2) "4"\n3) "b"\n4) "2"\n5) "a"\n6) "x"\n7) "c"\n8) "3"', null],
      ['HTTL h FIELDS 1 a', '1) (integer) -1', null],
      ['HINCRBY h d 5', '(integer) 9', null],
      ['HTTL h FIELDS 1 d', '1) (integer) 50', null],
      ['HEXPIRE h 0 FIELDS 2 b zz', '1) (integer) 2\n2) (integer) -2', null],
      ['HLEN h', '(integer) 3', null],
      ['HEXPIREAT h 1 FIELDS 1 d', '1) (integer) 2', null],
      ['HGETALL h', '1) "a"\n2) "x"\n3) "c"\n4) "3"', null],
      ['HEXPIRE nokey 10 FIELDS 2 a b', '1) (integer) -2\n2) (integer) -2', null],
      ['HTTL nokey FIELDS 1 a', '1) (integer) -2', null],
      ['HPERSIST nokey FIELDS 1 a', '1) (integer) -2', null],
      ['SET s v', 'OK', null],
      [
        'HEXPIRE s 10 FIELDS 1 a',
        '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        null,
      ],
      [
        'HTTL s FIELDS 1 a',
        '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        null,
      ],
      [
        'HPERSIST s FIELDS 1 a',
        '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
        null,
      ],
      ['HEXPIRE h -1 FIELDS 1 a', '(error) ERR invalid expire time, must be >= 0', null],
      ['HEXPIRE h x FIELDS 1 a', '(error) ERR value is not an integer or out of range', null],
      ['HEXPIRE h 10 FIELDS 0 a', '(error) ERR Parameter `numFields` should be greater than 0', null],
      ['HEXPIRE h 10 FIELDS x a', '(error) ERR Parameter `numFields` should be greater than 0', null],
      [
        'HEXPIRE h 10 FIELDS 2 a',
        '(error) ERR The `numfields` parameter must match the number of arguments',
        null,
      ],
      [
        'HEXPIRE h 10 FIELDS 1 a b',
        '(error) ERR The `numfields` parameter must match the number of arguments',
        null,
      ],
      [
        'HEXPIRE h 10 FOO 1 a',
        '(error) ERR Mandatory argument FIELDS is missing or not at the right position',
        null,
      ],
      [
        'HEXPIRE h 10 NX NX FIELDS 1 a',
        '(error) ERR Mandatory argument FIELDS is missing or not at the right position',
        null,
      ],
      ['HEXPIRE h 10 FIELDS', "(error) ERR wrong number of arguments for 'hexpire' command", null],
      ['HTTL h FIELDS 0 a', '(error) ERR Number of fields must be a positive integer', null],
      [
        'HTTL h FIELD 1 a',
        '(error) ERR Mandatory argument FIELDS is missing or not at the right position',
        null,
      ],
      ['HPERSIST h FIELDS -1 a', '(error) ERR Number of fields must be a positive integer', null],
      ['HEXPIRE h 70368744177 FIELDS 1 a', "(error) ERR invalid expire time in 'hexpire' command", null],
      ['HEXPIRE h 70368744178 FIELDS 1 a', "(error) ERR invalid expire time in 'hexpire' command", null],
      ['HPEXPIRE h 70368744177663 FIELDS 1 a', "(error) ERR invalid expire time in 'hpexpire' command", null],
      ['HPEXPIREAT h 70368744177663 FIELDS 1 a', '1) (integer) 1', null],
      [
        'HPEXPIREAT h 70368744177664 FIELDS 1 a',
        "(error) ERR invalid expire time in 'hpexpireat' command",
        null,
      ],
      ['HPEXPIRETIME h FIELDS 1 a', '1) (integer) 70368744177663', null],
      ['HEXPIRETIME h FIELDS 1 a', '1) (integer) 70368744178', null],
      ['HPEXPIREAT h 4102444800123 FIELDS 1 a', '1) (integer) 1', null],
      ['HEXPIRETIME h FIELDS 1 a', '1) (integer) 4102444801', null],
      ['HPEXPIRETIME h FIELDS 1 a', '1) (integer) 4102444800123', null],
      [
        'DUMP h',
        '"\\x19{\\xd8\\xc3,\\xbb\\x03\\x00\\x00\\x1e\\x1e\\x00\\x00\\x00\\x06\\x00\\x81a\\x02\\x81x\\x02\\xf4{\\xd8\\xc3,\\xbb\\x03\\x00\\x00\\t\\x81c\\x02\\x03\\x01\\x00\\x01\\xff\\x0c\\x00! WA\\xe5?\\x1f^"',
        null,
      ],
    ];
    expect(replay(rows.map(([l, o]) => [l, o, null] as const))).toEqual([]);
  });

  it('reclaims a field past its TTL where 7.4.1 does, with its events', () => {
    const rows: Row[] = [
      ['HSET h a 1 b 2 c 3', '(integer) 3', ['hset h']],
      ['HPEXPIRE h 100 FIELDS 2 a b', '1) (integer) 1\n2) (integer) 1', ['hexpire h']],
      ['HSET one x 1', '(integer) 1', ['hset one']],
      ['HPEXPIRE one 100 FIELDS 1 x', '1) (integer) 1', ['hexpire one']],
      ['@300', '', []],
      ['HLEN h', '(integer) 3', []],
      ['HGETALL h', '1) "c"\n2) "3"', []],
      ['HKEYS h', '1) "c"', []],
      ['HSCAN h 0', '1) "0"\n2) 1) "c"\n   2) "3"', []],
      ['HTTL h FIELDS 3 a b c', '1) (integer) -2\n2) (integer) -2\n3) (integer) -1', []],
      ['HPERSIST h FIELDS 1 a', '1) (integer) -2', []],
      ['EXISTS h', '(integer) 1', []],
      ['HGET h a', '(nil)', ['hexpired h']],
      ['HLEN h', '(integer) 2', []],
      ['HMGET h a b c', '1) (nil)\n2) (nil)\n3) "3"', ['hexpired h']],
      ['HLEN h', '(integer) 1', []],
      ['HEXISTS one x', '(integer) 0', ['hexpired one', 'del one']],
      ['EXISTS one', '(integer) 0', []],
      ['HSET one x 1', '(integer) 1', ['hset one']],
      ['HPEXPIRE one 100 FIELDS 1 x', '1) (integer) 1', ['hexpire one']],
      ['HSET h a 1 b 2', '(integer) 2', ['hset h']],
      ['HPEXPIRE h 100 FIELDS 2 a b', '1) (integer) 1\n2) (integer) 1', ['hexpire h']],
      ['@300', '', []],
      ['HMGET one x x', '1) (nil)\n2) (nil)', []],
      ['EXISTS one', '(integer) 0', []],
      ['HSTRLEN h a', '(integer) 0', ['hexpired h']],
      ['HINCRBY h b 7', '(integer) 7', ['hexpired h', 'hincrby h']],
      ['HTTL h FIELDS 1 b', '1) (integer) -1', []],
      ['HSET h a 1', '(integer) 1', ['hset h']],
      ['HPEXPIRE h 100 FIELDS 1 a', '1) (integer) 1', ['hexpire h']],
      ['@300', '', []],
      ['HSET h a 9', '(integer) 0', ['hset h']],
      ['HTTL h FIELDS 1 a', '1) (integer) -1', []],
      ['HPEXPIRE h 100 FIELDS 1 a', '1) (integer) 1', ['hexpire h']],
      ['@300', '', []],
      ['HRANDFIELD h 5', '1) "c"\n2) "b"', ['hexpired h']],
      ['HGETALL h', '1) "c"\n2) "3"\n3) "b"\n4) "7"', []],
      ['HPEXPIRE h 100 FIELDS 2 b c', '1) (integer) 1\n2) (integer) 1', ['hexpire h']],
      ['@300', '', []],
      ['HSETNX h c v', '(integer) 1', ['hexpired h', 'hset h']],
      ['HRANDFIELD h', '"c"', ['hexpired h']],
      ['EXISTS h', '(integer) 1', []],
    ];
    expect(replay(rows)).toEqual([]);
  });

  it("lets the active cycle reclaim fields at the hash's registered deadline (moved only by 4 s or more)", () => {
    const rows: Row[] = [
      ['HSET h a 1 b 2 c 3', '(integer) 3', ['hset h']],
      ['HPEXPIRE h 6000 FIELDS 1 a', '1) (integer) 1', ['hexpire h']],
      ['HPEXPIRE h 3000 FIELDS 1 b', '1) (integer) 1', ['hexpire h']],
      ['INFO keyspace', '# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0,subexpiry=1', []],
      ['@4500', '', []],
      ['HLEN h', '(integer) 3', []],
      ['@2500', '', []],
      ['HLEN h', '(integer) 1', ['hexpired h']],
      ['HSET g x 1 y 2', '(integer) 2', ['hset g']],
      ['HPEXPIRE g 1000 FIELDS 2 x y', '1) (integer) 1\n2) (integer) 1', ['hexpire g']],
      ['@1500', '', []],
      ['EXISTS g', '(integer) 0', ['hexpired g', 'del g']],
      ['INFO keyspace', '# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0,subexpiry=0', []],
    ];
    expect(replay(rows, { activeExpiry: true })).toEqual([]);
  });
});
