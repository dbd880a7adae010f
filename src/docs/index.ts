/**
 * The docs-example runner's public API (browser-safe: no Node imports), for the CLI and a UI panel.
 *
 *   const page = parseDocPage(markdown, 'strings/psetex.md');   // sections, blocks, steps + ranges
 *   const runner = new DocRunner(page, { carryState: false });
 *   let r; while ((r = runner.step())) show(r);                   // CommandResult | WaitResult
 *   // or: const report = checkPage(markdown, path)               // all steps, hints, counts
 *
 * A CommandResult has the step (with its source range and expected output), the actual redis-cli
 * text and reply, the verdict (pass / fail with diff and hint / not-comparable / unsupported /
 * no-expectation), the virtual time it ran at, and `resetBefore` when its section started from an
 * empty keyspace. A WaitResult says how far the clock moved (`from`, `to`) and how many keys the
 * active expiry cycle removed meanwhile, so a UI can animate it. `runner.engine` is the live engine.
 */
export { withHints } from './diagnose.ts';
export { renderDiff } from './diff.ts';
export { renderExpected } from './output-reader.ts';
export { commandSteps, parseDocPage } from './page.ts';
export {
  checkPage,
  countVerdicts,
  type PageReport,
  pageJson,
  renderPageReport,
  summaryLine,
  type VerdictCounts,
} from './report.ts';
export { DEFAULT_START_TIME, DocRunner, type RunnerBackend, type RunnerOptions } from './runner.ts';
export { readTimingNote, waitDuration } from './timing.ts';
export type * from './types.ts';
