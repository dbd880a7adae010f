import { describe, expect, it } from 'vitest';
import { packEvents } from '../../worker/event-columns.ts';
import type { EventRecord, FieldLifetime, RemovalGroup } from '../../worker/protocol.ts';
import { FieldTimeline } from './field-lifetimes.ts';

const field = (name: string, deadline: number, ttlGiven: number): FieldLifetime => ({
  field: name,
  label: `"${name}"`,
  deadline,
  ttlGiven,
});
const event = (e: string, at: number, cause: EventRecord['cause'], key = 'h'): EventRecord => ({
  db: 0,
  key,
  event: e,
  cls: 'h',
  cause,
  at,
});
const removal = (
  reason: RemovalGroup['reason'],
  at: number,
  extra: Partial<RemovalGroup> = {},
): RemovalGroup => ({
  db: 0,
  reason,
  at,
  keys: ['h'],
  deadlines: new Float64Array([Number.NaN]),
  ttls: new Float64Array([Number.NaN]),
  ...extra,
});
const lives = (t: FieldTimeline) =>
  [...t.store].map((l) => [l.key, l.setAt, l.deadline, l.end, l.how, l.cause]);

const note = (t: FieldTimeline, records: EventRecord[]) => t.noteEvents(packEvents(records));

describe('FieldTimeline', () => {
  it("gives each field with a TTL a lifetime, ended as the key's events say", () => {
    const t = new FieldTimeline();
    t.track(0, 'h');
    t.update([field('a', 2000, 1000), field('b', 5000, 4000), field('c', 9000, 8000)], 1000);
    // a expires and HGET reclaims it; b is deleted early by HDEL; c loses its TTL to HPERSIST.
    note(t, [
      event('hexpired', 2500, { kind: 'lazy', command: 'hget' }),
      event('hexpired', 2500, { kind: 'lazy', command: 'hget' }, 'other'),
      event('hdel', 3000, { kind: 'command', command: 'hdel' }),
    ]);
    t.update([field('c', 9000, 8000)], 3100);
    note(t, [event('hpersist', 4000, { kind: 'command', command: 'hpersist' })]);
    t.update([], 4100);
    expect(lives(t)).toEqual([
      ['a', 1000, 2000, 2500, 'lazy', 'lazy, on access by HGET'],
      ['b', 1000, 5000, 3000, 'command', 'HDEL'],
      ['c', 1000, 9000, 4000, 'persisted', 'HPERSIST'],
    ]);
  });

  it('starts a new lifetime when a field gets a new deadline', () => {
    const t = new FieldTimeline();
    t.track(0, 'h');
    t.update([field('a', 2000, 1000)], 1000);
    note(t, [event('hexpire', 1500, { kind: 'command', command: 'hexpire' })]);
    t.update([field('a', 11_500, 10_000)], 1500);
    expect(lives(t)).toEqual([
      ['a', 1000, 2000, 1500, 'replaced', 'a new TTL'],
      ['a', 1500, 11_500, null, null, ''],
    ]);
  });

  it("ends the fields still there with the key: the active cycle's hexpired, or the removal itself", () => {
    const t = new FieldTimeline();
    t.track(0, 'h');
    t.update([field('a', 2000, 1000)], 1000);
    note(t, [
      event('hexpired', 2100, { kind: 'active', cycle: 7 }),
      event('del', 2100, { kind: 'active', cycle: 7 }),
    ]);
    t.keyRemoved(removal('fields', 2100));
    expect(lives(t)).toEqual([['a', 1000, 2000, 2100, 'active', 'active cycle #7']]);

    const d = new FieldTimeline();
    d.track(0, 'h');
    d.update([field('a', 2000, 1000)], 1000);
    d.keyRemoved(removal('command', 1500, { keys: ['other'], command: 'del' }));
    note(d, [event('del', 1600, { kind: 'command', command: 'del' })]);
    d.keyRemoved(removal('command', 1600, { command: 'del' }));
    expect(lives(d)).toEqual([['a', 1000, 2000, 1600, 'command', 'DEL']]);
  });

  it('a member that leaves past its deadline with no event (Dragonfly sets publish none) expired', () => {
    const t = new FieldTimeline();
    t.track(0, 's');
    t.update([field('m', 2000, 1000), field('n', 9000, 8000)], 1000);
    t.update([], 2500);
    expect(lives(t)).toEqual([
      ['m', 1000, 2000, 2500, 'lazy', 'expired, on access'],
      ['n', 1000, 9000, 2500, 'command', 'gone'],
    ]);
  });

  it('follows one key: another key starts afresh, and a flush of its database ends its fields', () => {
    const t = new FieldTimeline();
    t.track(0, 'h');
    t.update([field('a', 2000, 1000)], 1000);
    t.track(0, 'h');
    expect(t.store.size).toBe(1);
    t.track(0, 'g');
    expect(t.store.size).toBe(0);
    t.update([field('x', 3000, 2000)], 1000);
    t.flushed(1, 1200);
    t.flushed(0, 1300);
    expect(lives(t)).toEqual([['x', 1000, 3000, 1300, 'flush', 'FLUSH']]);
  });
});
