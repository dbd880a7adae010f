import { availableParallelism, loadavg } from 'node:os';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from './document.ts';
import { readOutput } from './output-reader.ts';
import { commandSteps, cutMessage, NO_LIMITS, PAGE_LIMITS, parseDocPage } from './page.ts';

/**
 * A page is hostile input: whatever it holds, reading it must cost time in proportion to its size.
 * The figures to reach are 100,000 code blocks in 1 s on a quiet machine; the bounds below leave room
 * for a loaded one, and the 10× scaling checks catch a quadratic step however fast the machine is
 * (a linear parse takes ~10× as long for 10× the page, a quadratic one ~100×).
 */

function blocks(n: number, body: string): string {
  return Array.from({ length: n }, () => `\`\`\`\n${body}\n\`\`\`\n`).join('\n');
}

/** The best of `runs` timings of `f`, in ms: the least disturbed by other work on the machine. */
function bestOf(runs: number, f: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * A loaded machine is several times slower than a quiet one: the absolute bounds are the target
 * times 4, or times twice the load per core when that is more (a shared 2-core machine runs at a
 * load of 20 at times). The 10× scaling checks do not depend on the load.
 */
const LOAD_SLACK = Math.max(4, (2 * (loadavg()[0] ?? 0)) / Math.max(1, availableParallelism()));

describe('big pages', () => {
  it('parses 100,000 plain code blocks (1 MB) in linear time', () => {
    const small = blocks(10_000, 'x');
    const big = blocks(100_000, 'x');
    expect(big.length).toBeGreaterThan(1_000_000);
    let page = parseDocPage(big, 'big.md', NO_LIMITS);
    const tSmall = bestOf(3, () => parseDocPage(small, 'small.md', NO_LIMITS));
    const tBig = bestOf(2, () => {
      page = parseDocPage(big, 'big.md', NO_LIMITS);
    });
    expect(page.blocks).toHaveLength(100_000);
    console.log(`100,000 blocks (1 MB): ${Math.round(tBig)} ms; 10,000: ${Math.round(tSmall)} ms`);
    expect(tBig).toBeLessThan(1000 * LOAD_SLACK);
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(30);
  });

  it('reads 60,000 `redis> PING` examples (1.6 MB) into steps in linear time', () => {
    const small = blocks(6_000, 'redis> PING\nPONG');
    const big = blocks(60_000, 'redis> PING\nPONG');
    let page = parseDocPage(big, 'big.md', NO_LIMITS);
    const tSmall = bestOf(3, () => parseDocPage(small, 'small.md', NO_LIMITS));
    const tBig = bestOf(2, () => {
      page = parseDocPage(big, 'big.md', NO_LIMITS);
    });
    expect(commandSteps(page)).toHaveLength(60_000);
    expect(commandSteps(page)[59_999]?.expected).toMatchObject({ reply: { kind: 'text', text: 'PONG' } });
    expect(tBig).toBeLessThan(1500 * LOAD_SLACK);
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(30);
  });

  it('cuts a page at 1,000 steps and says where', () => {
    const { page, tasks } = parseDocument(`# Big\n\n${blocks(60_000, 'redis> PING\nPONG')}`, 'big.md');
    expect(page.steps).toHaveLength(PAGE_LIMITS.steps);
    expect(page.cut).toEqual({ line: 5003, limit: 'steps', max: 1000 });
    expect(cutMessage(page.cut ?? { line: 0, limit: 'steps', max: 0 })).toBe(
      'This page is cut at line 5003: the playground reads at most 1,000 steps of a page, and the rest is not replayed.',
    );
    expect(page.blocks).toHaveLength(1000);
    expect(tasks).toEqual([]);
  });

  it('cuts at blocks, sections and lines too, and leaves a small page whole', () => {
    expect(parseDocPage(blocks(2500, 'x')).cut).toEqual({ line: 8001, limit: 'blocks', max: 2000 });
    const headings = Array.from({ length: 1500 }, (_, i) => `## S${i}\n`).join('\n');
    expect(parseDocPage(headings).cut).toMatchObject({ limit: 'sections', max: 1000 });
    const prose = `${'\n'.repeat(12_000)}After 2 seconds.\n\n\`\`\`\nredis> PING\n\`\`\`\n`;
    expect(parseDocPage(prose).cut).toEqual({ line: 12_001, limit: 'lines', max: 10_000 });
    // A block with more commands than the steps left is cut at the first command left out.
    const long = `${'```'}\n${'redis> PING\n'.repeat(1200)}${'```'}\n`;
    expect(parseDocPage(long).cut).toEqual({ line: 1002, limit: 'steps', max: 1000 });
    expect(parseDocPage(blocks(3, 'redis> PING\nPONG')).cut).toBeUndefined();
  });

  it('reads hostile output lines in linear time', () => {
    const cases = [
      (n: number) => ['1) '.repeat(n)],
      (n: number) => [`"${'\\'.repeat(n)}"`],
      (n: number) => [`a${' '.repeat(n)}b`],
      (n: number) => [`(error) ERR${' '.repeat(n)}x`],
      (n: number) => [`${'1) '.repeat(n)}"a"`, ...Array.from({ length: 2000 }, (_, i) => ` ${i + 2}) "b"`)],
    ];
    for (const make of cases) {
      const small = make(20_000);
      const big = make(200_000);
      // Warm up first: the deep arrays of the first runs cost the collector more than later ones.
      readOutput(big);
      // A busy machine can stall one run; a quadratic step is slow on every attempt.
      let ratio = Number.POSITIVE_INFINITY;
      for (let attempt = 0; attempt < 3 && ratio >= 30; attempt++) {
        const tSmall = bestOf(3, () => readOutput(small));
        const tBig = bestOf(2, () => readOutput(big));
        expect(tBig).toBeLessThan(1000 * LOAD_SLACK);
        ratio = Math.min(ratio, tBig / Math.max(tSmall, 1));
      }
      expect(ratio).toBeLessThan(30);
    }
  });
});

/** Pieces of markdown and redis-cli transcripts that parsers find hard, to be strung together at random. */
const FRAGMENT = fc.constantFrom(
  '```\n',
  '~~~cli\n',
  '```shell\n',
  '    ',
  '> ',
  '- ',
  '1. ',
  '# ',
  '### ',
  '---\n',
  '===\n',
  '{{% redis-cli %}}\n',
  '{{% /redis-cli %}}\n',
  '{{< clients-example set >}}\n',
  '{{< /clients-example >}}\n',
  'redis> ',
  '127.0.0.1:6379> ',
  'dragonfly$>',
  '> SET k v\n',
  'PING\n',
  '"a\\x4',
  '\\',
  '"',
  '1) ',
  ' 2) ',
  '(integer) ',
  '(error) ',
  '# ...\n',
  ' # ',
  ' // ',
  '*',
  '_',
  '`',
  '[',
  '](',
  '<b>',
  '</b>',
  '<!-- ',
  '&amp;',
  'After 2 seconds. ',
  'wait for ',
  'half a minute ',
  '1,000,000 ms later',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  'text ',
  'é',
  '\uD800',
);

/** A page: fragments, each repeated up to 2,000 times (so that runs of one construct get long). */
const PAGE = fc
  .array(fc.tuple(FRAGMENT, fc.integer({ min: 1, max: 2000 })), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.map(([text, times]) => text.repeat(times)).join(''));

/** Time allowed per byte, on top of a fixed cost: a quadratic step on 50 KB blows far past it. */
const MS_PER_BYTE = 0.005 * LOAD_SLACK;
const BASE_MS = 50 * LOAD_SLACK;

describe('docs parser fuzz', () => {
  it('reads any random page in time proportional to its size', () => {
    fc.assert(
      fc.property(PAGE, (source) => {
        const t = performance.now();
        const doc = parseDocument(source, 'fuzz.md');
        const ms = performance.now() - t;
        expect(doc.page.steps.length).toBeLessThanOrEqual(PAGE_LIMITS.steps);
        expect(ms).toBeLessThan(BASE_MS + MS_PER_BYTE * source.length);
      }),
      { numRuns: 150, seed: Number(process.env.FUZZ_SEED ?? 0x19) },
    );
  }, 120_000);
});
