import { describe, expect, it } from 'vitest';
import { Harness, transcript } from '../../testing/harness.ts';

describe('PING / ECHO / TIME', () => {
  it('replies like Redis', () => {
    const h = new Harness({ startMs: 1_795_465_392_401 });
    expect(
      transcript(h, [
        ['PING', 'PONG'],
        ['PING hello', '"hello"'],
        ['PING a b', "(error) ERR wrong number of arguments for 'ping' command"],
        ['ECHO hi', '"hi"'],
        ['ECHO ""', '""'],
        ['ECHO a b', "(error) ERR wrong number of arguments for 'echo' command"],
        ['TIME', '1) "1795465392"\n2) "401000"'],
        ['TIME x', "(error) ERR wrong number of arguments for 'time' command"],
      ]),
    ).toEqual([]);
  });
});

describe('unknown commands', () => {
  it('echoes name and arguments within 128 bytes', () => {
    const h = new Harness();
    expect(h.run('FOO a b')).toBe("(error) ERR unknown command 'FOO', with args beginning with: 'a' 'b' ");
    expect(h.run('foo')).toBe("(error) ERR unknown command 'foo', with args beginning with: ");
    expect(h.run('""')).toBe("(error) ERR unknown command '', with args beginning with: ");
    expect(h.run('5')).toBe("(error) ERR unknown command '5', with args beginning with: ");
    expect(h.run('foo "line1\\nline2"')).toBe(
      "(error) ERR unknown command 'foo', with args beginning with: 'line1 line2' ",
    );
    const long = 'x'.repeat(150);
    expect(h.run(`foo ${long}`)).toBe(
      `(error) ERR unknown command 'foo', with args beginning with: '${'x'.repeat(128)}' `,
    );
    const many = h.run(
      `foo ${'aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww xx yy zz '.repeat(2)}`,
    );
    expect(many.length).toBeLessThan(200);
    expect(h.run('GeT a b')).toBe("(error) ERR wrong number of arguments for 'get' command");
  });
});

describe('CONFIG', () => {
  it('gets and sets the parameters the playground has, with Redis errors', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['CONFIG GET hz', '1) "hz"\n2) "10"'],
        ['CONFIG SET hz 1000', 'OK'],
        ['CONFIG GET hz', '1) "hz"\n2) "500"'],
        ['CONFIG SET hz 0', 'OK'],
        ['CONFIG GET HZ', '1) "HZ"\n2) "1"'],
        [
          'CONFIG SET hz abc',
          "(error) ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer",
        ],
        [
          'CONFIG SET hz 05',
          "(error) ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer",
        ],
        [
          'CONFIG SET hz -1',
          "(error) ERR CONFIG SET failed (possibly related to argument 'hz') - argument must be between 0 and 2147483647 inclusive",
        ],
        [
          'CONFIG SET active-expire-effort 11',
          "(error) ERR CONFIG SET failed (possibly related to argument 'active-expire-effort') - argument must be between 1 and 10 inclusive",
        ],
        [
          'CONFIG SET hz 20 active-expire-effort 30',
          "(error) ERR CONFIG SET failed (possibly related to argument 'active-expire-effort') - argument must be between 1 and 10 inclusive",
        ],
        ['CONFIG GET hz', '1) "hz"\n2) "1"'],
        [
          'CONFIG SET hz 10 hz 11',
          "(error) ERR CONFIG SET failed (possibly related to argument 'hz') - duplicate parameter",
        ],
        ['CONFIG SET foo 1', "(error) ERR Unknown option or number of arguments for CONFIG SET - 'foo'"],
        ['CONFIG SET hz', "(error) ERR wrong number of arguments for 'config|set' command"],
        ['CONFIG GET', "(error) ERR wrong number of arguments for 'config|get' command"],
        ['CONFIG FOO', "(error) ERR unknown subcommand 'FOO'. Try CONFIG HELP."],
        ['CONFIG', "(error) ERR wrong number of arguments for 'config' command"],
        ['CONFIG SET notify-keyspace-events KEA', 'OK'],
        ['CONFIG GET notify-keyspace-events', '1) "notify-keyspace-events"\n2) "AKE"'],
        ['CONFIG SET notify-keyspace-events AKEmn', 'OK'],
        ['CONFIG GET notify-keyspace-events', '1) "notify-keyspace-events"\n2) "AKEm"'],
        ['CONFIG SET notify-keyspace-events Kg$xn', 'OK'],
        ['CONFIG GET notify-keyspace-events', '1) "notify-keyspace-events"\n2) "g$xnK"'],
        [
          'CONFIG SET notify-keyspace-events Q',
          "(error) ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
        ],
        ['CONFIG SET maxmemory 100mb', 'OK'],
        ['CONFIG GET maxmemory', '1) "maxmemory"\n2) "104857600"'],
        ['CONFIG SET maxmemory 1G', 'OK'],
        ['CONFIG GET maxmemory', '1) "maxmemory"\n2) "1000000000"'],
        [
          'CONFIG SET maxmemory 1.5gb',
          "(error) ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
        ],
        [
          'CONFIG SET maxmemory -1',
          "(error) ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value",
        ],
      ]),
    ).toEqual([]);
  });
});

describe('CONFIG SET as configSetCommand runs it (checked on redis-server 7.0.15)', () => {
  it('checks every name before any value, and names the parameter as Redis spells it', () => {
    const h = new Harness();
    const failed = (arg: string, why: string) =>
      `(error) ERR CONFIG SET failed (possibly related to argument '${arg}') - ${why}`;
    expect(
      transcript(h, [
        ['CONFIG SET HZ abc', failed('hz', "argument couldn't be parsed into an integer")],
        ['CONFIG SET hz abc hz 5', failed('hz', 'duplicate parameter')],
        [
          'CONFIG SET hz abc foo 1',
          "(error) ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
        ],
        ['CONFIG SET hz 5 HZ 6 foo 1', failed('HZ', 'duplicate parameter')],
        [
          'CONFIG SET foo 1 hz 5 hz 6',
          "(error) ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
        ],
        ['CONFIG SET hz 5 hz', '(error) ERR syntax error'],
        ['CONFIG GET hz', '1) "hz"\n2) "10"'],
      ]),
    ).toEqual([]);
  });

  it('restores a rejected value from its CONFIG GET text, so `n` is lost next to `A`', () => {
    const h = new Harness();
    h.run('CONFIG SET notify-keyspace-events KEAmn');
    expect(h.engine.config.notifyFlags & (1 << 13)).not.toBe(0);
    expect(h.run('CONFIG SET notify-keyspace-events Q')).toMatch(/Invalid event class character/);
    expect(h.engine.config.notifyFlags & (1 << 13)).toBe(0);
    h.run('CONFIG SET notify-keyspace-events KEAmn');
    expect(h.run('CONFIG SET notify-keyspace-events KEAmn maxmemory abc')).toMatch(/must be a memory value/);
    expect(h.engine.config.notifyFlags & (1 << 13)).toBe(0);
    h.run('CONFIG SET notify-keyspace-events KEAmn');
    // A rejected name is found before any value is set: nothing is restored.
    h.run('CONFIG SET notify-keyspace-events Q foo 1');
    expect(h.engine.config.notifyFlags & (1 << 13)).not.toBe(0);
  });
});

describe('DEBUG', () => {
  it('SLEEP advances a manual clock; SET-ACTIVE-EXPIRE switches the cycle', () => {
    const h = new Harness();
    const before = h.clock.now();
    expect(h.run('DEBUG SLEEP 1.5')).toBe('OK');
    expect(h.clock.now() - before).toBe(1500);
    expect(h.run('DEBUG SLEEP abc')).toBe('OK');
    expect(h.run('DEBUG SET-ACTIVE-EXPIRE 0')).toBe('OK');
    expect(h.engine.config.activeExpireEnabled).toBe(false);
    expect(h.run('DEBUG SET-ACTIVE-EXPIRE x1')).toBe('OK');
    expect(h.engine.config.activeExpireEnabled).toBe(false);
    expect(h.run('DEBUG SET-ACTIVE-EXPIRE 1')).toBe('OK');
    expect(h.engine.config.activeExpireEnabled).toBe(true);
    expect(h.run('DEBUG FOO')).toBe(
      "(error) ERR unknown subcommand or wrong number of arguments for 'FOO'. Try DEBUG HELP.",
    );
    expect(h.run('DEBUG SLEEP')).toBe(
      "(error) ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.",
    );
    expect(h.run('debug sleep 0 extra')).toBe(
      "(error) ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.",
    );
    expect(h.run('DEBUG')).toBe("(error) ERR wrong number of arguments for 'debug' command");
  });
});

describe('INFO', () => {
  it('prints sections verbatim with CRLF and counts expiry stats', () => {
    const h = new Harness();
    h.runAll(['PSETEX a 10 v', 'SET b v', 'GET b', 'GET nope']);
    h.advance(20);
    h.run('GET a');
    const stats = h.run('INFO stats');
    expect(stats.startsWith('# Stats\r\n')).toBe(true);
    expect(stats).toContain('\r\nexpired_keys:1\r\n');
    expect(stats).toContain('\r\nkeyspace_hits:1\r\n');
    expect(stats).toContain('\r\nkeyspace_misses:2\r\n');
    expect(h.run('INFO foo')).toBe('');
    const all = h.run('INFO');
    expect(all).toContain('# Server\r\nredis_version:7.0.15\r\n');
    expect(all).toContain('\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n');
  });
});

describe('COMMAND', () => {
  it('counts, lists and documents the command table', () => {
    const h = new Harness();
    const count = Number(/\d+/.exec(h.run('COMMAND COUNT'))?.[0]);
    expect(count).toBe(h.engine.table.all().length);
    expect(h.run('COMMAND COUNT x')).toBe(
      "(error) ERR wrong number of arguments for 'command|count' command",
    );
    expect(h.run('COMMAND FOO')).toBe("(error) ERR unknown subcommand 'FOO'. Try COMMAND HELP.");
    const info = h.run('COMMAND INFO get');
    expect(info.split('\n').slice(0, 4)).toEqual([
      '1)  1) "get"',
      '    2) (integer) 2',
      '    3) 1) readonly',
      '       2) fast',
    ]);
    const docs = h.run('COMMAND DOCS psetex');
    expect(docs).toContain('"since"');
    expect(docs).toContain('"2.6.0"');
    expect(h.run('COMMAND INFO nosuch')).toBe('1) (nil)');
  });
});

describe('MULTI / EXEC / DISCARD', () => {
  it('queues, runs with frozen time and reports errors per command', () => {
    const h = new Harness();
    expect(
      transcript(h, [
        ['MULTI', 'OK'],
        ['PSETEX p 1600 v', 'QUEUED'],
        ['DEBUG SLEEP 1', 'QUEUED'],
        ['TTL p', 'QUEUED'],
        ['SET k v foo', 'QUEUED'],
        ['PSETEX q 100 v', 'QUEUED'],
        ['DEBUG SLEEP 0.2', 'QUEUED'],
        ['TTL q', 'QUEUED'],
        ['GET q', 'QUEUED'],
        // Verified on Redis 7.0.15: TTLs use the live clock, expiry checks the time EXEC started.
        [
          'EXEC',
          '1) OK\n2) OK\n3) (integer) 1\n4) (error) ERR syntax error\n5) OK\n6) OK\n7) (integer) 0\n8) "v"',
        ],
        ['GET q', '(nil)'],
        ['EXEC', '(error) ERR EXEC without MULTI'],
        ['DISCARD', '(error) ERR DISCARD without MULTI'],
        ['MULTI', 'OK'],
        ['MULTI', '(error) ERR MULTI calls can not be nested'],
        ['EXEC', '(empty array)'],
        ['MULTI', 'OK'],
        ['SET a 1', 'QUEUED'],
        ['GET', "(error) ERR wrong number of arguments for 'get' command"],
        ['EXEC', '(error) EXECABORT Transaction discarded because of previous errors.'],
        ['EXISTS a', '(integer) 0'],
        ['MULTI', 'OK'],
        ['NOSUCH', "(error) ERR unknown command 'NOSUCH', with args beginning with: "],
        ['DISCARD', 'OK'],
        ['MULTI', 'OK'],
        ['SET a 1', 'QUEUED'],
        ['DISCARD', 'OK'],
        ['EXISTS a', '(integer) 0'],
      ]),
    ).toEqual([]);
  });

  it('keeps the prompt in step with EXEC like redis-cli', () => {
    const h = new Harness();
    h.runAll(['MULTI', 'SELECT 3', 'EXEC']);
    expect(h.session.prompt()).toBe('127.0.0.1:6379[3]> ');
    h.runAll(['MULTI', 'SELECT 4', 'NOPE', 'EXEC']);
    expect(h.session.prompt()).toBe('127.0.0.1:6379[3]> ');
  });
});
