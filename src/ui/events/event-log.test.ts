import { describe, expect, it } from 'vitest';
import { packEvents } from '../../worker/event-columns.ts';
import type { EventRecord } from '../../worker/protocol.ts';
import { causeText, csvField, EventLog, eventsToCsv, eventsToJson, filterEvents } from './event-log.ts';

const ev = (
  key: string,
  event: string,
  cause: EventRecord['cause'],
  at = 1_700_000_000_000,
): EventRecord => ({
  db: 0,
  key,
  event,
  cls: 'g',
  cause,
  at,
  channels: [],
});

const add = (log: EventLog, records: EventRecord[], counts: Record<string, number>, dropped: number) =>
  log.add(packEvents(records), counts, dropped);

describe('EventLog', () => {
  it('keeps the newest events up to its capacity and counts every event exactly', () => {
    const log = new EventLog(3);
    add(
      log,
      [
        ev('a', 'set', { kind: 'command', command: 'set' }),
        ev('b', 'set', { kind: 'command', command: 'set' }),
      ],
      { set: 2 },
      0,
    );
    add(
      log,
      [
        ev('c', 'expire', { kind: 'command', command: 'expire' }),
        ev('d', 'del', { kind: 'command', command: 'del' }),
      ],
      { expire: 1, del: 1, expired: 5 },
      5,
    );
    expect([...log].map((e) => e.key)).toEqual(['b', 'c', 'd']);
    expect([...log].map((e) => e.n)).toEqual([2, 3, 4]);
    expect(Object.fromEntries(log.counts)).toEqual({ set: 2, expire: 1, del: 1, expired: 5 });
    expect(log.total).toBe(9);
    expect(log.dropped).toBe(5);
    log.clear();
    expect(log.size).toBe(0);
    expect(log.total).toBe(0);
  });

  it('holds a million events in bounded memory', () => {
    const log = new EventLog(1000);
    const batch = Array.from({ length: 1000 }, (_, i) =>
      ev(`k${i}`, 'expired', { kind: 'active', cycle: 1 }),
    );
    for (let i = 0; i < 1000; i++) add(log, batch, { expired: 1000 }, 0);
    expect(log.size).toBe(1000);
    expect(log.counts.get('expired')).toBe(1_000_000);
  });

  it('cuts the oldest batch where the capacity ends, and builds each record once', () => {
    const log = new EventLog(5);
    const keys = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ev(`k${from + i}`, 'expired', { kind: 'active', cycle: from }));
    add(log, keys(0, 3), { expired: 3 }, 0);
    add(log, keys(3, 4), { expired: 4 }, 0);
    expect([...log].map((e) => e.key)).toEqual(['k2', 'k3', 'k4', 'k5', 'k6']);
    expect([...log].map((e) => e.n)).toEqual([3, 4, 5, 6, 7]);
    expect([...log][0]).toBe([...log][0]);
    expect([...log][0]?.cause).toEqual({ kind: 'active', cycle: 0 });
    add(log, keys(7, 1), { expired: 1 }, 0);
    expect([...log].map((e) => e.key)).toEqual(['k3', 'k4', 'k5', 'k6', 'k7']);
    expect(log.size).toBe(5);
    for (let i = 0; i < 3000; i++) add(log, keys(8 + i, 1), { expired: 1 }, 0);
    expect([...log].map((e) => e.n)).toEqual([3004, 3005, 3006, 3007, 3008]);
  });
});

describe('event filters, causes and exports', () => {
  const log = new EventLog();
  add(
    log,
    [
      ev('user:1', 'set', { kind: 'command', command: 'set' }),
      ev('user:1', 'expired', { kind: 'lazy', command: 'get' }),
      ev('cart:9', 'expired', { kind: 'active', cycle: 12 }),
      ev('a,"b"', 'del', { kind: 'command', command: 'del' }),
    ],
    {},
    0,
  );

  it('filters by event name and by a KEYS-style pattern', () => {
    expect(filterEvents(log, { names: new Set(['expired']), pattern: '*' }).map((e) => e.key)).toEqual([
      'user:1',
      'cart:9',
    ]);
    expect(filterEvents(log, { names: new Set(), pattern: 'user:*' }).map((e) => e.event)).toEqual([
      'set',
      'expired',
    ]);
    expect(filterEvents(log, { names: new Set(['del']), pattern: 'user:*' })).toEqual([]);
  });

  it('says lazy expiry names the command that touched the key, active expiry its cycle', () => {
    expect([...log].map(causeText)).toEqual(['SET', 'lazy, on access by GET', 'active cycle #12', 'DEL']);
    expect(causeText(ev('k', 'set', { kind: 'command', command: 'set', text: 'SET k "a b"' }))).toBe(
      'SET k "a b"',
    );
  });

  it('exports CSV with RFC 4180 quoting and JSON with the cause text', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    const csv = eventsToCsv([...log]).split('\r\n');
    expect(csv[0]).toBe('time,ms,db,event,key,cause');
    expect(csv[2]).toBe('2023-11-14T22:13:20.000Z,1700000000000,0,expired,user:1,"lazy, on access by GET"');
    expect(csv[4]).toBe('2023-11-14T22:13:20.000Z,1700000000000,0,del,"a,""b""",DEL');
    const json = JSON.parse(eventsToJson([...log])) as { cause: string; key: string }[];
    expect(json[2]).toMatchObject({ key: 'cart:9', cause: 'active cycle #12' });
  });
});
