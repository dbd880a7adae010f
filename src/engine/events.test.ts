import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';
import { formatNotifyFlags, type KeyspaceEvent, parseNotifyFlags, publishedChannels } from './events.ts';

const ev = (event: string, cls: KeyspaceEvent['cls'], key = 'k'): KeyspaceEvent => ({
  db: 0,
  key,
  event,
  cls,
  cause: { kind: 'command', command: event },
});

describe('notify-keyspace-events', () => {
  it('parses and prints flags like notify.c', () => {
    expect(formatNotifyFlags(parseNotifyFlags('KEA') ?? -1)).toBe('AKE');
    expect(formatNotifyFlags(parseNotifyFlags('AKEmn') ?? -1)).toBe('AKEm');
    expect(formatNotifyFlags(parseNotifyFlags('Egx$n') ?? -1)).toBe('g$xnE');
    expect(formatNotifyFlags(parseNotifyFlags('') ?? -1)).toBe('');
    expect(parseNotifyFlags('Q')).toBeNull();
  });

  it('publishes only the classes asked for, on the keyspace and/or keyevent channel', () => {
    const kg = parseNotifyFlags('Kg') ?? 0;
    expect(publishedChannels(ev('del', 'g', 'onlyK'), kg)).toEqual(['__keyspace@0__:onlyK']);
    expect(publishedChannels(ev('set', '$'), kg)).toEqual([]);
    expect(publishedChannels(ev('set', '$'), parseNotifyFlags('A') ?? 0)).toEqual([]);
    expect(publishedChannels(ev('expired', 'x'), parseNotifyFlags('KEA') ?? 0)).toEqual([
      '__keyspace@0__:k',
      '__keyevent@0__:expired',
    ]);
    // m and n are not part of A.
    expect(publishedChannels(ev('keymiss', 'm'), parseNotifyFlags('KEA') ?? 0)).toEqual([]);
    expect(publishedChannels(ev('new', 'n'), parseNotifyFlags('KEAn') ?? 0)).toHaveLength(2);
  });
});

describe('events in Redis order, with their cause', () => {
  it('SET with EX on a new key: new, set, expire', () => {
    const h = new Harness();
    h.run('SET k v EX 100');
    expect(h.takeEvents()).toEqual(['new k', 'set k', 'expire k']);
  });

  it('no event for writes that did not happen', () => {
    const h = new Harness();
    h.runAll(['SET k v', 'SET k w NX', 'EXPIRE k 100 XX', 'PERSIST k', 'DEL missing', 'FLUSHDB']);
    expect(h.takeEvents()).toEqual(['new k', 'set k']);
  });

  it('says which command found a key expired', () => {
    const h = new Harness();
    h.runAll(['DEBUG SET-ACTIVE-EXPIRE 0', 'PSETEX k 10 v']);
    h.advance(20);
    h.events.length = 0;
    h.run('TYPE k');
    expect(h.events.map((e) => [e.event, e.cause])).toEqual([
      ['expired', { kind: 'lazy', command: 'type' }],
      ['keymiss', { kind: 'command', command: 'type', argv: ['TYPE', 'k'] }],
    ]);
  });

  // Checked on redis-server 7.0.15; the differential test compares every command's events.
  it('OBJECT looks up without keymiss; RESTORE REPLACE drops a stale key without expired', () => {
    const h = new Harness();
    h.run('OBJECT ENCODING nokey');
    expect(h.takeEvents()).toEqual([]);
    h.runAll(['DEBUG SET-ACTIVE-EXPIRE 0', 'RPUSH l a b', 'PSETEX s 10 v', 'PSETEX t 10 v']);
    h.advance(20);
    h.takeEvents();
    h.run("EVAL \"return redis.call('RESTORE', 's', 0, redis.call('DUMP', 'l'), 'REPLACE')\" 0");
    expect(h.takeEvents()).toEqual(['new s', 'restore s']);
    h.run("EVAL \"return redis.call('RESTORE', 't', 1, redis.call('DUMP', 'l'), 'REPLACE', 'ABSTTL')\" 0");
    expect(h.takeEvents()).toEqual(['del t']);
  });
});
