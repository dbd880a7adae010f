import type { Step } from '../../testing/multi-harness.ts';
import { describeRecordedScenario } from '../../testing/recorded-scenario.ts';

/**
 * Blocking pops across clients: first blocked first served, timeouts (a clock jump by DEBUG SLEEP
 * included), BLMOVE's push and its WRONGTYPE at serve time, BZPOPMIN/BZMPOP/BLMPOP shapes, a key
 * created as another type, requests queued behind a blocked one, a chain of wake-ups, no blocking
 * inside MULTI or scripts, the argument errors, and the keyspace events of a served pop.
 * The expected outputs were recorded from redis-server 7.0.15 (Debian 7.0.15-1~deb12u10); when a
 * server is installed the recording itself is checked against it too.
 */

const STEPS: readonly Step[] = [
  ['A', 'FLUSHALL', 'OK'],
  ['A', 'BLPOP l 0', ''],
  ['B', 'BLPOP l 0', ''],
  ['C', 'RPUSH l a b c', '(integer) 3'],
  ['A', '', '1) "l"\n2) "a"'],
  ['B', '', '1) "l"\n2) "b"'],
  ['C', 'LRANGE l 0 -1', '1) "c"'],
  ['A', 'BRPOP l 0', '1) "l"\n2) "c"'],
  ['A', 'BLPOP nothing 0.2', ''],
  ['-', 'wait 500', ''],
  ['A', '', '(nil)'],
  ['A', 'BRPOP nothing 1', ''],
  ['C', 'DEBUG SLEEP 1.1', 'OK'],
  ['A', '', '(nil)'],
  ['A', 'BLMOVE src dst LEFT RIGHT 0', ''],
  ['C', 'LPUSH src x', '(integer) 1'],
  ['A', '', '"x"'],
  ['C', 'LRANGE dst 0 -1', '1) "x"'],
  ['C', 'SET dst2 str', 'OK'],
  ['A', 'BLMOVE src2 dst2 LEFT LEFT 0', ''],
  ['C', 'RPUSH src2 y', '(integer) 1'],
  ['A', '', '(error) WRONGTYPE Operation against a key holding the wrong kind of value'],
  ['C', 'LRANGE src2 0 -1', '1) "y"'],
  ['A', 'BZPOPMIN z 0', ''],
  ['C', 'ZADD z 2 b 1 a', '(integer) 2'],
  ['A', '', '1) "z"\n2) "a"\n3) "1"'],
  ['A', 'BZMPOP 0 1 z2 MAX COUNT 5', ''],
  ['C', 'ZADD z2 1 a 2 b', '(integer) 2'],
  ['A', '', '1) "z2"\n2) 1) 1) "b"\n      2) "2"\n   2) 1) "a"\n      2) "1"'],
  ['A', 'BLMPOP 0 2 m1 m2 RIGHT COUNT 2', ''],
  ['C', 'RPUSH m2 a b c', '(integer) 3'],
  ['A', '', '1) "m2"\n2) 1) "c"\n   2) "b"'],
  ['A', 'BLPOP q 0', ''],
  ['C', 'SET q str', 'OK'],
  ['C', 'DEL q', '(integer) 1'],
  ['C', 'ZADD q 1 m', '(integer) 1'],
  ['C', 'DEL q', '(integer) 1'],
  ['C', 'RPUSH q v', '(integer) 1'],
  ['A', '', '1) "q"\n2) "v"'],
  ['A', 'BLPOP p 0', ''],
  ['A', 'PING', ''],
  ['C', 'RPUSH p x', '(integer) 1'],
  ['A', '', '1) "p"\n2) "x"\nPONG'],
  ['A', 'BRPOPLPUSH r1 r2 0', ''],
  ['B', 'BLPOP r2 0', ''],
  ['C', 'LPUSH r1 hop', '(integer) 1'],
  ['A', '', '"hop"'],
  ['B', '', '1) "r2"\n2) "hop"'],
  ['A', 'MULTI', 'OK'],
  ['A', 'BLPOP none 0', 'QUEUED'],
  ['A', 'BLMOVE none d LEFT LEFT 0', 'QUEUED'],
  ['A', 'EXEC', '1) (nil)\n2) (nil)'],
  ['A', "EVAL \"return redis.call('BLMPOP', 0, 1, 'none', 'LEFT')\" 0", '(nil)'],
  [
    'A',
    "EVAL \"return redis.call('BLPOP', 'none', 0)\" 0",
    '(error) ERR This Redis command is not allowed from script script: 957935bc4b11dfcc611e90d6e0904d05a4a8a35b, on @user_script:1.',
  ],
  ['A', 'BLPOP x -1', '(error) ERR timeout is negative'],
  ['A', 'BLPOP x abc', '(error) ERR timeout is not a float or out of range'],
  ['A', 'BLPOP x 1e400', '(error) ERR timeout is negative'],
  ['A', 'BLPOP x inf', '(error) ERR timeout is negative'],
  ['A', 'BLMPOP 0 0 x LEFT', '(error) ERR numkeys should be greater than 0'],
  ['A', 'BLMPOP 0 1 x UP', '(error) ERR syntax error'],
  ['A', 'BZMPOP 0 1 x MIN COUNT 0', '(error) ERR count should be greater than 0'],
  ['A', 'BLMOVE a b UP LEFT 0', '(error) ERR syntax error'],
  ['C', 'CONFIG SET notify-keyspace-events KEl', 'OK'],
  ['B', 'PSUBSCRIBE __keyevent@0__:*', '1) "psubscribe"\n2) "__keyevent@0__:*"\n3) (integer) 1'],
  ['A', 'BLPOP ev 0', ''],
  ['C', 'RPUSH ev only', '(integer) 1'],
  ['A', '', '1) "ev"\n2) "only"'],
  [
    'B',
    '',
    '1) "pmessage"\n2) "__keyevent@0__:*"\n3) "__keyevent@0__:rpush"\n4) "ev"\n1) "pmessage"\n2) "__keyevent@0__:*"\n3) "__keyevent@0__:lpop"\n4) "ev"',
  ],
  ['C', 'CONFIG SET notify-keyspace-events ""', 'OK'],
];

describeRecordedScenario('blocking pops', 'replies and delivers as redis-server 7.0.15 did', STEPS);
