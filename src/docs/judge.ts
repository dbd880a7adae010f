import { printsVerbatim } from '../engine/format.ts';
import {
  canonActual,
  canonExpected,
  isEmptyReply,
  matches,
  renderCanon,
  sortedForDisplay,
} from './canonical.ts';
import {
  commandName,
  isRandomPick,
  isScan,
  readsAbsoluteExpiry,
  replyShape,
  unreproducibleReason,
} from './command-traits.ts';
import { diffLines } from './diff.ts';
import type { ActualOutput, CommandStep, ExpectedReply, Verdict } from './types.ts';

/**
 * One verdict per command step. The order of the questions matters: a command the engine lacks is
 * "unsupported" whatever the page shows; a page that shows nothing gets "no expectation" (unless the
 * reply was empty, which is what nothing means); a match is a pass; and only a mismatch is looked at
 * for a reason it cannot be compared (random draws, the server's clock, placeholders, cursors, a
 * notation that is not redis-cli's) before it is called a failure.
 */

export interface JudgeInput {
  readonly step: CommandStep;
  /** The arguments sent, or null when redis-cli answered by itself (nothing was sent). */
  readonly argv: readonly string[] | null;
  readonly actual: ActualOutput;
  /** Why earlier steps make this reply unreproducible (a random draw, an absolute deadline), if so. */
  readonly taint: string | null;
  /** The engine does not know the command: the reason to report. */
  readonly unsupported: string | null;
  /**
   * How far past their named marks the section's waits landed (1 ms each, see waitDuration): a PTTL
   * that reads lower than the page by at most this much is what the page means.
   */
  readonly overshootMs?: number;
}

export function judge(input: JudgeInput): Verdict {
  const { step, argv, actual } = input;
  if (input.unsupported !== null) return { kind: 'unsupported', reason: input.unsupported };
  const expected = step.expected;
  if (expected.kind === 'none') {
    if (actual.reply && isEmptyReply(actual.reply))
      return { kind: 'pass', note: 'empty result shown as nothing' };
    return { kind: 'no-expectation' };
  }
  if (!actual.reply || argv === null) {
    const same = squashText(expected.text) === squashText(actual.text);
    return same ? { kind: 'pass' } : failure(expected.text, actual.text);
  }
  // redis-cli prints LOLWUT, INFO and a few diagnostics raw, so the page shows the text itself
  // (its final newline gone into the page's line break), not a quoted reply.
  if (
    printsVerbatim(argv) &&
    actual.reply.t === 'bulk' &&
    squashText(expected.text) === squashText(actual.reply.s)
  ) {
    return { kind: 'pass' };
  }
  const shape = replyShape(argv);
  const e = canonExpected(expected.reply);
  const a = canonActual(actual.reply);
  if (matches(e, a, shape)) {
    const ordered = shape === 'ordered' || matches(e, a, 'ordered');
    return ordered
      ? { kind: 'pass' }
      : { kind: 'pass', note: 'compared as a multiset (the order is not defined)' };
  }
  if (withinOvershoot(argv, expected.reply, actual, input.overshootMs ?? 0)) {
    return { kind: 'pass', note: 'PTTL read just past the timing note, as the wait lands past its mark' };
  }
  const reason = notComparableReason(input, expected.reply);
  if (reason !== null) return { kind: 'not-comparable', reason };
  return failure(renderCanon(sortedForDisplay(e, shape)), renderCanon(sortedForDisplay(a, shape)));
}

function failure(expectedText: string, actualText: string): Verdict {
  return { kind: 'fail', diff: diffLines(expectedText, actualText) };
}

function squashText(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function notComparableReason(input: JudgeInput, expected: ExpectedReply): string | null {
  const argv = input.argv ?? [];
  const name = commandName(argv).toUpperCase();
  const placeholder = findPlaceholder(expected);
  if (placeholder !== null) return `the page shows a placeholder (${placeholder}) instead of a reply`;
  if (isRandomPick(argv)) return `${name} draws at random: the page's draw cannot be reproduced`;
  const server = unreproducibleReason(argv);
  if (server !== null) return server;
  if (input.taint !== null) return input.taint;
  if (readsAbsoluteExpiry(argv) && bothPositiveInts(expected, input.actual)) {
    return `${name} is an absolute unix time computed from the "now" of whoever wrote the page`;
  }
  const cursorArg = isScan(argv) ? argv[name === 'SCAN' ? 1 : 2] : undefined;
  if (cursorArg !== undefined && cursorArg !== '0') {
    return `${name} continues from cursor ${cursorArg}: cursors are positions in one server's hash table`;
  }
  if (isScan(argv) && expected.kind === 'array') {
    const cursor = expected.items[0];
    if (cursor?.kind === 'text' && cursor.text !== '0') {
      return `${name} cursors depend on the server's hash table layout (the page shows cursor ${cursor.text})`;
    }
  }
  const notation = foreignNotation(expected);
  if (notation !== null)
    return `the page shows ${JSON.stringify(notation)}, which is not a redis-cli reply form`;
  return null;
}

/**
 * `<sha1>`, `<timestamp>` written in place of a whole reply (or a whole element of one), or `...` /
 * `…` where a value was cut. Markup inside a value (`"<b>not this</b>"`) is a value like any other.
 */
const WHOLE_PLACEHOLDER = /^<[A-Za-z][\w -]*>$/;

function findPlaceholder(e: ExpectedReply): string | null {
  switch (e.kind) {
    case 'array':
      for (const item of e.items) {
        const found = findPlaceholder(item);
        if (found !== null) return found;
      }
      return null;
    case 'text':
    case 'error':
    case 'unreadable': {
      const text = e.text.trim();
      if (WHOLE_PLACEHOLDER.test(text)) return text;
      const m = /\.\.\.|…/.exec(text);
      return m ? m[0] : null;
    }
    default:
      return null;
  }
}

/** An unreadable line in another notation (`[2,6]`, several raw lines); a `(…` typo stays a failure. */
function foreignNotation(e: ExpectedReply): string | null {
  if (e.kind === 'unreadable') return e.text.trim().startsWith('(') ? null : e.text;
  if (e.kind === 'array') {
    for (const item of e.items) {
      const found = foreignNotation(item);
      if (found !== null) return found;
    }
  }
  return null;
}

function bothPositiveInts(expected: ExpectedReply, actual: ActualOutput): boolean {
  return (
    expected.kind === 'int' &&
    BigInt(expected.value) > 0n &&
    actual.reply?.t === 'int' &&
    Number(actual.reply.n) > 0
  );
}

function withinOvershoot(
  argv: readonly string[],
  expected: ExpectedReply,
  actual: ActualOutput,
  overshoot: number,
): boolean {
  if (overshoot <= 0 || commandName(argv) !== 'pttl') return false;
  if (expected.kind !== 'int' || actual.reply?.t !== 'int') return false;
  const behind = Number(expected.value) - Number(actual.reply.n);
  return Number(actual.reply.n) >= 0 && behind > 0 && behind <= overshoot;
}
