/**
 * The measuring helpers of `npm run bench`: repeated timed runs and their min / median / max. Every
 * figure is a rate (operations per second of wall time) over one run of `BENCH_MS`.
 */

export interface Spread {
  readonly runs: readonly number[];
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export function spread(runs: readonly number[]): Spread {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { runs, min: sorted[0] ?? 0, median, max: sorted[sorted.length - 1] ?? 0 };
}

/** How far min and max lie from the median, in percent of it (the larger of the two). */
export function deviation(s: Spread): number {
  if (s.median === 0) return 0;
  return (100 * Math.max(s.median - s.min, s.max - s.median)) / s.median;
}

/** Runs `batch` (which does `size` operations) for `ms` of wall time; returns operations per second. */
export function rate(ms: number, size: number, batch: (from: number) => void, from = 0): number {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    batch(from + ops);
    ops += size;
    now = performance.now();
  }
  return ops / ((now - start) / 1000);
}

/** The same for an asynchronous batch (ioredis-mock answers with promises). */
export async function rateAsync(
  ms: number,
  size: number,
  batch: (from: number) => Promise<void>,
  from = 0,
): Promise<number> {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await batch(from + ops);
    ops += size;
    now = performance.now();
  }
  return ops / ((now - start) / 1000);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One line: label, then min / median / max of the runs, and the spread in percent of the median. */
export function spreadLine(label: string, s: Spread, unit: string): string {
  const cols = [fmt(s.min), fmt(s.median), fmt(s.max)].map((c) => c.padStart(11)).join(' ');
  return `${label.padEnd(46)}${cols} ${unit.padEnd(8)} (±${deviation(s).toFixed(0)} %)`;
}

export function header(): string {
  return `${''.padEnd(46)}${['min', 'median', 'max'].map((c) => c.padStart(11)).join(' ')}`;
}
