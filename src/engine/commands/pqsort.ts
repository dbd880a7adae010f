/**
 * Redis's pqsort.c (Bentley & McIlroy's quicksort, sorting only the partitions that overlap a range
 * of ranks), on an array by element index: GEORADIUS … COUNT sorts with it, and the order it
 * leaves equal distances in is part of the reply.
 */

type Cmp<T> = (a: T, b: T) => number;

function swap<T>(a: T[], i: number, j: number): void {
  const t = a[i] as T;
  a[i] = a[j] as T;
  a[j] = t;
}

function vecswap<T>(a: T[], i: number, j: number, n: number): void {
  for (let k = 0; k < n; k++) swap(a, i + k, j + k);
}

function med3<T>(a: T[], i: number, j: number, k: number, cmp: Cmp<T>): number {
  const [x, y, z] = [a[i] as T, a[j] as T, a[k] as T];
  return cmp(x, y) < 0
    ? cmp(y, z) < 0
      ? j
      : cmp(x, z) < 0
        ? k
        : i
    : cmp(y, z) > 0
      ? j
      : cmp(x, z) < 0
        ? i
        : k;
}

/** Sorts enough of `a[base .. base+n)` that ranks `lrange..rrange` hold the right elements. */
function sortRange<T>(a: T[], base: number, n: number, cmp: Cmp<T>, lrange: number, rrange: number): void {
  for (;;) {
    if (n < 7) {
      for (let pm = base + 1; pm < base + n; pm++)
        for (let pl = pm; pl > base && cmp(a[pl - 1] as T, a[pl] as T) > 0; pl--) swap(a, pl, pl - 1);
      return;
    }
    let pm = base + Math.floor(n / 2);
    if (n > 7) {
      let pl = base;
      let pn = base + n - 1;
      if (n > 40) {
        const d = Math.floor(n / 8);
        pl = med3(a, pl, pl + d, pl + 2 * d, cmp);
        pm = med3(a, pm - d, pm, pm + d, cmp);
        pn = med3(a, pn - 2 * d, pn - d, pn, cmp);
      }
      pm = med3(a, pl, pm, pn, cmp);
    }
    swap(a, base, pm);
    let pa = base + 1;
    let pb = pa;
    let pc = base + n - 1;
    let pd = pc;
    for (;;) {
      while (pb <= pc) {
        const r = cmp(a[pb] as T, a[base] as T);
        if (r > 0) break;
        if (r === 0) swap(a, pa++, pb);
        pb++;
      }
      while (pb <= pc) {
        const r = cmp(a[pc] as T, a[base] as T);
        if (r < 0) break;
        if (r === 0) swap(a, pc, pd--);
        pc--;
      }
      if (pb > pc) break;
      swap(a, pb++, pc--);
    }
    const pn = base + n;
    let s = Math.min(pa - base, pb - pa);
    vecswap(a, base, pb - s, s);
    s = Math.min(pd - pc, pn - pd - 1);
    vecswap(a, pb, pn - s, s);
    const left = pb - pa;
    if (left > 1 && overlaps(base, base + left - 1, lrange, rrange))
      sortRange(a, base, left, cmp, lrange, rrange);
    const right = pd - pc;
    if (right <= 1) return;
    base = pn - right;
    n = right;
    if (!overlaps(base, base + n - 1, lrange, rrange)) return;
  }
}

function overlaps(first: number, last: number, lrange: number, rrange: number): boolean {
  return !((lrange < first && rrange < first) || (lrange > last && rrange > last));
}

/** pqsort(a, n, cmp, lrange, rrange). */
export function pqsort<T>(a: T[], cmp: Cmp<T>, lrange: number, rrange: number): void {
  sortRange(a, 0, a.length, cmp, lrange, rrange);
}
