import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandArbitrary } from '../../testing/command-arbitrary.ts';
import { effectRecord } from '../../testing/log-records.ts';
import { CliSession } from '../cli-session.ts';
import { ManualClock } from '../clock.ts';
import { Engine } from '../engine.ts';
import { quoteBytes } from '../format.ts';
import { luaScripting } from '../scripting/index.ts';
import { captureClient } from './client.ts';
import { decodeSnapshot } from './codec.ts';
import {
  type CommandRecord,
  decodeLog,
  encodeRecord,
  Journal,
  keyTotals,
  type LogRecord,
  replayStart,
  serverState,
} from './log.ts';
import { applyRecord, type ReplayHost } from './replay.ts';
import { captureCounters, captureEngine, restoreEngine, saveEntry } from './snapshot.ts';
import { SnapshotStream } from './stream.ts';

/** A batch of console lines, logged as its effects or as its lines; or the clock moving on. */
type Step = { lines: readonly (readonly string[])[]; asLines: boolean } | { ms: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      lines: fc.array(commandArbitrary, { minLength: 1, maxLength: 6 }),
      asLines: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((ms) => ({ ms })) },
);

function setup() {
  const clock = new ManualClock(1_700_000_000_000);
  const engine = new Engine({ clock, seed: 3, scripting: luaScripting });
  const journal = new Journal();
  engine.setObserver({
    changed: (db, key) => journal.touch(db, key),
    removed: (db, key) => journal.touch(db, key),
    flushed: (db) => journal.flush(db),
  });
  const cli = new CliSession(engine, { maxRepeat: 1000 });
  journal.clear(engine);
  return { clock, engine, journal, cli };
}
type Setup = ReturnType<typeof setup>;

function replayHost(clock: ManualClock): ReplayHost {
  return {
    at: (t, fn) => {
      clock.set(t);
      return fn();
    },
    console: (engine) => new CliSession(engine, { maxRepeat: 1000 }),
  };
}

let lsn = 1_000_000;

/** Runs one step on `s` as the worker does, appending the record it writes (if any) to `log`. */
function play(s: Setup, step: Step, log: LogRecord[]): void {
  if ('ms' in step) {
    s.clock.advance(step.ms);
    s.engine.runExpiryCycle('slow');
    log.push(effectRecord(s, s.cli.client.db));
    return;
  }
  const before = replayStart(s.engine, captureClient(s.cli));
  const at = s.clock.now();
  const lines = step.lines.map((argv) => argv.map(quoteBytes).join(' '));
  for (const line of lines) s.cli.runLine(line);
  if (!step.asLines) {
    log.push(effectRecord(s, s.cli.client.db));
    return;
  }
  const rec: CommandRecord = {
    kind: 'command',
    lsn: ++lsn,
    ...serverState(s.engine),
    ...s.journal.scripts(s.engine),
    clock: { rate: 1, paused: false },
    selectedDb: s.cli.client.db,
    cleared: false,
    lines: lines.map((line) => ({ line, text: '', isError: false, at, prompt: '' })),
    before,
    ...keyTotals(s.engine),
  };
  s.journal.clear(s.engine);
  log.push(rec);
}

/** Every database's keys in their order, with values, deadlines and creation numbers. */
function contentOf(engine: Engine): unknown {
  return engine.ks.dbs.map((db) => ({ seq: db.dict.lastSeq, keys: [...db.dict.values()].map(saveEntry) }));
}

function expectSame(b: Engine, a: Engine): void {
  expect(contentOf(b)).toEqual(contentOf(a));
  expect(b.config).toEqual(a.config);
  expect(captureCounters(b)).toEqual(captureCounters(a));
  expect(b.scriptBodies()).toEqual(a.scriptBodies());
  expect(b.ks.usedBytes).toBe(a.ks.usedBytes);
  expect(b.random.state).toBe(a.random.state);
  expect(b.luaRandom.state).toBe(a.luaRandom.state);
}

/** The records as the log file holds them, read back. */
function throughBytes(log: readonly LogRecord[]): LogRecord[] {
  const parts = log.map(encodeRecord);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const { records, damaged } = decodeLog(all);
  expect(damaged).toBe(false);
  return records;
}

describe('command records', () => {
  it('a snapshot plus records of lines (run again) and of effects gives the server exactly as it was', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 8 }),
        fc.array(stepArb, { minLength: 1, maxLength: 16 }),
        (before, during) => {
          const a = setup();
          for (const step of before) play(a, step, []);
          const checkpoint = captureEngine(a.engine);
          a.journal.clear(a.engine);
          const log: LogRecord[] = [];
          for (const step of during) play(a, step, log);

          const b = setup();
          b.clock.set(checkpoint.time);
          restoreEngine(b.engine, checkpoint);
          const host = replayHost(b.clock);
          for (const r of throughBytes(log)) expect(applyRecord(b.engine, r, host)).toBe(true);
          expectSame(b.engine, a.engine);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('a batch of lines inside MULTI, on another database, replays into the same transaction', () => {
    const a = setup();
    a.cli.runLine('SELECT 4');
    a.cli.runLine('MULTI');
    a.cli.runLine('SET queued 1');
    const checkpoint = captureEngine(a.engine);
    const log: LogRecord[] = [];
    play(a, { lines: [['INCR', 'queued'], ['EXEC'], ['SET', 'after', 'x']], asLines: true }, log);
    const b = setup();
    restoreEngine(b.engine, checkpoint);
    expect(applyRecord(b.engine, throughBytes(log)[0] as LogRecord, replayHost(b.clock))).toBe(true);
    expectSame(b.engine, a.engine);
    expect(saveEntry(b.engine.ks.db(4).dict.get('queued') as never).value).toMatchObject({ str: '2' });
  });
});

describe('a snapshot written in slices', () => {
  it('plus the records written meanwhile gives the server as it was, however the slices fall', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 10 }),
        fc.array(
          fc.record({
            keys: fc.integer({ min: 0, max: 6 }),
            step: stepArb.map((s) => ('lines' in s ? { ...s, asLines: false } : s)),
          }),
          { maxLength: 12 },
        ),
        (before, slices) => {
          const a = setup();
          // Enough keys that slices fall between them.
          a.engine.execute(a.cli.client, [
            'MSET',
            ...Array.from({ length: 40 }, (_, i) => [`k${i}`, `${i}`]).flat(),
          ]);
          for (const step of before) play(a, step, []);
          a.journal.clear(a.engine);
          const head = {
            engine: captureEngine(a.engine, false),
            clock: { rate: 1, paused: false },
            selectedDb: 0,
          };
          const stream = new SnapshotStream(a.engine, head);
          const chunks: Uint8Array[] = [];
          const log: LogRecord[] = [];
          for (const { keys, step } of slices) {
            let left = keys;
            if (!stream.done) chunks.push(stream.next(() => left-- > 0, 1).slice());
            play(a, step, log);
          }
          while (!stream.done) chunks.push(stream.next(() => true).slice());
          const bytes = new Uint8Array(stream.written);
          let at = 0;
          for (const c of chunks) {
            bytes.set(c, at);
            at += c.length;
          }
          const snapshot = decodeSnapshot(bytes);
          const b = setup();
          b.clock.set(snapshot.engine.time);
          restoreEngine(b.engine, snapshot.engine);
          for (const r of throughBytes(log)) applyRecord(b.engine, r);
          expectSame(b.engine, a.engine);
        },
      ),
      { numRuns: 120 },
    );
  });
});
