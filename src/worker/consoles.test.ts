import { describe, expect, it } from 'vitest';
import { WorkerHost } from './host.ts';
import {
  type Batch,
  type ConsoleEntry,
  type ConsoleInfo,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol.ts';

/**
 * Console tabs in the worker: each tab is a connection of its own, a subscriber's messages and a
 * woken BLPOP's reply reach their tab by themselves, a timeout passes on the virtual clock, and
 * Ctrl+C does what redis-cli does.
 */

const START = 1_700_000_000_000;

function setup() {
  let real = 1000;
  const out: WorkerEvent[] = [];
  const host = new WorkerHost({ post: (m) => out.push(m), realNow: () => real, startMs: START });
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  let id = 0;
  const batches = () => out.filter((m): m is Batch => m.type === 'batch');
  /** Every entry console `c` got so far, joined as the page shows them (continuations appended). */
  const text = (c: number) => {
    const lines: string[] = [];
    for (const b of batches()) {
      for (const r of b.replies) {
        if (r.console !== c) continue;
        for (const e of r.entries as ConsoleEntry[]) {
          if (e.continues) lines[lines.length - 1] += e.text;
          else lines.push(`${e.prompt}${e.line}\n${e.text}`);
        }
      }
    }
    return lines;
  };
  const consoles = (): readonly ConsoleInfo[] => batches().findLast((b) => b.consoles)?.consoles ?? [];
  const exec = (console: number, ...lines: string[]) => send({ type: 'exec', id: ++id, lines, console });
  const passReal = (ms: number) => {
    real += ms;
    host.tick();
  };
  return { host, send, exec, text, consoles, passReal };
}

describe('console tabs', () => {
  it('are separate connections: database, transaction and CLIENT ID each their own', () => {
    const t = setup();
    t.send({ type: 'console-open' });
    expect(t.consoles().map((c) => [c.id, c.label, c.mode])).toEqual([
      [1, 'Client 1', 'ready'],
      [2, 'Client 2', 'ready'],
    ]);
    t.exec(1, 'SELECT 3', 'MULTI');
    t.exec(2, 'CLIENT ID', 'SET k v');
    expect(t.consoles().map((c) => c.prompt)).toEqual(['127.0.0.1:6379[3](TX)> ', '127.0.0.1:6379> ']);
    expect(t.text(2)).toEqual([
      `127.0.0.1:6379> CLIENT ID\n(integer) ${t.consoles()[1]?.clientId}\n`,
      '127.0.0.1:6379> SET k v\nOK\n',
    ]);
    t.send({ type: 'console-close', console: 2 });
    expect(t.consoles().map((c) => c.id)).toEqual([1]);
    t.send({ type: 'console-close', console: 1 });
    expect(t.consoles().map((c) => c.id)).toEqual([1]);
  });

  it('deliver keyspace notifications to a subscribed tab when the key is removed', () => {
    const t = setup();
    t.send({ type: 'console-open' });
    t.exec(1, 'CONFIG SET notify-keyspace-events Ex', 'DEBUG SET-ACTIVE-EXPIRE 0', 'SET k v PX 1000');
    t.exec(2, 'SUBSCRIBE __keyevent@0__:expired');
    expect(t.consoles()[1]?.mode).toBe('subscribed');
    t.send({ type: 'clock', op: { kind: 'step', ms: 2000 } });
    // Past its deadline, but nobody touched it and the active cycle is off: no message yet.
    expect(t.text(2)).toEqual([
      '127.0.0.1:6379> SUBSCRIBE __keyevent@0__:expired\nReading messages... (press Ctrl-C to quit)\n1) "subscribe"\n2) "__keyevent@0__:expired"\n3) (integer) 1\n',
    ]);
    t.exec(1, 'GET k');
    expect(t.text(2)[0]).toMatch(
      /3\) \(integer\) 1\n1\) "message"\n2\) "__keyevent@0__:expired"\n3\) "k"\n$/,
    );
    t.send({ type: 'console-interrupt', console: 2 });
    expect(t.consoles()[1]?.mode).toBe('ready');
    expect(t.text(2)[0]).toMatch(/"k"\n\^C\(2\.00s\)\n$/);
  });

  it('show a blocked tab, wake it with a push from another tab, or time it out', () => {
    const t = setup();
    t.send({ type: 'console-open' });
    t.exec(2, 'BLPOP jobs 5', 'GET after');
    const blocked = t.consoles()[1];
    expect(blocked?.mode).toBe('blocked');
    expect(blocked?.blocked).toEqual({ command: 'BLPOP jobs 5', since: START, until: START + 5000 });
    t.send({ type: 'clock', op: { kind: 'step', ms: 1000 } });
    t.exec(1, 'RPUSH jobs j1');
    expect(t.consoles()[1]?.mode).toBe('ready');
    expect(t.text(2)).toEqual([
      '127.0.0.1:6379> BLPOP jobs 5\n1) "jobs"\n2) "j1"\n(1.00s)\n',
      '127.0.0.1:6379> GET after\n(nil)\n',
    ]);
    t.exec(2, 'BRPOP jobs 2');
    t.send({ type: 'clock', op: { kind: 'step', ms: 1500 } });
    expect(t.consoles()[1]?.mode).toBe('blocked');
    t.send({ type: 'clock', op: { kind: 'step', ms: 600 } });
    expect(t.text(2).at(-1)).toBe('127.0.0.1:6379> BRPOP jobs 2\n(nil)\n(2.10s)\n');
  });

  it('restart a blocked tab on Ctrl+C, as redis-cli exits, and see a killed connection', () => {
    const t = setup();
    t.send({ type: 'console-open' });
    t.exec(2, 'SELECT 2', 'BLPOP q 0');
    const before = t.consoles()[1]?.clientId;
    t.send({ type: 'console-interrupt', console: 2 });
    const after = t.consoles()[1];
    expect(after?.clientId).not.toBe(before);
    expect(after?.prompt).toBe('127.0.0.1:6379> ');
    expect(t.text(2).at(-1)).toBe('127.0.0.1:6379[2]> BLPOP q 0\n^C\n');
    t.exec(1, `CLIENT KILL ID ${after?.clientId}`);
    t.exec(2, 'PING', 'PING');
    expect(t.text(2).slice(-2)).toEqual([
      '127.0.0.1:6379> PING\nError: Server closed the connection\n',
      'not connected> PING\nPONG\n',
    ]);
  });

  it('time out a blocked tab while the virtual clock runs', () => {
    const t = setup();
    t.exec(1, 'BLPOP nothing 0.5');
    t.passReal(400);
    expect(t.consoles()[0]?.mode).toBe('blocked');
    t.passReal(200);
    expect(t.consoles()[0]?.mode).toBe('ready');
    expect(t.text(1).at(-1)).toMatch(/^127\.0\.0\.1:6379> BLPOP nothing 0\.5\n\(nil\)\n\(0\.\d\ds\)\n$/);
  });
});
