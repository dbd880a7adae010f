import { describe, expect, it } from 'vitest';
import { CliSession } from '../engine/cli-session.ts';
import { ManualClock } from '../engine/clock.ts';
import { Engine } from '../engine/engine.ts';
import { forkEngine } from './fork.ts';
import { parseDocPage } from './page.ts';
import { checkTask, type LessonTask, readTasks } from './task.ts';

/** "Try it yourself": the check block's form, and checks against the live keyspace. */

const PAGE = `# Lesson

### Example

\`\`\`cli
redis> SET a 1
OK
\`\`\`

## Try it yourself

Store the code under \`otp\` for at most 30 seconds.

\`\`\`check
redis> GET otp      # otp should hold the code
"492817"
redis> TTL otp      # otp should expire within 30 seconds
(integer) 1..30
\`\`\`

\`\`\`solution
SETEX otp 30 "492817"
# Wait for 2 seconds
\`\`\`
`;

function server() {
  const clock = new ManualClock(1_800_000_000_000);
  const engine = new Engine({ clock });
  const session = new CliSession(engine);
  return { clock, engine, run: (...lines: string[]) => lines.map((l) => session.runLine(l)) };
}

function task(source: string): LessonTask {
  const found = readTasks(source)[0];
  if (!found) throw new Error('no task');
  return found;
}

describe('reading a task', () => {
  it('reads the probes, their expectations and reasons, and the solution with its waits', () => {
    const t = task(PAGE);
    expect(t.title).toBe('Try it yourself');
    expect(t.block).toBe(1);
    expect(t.probes.map((p) => [p.line, p.expect.kind, p.expectedText, p.why])).toEqual([
      ['GET otp', 'reply', '"492817"', 'otp should hold the code'],
      ['TTL otp', 'range', '(integer) 1..30', 'otp should expire within 30 seconds'],
    ]);
    expect(t.solution).toEqual([
      { kind: 'command', line: 'SETEX otp 30 "492817"' },
      { kind: 'wait', ms: 2000, text: 'Wait for 2 seconds' },
    ]);
  });

  it('is not replayed as an example, and the page says which block it is', () => {
    const page = parseDocPage(PAGE, 'x.md');
    expect(page.steps.map((s) => (s.kind === 'command' ? s.line : 'wait'))).toEqual(['SET a 1']);
    expect(page.blocks.map((b) => `${b.lang}:${b.role}`)).toEqual([
      'cli:example',
      'check:task-check',
      'solution:not-example',
    ]);
  });

  it('finds no task on a page without a check block', () => {
    expect(readTasks('# Page\n\n```cli\nredis> GET a\n(nil)\n```\n')).toEqual([]);
  });
});

describe('checking a task against the current keyspace', () => {
  it('passes after the right commands', () => {
    const s = server();
    s.run('SETEX otp 30 "492817"');
    const result = checkTask(task(PAGE), s.engine);
    expect(result).toMatchObject({ task: 0, passed: true, reason: 'Passed: all 2 checks hold.' });
    expect(result.probes.map((p) => p.actual)).toEqual(['"492817"\n', '(integer) 30\n']);
  });

  it('fails after wrong ones, with the reason the page gives', () => {
    const s = server();
    s.run('SET otp "492817"');
    const result = checkTask(task(PAGE), s.engine);
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(
      'Not yet: otp should expire within 30 seconds. TTL otp replied (integer) -1; the check expects (integer) 1..30.',
    );
    expect(result.probes.map((p) => p.passed)).toEqual([true, false]);
  });

  it('looks at the state now, not at what was typed: a key that expired since fails', () => {
    const s = server();
    s.run('SETEX otp 30 "492817"');
    expect(checkTask(task(PAGE), s.engine).passed).toBe(true);
    s.clock.advance(30_001);
    const later = checkTask(task(PAGE), s.engine);
    expect(later.passed).toBe(false);
    expect(later.reason).toMatch(/^Not yet: otp should hold the code\. GET otp replied \(nil\)/);
    s.run('SET otp "1"', 'EXPIRE otp 31');
    expect(checkTask(task(PAGE), s.engine).reason).toMatch(/GET otp replied "1"; the check expects "492817"/);
  });

  it('changes nothing on the server: stale keys, events and stats stay as they were', () => {
    const s = server();
    const events: string[] = [];
    s.engine.onEvent((e) => events.push(`${e.event} ${e.key}`));
    s.run('DEBUG SET-ACTIVE-EXPIRE 0', 'PSETEX stale 100 x', 'SET alive y');
    s.clock.advance(200);
    events.length = 0;
    const check = task(
      '```check\nredis> DBSIZE\n(integer) 2\nredis> EXISTS stale\n(integer) 0\nredis> DBSIZE\n(integer) 1\nredis> DEL alive\n(integer) 1\n```\n',
    );
    expect(checkTask(check, s.engine).passed).toBe(true);
    expect(events).toEqual([]);
    expect(s.engine.ks.db(0).dict.size).toBe(2);
    expect(s.engine.ks.stats.expiredKeys).toBe(0);
    expect(
      s.run('DBSIZE', 'GET alive').map((o) => (o.kind === 'commands' ? o.commands[0]?.text : '')),
    ).toEqual(['(integer) 2\n', '"y"\n']);
  });

  it('compares unordered replies as multisets and accepts any non-error reply where none is shown', () => {
    const s = server();
    s.run('SET b 1', 'SET a 1', 'SET c 1');
    const check = task('```check\nredis> KEYS *\n1) "a"\n2) "b"\n3) "c"\nredis> TYPE a\n```\n');
    expect(checkTask(check, s.engine).passed).toBe(true);
    const wrongType = task('```check\nredis> LPUSH a x\n```\n');
    expect(checkTask(wrongType, s.engine).reason).toMatch(/LPUSH a x replied \(error\) WRONGTYPE/);
  });

  it('copies what a probe can ask about: other databases, collections, config, deadlines', () => {
    const s = server();
    s.run(
      'SELECT 3',
      'RPUSH l a b',
      'HSET h f v',
      'SADD s x',
      'ZADD z 1 m',
      'PEXPIRE l 5000',
      'CONFIG SET hz 42',
    );
    const fork = forkEngine(s.engine);
    expect(fork.ks.usedBytes).toBe(s.engine.ks.usedBytes);
    const probe = new CliSession(fork);
    const replies = [
      'SELECT 3',
      'LRANGE l 0 -1',
      'HGET h f',
      'SISMEMBER s x',
      'ZSCORE z m',
      'PTTL l',
      'CONFIG GET hz',
    ].map((l) => {
      const o = probe.runLine(l);
      return o.kind === 'commands' ? o.commands[0]?.text : '';
    });
    expect(replies).toEqual([
      'OK\n',
      '1) "a"\n2) "b"\n',
      '"v"\n',
      '(integer) 1\n',
      '"1"\n',
      '(integer) 5000\n',
      '1) "hz"\n2) "42"\n',
    ]);
    // Edits on the copy stay there.
    probe.runLine('RPUSH l c');
    expect(s.engine.ks.db(3).dict.get('l')?.coll).toEqual(['a', 'b']);
    expect(fork.ks.usedBytes).toBeGreaterThan(s.engine.ks.usedBytes);
  });

  it('says so when a check has no commands', () => {
    const s = server();
    expect(checkTask(task('```check\nGET a\n```\n'), s.engine)).toMatchObject({
      passed: false,
      reason: 'This check has no commands to run.',
    });
  });
});
