import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

/**
 * Expectations captured from redis-server 7.0.15 with redis-cli: the bytes of sparse HLLs as GET
 * shows them, dense ones by their SHA-1, counts, promotions, merges and the errors for strings that
 * are not (or no longer) HLLs.
 */
describe('HyperLogLog commands', () => {
  it('match redis-server replies and bytes', () => {
    expect(
      transcript(new Harness(), [
        ['PFADD h a b c', '(integer) 1'],
        [
          'GET h',
          '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80`\\xf3\\x80P\\xb1\\x84K\\xfb\\x80BZ"',
        ],
        ['STRLEN h', '(integer) 27'],
        ['OBJECT ENCODING h', '"raw"'],
        ['PFCOUNT h', '(integer) 3'],
        [
          'GET h',
          '"HYLL\\x01\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x00\\x00\\x00\\x00`\\xf3\\x80P\\xb1\\x84K\\xfb\\x80BZ"',
        ],
        ['PFADD h a', '(integer) 0'],
        ['PFADD h d e f g', '(integer) 1'],
        [
          'GET h',
          '"HYLL\\x01\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x00\\x00\\x00\\x80Fm\\x80V\\x0c\\x80D<\\x848\\x80P\\xb1\\x84I\\x8c\\x80Bm\\x80BZ"',
        ],
        ['PFCOUNT h', '(integer) 7'],
        ['PFADD h', '(integer) 0'],
        ['PFADD new', '(integer) 1'],
        ['GET new', '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff"'],
        ['PFADD new2 ""', '(integer) 1'],
        ['GET new2', '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80W1\\x84h\\xcc"'],
        ['PFCOUNT nokey', '(integer) 0'],
        ['PFCOUNT h new nokey', '(integer) 7'],
        ['PFCOUNT h nokey', '(integer) 7'],
        ['SET s foo', 'OK'],
        ['PFADD s a', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['PFCOUNT s', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['PFCOUNT h s', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['PFMERGE d s', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['PFDEBUG ENCODING s', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['SET i 1234567890123456', 'OK'],
        ['PFADD i x', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['SET hdr "HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x7f\\xff"', 'OK'],
        ['OBJECT ENCODING hdr', '"embstr"'],
        ['PFCOUNT hdr', '(integer) 0'],
        ['OBJECT ENCODING hdr', '"raw"'],
        ['GET hdr', '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x7f\\xff"'],
        ['PFADD hdr x', '(integer) 1'],
        ['GET hdr', '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xf5\\x84\\b"'],
        ['SET bad "HYLL\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x7f\\xff"', 'OK'],
        ['PFADD bad x', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['SET dense "HYLL\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x7f\\xff"', 'OK'],
        ['PFCOUNT dense', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['SET short "HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"', 'OK'],
        ['PFCOUNT short', '(error) WRONGTYPE Key is not a valid HyperLogLog string value.'],
        ['SET corrupt "HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xfe"', 'OK'],
        ['PFCOUNT corrupt', '(error) INVALIDOBJ Corrupted HLL object detected'],
        ['PFADD corrupt a b c', '(integer) 1'],
        [
          'GET corrupt',
          '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80`\\xf3\\x80P\\xb1\\x84K\\xfb\\x80BY"',
        ],
        ['SET corrupt2 "HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xfe"', 'OK'],
        ['PFCOUNT corrupt2 h', '(error) INVALIDOBJ Corrupted HLL object detected'],
        ['PFMERGE m2 corrupt2', '(error) INVALIDOBJ Corrupted HLL object detected'],
        ['EXISTS m2', '(integer) 0'],
        ['PFDEBUG DECODE corrupt2', '"Z:16383"'],
        ['PFDEBUG TODENSE corrupt2', '(error) INVALIDOBJ Corrupted HLL object detected'],
        ['RPUSH l a', '(integer) 1'],
        ['PFADD l a', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['PFCOUNT l', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['PFCOUNT h l', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['PFMERGE l h', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['PFMERGE h l', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        ['PFDEBUG ENCODING l', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
        [
          "EVAL \"for i=1,300 do redis.call('PFADD', KEYS[1], 'e'..i) end return redis.call('PFCOUNT', KEYS[1])\" 1 mid",
          '(integer) 302',
        ],
        ['PFDEBUG ENCODING mid', 'sparse'],
        ['STRLEN mid', '(integer) 713'],
        [
          'EVAL "return redis.sha1hex(redis.call(\'GET\', KEYS[1]))" 1 mid',
          '"d62c7f8a65610ee5c12682890ad5eac1571252f0"',
        ],
        [
          'PFDEBUG DECODE h',
          '"Z:1646 v:1,1 Z:5645 v:1,1 Z:1085 v:2,1 z:57 v:1,1 Z:4274 v:2,1 Z:2445 v:1,1 Z:622 v:1,1 Z:603"',
        ],
        [
          "EVAL \"for i=1,3000 do redis.call('PFADD', KEYS[1], 'e'..i) end return redis.call('PFCOUNT', KEYS[1])\" 1 big",
          '(integer) 2979',
        ],
        ['PFDEBUG ENCODING big', 'dense'],
        ['STRLEN big', '(integer) 12304'],
        [
          'EVAL "return redis.sha1hex(redis.call(\'GET\', KEYS[1]))" 1 big',
          '"19e0b3f23fce190768f3b44eb1824b86f8a2fedf"',
        ],
        ['PFCOUNT big mid h', '(integer) 2986'],
        ['PFMERGE d h new', 'OK'],
        ['PFDEBUG ENCODING d', 'sparse'],
        ['PFCOUNT d', '(integer) 7'],
        [
          'GET d',
          '"HYLL\\x01\\x00\\x00\\x00\\a\\x00\\x00\\x00\\x00\\x00\\x00\\x00Fm\\x80V\\x0c\\x80D<\\x848\\x80P\\xb1\\x84I\\x8c\\x80Bm\\x80BZ"',
        ],
        ['PFMERGE d big', 'OK'],
        ['PFDEBUG ENCODING d', 'dense'],
        ['PFCOUNT d', '(integer) 2986'],
        [
          'EVAL "return redis.sha1hex(redis.call(\'GET\', KEYS[1]))" 1 d',
          '"2f1de44a7fe56ddc915b9d235effad66b68bcf8f"',
        ],
        ['PFMERGE d2', 'OK'],
        ['GET d2', '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff"'],
        ['PFMERGE d3 nokey h', 'OK'],
        [
          'GET d3',
          '"HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80Fm\\x80V\\x0c\\x80D<\\x848\\x80P\\xb1\\x84I\\x8c\\x80Bm\\x80BZ"',
        ],
        ['PFMERGE d3 mid', 'OK'],
        ['PFDEBUG ENCODING d3', 'sparse'],
        [
          'EVAL "return redis.sha1hex(redis.call(\'GET\', KEYS[1]))" 1 d3',
          '"10a781eeb06b168befd1291df6e896eff6348453"',
        ],
        ['PFCOUNT d3', '(integer) 309'],
        ['PFDEBUG DECODE big', '(error) ERR HLL encoding is not sparse'],
        ['PFDEBUG GETREG nokey', '(error) ERR The specified key does not exist'],
        ['PFDEBUG FOO h', "(error) ERR Unknown PFDEBUG subcommand 'FOO'"],
        ['PFDEBUG FOO nokey', '(error) ERR The specified key does not exist'],
        ['PFDEBUG ENCODING h', 'sparse'],
        ['PFDEBUG TODENSE h', '(integer) 1'],
        ['PFDEBUG TODENSE h', '(integer) 0'],
        ['PFDEBUG ENCODING h', 'dense'],
        ['PFCOUNT h', '(integer) 7'],
        [
          "EVAL \"local r = redis.call('PFDEBUG','GETREG',KEYS[1]) local s=0 for i=1,#r do s=s+r[i] end return {#r, s}\" 1 h",
          '1) (integer) 16384\n2) (integer) 9',
        ],
        [
          "EVAL \"local r = redis.call('PFDEBUG','GETREG',KEYS[1]) local s=0 for i=1,#r do s=s+r[i] end return {#r, s}\" 1 mid",
          '1) (integer) 16384\n2) (integer) 595',
        ],
        ['PFDEBUG ENCODING mid', 'dense'],
        ['PFDEBUG ENCODING', "(error) ERR wrong number of arguments for 'pfdebug' command"],
        ['EXPIRE h 100', '(integer) 1'],
        ['PFADD h zz', '(integer) 1'],
        ['TTL h', '(integer) 100'],
        ['PFCOUNT h', '(integer) 8'],
        ['SETRANGE h 17 "\\xff"', '(integer) 12304'],
        ['PFCOUNT h', '(integer) 8'],
        ['PFADD h new-one', '(integer) 1'],
        ['PFCOUNT h', '(integer) 11'],
        [
          "EVAL \"for i=1,5000 do redis.call('PFADD', KEYS[1], i) end return redis.call('PFCOUNT', KEYS[1])\" 1 huge",
          '(integer) 4985',
        ],
        ['PFCOUNT huge big mid', '(integer) 8018'],
      ]),
    ).toEqual([]);
  }, 30_000);

  it('publish the events redis-server publishes (none for the cached count PFCOUNT writes)', () => {
    const h = new Harness();
    for (const line of [
      'PFADD h a b',
      'PFADD h a',
      'PFADD h',
      'PFCOUNT h',
      'PFCOUNT nokey',
      'PFCOUNT h nokey2',
      'PFMERGE d h',
      'PFMERGE d',
      'PFMERGE h nokey3',
      'SET s v',
      'PFADD s a',
      'PFDEBUG TODENSE h',
      'PFDEBUG ENCODING nokey4',
    ])
      h.run(line);
    expect(h.takeEvents()).toEqual([
      'new h',
      'pfadd h',
      'keymiss nokey',
      'keymiss nokey2',
      'keymiss d',
      'new d',
      'pfadd d',
      'pfadd d',
      'keymiss nokey3',
      'pfadd h',
      'new s',
      'set s',
    ]);
  });
});
