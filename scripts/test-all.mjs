#!/usr/bin/env node
// `npm test`: type-check, lint/format check, unit + differential tests (vitest), end-to-end tests
// (Playwright, against the built app). Prints each suite's result and ends with one summary line:
// `N passed, N failed, N skipped`, summed over every suite. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const skippedNames = [];

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${[cmd.replace(`${root}/`, ''), ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function record(label, passed, failed, skipped) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${label}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

// 1. Types and lint each count as one check.
const tsc = run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
record('typecheck', tsc === 0 ? 1 : 0, tsc === 0 ? 0 : 1, 0);
const lint = run('lint + format check', bin('biome'), ['check', '.']);
record('lint', lint === 0 ? 1 : 0, lint === 0 ? 0 : 1, 0);

// 2. Vitest: unit, differential (engine vs redis-server), fuzz and docs tests.
const vitestJson = join(reports, 'vitest.json');
const vitestStatus = run('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  const failed = v.numFailedTests + (vitestStatus !== 0 && v.numFailedTests === 0 ? 1 : 0);
  record('vitest', v.numPassedTests, failed, v.numPendingTests + v.numTodoTests);
  for (const file of v.testResults) {
    for (const t of file.assertionResults) {
      if (t.status !== 'passed' && t.status !== 'failed')
        skippedNames.push(`${file.name.replace(`${root}`, '')} › ${t.fullName}`);
    }
  }
} else {
  record('vitest', 0, 1, 0);
}

// 3. Playwright end-to-end tests against the production build.
const hasE2e =
  existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
if (hasE2e) {
  const build = run('build', bin('vite'), ['build']);
  if (build !== 0) {
    record('e2e', 0, 1, 0);
  } else {
    const pwJson = join(reports, 'playwright.json');
    const pwStatus = run('playwright', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
    if (existsSync(pwJson)) {
      const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
      const failed = s.unexpected + (pwStatus !== 0 && s.unexpected === 0 ? 1 : 0);
      record('e2e', s.expected + s.flaky, failed, s.skipped);
    } else {
      record('e2e', 0, 1, 0);
    }
  }
}

process.stdout.write(`\n${lines.join('\n')}\n`);
if (skippedNames.length) process.stdout.write(`skipped:\n${skippedNames.map((n) => `  ${n}`).join('\n')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
