import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocPage } from './page.ts';
import { presenterView } from './presenter.ts';
import { presenterNote, readingPage } from './reading.ts';

/** Presenter notes: written as comments, kept out of the reading view, shown by section. */

const PAGE = `# Demo

Intro text.

<!-- notes: Start with a show of hands: who has used TTL? -->

### Write a key

<!--
  notes:
  Ask the room what PTTL will print.

  Then run it.
-->

\`\`\`cli
redis> PSETEX k 2000 "Hello"
OK
redis> PTTL k
(integer) 2000
\`\`\`

(After 2 seconds)

\`\`\`cli
redis> PTTL k
(integer) -2
\`\`\`

### Read it back

<!-- a plain comment, not a note -->
<!-- NOTES: Point at the table: the row is gone. -->

\`\`\`cli
redis> GET k
(nil)
\`\`\`
`;

const page = parseDocPage(PAGE, 'demo.md');
const reading = readingPage(PAGE, page);

describe('presenter notes', () => {
  it('are read from comments that start with "notes:", dedented, and never drawn', () => {
    expect(reading.notes.map((n) => [n.line, n.text])).toEqual([
      [5, 'Start with a show of hands: who has used TTL?'],
      [9, 'Ask the room what PTTL will print.\n\nThen run it.'],
      [33, 'Point at the table: the row is gone.'],
    ]);
    const drawn = JSON.stringify(reading.blocks);
    expect(drawn).not.toContain('show of hands');
    expect(drawn).not.toContain('Ask the room');
    expect(drawn).not.toContain('plain comment');
    // The replay is the same with or without them.
    expect(page.steps.map((s) => s.kind)).toEqual(['command', 'command', 'wait', 'command', 'command']);
  });

  it('tells a note from any other comment', () => {
    expect(presenterNote('<!-- note: one -->')).toBe('one');
    expect(presenterNote('<!--notes:two-->')).toBe('two');
    expect(presenterNote('<!-- notes about this page -->')).toBeNull();
    expect(presenterNote('<div>notes: no</div>')).toBeNull();
    expect(presenterNote('<!-- notes: -->')).toBe('');
  });

  it('a bundled lesson with notes keeps them out of its reading view', () => {
    const source = readFileSync(join(import.meta.dirname, 'lessons', 'psetex-basics.md'), 'utf8');
    const lesson = readingPage(source, parseDocPage(source, 'psetex-basics.md'));
    expect(lesson.notes.length).toBeGreaterThan(0);
    for (const n of lesson.notes) expect(JSON.stringify(lesson.blocks)).not.toContain(n.text.slice(0, 30));
  });
});

describe('the presenter view', () => {
  it('before the first step: nothing run, the first step next, the notes of its section', () => {
    const v = presenterView(page, reading.notes, 0, false);
    expect(v.current).toBeNull();
    expect(v.next).toEqual({
      index: 0,
      total: 5,
      section: 'Write a key',
      kind: 'command',
      text: 'PSETEX k 2000 "Hello"',
    });
    expect(v.notes).toEqual(['Ask the room what PTTL will print.\n\nThen run it.']);
  });

  it('follows the replay into the next section, waits included', () => {
    const v = presenterView(page, reading.notes, 2, false);
    expect(v.current?.text).toBe('PTTL k');
    expect(v.next).toMatchObject({ kind: 'wait', text: '(After 2 seconds)', section: 'Write a key' });
    const after = presenterView(page, reading.notes, 4, false);
    expect(after.next).toMatchObject({ text: 'GET k', section: 'Read it back' });
    expect(after.notes).toEqual(['Point at the table: the row is gone.']);
  });

  it("once through: the last step, nothing next, the last section's notes", () => {
    const v = presenterView(page, reading.notes, 5, true);
    expect(v.current).toMatchObject({ index: 4, text: 'GET k' });
    expect(v.next).toBeNull();
    expect(v.notes).toEqual(['Point at the table: the row is gone.']);
  });
});
