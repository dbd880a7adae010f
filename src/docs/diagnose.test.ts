import { describe, expect, it } from 'vitest';
import { checkPage } from './report.ts';

/** The likely causes withHints finds for a failing step, on pages of our own. */

const fence = (body: string) => `\`\`\`cli\n${body}\n\`\`\`\n`;

function hints(page: string): (string | null)[] {
  return checkPage(page, 'x.md')
    .results.filter((r) => r.kind === 'command')
    .map((r) => (r.kind === 'command' && r.verdict.kind === 'fail' ? (r.verdict.hint ?? '') : null));
}

describe('a TTL read one off', () => {
  it('says the page read PTTL 1 ms later (page 1999, playground 2000)', () => {
    const page = fence('redis> PSETEX k 2000 v\nOK\nredis> PTTL k\n(integer) 1999');
    expect(hints(page)).toEqual([
      null,
      "the page's read came 1 ms later: on a real server a moment passes between the write and the PTTL, here none does",
    ]);
  });

  it('says a TTL one second low was read at least half a second later', () => {
    const page = fence('redis> SET k v EX 100\nOK\nredis> TTL k\n(integer) 99');
    expect(hints(page)[1]).toMatch(/^the page's read came at least half a second later: TTL rounds/);
  });

  it('keeps the "read after time passed" hint for larger gaps, and none for a TTL read too high', () => {
    const page = fence(
      'redis> PSETEX k 2000 v\nOK\nredis> PTTL k\n(integer) 1990\nredis> PTTL k\n(integer) 2001',
    );
    expect(hints(page)).toEqual([
      null,
      "the page's TTL is 10 ms lower than an immediate replay: it was read after time passed, with no timing note",
      // A reading above what the key was given is no delay: only the generic hints may apply.
      expect.not.stringMatching(/later|lower/),
    ]);
  });
});
