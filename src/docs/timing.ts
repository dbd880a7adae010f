/**
 * Timing notes: the sentences and comments with which a page says that time passes between two
 * commands. The runner's clock moves only at these notes, so the TTLs it reads are the ones the page
 * shows.
 *
 * THE RULE. A sentence (of prose between blocks) or a whole-line comment (`#` or `//` inside a block)
 * is a timing note when it *starts* with one of these, after an optional opening bracket and an
 * optional connective ("However,", "Then", "Now", "And", "So"):
 *   - `after [Q] N unit`            "After 10 seconds, the key …", "(After 2 seconds)"
 *   - `wait [for] [Q] N unit`       "# Wait for more than 2 seconds", "// Wait for 10 seconds"
 *     (also `sleep`, `waiting`)
 *   - `N unit later`                "Three seconds later:"
 *   - `N unit pass(es|ed)`          "2 seconds pass."
 * where N is digits (`600,000`, `1.5`) or number words ("three", "a", "an", "half an"), unit is ms
 * to days, and Q is an optional "more than" / "over" / "at least" / "just over" / "a little over"
 * (the wait is then a little longer than N) or "about" / "around" / "roughly" (plain N).
 *
 * Everything else is not a wait, in particular a duration in the middle of a sentence, which is how
 * pages state a TTL or a timeout: "To verify the key expires after 2 seconds:", "a cache that
 * expires after 30 seconds", "wait for new messages for up to 2000 milliseconds" (no duration right
 * after "wait for"), "For the next 30 seconds, …", and trailing comments after a command or an
 * output ("EXPIRE k 10  # expires after 10 seconds").
 */

export interface TimingNote {
  /** The duration named by the note, in ms. */
  readonly ms: number;
  /** "more than N": the runner waits a little over N. */
  readonly moreThan: boolean;
  /** The sentence or comment that holds the note. */
  readonly text: string;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
  'a hundred': 100,
  'half a': 0.5,
  'half an': 0.5,
};

const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const UNIT = `(?:${Object.keys(UNIT_MS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const MORE = '(?:more than|over|at least|just over|a little over|a bit more than|slightly more than)';
const ABOUT = '(?:about|around|roughly|approximately)';
const QUALIFIER = `(?:(?<more>${MORE})|${ABOUT})`;
const DURATION = `(?<n>${NUMBER})[ -]?(?<unit>${UNIT})\\b`;
const LEAD = '^[(\\[]?\\s*(?:(?:however|then|now|and|so|but)\\s*,?\\s+)?';

const NOTE_PATTERNS: readonly RegExp[] = [
  new RegExp(`${LEAD}after\\s+(?:${QUALIFIER}\\s+)?${DURATION}`, 'i'),
  new RegExp(`${LEAD}(?:wait(?:ing)?|sleep(?:ing)?)(?:\\s+for)?\\s+(?:${QUALIFIER}\\s+)?${DURATION}`, 'i'),
  new RegExp(`${LEAD}(?:${QUALIFIER}\\s+)?${DURATION}\\s+later\\b`, 'i'),
  new RegExp(
    `${LEAD}(?:${QUALIFIER}\\s+)?${DURATION}\\s+(?:pass|passes|passed|have passed|has passed)\\b`,
    'i',
  ),
];

/** Reads one sentence or comment (comment marker already removed); null when it is not a note. */
export function readTimingNote(sentence: string): TimingNote | null {
  const text = sentence.trim();
  for (const pattern of NOTE_PATTERNS) {
    const m = pattern.exec(text);
    if (!m?.groups) continue;
    const ms = durationMs(m.groups.n as string, m.groups.unit as string);
    if (ms === null) continue;
    return { ms, moreThan: m.groups.more !== undefined, text };
  }
  return null;
}

/** The timing notes of a paragraph of prose, sentence by sentence. */
export function findTimingNotes(paragraph: string): TimingNote[] {
  const notes: TimingNote[] = [];
  for (const sentence of splitSentences(paragraph)) {
    const note = readTimingNote(sentence);
    if (note) notes.push(note);
  }
  return notes;
}

/** Splits on sentence ends and line breaks; a decimal point or `e.g.` does not end a sentence. */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?:])\s+(?=[A-Z(["'`])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function durationMs(n: string, unit: string): number | null {
  const perUnit = UNIT_MS[unit.toLowerCase()];
  if (perUnit === undefined) return null;
  const lower = n.toLowerCase();
  const count = NUMBER_WORDS[lower] ?? Number(lower.replace(/,/g, ''));
  if (!Number.isFinite(count) || count <= 0) return null;
  return Math.round(count * perUnit);
}

/**
 * How far the clock moves for a note. Redis expires a key only once now > deadline, and a real wait
 * always overshoots a little, so every wait lands 1 ms past the named mark: "After 10 seconds" after
 * `SETEX k 10 v` finds the key gone, as on a real server, while TTL (rounded to seconds) still reads
 * what the page shows, and a PTTL the page computed from the exact mark is accepted (the judge allows
 * for the overshoot). "More than N" goes a little further, to 10 ms past the mark.
 */
export function waitDuration(note: { readonly ms: number; readonly moreThan: boolean }): number {
  return note.ms + (note.moreThan ? 10 : 1);
}

/**
 * How a replayed page's waits play in the playground: `paced` (the default) lets each wait last at
 * most PACED_WAIT_REAL_MS of real time, at 1× when it is shorter, so a ten-minute wait plays in three
 * seconds at 200× with the cycles and bars running through it; `real` plays at 1×; `skip` jumps.
 */
export type WaitMode = 'paced' | 'real' | 'skip';

export const PACED_WAIT_REAL_MS = 3000;

/** The clock rate a wait of `ms` virtual milliseconds plays at; 0 means it jumps. */
export function waitPlayRate(ms: number, mode: WaitMode): number {
  if (mode === 'skip') return 0;
  if (mode === 'real') return 1;
  return Math.max(1, ms / PACED_WAIT_REAL_MS);
}
