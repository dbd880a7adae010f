import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { ClientOutput, ClientState } from '../command.ts';
import { Engine } from '../engine.ts';
import { formatReply } from '../format.ts';
import { parseLine } from '../tokenizer.ts';

/**
 * CLIENT KILL / UNBLOCK / NO-EVICT / LIST and RESET across several clients. Client ids and
 * addresses differ between servers, so these run on the engine alone; the error texts were
 * recorded from redis-server 7.0.15.
 */

interface Peer {
  readonly state: ClientState;
  readonly got: ClientOutput[];
  closed: boolean;
}

function setup() {
  const clock = new ManualClock();
  const engine = new Engine({ clock });
  const peer = (port: number): Peer => {
    const state = engine.createClient();
    state.endpoint = { addr: `127.0.0.1:${port}`, laddr: '127.0.0.1:6379', fd: 7 + state.id };
    const p: Peer = { state, got: [], closed: false };
    state.sink = {
      deliver: (o) => p.got.push(o),
      close: () => {
        p.closed = true;
      },
    };
    return p;
  };
  const run = (p: Peer, line: string): string => {
    const parsed = parseLine(line);
    if (parsed.kind !== 'command') throw new Error(line);
    const r = engine.run(p.state, parsed.argv);
    return r === null ? '' : formatReply(r).replace(/\n$/, '');
  };
  return { engine, clock, peer, run };
}

describe('CLIENT KILL', () => {
  it('kills by id, address, type and user, skipping the caller unless told', () => {
    const { engine, peer, run } = setup();
    const a = peer(50001);
    const b = peer(50002);
    const c = peer(50003);
    run(c, 'SUBSCRIBE news');
    expect(run(a, `CLIENT KILL ID ${b.state.id}`)).toBe('(integer) 1');
    expect(b.closed).toBe(true);
    expect(engine.connectedClients).toBe(2);
    expect(run(a, `CLIENT KILL ID ${b.state.id}`)).toBe('(integer) 0');
    expect(run(a, 'CLIENT KILL TYPE normal')).toBe('(integer) 0');
    expect(run(a, 'CLIENT KILL TYPE pubsub')).toBe('(integer) 1');
    expect(c.closed).toBe(true);
    expect(engine.pubsub.channelCount('channel')).toBe(0);
    const d = peer(50004);
    expect(run(a, 'CLIENT KILL 127.0.0.1:50004')).toBe('OK');
    expect(d.closed).toBe(true);
    expect(run(a, 'CLIENT KILL 127.0.0.1:50004')).toBe('(error) ERR No such client');
    const e = peer(50005);
    expect(run(a, 'CLIENT KILL USER default')).toBe('(integer) 1');
    expect(e.closed).toBe(true);
    expect(a.state.closeAfterReply).toBe(false);
    expect(run(a, 'CLIENT KILL USER default SKIPME no')).toBe('(integer) 1');
    expect(a.state.closeAfterReply).toBe(true);
  });

  it('answers the option errors Redis does', () => {
    const { peer, run } = setup();
    const a = peer(1);
    const cases: [string, string][] = [
      ['CLIENT KILL ID abc', '(error) ERR client-id should be greater than 0'],
      ['CLIENT KILL ID 0', '(error) ERR client-id should be greater than 0'],
      ['CLIENT KILL USER bob', "(error) ERR No such user 'bob'"],
      ['CLIENT KILL USER default SKIPME maybe', '(error) ERR syntax error'],
      ['CLIENT KILL SKIPME no TYPE', '(error) ERR syntax error'],
      ['CLIENT KILL TYPE master', '(integer) 0'],
      ['CLIENT KILL TYPE bogus', "(error) ERR Unknown client type 'bogus'"],
      ['CLIENT KILL', "(error) ERR wrong number of arguments for 'client|kill' command"],
      ['CLIENT NO-EVICT maybe', '(error) ERR syntax error'],
      ['CLIENT UNBLOCK 5 foo', '(error) ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR'],
      ['CLIENT UNBLOCK abc', '(error) ERR value is not an integer or out of range'],
      ['CLIENT UNBLOCK 99999', '(integer) 0'],
      [
        'CLIENT UNBLOCK 99999 ERROR x',
        "(error) ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.",
      ],
    ];
    for (const [line, expected] of cases) expect(run(a, line), line).toBe(expected);
  });
});

describe('CLIENT UNBLOCK', () => {
  it('ends a wait as a timeout would, or with the UNBLOCKED error', () => {
    const { peer, run } = setup();
    const a = peer(1);
    const b = peer(2);
    expect(run(b, 'BLPOP q 0')).toBe('');
    expect(run(a, `CLIENT UNBLOCK ${b.state.id}`)).toBe('(integer) 1');
    expect(b.got.map((o) => [formatReply(o.reply), o.timedOut])).toEqual([['(nil)\n', true]]);
    expect(run(b, 'BZPOPMIN z 10')).toBe('');
    expect(run(a, `CLIENT UNBLOCK ${b.state.id} ERROR`)).toBe('(integer) 1');
    expect(formatReply(b.got[1]?.reply ?? { t: 'nil' })).toBe(
      '(error) UNBLOCKED client unblocked via CLIENT UNBLOCK\n',
    );
    expect(run(a, `CLIENT UNBLOCK ${b.state.id}`)).toBe('(integer) 0');
  });
});

describe('CLIENT LIST and INFO', () => {
  it('shows subscriptions, waits, transactions, dirty watches and no-evict', () => {
    const { peer, run } = setup();
    const a = peer(1);
    const sub = peer(2);
    const waiter = peer(3);
    run(sub, 'SUBSCRIBE x y');
    run(sub, 'PSUBSCRIBE p*');
    run(waiter, 'BLPOP l 0');
    run(a, 'WATCH k');
    run(sub, 'PING');
    run(peer(4), 'SET k v');
    run(a, 'CLIENT NO-EVICT on');
    run(a, 'MULTI');
    expect(run(a, 'CLIENT INFO')).toBe('QUEUED');
    run(a, 'DISCARD');
    const list = run(a, 'CLIENT LIST');
    const line = (id: number) => list.split('\\n').find((l) => l.includes(`id=${id} `)) ?? '';
    expect(line(sub.state.id)).toMatch(/flags=P db=0 sub=2 psub=1 ssub=0 multi=-1 .* cmd=ping /);
    expect(line(waiter.state.id)).toMatch(/flags=b .* argv-mem=7 .* cmd=blpop /);
    expect(line(a.state.id)).toMatch(/flags=e /);
    run(a, 'WATCH k');
    run(peer(5), 'SET k w');
    run(a, 'MULTI');
    expect(run(a, 'EXEC')).toBe('(nil)');
    expect(run(a, 'CLIENT LIST TYPE pubsub')).toContain(`id=${sub.state.id} `);
    expect(run(a, 'CLIENT LIST TYPE pubsub')).not.toContain(`id=${a.state.id} `);
    expect(run(a, 'CLIENT LIST TYPE normal')).not.toContain(`id=${sub.state.id} `);
  });

  it('marks a client whose watched key was touched with d', () => {
    const { peer, run } = setup();
    const a = peer(1);
    run(a, 'WATCH k');
    run(peer(2), 'SET k v');
    expect(run(a, 'CLIENT INFO')).toMatch(/flags=d /);
  });
});

describe('RESET', () => {
  it('goes back to db 0, RESP2, no transaction, watches, subscriptions or name', () => {
    const { engine, peer, run } = setup();
    const a = peer(1);
    run(a, 'SELECT 3');
    run(a, 'CLIENT SETNAME me');
    run(a, 'CLIENT NO-EVICT on');
    run(a, 'WATCH k');
    run(a, 'HELLO 3');
    run(a, 'SUBSCRIBE x');
    run(a, 'MULTI');
    expect(run(a, 'RESET')).toBe('RESET');
    expect(a.state.db).toBe(0);
    expect(a.state.resp).toBe(2);
    expect(a.state.multi).toBeNull();
    expect(a.state.watched).toEqual([]);
    expect(a.state.subscriptionCount).toBe(0);
    expect(engine.watches.size).toBe(0);
    expect(run(a, 'CLIENT GETNAME')).toBe('(nil)');
    // NO-EVICT survives RESET, as in clearClientConnectionState.
    expect(run(a, 'CLIENT INFO')).toMatch(/flags=e /);
    expect(run(a, 'RESET x')).toBe("(error) ERR wrong number of arguments for 'reset' command");
  });
});
