import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparator, SortedRows, type SortSpec } from './sorted-rows.ts';
import type { RowState } from './store/keys-slice.ts';

const row = (db: number, key: string, deadline: number | null, version: number): RowState => ({
  db,
  key,
  type: 'string',
  size: 1,
  preview: `"${key}"`,
  encoding: 'embstr',
  deadline,
  ttlGiven: deadline,
  version,
});

/** Random batches of upserts (new or changed deadline) and deletions, small and large. */
const batches = fc.array(
  fc.array(
    fc.record({
      db: fc.integer({ min: 0, max: 2 }),
      key: fc.integer({ min: 0, max: 3000 }).map((n) => `k${n}`),
      deadline: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
      del: fc.boolean(),
    }),
    { maxLength: 1500 },
  ),
  { maxLength: 6 },
);

describe('SortedRows', () => {
  for (const sort of [
    { column: 'key', desc: false },
    { column: 'ttl', desc: true },
  ] as SortSpec[]) {
    it(`stays equal to a full sort across small and large diffs (${sort.column})`, () => {
      fc.assert(
        fc.property(batches, (ops) => {
          const rows = new Map<string, RowState>();
          const sorted = new SortedRows(sort);
          let version = 0;
          for (const [n, batch] of ops.entries()) {
            // Odd batches delete through remove() (as the ghost sweep does), even ones through apply().
            const viaRemove = n % 2 === 1;
            const changes: { prev: RowState | undefined; next: RowState | undefined }[] = [];
            for (const op of batch) {
              const id = `${op.db}\0${op.key}`;
              const prev = rows.get(id);
              if (viaRemove && op.del) {
                if (prev) sorted.remove([prev]);
                rows.delete(id);
                continue;
              }
              const next = op.del ? undefined : row(op.db, op.key, op.deadline, ++version);
              if (!prev && !next) continue;
              changes.push({ prev, next });
              if (next) rows.set(id, next);
              else rows.delete(id);
            }
            sorted.apply(changes);
            expect(sorted.size).toBe(rows.size);
            const expected = [...rows.values()].sort(comparator(sort));
            const got = [0, 1, 2].flatMap((db) => sorted.forDb(db));
            expect(got).toEqual(expected);
          }
        }),
        { numRuns: 40, seed: 7 },
      );
    });
  }
});
