import type { Step } from '../../testing/multi-harness.ts';
import { describeRecordedScenario } from '../../testing/recorded-scenario.ts';

/**
 * Pub/sub across clients: confirmations and their counts, messages and pattern messages, what a
 * RESP2 client may run while subscribed (PING's other shape), shard channels, SUBSCRIBE inside
 * EXEC, RESET, and keyspace notifications sent when a key is removed (lazily, or by the active
 * cycle), never at its deadline.
 * The expected outputs were recorded from redis-server 7.0.15 (Debian 7.0.15-1~deb12u10); when a
 * server is installed the recording itself is checked against it too.
 */

const STEPS: readonly Step[] = [
  ['A', 'FLUSHALL', 'OK'],
  [
    'A',
    'SUBSCRIBE news weather news',
    '1) "subscribe"\n2) "news"\n3) (integer) 1\n1) "subscribe"\n2) "weather"\n3) (integer) 2\n1) "subscribe"\n2) "news"\n3) (integer) 2',
  ],
  [
    'B',
    'PSUBSCRIBE n* *s',
    '1) "psubscribe"\n2) "n*"\n3) (integer) 1\n1) "psubscribe"\n2) "*s"\n3) (integer) 2',
  ],
  ['C', 'PUBLISH news "hello world"', '(integer) 3'],
  ['A', '', '1) "message"\n2) "news"\n3) "hello world"'],
  [
    'B',
    '',
    '1) "pmessage"\n2) "*s"\n3) "news"\n4) "hello world"\n1) "pmessage"\n2) "n*"\n3) "news"\n4) "hello world"',
  ],
  ['C', 'PUBLISH weather sunny', '(integer) 1'],
  ['C', 'PUBLISH other x', '(integer) 0'],
  ['A', 'PING', '1) "message"\n2) "weather"\n3) "sunny"\n1) "pong"\n2) ""'],
  ['A', 'PING hi', '1) "pong"\n2) "hi"'],
  [
    'A',
    'GET k',
    "(error) ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
  ],
  [
    'A',
    'CLIENT ID',
    "(error) ERR Can't execute 'client|id': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context",
  ],
  ['C', 'PUBSUB CHANNELS *eath*', '1) "weather"'],
  ['C', 'PUBSUB CHANNELS w*', '1) "weather"'],
  ['C', 'PUBSUB NUMSUB news nobody', '1) "news"\n2) (integer) 1\n3) "nobody"\n4) (integer) 0'],
  ['C', 'PUBSUB NUMPAT', '(integer) 2'],
  ['A', 'UNSUBSCRIBE news', '1) "unsubscribe"\n2) "news"\n3) (integer) 1'],
  ['A', 'PSUBSCRIBE w*', '1) "psubscribe"\n2) "w*"\n3) (integer) 2'],
  ['C', 'PUBLISH weather rain', '(integer) 2'],
  ['A', '', '1) "message"\n2) "weather"\n3) "rain"\n1) "pmessage"\n2) "w*"\n3) "weather"\n4) "rain"'],
  ['B', '', ''],
  ['A', 'PUNSUBSCRIBE', '1) "punsubscribe"\n2) "w*"\n3) (integer) 1'],
  ['A', 'UNSUBSCRIBE', '1) "unsubscribe"\n2) "weather"\n3) (integer) 0'],
  ['A', 'UNSUBSCRIBE', '1) "unsubscribe"\n2) (nil)\n3) (integer) 0'],
  ['A', 'PING', 'PONG'],
  ['A', 'SSUBSCRIBE orders', '1) "ssubscribe"\n2) "orders"\n3) (integer) 1'],
  ['C', 'SPUBLISH orders o1', '(integer) 1'],
  ['C', 'PUBLISH orders o2', '(integer) 1'],
  ['A', '', '1) "smessage"\n2) "orders"\n3) "o1"'],
  ['C', 'PUBSUB SHARDCHANNELS', '1) "orders"'],
  ['C', 'PUBSUB SHARDNUMSUB orders', '1) "orders"\n2) (integer) 1'],
  ['A', 'SUNSUBSCRIBE', '1) "sunsubscribe"\n2) "orders"\n3) (integer) 0'],
  ['A', 'SUNSUBSCRIBE', '1) "sunsubscribe"\n2) (nil)\n3) (integer) 0'],
  ['A', 'SUBSCRIBE', "(error) ERR wrong number of arguments for 'subscribe' command"],
  ['A', 'MULTI', 'OK'],
  ['A', 'SUBSCRIBE x y', 'QUEUED'],
  ['A', 'SSUBSCRIBE z', 'QUEUED'],
  ['A', 'UNSUBSCRIBE', 'QUEUED'],
  [
    'A',
    'EXEC',
    '1) 1) "subscribe"\n   2) "x"\n   3) (integer) 1\n2) 1) "subscribe"\n   2) "y"\n   3) (integer) 2\n3) (error) ERR SSUBSCRIBE isn\'t allowed for a DENY BLOCKING client\n1) "unsubscribe"\n2) "x"\n3) (integer) 1\n1) "unsubscribe"\n2) "y"\n3) (integer) 0',
  ],
  ['A', 'PING', 'PONG'],
  ['B', 'RESET', '1) "pmessage"\n2) "*s"\n3) "orders"\n4) "o2"\nRESET'],
  ['B', 'GET k', '(nil)'],
  ['C', 'PUBSUB NUMPAT', '(integer) 0'],
  ['A', 'CONFIG SET notify-keyspace-events Ex', 'OK'],
  ['B', 'SUBSCRIBE __keyevent@0__:expired', '1) "subscribe"\n2) "__keyevent@0__:expired"\n3) (integer) 1'],
  ['A', 'DEBUG SET-ACTIVE-EXPIRE 0', 'OK'],
  ['A', 'SET k v PX 100', 'OK'],
  ['-', 'wait 300', ''],
  ['B', '', ''],
  ['A', 'DBSIZE', '(integer) 1'],
  ['A', 'GET k', '(nil)'],
  ['B', '', '1) "message"\n2) "__keyevent@0__:expired"\n3) "k"'],
  ['A', 'DEBUG SET-ACTIVE-EXPIRE 1', 'OK'],
  ['A', 'SET k2 v PX 100', 'OK'],
  ['-', 'wait 700', ''],
  ['B', '', '1) "message"\n2) "__keyevent@0__:expired"\n3) "k2"'],
  ['A', 'DBSIZE', '(integer) 0'],
  ['A', 'CONFIG SET notify-keyspace-events KEA', 'OK'],
  ['C', 'PSUBSCRIBE __keyspace@*', '1) "psubscribe"\n2) "__keyspace@*"\n3) (integer) 1'],
  ['A', 'SET x 1', 'OK'],
  ['A', 'INCRBY x 5', '(integer) 6'],
  ['A', 'DEL x', '(integer) 1'],
  [
    'C',
    '',
    '1) "pmessage"\n2) "__keyspace@*"\n3) "__keyspace@0__:x"\n4) "set"\n1) "pmessage"\n2) "__keyspace@*"\n3) "__keyspace@0__:x"\n4) "incrby"\n1) "pmessage"\n2) "__keyspace@*"\n3) "__keyspace@0__:x"\n4) "del"',
  ],
  ['A', 'CONFIG SET notify-keyspace-events ""', 'OK'],
];

describeRecordedScenario('pub/sub', 'replies and delivers as redis-server 7.0.15 did', STEPS);
