import type { Step } from '../../testing/multi-harness.ts';
import { describeRecordedScenario } from '../../testing/recorded-scenario.ts';

/**
 * XREAD and XREADGROUP with BLOCK across clients: served by an XADD (one stream per reply, EXEC's
 * adds together, COUNT kept), `$` fixed when the client blocked (an XSETID alone serves nobody, a
 * recreated stream with lower IDs neither), timeouts (DEBUG SLEEP's clock jump included), a group's
 * readers served first blocked first, the consumer made only when served, and the errors a group
 * reader gets when its group is destroyed or its stream deleted, replaced, expired or flushed.
 * Recorded from redis-server 7.0.15; checked against it too when one is installed.
 */

const S1 =
  '1) 1) "s"\n   2) 1) 1) "2-1"\n         2) 1) "b"\n            2) "2"\n      2) 1) "2-2"\n         2) 1) "b"\n            2) "3"';

const STEPS: readonly Step[] = [
  ['A', 'FLUSHALL', 'OK'],
  ['C', 'XADD s 1-1 a 1', '"1-1"'],
  ['A', 'XREAD BLOCK 0 STREAMS s $', ''],
  ['B', 'XREAD COUNT 1 BLOCK 0 STREAMS other s $ $', ''],
  ['C', 'XADD other 5-1 c 3', '"5-1"'],
  ['B', '', '1) 1) "other"\n   2) 1) 1) "5-1"\n         2) 1) "c"\n            2) "3"'],
  ['C', 'MULTI', 'OK'],
  ['C', 'XADD s 2-1 b 2', 'QUEUED'],
  ['C', 'XADD s 2-2 b 3', 'QUEUED'],
  ['C', 'EXEC', '1) "2-1"\n2) "2-2"'],
  ['A', '', S1],
  ['A', 'XREAD BLOCK 200 STREAMS s $', ''],
  ['-', 'wait 500', ''],
  ['A', '', '(nil)'],
  ['A', 'XREAD BLOCK 1000 STREAMS s $', ''],
  ['C', 'DEBUG SLEEP 1.1', 'OK'],
  ['A', '', '(nil)'],
  ['A', 'XREAD BLOCK 0 STREAMS s $', ''],
  ['C', 'XSETID s 9-0', 'OK'],
  ['C', 'XADD s 10-1 d 4', '"10-1"'],
  ['A', '', '1) 1) "s"\n   2) 1) 1) "10-1"\n         2) 1) "d"\n            2) "4"'],
  ['C', 'XGROUP CREATE s g $', 'OK'],
  ['A', 'XREADGROUP GROUP g alice BLOCK 0 STREAMS s >', ''],
  ['B', 'XREADGROUP GROUP g bob BLOCK 0 STREAMS s >', ''],
  ['C', 'XINFO CONSUMERS s g', '(empty array)'],
  ['C', 'XADD s 11-1 e 5', '"11-1"'],
  ['A', '', '1) 1) "s"\n   2) 1) 1) "11-1"\n         2) 1) "e"\n            2) "5"'],
  ['C', 'XPENDING s g', '1) (integer) 1\n2) "11-1"\n3) "11-1"\n4) 1) 1) "alice"\n      2) "1"'],
  ['C', 'XADD s 12-1 f 6', '"12-1"'],
  ['B', '', '1) 1) "s"\n   2) 1) 1) "12-1"\n         2) 1) "f"\n            2) "6"'],
  ['A', 'XREADGROUP GROUP g alice BLOCK 0 STREAMS s >', ''],
  ['C', 'XGROUP DESTROY s g', '(integer) 1'],
  ['A', '', '(error) NOGROUP the consumer group this client was blocked on no longer exists'],
  ['C', 'XGROUP CREATE s g $', 'OK'],
  ['A', 'XREADGROUP GROUP g alice BLOCK 0 STREAMS s >', ''],
  ['B', 'XREAD BLOCK 0 STREAMS s $', ''],
  ['C', 'DEL s', '(integer) 1'],
  ['A', '', '(error) UNBLOCKED the stream key no longer exists'],
  ['C', 'XADD s 1-1 x 1', '"1-1"'],
  ['C', 'XADD s 20-1 y 2', '"20-1"'],
  ['B', '', '1) 1) "s"\n   2) 1) 1) "20-1"\n         2) 1) "y"\n            2) "2"'],
  ['C', 'XGROUP CREATE s g $', 'OK'],
  ['A', 'XREADGROUP GROUP g alice BLOCK 0 STREAMS s >', ''],
  ['C', 'SET s replaced', 'OK'],
  ['A', '', '(error) UNBLOCKED the stream key no longer exists'],
  ['C', 'DEL s', '(integer) 1'],
  ['C', 'XADD s 1-1 a 1', '"1-1"'],
  ['C', 'XGROUP CREATE s g $', 'OK'],
  ['C', 'PEXPIRE s 100', '(integer) 1'],
  ['A', 'XREADGROUP GROUP g alice BLOCK 0 STREAMS s >', ''],
  ['-', 'wait 500', ''],
  ['A', '', '(error) UNBLOCKED the stream key no longer exists'],
  ['C', 'XADD s 1-1 a 1', '"1-1"'],
  ['C', 'XGROUP CREATE s g $', 'OK'],
  ['A', 'XREADGROUP GROUP g alice BLOCK 0 STREAMS s >', ''],
  ['C', 'FLUSHALL', 'OK'],
  ['A', '', '(error) UNBLOCKED the stream key no longer exists'],
  ['A', 'MULTI', 'OK'],
  ['A', 'XREAD BLOCK 0 STREAMS s $', 'QUEUED'],
  ['A', 'EXEC', '1) (nil)'],
];

describeRecordedScenario('blocking stream reads', 'replies and delivers as redis-server 7.0.15 did', STEPS);
