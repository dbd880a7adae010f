import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Compat } from '../engine/compat.ts';
import {
  ABOUT,
  CORPUS_DIR,
  checkCorpusPage,
  corpusExists,
  corpusPages,
  EXPECTATIONS_FILE,
  type ExpectationsFile,
  type FailureNote,
  failures,
  type PageExpectations,
  readExpectations,
  stepLines,
} from '../testing/corpus-expectations.ts';
import { askRedis } from '../testing/redis-confirm.ts';
import { findRedis74, findRedisServer, type RunningRedis, startRedis } from '../testing/redis-server.ts';
import { corpusTable, withCorpusTable } from './corpus-table.ts';
import type { PageReport } from './report.ts';

/**
 * Replays every page of the shared docs corpus: every page must parse, every step must get a verdict,
 * and the verdicts must be the committed ones, so any change (an engine fix, a new command, a runner
 * change) shows up here. Each failure carries a cause, with what the real server the page ran as replied
 * (redis-server 7.0, or the 7.4.1 oracle for pages that need Redis 7.4; Dragonfly cannot be asked).
 * `UPDATE_EXPECTATIONS=1 npx vitest run src/docs/corpus.test.ts` rewrites the file.
 */

const present = corpusExists();
if (!present) {
  console.warn(`\n[docs corpus] ${CORPUS_DIR} not found: the docs corpus test is SKIPPED.\n`);
}
const updating = process.env.UPDATE_EXPECTATIONS === '1';
const README = new URL('../../README.md', import.meta.url);

// Skipped only where the corpus is absent (it is test data beside the checkout, not in the repository).
describe.skipIf(!present)('docs corpus', () => {
  const pages = present ? corpusPages() : [];
  const reports = new Map<string, PageReport>();
  for (const path of pages) reports.set(path, checkCorpusPage(path));

  it('parses every page and gives every command step its committed verdict', () => {
    expect(pages.length).toBeGreaterThan(150);
    // While regenerating, the committed verdicts are the ones being replaced.
    const committed = updating ? null : readExpectations();
    for (const [path, report] of reports) {
      expect(report.results.length).toBe(report.page.steps.length);
      if (updating) continue;
      const expected = new Map(
        (committed?.pages[path]?.steps ?? []).map((s) => s.split(' ') as [string, string]),
      );
      for (const r of report.results) {
        if (r.kind !== 'command') continue;
        const line = String(r.step.range.start.line);
        expect(r.verdict.kind, `${path}:${line} ${r.step.line}`).toBe(expected.get(line));
      }
    }
  });

  it('has its per-family table in the README up to date (npm run -s docs:stats)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withCorpusTable(readme, corpusTable(reports))).toBe(readme);
  });

  // Runs only on request (UPDATE_EXPECTATIONS=1): it rewrites a committed file.
  it.runIf(updating)('rewrites the expectations file', async () => {
    const old = readExpectations();
    const servers = new Map<Compat, RunningRedis>();
    for (const [compat, bin] of [
      ['redis-7.0', findRedisServer()],
      ['redis-7.4', findRedis74()],
    ] as const) {
      if (bin) servers.set(compat, await startRedis(bin));
    }
    try {
      const out: Record<string, PageExpectations> = {};
      for (const [path, report] of reports) {
        const notes: Record<string, FailureNote> = {};
        for (const f of failures(report)) {
          const line = String(f.step.range.start.line);
          const kept = old?.pages[path]?.failures[line];
          const hint = f.verdict.kind === 'fail' ? f.verdict.hint : undefined;
          const compat = report.compat ?? 'redis-7.0';
          const server = servers.get(compat);
          const asked = server
            ? await askRedis(server.client, report.page, f)
            : compat === 'dragonfly'
              ? 'not asked: no Dragonfly server here'
              : `not asked: no ${compat} server`;
          const cause =
            kept && kept.command === f.step.line ? kept.cause : hint ? `auto: ${hint}` : 'UNEXPLAINED';
          // Redis replying otherwise than the engine means the engine is wrong, whatever the page says.
          const differs = !asked.startsWith('not asked') && asked !== f.actual.text;
          notes[line] = {
            command: f.step.line,
            cause: differs ? 'ENGINE DIFFERS FROM REDIS' : cause,
            redis: asked,
          };
        }
        out[path] = { steps: stepLines(report), failures: notes };
      }
      const file: ExpectationsFile = { about: ABOUT, pages: out };
      writeFileSync(EXPECTATIONS_FILE, `${JSON.stringify(file, null, 2)}\n`);
      // In the repository's JSON style, so that the lint stays clean after a regeneration.
      execFileSync('npx', ['biome', 'format', '--write', EXPECTATIONS_FILE], { stdio: 'ignore' });
    } finally {
      for (const server of servers.values()) await server.stop();
    }
  });

  // While regenerating, the file is being rewritten: comparing with it would be meaningless.
  it.skipIf(updating)('gets the committed verdicts, and each failure has a cause confirmed by Redis', () => {
    const expected = readExpectations();
    expect(expected, `${EXPECTATIONS_FILE} is missing: run with UPDATE_EXPECTATIONS=1`).not.toBeNull();
    if (!expected) return;
    expect(Object.keys(expected.pages).sort()).toEqual([...reports.keys()].sort());
    for (const [path, report] of reports) {
      const committed = expected.pages[path];
      expect(stepLines(report), `verdicts of ${path} changed (UPDATE_EXPECTATIONS=1 to accept)`).toEqual(
        committed?.steps,
      );
      for (const f of failures(report)) {
        const note = committed?.failures[String(f.step.range.start.line)];
        const where = `${path}:${f.step.range.start.line} ${f.step.line}`;
        expect(note?.cause, `${where} has no recorded cause`).toMatch(/^(?!UNEXPLAINED)./);
        // Where Redis was asked, the engine must reply what Redis replied: the page is the one wrong.
        if (note && !note.redis.startsWith('not asked')) expect(f.actual.text, where).toBe(note.redis);
      }
    }
  });
});
