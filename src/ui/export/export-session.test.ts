import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPage, summaryLine } from '../../docs/report.ts';
import { luaScripting } from '../../engine/scripting/index.ts';
import { commandArbitrary } from '../../testing/command-arbitrary.ts';
import { WorkerHost } from '../../worker/host.ts';
import {
  type Batch,
  type ConsoleEntry,
  PROTOCOL_VERSION,
  type RequestBody,
  type WorkerRequest,
} from '../../worker/protocol.ts';
import { exportCliScript, exportDocPage } from './export-session.ts';

/** A console on the worker's own host, the clock running at 1× on a real-time counter the test moves. */
async function consoleSession() {
  let real = 5000;
  const entries: ConsoleEntry[] = [];
  const host = new WorkerHost({
    post: (m) => {
      if (m.type === 'batch') for (const r of (m as Batch).replies) entries.push(...r.entries);
    },
    realNow: () => real,
    startMs: 1_760_000_000_000,
    loadScripting: () => Promise.resolve(luaScripting),
  });
  await host.scriptingSettled();
  let id = 0;
  const send = (req: RequestBody) => host.handle({ v: PROTOCOL_VERSION, ...req } as WorkerRequest);
  return {
    entries,
    send,
    /** Runs lines as one paste: each runs when real time says, a fraction of a ms apart. */
    type: (...lines: string[]) => send({ type: 'exec', id: ++id, lines }),
    /** Real time passes with the worker ticking (the active cycle runs). */
    wait: (ms: number) => {
      for (let t = 0; t < ms; t += 16) {
        real += Math.min(16, ms - t);
        host.tick();
      }
    },
    /** Time moves inside a paste (the worker spent a ms on a line). */
    tickReal: (ms: number) => {
      real += ms;
    },
  };
}

function expectAllPass(page: string): void {
  const report = checkPage(page, 'session.md', { scripting: luaScripting });
  const failures = report.results.flatMap((r) =>
    r.kind === 'command' && r.verdict.kind === 'fail' ? [`${r.step.line}: ${JSON.stringify(r.verdict)}`] : [],
  );
  expect(failures).toEqual([]);
  expect(report.counts.fail).toBe(0);
}

describe('export as doc page', () => {
  it('names the server a Redis 7.4 session ran on, and replays on it with every step passing', async () => {
    const s = await consoleSession();
    s.send({ type: 'compat', compat: 'redis-7.4' });
    s.type('HSET h a 1 b 2', 'HEXPIRE h 60 FIELDS 1 a', 'HTTL h FIELDS 2 a b');
    s.wait(2500);
    s.type('HTTL h FIELDS 2 a b', 'HPERSIST h FIELDS 1 a', 'OBJECT ENCODING h');
    const page = exportDocPage(s.entries, { compat: 'redis-7.4' });
    expect(page.startsWith('---\ncompat: redis-7.4\n---\n\n# ')).toBe(true);
    const report = checkPage(page, 'session.md', { scripting: luaScripting });
    expect(report.compat).toBe('redis-7.4');
    expect(report.counts).toMatchObject({ pass: 6, fail: 0, unsupported: 0 });
  });

  it('replays with every step passing: TTLs read later, expiry, sleeps, transactions, databases, scripts', async () => {
    const s = await consoleSession();
    s.type('PSETEX greeting 2000 "Hello"', 'SET banner sale PX 90000', 'PTTL greeting');
    s.wait(1234);
    s.type('PTTL greeting', 'TTL banner', 'GET greeting');
    s.wait(800);
    s.type('GET greeting', 'PTTL greeting', 'DEBUG SLEEP 1.5', 'PTTL banner');
    s.wait(1);
    s.type('PTTL banner', 'MULTI', 'INCR n', 'EXPIRE n 10', 'EXEC', 'SELECT 3', 'SET x 1 EX 5');
    s.wait(2);
    s.type('TTL x', 'SELECT 0', 'help SET');
    s.send({ type: 'clock', op: { kind: 'step', ms: 10_000 } });
    s.type('EVAL "return redis.call(\'PTTL\', KEYS[1])" 1 banner');
    s.type('TTL n', 'PTTL banner', 'KEYS *');
    const page = exportDocPage(s.entries, { date: new Date(Date.UTC(2026, 0, 2)) });
    expect(page).toContain('(After 1233 milliseconds)');
    expect(page).toContain('127.0.0.1:6379[3]> TTL x');
    expect(page).not.toContain('help SET');
    expectAllPass(page);
  });

  it('replays random sessions with every step passing (pastes, pauses, steps)', async () => {
    // Commands whose replies depend on when the active cycle happened to run are left out: the
    // runner runs it only at the notes, the playground all the time.
    const stable = commandArbitrary.filter(
      (argv) =>
        !/^(dbsize|info|scan|randomkey|object|debug|memory|flushall|flushdb|swapdb|config)$/i.test(
          argv[0] ?? '',
        ),
    );
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.array(stable, { minLength: 1, maxLength: 4 }).map((l) => ({ lines: l })) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 3000 }).map((ms) => ({ wait: ms })) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 120_000 }).map((ms) => ({ step: ms })) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const s = await consoleSession();
        for (const st of steps) {
          if ('wait' in st) s.wait(st.wait);
          else if ('step' in st) s.send({ type: 'clock', op: { kind: 'step', ms: st.step } });
          else s.type(...st.lines.map((argv) => argv.map(quote).join(' ')));
        }
        expectAllPass(exportDocPage(s.entries));
      }),
      { numRuns: 60 },
    );
  });

  it('passes `npm run -s cli -- docs check` on the exported file', async () => {
    const s = await consoleSession();
    s.type('SETEX session 60 alice', 'TTL session');
    s.wait(2500);
    s.type('TTL session', 'PERSIST session', 'TTL session');
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const file = join(dir, 'session.md');
    writeFileSync(file, exportDocPage(s.entries));
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'docs', 'check', file], { encoding: 'utf8' });
    expect(out).toContain(
      summaryLine({ pass: 5, fail: 0, 'not-comparable': 0, unsupported: 0, 'no-expectation': 0 }),
    );
  });
});

/** A byte string as redis-cli would need it typed: quoted and escaped. */
function quote(arg: string): string {
  let out = '"';
  for (const ch of arg) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

describe('export as redis-cli script', () => {
  it('writes the commands one a line, repeats written out, local lines left out', () => {
    const line = (l: string, local = false) => ({
      line: l,
      text: '',
      isError: false,
      at: 0,
      prompt: '> ',
      local,
    });
    expect(
      exportCliScript([line('SET k v'), line('help', true), line('3 INCR n'), line(''), line('GET k')]),
    ).toBe('SET k v\nINCR n\nINCR n\nINCR n\nGET k\n');
  });
});
