import { describe, expect, it } from 'vitest';
import { RowRuns } from './row-runs.ts';

/** Which pixels of a 1-px-high row a list of spans covers (a pixel counts when its centre is inside). */
function pixels(spans: [number, number, number][]): string[] {
  const out = new Set<string>();
  for (const [x, y, w] of spans)
    for (let px = 0; px < 64; px++) if (px + 0.5 >= x && px + 0.5 <= x + w) out.add(`${px},${y}`);
  return [...out].sort();
}

function runs(spans: [number, number, number][]): [number, number, number][] {
  const drawn: [number, number, number][] = [];
  const r = new RowRuns((x, y, w) => drawn.push([x, y, w]));
  for (const [y, x0, x1] of spans) r.add(y, x0, x1);
  r.flush();
  return drawn;
}

describe('RowRuns', () => {
  it('joins overlapping and touching spans of a row, in the order they come', () => {
    expect(
      runs([
        [3, 1, 5],
        [3, 4, 9],
        [3, 9, 12],
        [3, 2, 3],
      ]),
    ).toEqual([[1, 3, 11]]);
  });

  it('keeps apart spans with a gap between them and spans of other rows', () => {
    expect(
      runs([
        [0, 1, 2],
        [0, 4, 6],
        [1, 5, 8],
        [2, 5, 8],
      ]),
    ).toEqual([
      [1, 0, 1],
      [4, 0, 2],
      [5, 1, 3],
      [5, 2, 3],
    ]);
  });

  it('covers exactly the pixels the spans cover one by one', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 50; trial++) {
      const spans: [number, number, number][] = [];
      for (let i = 0; i < 40; i++) {
        const x0 = rnd() * 50;
        spans.push([Math.floor(rnd() * 4), x0, x0 + rnd() * 12]);
      }
      spans.sort((a, b) => a[0] - b[0]);
      const oneByOne = spans.map(([y, x0, x1]): [number, number, number] => [x0, y, x1 - x0]);
      const merged = runs(spans);
      expect(pixels(merged)).toEqual(pixels(oneByOne));
      expect(merged.length).toBeLessThanOrEqual(spans.length);
    }
  });

  it('draws nothing when given nothing', () => {
    expect(runs([])).toEqual([]);
  });
});
