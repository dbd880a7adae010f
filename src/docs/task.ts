import { CliSession, outcomeText } from '../engine/cli-session.ts';
import type { Engine } from '../engine/engine.ts';
import type { Reply } from '../engine/reply.ts';
import { canonActual, canonExpected, matches } from './canonical.ts';
import { replyShape } from './command-traits.ts';
import { forkEngine } from './fork.ts';
import { type MarkdownPage, readMarkdown } from './markdown.ts';
import { readOutput } from './output-reader.ts';
import { readTimingNote } from './timing.ts';
import { readPromptedLines, splitTrailingComment, TASK_CHECK_LANG } from './transcript.ts';
import type { ExpectedReply, SourceRange } from './types.ts';

/**
 * "Try it yourself": the task a lesson ends with, and the check the learner's own commands must
 * pass. The check looks at the keyspace as it is NOW (it does not replay what the learner typed),
 * by running its commands on a frozen copy of the server (fork.ts), so checking changes nothing.
 *
 * THE FORM. A fenced block tagged `check` holds the commands to run and the replies they must give,
 * written as in any example (a prompt, the command, the reply in redis-cli form):
 *
 *     ```check
 *     redis> GET otp        # otp should hold the code
 *     "492817"
 *     redis> TTL otp        # otp should expire within 30 seconds
 *     (integer) 1..30
 *     ```
 *
 * - A reply is compared as the docs runner compares one (KEYS and SMEMBERS as multisets…).
 * - `(integer) A..B` accepts any integer from A to B inclusive: TTLs keep draining while one reads.
 * - No reply line: any reply but an error passes.
 * - The trailing comment is the reason shown to the learner when that line fails.
 * - The commands run in order on the same copy, so a probe that touches a stale key removes it for
 *   the probes after it, as it would on a real server.
 *
 * An optional block tagged `solution` after it holds one way to pass: bare commands, with `# wait N
 * seconds` comments for the waits. Tests run it to prove the task can be passed; a UI may offer it.
 * Both blocks read as ordinary code blocks in any markdown viewer, and the docs runner skips them.
 */

export const SOLUTION_LANG = 'solution';
/** A check has at most this many commands; a solution at most this many steps (pages may be pasted). */
const MAX_PROBES = 20;
const MAX_SOLUTION_STEPS = 100;
/** A probe line may repeat a command (`3 GET k`) at most this often. */
const MAX_PROBE_REPEAT = 10;

export type ProbeExpectation =
  | { readonly kind: 'reply'; readonly reply: ExpectedReply }
  | { readonly kind: 'range'; readonly min: bigint; readonly max: bigint }
  | { readonly kind: 'not-error' };

export interface TaskProbe {
  readonly line: string;
  readonly expect: ProbeExpectation;
  /** The expectation as written (`(integer) 1..30`), for display. */
  readonly expectedText: string;
  /** What the line checks, in the page's words (its trailing comment). */
  readonly why?: string;
  readonly range: SourceRange;
}

export type SolutionStep =
  | { readonly kind: 'command'; readonly line: string }
  | { readonly kind: 'wait'; readonly ms: number; readonly text: string };

export interface LessonTask {
  /** 0, 1, … in page order. */
  readonly index: number;
  /** The heading the check sits under ("Try it yourself"). */
  readonly title: string;
  /** Index of the check block among the page's code blocks (`DocPage.blocks`). */
  readonly block: number;
  readonly range: SourceRange;
  readonly probes: readonly TaskProbe[];
  readonly solution: readonly SolutionStep[];
}

export interface ProbeResult {
  readonly line: string;
  readonly passed: boolean;
  readonly expected: string;
  /** What the command printed, as redis-cli prints it. */
  readonly actual: string;
}

export interface TaskResult {
  readonly task: number;
  readonly passed: boolean;
  /** One sentence for the learner: all checks hold, or the first that does not and why. */
  readonly reason: string;
  readonly probes: readonly ProbeResult[];
}

/** The tasks of a page, each with its check and its solution (if the page gives one). */
export function readTasks(source: string): LessonTask[] {
  return tasksFromMarkdown(readMarkdown(source));
}

/** The tasks of a parsed page, up to (not including) line `before` when the page was cut there. */
export function tasksFromMarkdown(md: MarkdownPage, before = Infinity): LessonTask[] {
  const tasks: LessonTask[] = [];
  let heading = '';
  let block = -1;
  let open: { task: LessonTask; solution: SolutionStep[] } | null = null;
  for (const node of md.nodes) {
    if (node.range.start.line >= before) break;
    if (node.kind === 'heading') heading = node.text;
    if (node.kind !== 'code') continue;
    block++;
    if (node.lang === TASK_CHECK_LANG) {
      const solution: SolutionStep[] = [];
      const task: LessonTask = {
        index: tasks.length,
        title: heading,
        block,
        range: node.range,
        probes: readProbes(node.lines),
        solution,
      };
      tasks.push(task);
      open = { task, solution };
    } else if (node.lang === SOLUTION_LANG && open !== null && open.solution.length === 0) {
      open.solution.push(...readSolution(node.lines.map((l) => l.text)));
      open = null;
    }
  }
  return tasks;
}

function readProbes(lines: Parameters<typeof readPromptedLines>[0]): TaskProbe[] {
  const probes: TaskProbe[] = [];
  for (const entry of readPromptedLines(lines)) {
    if (entry.kind !== 'command' || probes.length >= MAX_PROBES) continue;
    const texts = entry.output.map((l) => l.text.trim());
    probes.push({
      line: entry.line,
      expect: readExpectation(texts),
      expectedText: texts.length === 0 ? 'any reply but an error' : texts.join('\n'),
      ...(entry.comment ? { why: entry.comment } : {}),
      range: entry.range,
    });
  }
  return probes;
}

function readExpectation(texts: readonly string[]): ProbeExpectation {
  if (texts.length === 0) return { kind: 'not-error' };
  const range =
    texts.length === 1 ? /^\(integer\)\s+(-?\d{1,19})\s*\.\.\s*(-?\d{1,19})$/.exec(texts[0] ?? '') : null;
  if (range) return { kind: 'range', min: BigInt(range[1] as string), max: BigInt(range[2] as string) };
  return { kind: 'reply', reply: readOutput(texts) };
}

function readSolution(texts: readonly string[]): SolutionStep[] {
  const steps: SolutionStep[] = [];
  for (const raw of texts) {
    const text = raw.trim();
    if (text === '' || steps.length >= MAX_SOLUTION_STEPS) continue;
    const comment = /^(?:#|\/\/)\s*(.*)$/.exec(text);
    if (comment) {
      const note = readTimingNote(comment[1] as string);
      if (note) steps.push({ kind: 'wait', ms: note.ms, text: note.text });
      continue;
    }
    steps.push({ kind: 'command', line: splitTrailingComment(text).command });
  }
  return steps;
}

/** Runs a task's check against the server's current state, on a copy: `engine` is not changed. */
export function checkTask(task: LessonTask, engine: Engine): TaskResult {
  if (task.probes.length === 0) {
    return { task: task.index, passed: false, reason: 'This check has no commands to run.', probes: [] };
  }
  const session = new CliSession(forkEngine(engine), { maxRepeat: MAX_PROBE_REPEAT });
  const probes: ProbeResult[] = [];
  let firstFailure: { probe: TaskProbe; result: ProbeResult } | null = null;
  for (const probe of task.probes) {
    const outcome = session.runLine(probe.line);
    const single =
      outcome.kind === 'commands' && outcome.commands.length === 1 ? outcome.commands[0] : undefined;
    const passed = single !== undefined && probePasses(probe.expect, single.argv, single.reply);
    const result = { line: probe.line, passed, expected: probe.expectedText, actual: outcomeText(outcome) };
    probes.push(result);
    if (!passed && firstFailure === null) firstFailure = { probe, result };
  }
  if (firstFailure === null) {
    const n = probes.length;
    return {
      task: task.index,
      passed: true,
      reason: `Passed: ${n === 1 ? 'the check holds' : `all ${n} checks hold`}.`,
      probes,
    };
  }
  return {
    task: task.index,
    passed: false,
    reason: failureReason(firstFailure.probe, firstFailure.result),
    probes,
  };
}

/** Whether one reply meets a probe's expectation (exported for the test that asks a real server). */
export function probePasses(expect: ProbeExpectation, argv: readonly string[], reply: Reply): boolean {
  switch (expect.kind) {
    case 'not-error':
      return reply.t !== 'error';
    case 'range': {
      if (reply.t !== 'int') return false;
      const n = BigInt(reply.n);
      return n >= expect.min && n <= expect.max;
    }
    case 'reply':
      return matches(canonExpected(expect.reply), canonActual(reply), replyShape(argv));
  }
}

function failureReason(probe: TaskProbe, result: ProbeResult): string {
  const actual = result.actual.trimEnd().replace(/\n/g, ' ');
  const expected = probe.expectedText.replace(/\n/g, ' ');
  const detail = `${probe.line} replied ${actual || 'nothing'}; the check expects ${expected}.`;
  return probe.why ? `Not yet: ${probe.why}. ${detail}` : `Not yet: ${detail}`;
}
