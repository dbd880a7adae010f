/**
 * The event catalogue's lines for what Redis 7.4 adds (event-catalogue.ts has the rest): the hash
 * field expiry commands on fields with a distant TTL, with one already past (not yet reclaimed, as
 * active expiry is off), and without one; what the hash commands do with a field past its TTL; and
 * the other 7.4 differences the engine follows (ZRANK WITHSCORE, NOVALUES, the subexpiry count).
 */

/** Added to FIXTURE: `hf` has `a` far off, `b` past, `c` without a TTL; `hg`'s only field is past. */
export const FIELD_FIXTURE: readonly string[] = [
  'HSET hf a 1 b 2 c 3',
  'HPEXPIRE hf 100000000 FIELDS 1 a',
  'HPEXPIRE hf 10 FIELDS 1 b',
  'HSET hg x 1',
  'HPEXPIRE hg 10 FIELDS 1 x',
];

const SETTERS = [
  'HEXPIRE hf 100 FIELDS 2 a zz',
  'HEXPIRE hf 100 FIELDS 1 b',
  'HEXPIRE hf 0 FIELDS 1 c',
  'HEXPIRE hf 0 FIELDS 3 a b c',
  'HEXPIRE hg 0 FIELDS 1 x',
  'HEXPIRE nokey 10 FIELDS 2 a b',
  'HEXPIRE s 10 FIELDS 1 a',
  'HEXPIRE hf 100 NX FIELDS 2 a c',
  'HEXPIRE hf 100 XX FIELDS 2 a c',
  'HEXPIRE hf 200000 GT FIELDS 2 a c',
  'HEXPIRE hf 200 LT FIELDS 2 a c',
  'HEXPIRE hf 10 FIELDS 0 a',
  'HEXPIRE hf 10 FIELDS 2 a',
  'HEXPIRE hf 10 FIELD 1 a',
  'HEXPIRE hf -1 FIELDS 1 a',
  'HEXPIRE hf 99999999999999 FIELDS 1 a',
  'HPEXPIRE hf 500000 FIELDS 1 c',
  'HPEXPIRE hf 99999999999999999 FIELDS 1 c',
  'HEXPIREAT hf 1 FIELDS 1 c',
  'HEXPIREAT hf 4000000000 FIELDS 2 a c',
  'HPEXPIREAT hf 4000000000000 FIELDS 1 c && HPEXPIRETIME hf FIELDS 1 c',
  'HPEXPIREAT hf 1 FIELDS 2 a c && EXISTS hf',
];

const READERS = [
  'HTTL hf FIELDS 4 a b c zz',
  'HPTTL hf FIELDS 1 a',
  'HEXPIRETIME hf FIELDS 2 a c',
  'HPEXPIRETIME hf FIELDS 1 b',
  'HTTL nokey FIELDS 1 a',
  'HTTL s FIELDS 1 a',
  'HTTL hf FIELDS 0 a',
  'HPERSIST hf FIELDS 3 a b c && HTTL hf FIELDS 1 a',
  'HPERSIST hg FIELDS 1 x',
  'HPERSIST nokey FIELDS 1 x',
];

/** Each hash command meeting the past field `b` (or `hg`'s only field, which takes the hash along). */
const LAZY = [
  'HGET hf b',
  'HGET hg x',
  'HMGET hf a b c',
  'HMGET hg x x',
  'HEXISTS hf b',
  'HSTRLEN hg x',
  'HINCRBY hf b 1 && HTTL hf FIELDS 1 b',
  'HINCRBY hg x 1',
  'HINCRBYFLOAT hf b 1.5',
  'HSETNX hf b v',
  'HSETNX hg x v',
  'HSET hf b v && HTTL hf FIELDS 1 b',
  'HSET hf a v && HTTL hf FIELDS 1 a',
  'HDEL hf b',
  'HDEL hg x',
  'HLEN hf',
  'HGETALL hf',
  'HKEYS hf',
  'HVALS hg',
  'HSCAN hf 0',
  'HSCAN hf 0 NOVALUES',
  'HRANDFIELD hg',
  'HRANDFIELD hf 5',
  'HRANDFIELD hf 0 && HLEN hf',
  'OBJECT ENCODING hf',
  'RENAME hf hr && HTTL hr FIELDS 2 a b && INFO keyspace',
  'COPY hf hc && HPTTL hc FIELDS 1 a && INFO keyspace',
  'MOVE hf 1 && SELECT 1 && HTTL hf FIELDS 1 a && SELECT 0',
  'INFO keyspace',
  'DEL hf && INFO keyspace',
];

const OTHERS_74 = [
  'ZRANK z b WITHSCORE',
  'ZREVRANK z b withscore',
  'ZRANK z zz WITHSCORE',
  'ZRANK z a foo',
  'ZRANK z a WITHSCORE x',
  'SSCAN st 0 NOVALUES',
  'SCAN 0 NOVALUES',
  'SCAN 0 TYPE list',
  'ZSCORE z a && ZINCRBY z 0.1 a',
  'OBJECT ENCODING l',
  'OBJECT ENCODING st',
];

export const FIELD_SCENARIOS: readonly string[] = [...SETTERS, ...READERS, ...LAZY, ...OTHERS_74];
