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

/**
 * A run's rate in operations per second of wall time, and per second of this process's CPU time
 * (what the code cost, whatever else the machine was running; it includes V8's helper threads).
 */
export interface Rate {
  readonly wall: number;
  readonly cpu: number;
  /** The operations done. */
  readonly ops: number;
}

function finish(ops: number, start: number, now: number, cpu: NodeJS.CpuUsage): Rate {
  const used = process.cpuUsage(cpu);
  return { wall: ops / ((now - start) / 1000), cpu: ops / ((used.user + used.system) / 1e6), ops };
}

/** Runs `batch` (which does `size` operations) for `ms` of wall time. */
export function rate(ms: number, size: number, batch: (from: number) => void, from = 0): Rate {
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    batch(from + ops);
    ops += size;
    now = performance.now();
  }
  return finish(ops, start, now, cpu);
}

/** The same for an asynchronous batch (ioredis-mock answers with promises). */
export async function rateAsync(
  ms: number,
  size: number,
  batch: (from: number) => Promise<void>,
  from = 0,
): Promise<Rate> {
  let ops = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await batch(from + ops);
    ops += size;
    now = performance.now();
  }
  return finish(ops, start, now, cpu);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * One line: label, then min / median / max of the wall-time runs, the spread in percent of the
 * median, and the median per CPU second.
 */
export function spreadLine(label: string, s: Spread, unit: string, cpu?: Spread): string {
  const cols = [fmt(s.min), fmt(s.median), fmt(s.max)].map((c) => c.padStart(11)).join(' ');
  const perCpu = cpu ? `${fmt(cpu.median).padStart(12)}` : '';
  return `${label.padEnd(46)}${cols} ${unit.padEnd(8)} ${`±${deviation(s).toFixed(0)} %`.padStart(7)}${perCpu}`;
}

export function header(): string {
  const cols = ['min', 'median', 'max'].map((c) => c.padStart(11)).join(' ');
  return `${''.padEnd(46)}${cols} ${'(wall)'.padEnd(8)} ${'spread'.padStart(7)}${'per CPU s'.padStart(12)}`;
}
