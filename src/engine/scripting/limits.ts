import type { Reply } from '../reply.ts';

/**
 * The limits a script runs under in the playground, and the notes the console adds when one stops a
 * script. Redis has neither limit (a runaway script there is stopped by SCRIPT KILL from another
 * client, a huge one by the machine's memory); a browser tab needs both, and has no other client.
 * No fengari here: the console reads these without loading the interpreter.
 */

/** Instructions a script may run: about 2 s on a quiet machine. */
export const SCRIPT_INSTRUCTION_BUDGET = 100_000_000;

/**
 * Table entries a script may add (net of those it removes), over all its tables: a few hundred MB
 * in the tab. Each costs about 200 bytes in the interpreter, so the budget sits far below the point
 * where the tab itself runs out of memory (JavaScript's own limit on a table is 16.7 million).
 */
export const SCRIPT_TABLE_ENTRY_BUDGET = 2_000_000;

/**
 * The longest string a script may make, in bytes: Redis's own values stop at 512 MB, and a tab
 * holding a few strings this long is already at its limits.
 */
export const SCRIPT_STRING_LIMIT = 64 * 1024 * 1024;

/** What Redis replies when a script is killed; the playground keeps the text. */
export const KILLED_MESSAGE = 'Script killed by user with SCRIPT KILL...';

/** Lua's own message for a memory error, as Redis 7.0 wraps it: `Error running script f_<sha>, not enough memory`. */
export const OUT_OF_MEMORY_MESSAGE = 'not enough memory';

const BUDGET_NOTE =
  'The playground stopped this script after its budget of 100 million Lua instructions (nobody sent SCRIPT KILL; Redis has no such budget).';
const MEMORY_NOTE =
  'The playground stopped this script: it used more memory than a script may use here (2 million table entries, or a string over 64 MB).';

/** The console's note for a reply that a playground limit produced, or null. */
export function scriptStopNote(reply: Reply): string | null {
  if (reply.t === 'array') {
    for (const item of reply.items) {
      const note = scriptStopNote(item);
      if (note) return note;
    }
    return null;
  }
  if (reply.t !== 'error') return null;
  // Nothing else can give this text: the playground's SCRIPT KILL always answers NOTBUSY.
  if (reply.s.includes(KILLED_MESSAGE)) return BUDGET_NOTE;
  if (/^ERR Error running script f_[0-9a-f]{40}, not enough memory/.test(reply.s)) return MEMORY_NOTE;
  return null;
}
