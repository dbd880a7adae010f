import { createCommandTable } from '../engine/table.ts';
import { parseLine } from '../engine/tokenizer.ts';
import { commandName, keyArguments } from './command-traits.ts';
import { DocRunner, type RunnerOptions } from './runner.ts';
import type { CommandResult, DocPage, ExpectedReply, StepResult, Verdict } from './types.ts';

/**
 * Looks at each failure for a likely cause in the page itself, so that a doc writer reads why a
 * step fails and not only that it does: an example that silently continues an earlier section, a
 * TTL read after time passed with no timing note, keys the example never creates, an output that is
 * no redis-cli form, an error worded another way.
 */

const TABLE = createCommandTable();

export function withHints(
  page: DocPage,
  results: readonly StepResult[],
  options: RunnerOptions,
): StepResult[] {
  if (!results.some(isFailure)) return [...results];
  const carried = options.carryState ? null : new DocRunner(page, { ...options, carryState: true }).runAll();
  return results.map((result, i) => {
    if (!isFailure(result)) return result;
    const alt = carried?.[i];
    const hint =
      (alt?.kind === 'command' && alt.verdict.kind === 'pass'
        ? 'passes when the keys of the previous sections are kept (--carry-state): the example continues an earlier one'
        : null) ?? hintFor(result, results.slice(0, i));
    return hint === null ? result : { ...result, verdict: { ...result.verdict, hint } as Verdict };
  });
}

/**
 * One result with the likely cause of its failure found from the page alone, without the second
 * replay `withHints` makes (a live replay, step by step, cannot afford one per failure).
 */
export function withLiveHint(result: StepResult, before: readonly StepResult[]): StepResult {
  if (!isFailure(result)) return result;
  const hint = hintFor(result, before);
  return hint === null ? result : { ...result, verdict: { ...result.verdict, hint } as Verdict };
}

function isFailure(r: StepResult): r is CommandResult {
  return r.kind === 'command' && r.verdict.kind === 'fail';
}

function hintFor(result: CommandResult, before: readonly StepResult[]): string | null {
  const expected = result.step.expected.kind === 'reply' ? result.step.expected.reply : null;
  const reply = result.actual.reply;
  if (expected === null) return null;
  const typo = findTypo(expected);
  if (typo !== null) return `the page's output ${JSON.stringify(typo)} is no redis-cli form (a typo)`;
  const parsed = parseLine(result.step.line);
  const argv = parsed.kind === 'command' ? parsed.argv : [];
  const name = commandName(argv);
  if ((name === 'ttl' || name === 'pttl') && expected.kind === 'int' && reply?.t === 'int') {
    const shown = Number(expected.value);
    const real = Number(reply.n);
    if (shown >= 0 && real === shown + 1) return oneOff(name);
    if (shown >= 0 && real > shown) {
      const unit = name === 'ttl' ? 's' : 'ms';
      return `the page's TTL is ${real - shown} ${unit} lower than an immediate replay: it was read after time passed, with no timing note`;
    }
  }
  if (expected.kind === 'text' && reply && (reply.t === 'bulk' || reply.t === 'status')) {
    const shown = expected.text;
    if (shown !== reply.s && Number.isFinite(Number(shown)) && Number(shown) === Number(reply.s)) {
      return `the same number written differently: Redis 7.0 prints ${JSON.stringify(reply.s)}, the page ${JSON.stringify(shown)}`;
    }
    // Blanks lost or added inside a value (JSON reformatted by hand); one blank or one at an end is
    // more likely an index off by one, which this hint would misname.
    const blanks = (t: string) => t.length - t.replace(/\s+/g, '').length;
    const inside = shown.trim() === shown && reply.s.trim() === reply.s;
    if (
      inside &&
      shown.replace(/\s+/g, '') === reply.s.replace(/\s+/g, '') &&
      Math.abs(blanks(shown) - blanks(reply.s)) >= 2
    ) {
      return 'differs from the reply only in spaces inside the value: the page dropped or added blanks the command stored';
    }
  }
  const repeated = repeatedSetup(result, before);
  if (repeated !== null) {
    return `repeats line ${repeated} of its section as if the key were new: the block was written as a fresh start`;
  }
  if (expected.kind === 'error' && reply?.t === 'error') {
    return "both are errors: the page words it differently from Redis 7.0 (Dragonfly's messages differ)";
  }
  const unknown = keysNeverWritten(argv, result, before);
  if (unknown.length > 0) {
    return `reads ${unknown.join(', ')}, which no earlier step of the example creates: the page assumes data from elsewhere`;
  }
  return null;
}

function findTypo(e: ExpectedReply): string | null {
  if (e.kind === 'unreadable') return e.text.trim().startsWith('(') ? e.text : null;
  if (e.kind === 'array') {
    for (const item of e.items) {
      const found = findTypo(item);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The key arguments of the step that no earlier command of its section mentioned. */
function keysNeverWritten(
  argv: readonly string[],
  result: CommandResult,
  before: readonly StepResult[],
): string[] {
  const spec = TABLE.get(argv[0] ?? '');
  if (!spec || spec.keys[0] <= 0) return [];
  const keys = keyArguments(TABLE, argv);
  const seen = new Set<string>();
  for (const r of before) {
    if (r.kind !== 'command' || r.step.section !== result.step.section) continue;
    const parsed = parseLine(r.step.line);
    if (parsed.kind === 'command') for (const a of parsed.argv.slice(1)) seen.add(a);
  }
  return keys.length > 0 && keys.every((k) => !seen.has(k)) ? keys : [];
}

/** The line of an earlier identical command in the same section, when the step is a write repeated. */
function repeatedSetup(result: CommandResult, before: readonly StepResult[]): number | null {
  for (const r of before) {
    if (r.kind === 'command' && r.step.section === result.step.section && r.step.line === result.step.line) {
      return r.step.range.start.line;
    }
  }
  return null;
}

/**
 * A TTL read one lower than the replay's: the page ran its commands on a real server, where a moment
 * passes between a write and the read after it, while the playground runs both in the same instant.
 */
function oneOff(name: string): string {
  return name === 'pttl'
    ? "the page's read came 1 ms later: on a real server a moment passes between the write and the PTTL, here none does"
    : "the page's read came at least half a second later: TTL rounds the time left to the nearest second, so 0.5 s of delay lowers it by 1";
}
