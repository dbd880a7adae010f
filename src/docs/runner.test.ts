import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../engine/command.ts';
import { NIL } from '../engine/reply.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { ALL_COMMANDS, createCommandTable } from '../engine/table.ts';
import { parseDocPage } from './page.ts';
import { checkPage } from './report.ts';
import { DEFAULT_START_TIME, DocRunner } from './runner.ts';
import type { CommandResult, StepResult } from './types.ts';

/** The runner on small pages of our own: clock, sections, step-by-step use, verdicts, hints. */

const fence = (body: string) => `\`\`\`shell\n${body}\n\`\`\``;

const EXPIRY_PAGE = `# Expiry

### Short-lived

${fence('dragonfly> SET k v EX 10\nOK\ndragonfly> TTL k\n(integer) 10')}

Three seconds later:

${fence('dragonfly> TTL k\n(integer) 7\ndragonfly> PTTL k\n(integer) 7000')}

To see that it expires after 10 seconds, read it again:

${fence('dragonfly> GET k\n"v"\n# Wait for more than 7 seconds\ndragonfly> GET k\n(nil)\ndragonfly> DBSIZE\n(integer) 0')}

### Fresh section

${fence('dragonfly> EXISTS k\n(integer) 0')}
`;

function commands(results: readonly StepResult[]): CommandResult[] {
  return results.filter((r): r is CommandResult => r.kind === 'command');
}

describe('runner', () => {
  it('moves the virtual clock only at timing notes, so TTLs read as the page shows', () => {
    const report = checkPage(EXPIRY_PAGE, 'expiry.md');
    expect(commands(report.results).map((r) => [r.step.line, r.verdict.kind])).toEqual([
      ['SET k v EX 10', 'pass'],
      ['TTL k', 'pass'],
      ['TTL k', 'pass'],
      ['PTTL k', 'pass'],
      ['GET k', 'pass'],
      ['GET k', 'pass'],
      ['DBSIZE', 'pass'],
      ['EXISTS k', 'pass'],
    ]);
    const waits = report.results.filter((r) => r.kind === 'wait');
    expect(waits.map((w) => (w.kind === 'wait' ? [w.to - w.from, w.expiredKeys] : null))).toEqual([
      [3001, 0],
      [7010, 1],
    ]);
    expect(report.counts).toEqual({
      pass: 8,
      fail: 0,
      'not-comparable': 0,
      unsupported: 0,
      'no-expectation': 0,
    });
    const pttl = commands(report.results)[3];
    expect(pttl?.actual.text).toBe('(integer) 6999\n');
    expect(pttl?.verdict).toEqual({
      kind: 'pass',
      note: 'PTTL read just past the timing note, as the wait lands past its mark',
    });
  });

  it('runs step by step, reporting resets and the clock', () => {
    const runner = new DocRunner(parseDocPage(EXPIRY_PAGE));
    expect(runner.peek()?.kind).toBe('command');
    const first = runner.step();
    expect(first?.resetBefore).toBe(true);
    expect(first?.kind === 'command' && first.at).toBe(DEFAULT_START_TIME);
    expect(runner.step()?.resetBefore).toBe(false);
    const wait = runner.step();
    expect(wait?.kind).toBe('wait');
    expect(runner.clock.now()).toBe(DEFAULT_START_TIME + 3001);
    runner.runAll();
    expect(runner.finished).toBe(true);
    expect(runner.step()).toBeNull();
    const last = runner.results[runner.results.length - 1];
    expect(last?.resetBefore).toBe(true);
  });

  const SHARED = `### One\n\n${fence('dragonfly> SET shared 1\nOK')}\n\n### Two\n\n${fence('dragonfly> GET shared\n"1"')}\n`;

  it('starts each section from an empty keyspace, unless state is carried', () => {
    const fresh = checkPage(SHARED, 'shared.md');
    const failed = commands(fresh.results)[1];
    expect(failed?.verdict.kind).toBe('fail');
    expect(failed?.verdict.kind === 'fail' && failed.verdict.hint).toMatch(/--carry-state/);
    const carried = checkPage(SHARED, 'shared.md', { carryState: true });
    expect(carried.counts.fail).toBe(0);
  });

  it('uses the value a placeholder reply stood for in later commands (SCRIPT LOAD → EVALSHA)', () => {
    const page = `${fence('dragonfly> SET k 1\nOK\ndragonfly> SCRIPT LOAD "return redis.call(\'GET\', KEYS[1])"\n"<sha1>"\ndragonfly> EVALSHA "<sha1>" 1 k\n"1"\ndragonfly> EVALSHA <digest> 1 k\n"1"')}\n`;
    const results = commands(checkPage(page, 'p.md', { scripting: luaScripting }).results);
    expect(results.map((r) => r.verdict.kind)).toEqual(['pass', 'not-comparable', 'pass', 'not-comparable']);
    expect(results[3]?.verdict).toMatchObject({
      reason: expect.stringMatching(/placeholder \(<digest>\) that no earlier reply/),
    });
  });

  it('takes <name> inside a longer argument for text, not a placeholder', () => {
    const page = `${fence('dragonfly> SET k "<b>not this</b>"\nOK\ndragonfly> GET k\n"<b>not this</b>"\ndragonfly> APPEND k <i>\n(integer) 18\ndragonfly> GET k\n"<b>nope</b>"')}\n`;
    const results = commands(checkPage(page, 'p.md').results);
    expect(results.map((r) => r.verdict.kind)).toEqual(['pass', 'pass', 'pass', 'fail']);
    expect(results[3]?.actual.text).toBe('"<b>not this</b><i>"\n');
  });

  it('reports unknown commands as unsupported and what they touched as not comparable', () => {
    const page = `${fence('dragonfly> SET k v\nOK\ndragonfly> STICK k\n(integer) 1\ndragonfly> CL.THROTTLE k 1 2 3\n1) (integer) 0\ndragonfly> FOO k\n(integer) 1\ndragonfly> DEL k\n(integer) 0')}\n`;
    const results = commands(checkPage(page, 'x.md').results);
    expect(results.map((r) => r.verdict)).toEqual([
      { kind: 'pass' },
      {
        kind: 'unsupported',
        reason:
          'STICK is a Dragonfly command, and the page runs as Redis 7.0: give it `compat: dragonfly` in its front matter, or replay it with --compat dragonfly',
      },
      { kind: 'unsupported', reason: 'CL.THROTTLE is Dragonfly-only: Redis 7.0 has no such command' },
      { kind: 'unsupported', reason: "FOO is not implemented by the playground's engine yet" },
      { kind: 'not-comparable', reason: 'depends on STICK at line 4, which the engine could not run' },
    ]);
    // Replayed as Dragonfly (auto: the first server with STICK), STICK runs; CL.THROTTLE still taints k.
    const asDragonfly = commands(checkPage(page, 'x.md', { compat: 'auto' }).results);
    expect(asDragonfly.map((r) => r.verdict.kind)).toEqual([
      'pass',
      'pass',
      'unsupported',
      'unsupported',
      'not-comparable',
    ]);
  });

  it('hints at a TTL read late and at keys the page never created', () => {
    const page = `${fence('dragonfly> SET k v EX 60\nOK\ndragonfly> TTL k\n(integer) 58\ndragonfly> GET other\n"x"')}\n`;
    const hints = commands(checkPage(page, 'x.md').results).map((r) =>
      r.verdict.kind === 'fail' ? r.verdict.hint : null,
    );
    expect(hints).toEqual([
      null,
      "the page's TTL is 2 s lower than an immediate replay: it was read after time passed, with no timing note",
      'reads other, which no earlier step of the example creates: the page assumes data from elsewhere',
    ]);
  });

  it('taints replies that depend on a random draw or an absolute deadline', () => {
    const page = `${fence('dragonfly> SADD s a b c\n(integer) 3\ndragonfly> SPOP s\n"a"\ndragonfly> SMEMBERS s\n1) "z"\ndragonfly> SET t v EXAT 4102444800\nOK\ndragonfly> TTL t\n(integer) 100\ndragonfly> EXPIRE t 50\n(integer) 1\ndragonfly> TTL t\n(integer) 49')}\n`;
    const verdicts = commands(checkPage(page, 'x.md').results).map((r) => r.verdict.kind);
    expect(verdicts).toEqual([
      'pass',
      'not-comparable',
      'not-comparable',
      'pass',
      'not-comparable',
      'pass',
      'fail',
    ]);
  });
});

describe('runner: blocking commands', () => {
  // A stand-in BLPOP that finds nothing, as a blocking pop on empty lists with no other client does.
  const blpop: CommandSpec = {
    name: 'blpop',
    arity: -3,
    flags: ['write'],
    group: 'list',
    summary: 'test stand-in',
    syntax: 'BLPOP key [key ...] timeout',
    since: '2.0.0',
    complexity: 'O(1)',
    keys: [1, -2, 1],
    handler: () => NIL,
  };
  const table = createCommandTable([...ALL_COMMANDS.filter((s) => s.name !== 'blpop'), blpop]);

  it('moves the clock by the timeout when the command times out', () => {
    const page = `${fence('dragonfly> BLPOP q 1.5\n(nil)\ndragonfly> BLPOP q 0')}\n`;
    const results = commands(checkPage(page, 'x.md', { table }).results);
    expect(results.map((r) => [r.blockedMs, r.at - DEFAULT_START_TIME, r.verdict.kind])).toEqual([
      [1500, 0, 'pass'],
      [0, 1500, 'no-expectation'],
    ]);
  });
});
