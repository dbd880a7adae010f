import fc from 'fast-check';

/**
 * Steps for the multi-client differential (src/server/differential-connections.test.ts): pub/sub,
 * keyspace notifications, WATCH and transactions, and blocking pops woken by pushes from another
 * connection or by a timeout, on a few keys and channels shared by three connections. Every wait
 * that can end by timeout is followed by a pause three times as long, with nothing in between, so
 * both servers see the same timeline despite a few ms between them.
 */

export interface ClientStep {
  readonly conn: number;
  readonly argv: readonly string[];
  /** Milliseconds to wait after sending (a blocked command's timeout passes in it). */
  readonly pauseMs?: number;
}

const LISTS = ['l1', 'l2'] as const;
const list = fc.constantFrom(...LISTS);
const both = fc.constantFrom(['l1'], ['l2'], ['l1', 'l2'], ['l2', 'l1']);
const side = fc.constantFrom('LEFT', 'RIGHT');
const channel = fc.constantFrom('ch1', 'ch2', 'news.a');
const channels = fc.array(channel, { minLength: 1, maxLength: 3 });
const pattern = fc.constantFrom('ch*', 'news.*', '__keyevent@0__:*', '__keyspace@0__:l*', '*');
const patterns = fc.array(pattern, { minLength: 1, maxLength: 2 });
const message = fc.constantFrom('hello', '', 'a b', '\xc3\xa9');
const watchKey = fc.constantFrom('l1', 'l2', 'z1', 'k', 'gone');

const subscriptions: fc.Arbitrary<readonly string[]> = fc.oneof(
  channels.map((c) => ['SUBSCRIBE', ...c]),
  fc.array(channel, { maxLength: 2 }).map((c) => ['UNSUBSCRIBE', ...c]),
  patterns.map((p) => ['PSUBSCRIBE', ...p]),
  fc.array(pattern, { maxLength: 2 }).map((p) => ['PUNSUBSCRIBE', ...p]),
  fc.constantFrom(['SSUBSCRIBE', 's1'], ['SUNSUBSCRIBE'], ['SUNSUBSCRIBE', 's1']),
  fc.tuple(channel, message).map(([c, m]) => ['PUBLISH', c, m]),
  message.map((m) => ['SPUBLISH', 's1', m]),
  fc.constantFrom(['PING'], ['PING', 'x'], ['PUBSUB', 'NUMPAT'], ['PUBSUB', 'NUMSUB', 'ch1', 's1']),
  fc.constantFrom('KEA', '', 'Elg', 'Kx$').map((f) => ['CONFIG', 'SET', 'notify-keyspace-events', f]),
);

const writes: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('LPUSH', 'RPUSH'),
      list,
      fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
    )
    .map(([cmd, k, v]) => [cmd, k, ...v]),
  fc.tuple(list, list, side, side).map(([a, b, x, y]) => ['LMOVE', a, b, x, y]),
  fc.constantFrom(
    ['ZADD', 'z1', '1', 'm', '2', 'n'],
    ['ZADD', 'z1', '3', 'o'],
    ['LPUSH', 'z1', 'x'],
    ['SET', 'l1', 'str'],
    ['SET', 'k', 'v'],
    ['DEL', 'l1', 'z1'],
    ['DEL', 'k'],
    ['EXPIRE', 'l2', '100'],
    ['SET', 'gone', 'v', 'PXAT', '1'],
    ['GET', 'gone'],
    ['LRANGE', 'l2', '0', '-1'],
    ['FLUSHDB'],
    ['RESET'],
    ['SELECT', '1'],
  ),
);

const transactions: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc.array(watchKey, { minLength: 1, maxLength: 2 }).map((k) => ['WATCH', ...k]),
  fc.constantFrom(['UNWATCH'], ['MULTI'], ['EXEC'], ['EXEC'], ['DISCARD'], ['MULTI'], ['INCR', 'k']),
);

/** Blocking pops with no timeout: they wait until a push serves them (or the run ends). */
const blocking: fc.Arbitrary<readonly string[]> = fc.oneof(
  both.map((k) => ['BLPOP', ...k, '0']),
  both.map((k) => ['BRPOP', ...k, '0']),
  fc.tuple(list, list, side, side).map(([a, b, x, y]) => ['BLMOVE', a, b, x, y, '0']),
  fc.tuple(list, list).map(([a, b]) => ['BRPOPLPUSH', a, b, '0']),
  both.map((k) => ['BLMPOP', '0', String(k.length), ...k, 'LEFT', 'COUNT', '2']),
  fc.constantFrom(
    ['BZPOPMIN', 'z1', '0'],
    ['BZPOPMAX', 'z1', 'l1', '0'],
    ['BZMPOP', '0', '1', 'z1', 'MAX', 'COUNT', '2'],
  ),
);

/** A wait on a key nobody pushes to, ended by its timeout within the pause that follows. */
const timedOut: fc.Arbitrary<ClientStep> = fc
  .tuple(fc.nat(2), fc.constantFrom('BLPOP', 'BZPOPMIN', 'BRPOPLPUSH'))
  .map(([conn, cmd]) => ({
    conn,
    argv: cmd === 'BRPOPLPUSH' ? [cmd, 'quiet', 'l1', '0.3'] : [cmd, 'quiet', '0.3'],
    pauseMs: 1200,
  }));

export const clientStep: fc.Arbitrary<ClientStep> = fc.oneof(
  { arbitrary: fc.tuple(fc.nat(2), subscriptions).map(([conn, argv]) => ({ conn, argv })), weight: 5 },
  { arbitrary: fc.tuple(fc.nat(2), writes).map(([conn, argv]) => ({ conn, argv })), weight: 5 },
  { arbitrary: fc.tuple(fc.nat(2), transactions).map(([conn, argv]) => ({ conn, argv })), weight: 3 },
  { arbitrary: fc.tuple(fc.nat(2), blocking).map(([conn, argv]) => ({ conn, argv })), weight: 3 },
  { arbitrary: timedOut, weight: 1 },
);
