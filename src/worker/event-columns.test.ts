import { describe, expect, it } from 'vitest';
import { eachEvent, eventAt, eventName, packEvents } from './event-columns.ts';
import type { EventRecord } from './protocol-events.ts';

const rec = (key: string, event: string, cause: EventRecord['cause'], extra: Partial<EventRecord> = {}) =>
  ({
    db: 3,
    key,
    event,
    cls: event === 'expired' ? 'x' : 'g',
    cause,
    at: 1_700_000_000_123.5,
    ...extra,
  }) as EventRecord;

describe('event columns', () => {
  it('give back every record as it was, in order', () => {
    const records = [
      rec('a', 'set', { kind: 'command', command: 'set', text: 'SET a 1' }),
      rec('b', 'expired', { kind: 'active', cycle: 7 }, { db: 15 }),
      rec('a', 'expired', { kind: 'lazy', command: 'get' }, { channels: ['__keyspace@3__:a'] }),
      rec('é\n', 'del', { kind: 'command', command: 'del' }),
      rec('z', 'set', { kind: 'server' }),
    ];
    const cols = packEvents(records);
    expect(cols.length).toBe(5);
    expect([...eachEvent(cols)]).toEqual(records);
    expect(eventName(cols, 1)).toBe('expired');
  });

  it('send each event name and cause once per batch, numbers as typed arrays', () => {
    const records = Array.from({ length: 1000 }, (_, i) =>
      rec(`k${i}`, 'expired', { kind: 'active', cycle: i < 500 ? 1 : 2 }),
    );
    const cols = packEvents(records);
    expect(cols.kinds).toEqual([{ event: 'expired', cls: 'x' }]);
    expect(cols.causes).toEqual([
      { kind: 'active', cycle: 1 },
      { kind: 'active', cycle: 2 },
    ]);
    expect(cols.at).toBeInstanceOf(Float64Array);
    expect(cols.channels).toBeUndefined();
    expect(eventAt(cols, 999).cause).toEqual({ kind: 'active', cycle: 2 });
  });

  it('tell a command with no text from one with text, and keep channels only where an event had them', () => {
    const cols = packEvents([
      rec('a', 'set', { kind: 'command', command: 'set' }),
      rec('a', 'set', { kind: 'command', command: 'set', text: '' }),
      rec('b', 'set', { kind: 'command', command: 'set' }, { channels: ['__keyevent@3__:set'] }),
    ]);
    expect(cols.causes).toHaveLength(2);
    expect(eventAt(cols, 0)).not.toHaveProperty('channels');
    expect(eventAt(cols, 2).channels).toEqual(['__keyevent@3__:set']);
  });

  it('survive structured cloning (the worker posts them)', () => {
    const cols = packEvents([rec('a', 'expired', { kind: 'active', cycle: 4 })]);
    expect([...eachEvent(structuredClone(cols))]).toEqual([...eachEvent(cols)]);
  });
});
