#!/usr/bin/env node
// `npm test`: type-check, lint/format check, unit + differential tests (vitest), end-to-end tests
// (Playwright, against the built app and the dev server). Prints each suite's result and ends with
// one summary line: `N passed, N failed, N skipped`, summed over every suite. Exits non-zero if
// anything failed. `npm test -- --only=vitest,e2e` runs some of the suites (typecheck, lint, vitest,
// e2e).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (suite) => !only || only.includes(suite);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const skippedNames = [];
const flakyNames = [];

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

/** A suite that is one check: passed or failed. */
function check(label, cmd, args) {
  const status = run(label, cmd, args);
  record(label, status === 0 ? 1 : 0, status === 0 ? 0 : 1, 0);
}

/** Unit, differential (engine vs redis-server), fuzz and docs tests. */
function vitest() {
  const json = join(reports, 'vitest.json');
  const status = run('vitest', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${json}`,
  ]);
  if (!existsSync(json)) return record('vitest', 0, 1, 0);
  const v = JSON.parse(readFileSync(json, 'utf8'));
  const failed = v.numFailedTests + (status !== 0 && v.numFailedTests === 0 ? 1 : 0);
  record('vitest', v.numPassedTests, failed, v.numPendingTests + v.numTodoTests);
  for (const file of v.testResults) {
    for (const t of file.assertionResults) {
      if (t.status !== 'passed' && t.status !== 'failed')
        skippedNames.push(`${file.name.replace(`${root}`, '')} › ${t.fullName}`);
    }
  }
}

/** Playwright end-to-end tests against the production build and the dev server. */
function e2e() {
  const specs =
    existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'));
  if (!specs) return;
  // Finds or installs a Chromium; where none can be had it prints one line saying what to do.
  const browser = run('browser', bin('tsx'), ['scripts/ensure-browser.ts']);
  if (browser !== 0 || run('build', bin('vite'), ['build']) !== 0) return record('e2e', 0, 1, 0);
  const json = join(reports, 'playwright.json');
  const status = run('playwright', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: json });
  if (!existsSync(json)) return record('e2e', 0, 1, 0);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  const s = report.stats;
  const failed = s.unexpected + (status !== 0 && s.unexpected === 0 ? 1 : 0);
  record('e2e', s.expected + s.flaky, failed, s.skipped);
  for (const suite of report.suites ?? []) collectFlaky(suite);
}

/** Tests that failed once and passed on their retry: counted as passed, and named so they get fixed. */
function collectFlaky(suite) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status === 'flaky')
        flakyNames.push(`${spec.file}:${spec.line} › ${spec.title} [${t.projectName}]`);
    }
  }
  for (const child of suite.suites ?? []) collectFlaky(child);
}

if (wanted('typecheck')) check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
// Warnings fail the check and infos are not printed: a green run is one line, a red one stands out.
if (wanted('lint'))
  check('lint', bin('biome'), ['check', '--diagnostic-level=warn', '--error-on-warnings', '.']);
if (wanted('vitest')) vitest();
if (wanted('e2e')) e2e();

process.stdout.write(`\n${lines.join('\n')}\n`);
if (skippedNames.length) process.stdout.write(`skipped:\n${skippedNames.map((n) => `  ${n}`).join('\n')}\n`);
if (flakyNames.length)
  process.stdout.write(
    `flaky (failed, then passed on retry):\n${flakyNames.map((n) => `  ${n}`).join('\n')}\n`,
  );
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exitCode = totals.failed > 0 ? 1 : 0;
