import type { LineOutcome } from '../engine/cli-session.ts';
import { scriptStopNote } from '../engine/scripting/limits.ts';

/**
 * What the playground adds under a console line, set apart from what redis-cli prints: why a script
 * was stopped by one of the playground's own limits (the reply keeps Redis's text), and that typed
 * text was changed on its way to bytes.
 */

/** A surrogate without its pair: a string that JavaScript holds but UTF-8 cannot encode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function consoleNote(line: string, outcome: LineOutcome): string | undefined {
  const notes: string[] = [];
  const lone = LONE_SURROGATE.exec(line);
  if (lone) {
    const code = (lone[0].codePointAt(0) ?? 0).toString(16).toUpperCase();
    notes.push(
      `The line holds a lone UTF-16 surrogate (U+${code}), which has no UTF-8 form: it was sent as U+FFFD, the bytes \\xef\\xbf\\xbd.`,
    );
  }
  if (outcome.kind === 'commands') {
    for (const c of outcome.commands) {
      const note = scriptStopNote(c.reply);
      if (note) {
        notes.push(note);
        break;
      }
    }
  }
  return notes.length > 0 ? notes.join('\n') : undefined;
}
