import type { DiffLine } from './types.ts';

/**
 * A line diff (longest common subsequence) of the expected and the actual output, for failures.
 * Replies in docs are a few lines long, so the quadratic table costs nothing.
 */
export function diffLines(expected: string, actual: string): DiffLine[] {
  const a = splitLines(expected);
  const b = splitLines(actual);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const below = lcs[i + 1] as number[];
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] as string });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ op: 'actual', text: b[j] as string });
      j++;
    } else {
      out.push({ op: 'expected', text: a[i] as string });
      i++;
    }
  }
  // Show what the page expected before what the engine printed within each changed run.
  return groupChanges(out);
}

function splitLines(text: string): string[] {
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

function groupChanges(lines: readonly DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let run: DiffLine[] = [];
  const flush = () => {
    out.push(...run.filter((l) => l.op === 'expected'), ...run.filter((l) => l.op === 'actual'));
    run = [];
  };
  for (const line of lines) {
    if (line.op === 'same') {
      flush();
      out.push(line);
    } else {
      run.push(line);
    }
  }
  flush();
  return out;
}

/** `- expected` / `+ actual` / `  same`, one line each. */
export function renderDiff(lines: readonly DiffLine[], indent = ''): string {
  const mark = { same: ' ', expected: '-', actual: '+' } as const;
  return lines.map((l) => `${indent}${mark[l.op]} ${l.text}\n`).join('');
}
