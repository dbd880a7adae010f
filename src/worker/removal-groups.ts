import type { KeyRemoval, RemovalGroup } from './protocol.ts';

/**
 * Removals as the protocol sends them, grouped into columns (protocol.ts, RemovalGroup), and back:
 * the worker groups a batch's removals; the page walks, counts and slices the groups.
 */

/** Groups removals by everything but the key, keeping their order within a group. */
export function groupRemovals(removals: Iterable<KeyRemoval>): RemovalGroup[] {
  const builders = new Map<
    string,
    {
      head: Omit<RemovalGroup, 'keys' | 'deadlines' | 'ttls'>;
      keys: string[];
      deadlines: number[];
      ttls: number[];
    }
  >();
  for (const r of removals) {
    const id = `${r.db}|${r.reason}|${r.at}|${r.command ?? ''}|${r.cycle ?? ''}`;
    let b = builders.get(id);
    if (b === undefined) {
      const head = {
        db: r.db,
        reason: r.reason,
        at: r.at,
        ...(r.command !== undefined ? { command: r.command } : {}),
        ...(r.cycle !== undefined ? { cycle: r.cycle } : {}),
      };
      b = { head, keys: [], deadlines: [], ttls: [] };
      builders.set(id, b);
    }
    b.keys.push(r.key);
    b.deadlines.push(r.deadline ?? Number.NaN);
    b.ttls.push(r.ttlGiven ?? Number.NaN);
  }
  return [...builders.values()].map((b) => ({
    ...b.head,
    keys: b.keys,
    deadlines: Float64Array.from(b.deadlines),
    ttls: Float64Array.from(b.ttls),
  }));
}

/** One removal of a group, as an object (tests and small consumers). */
export function removalAt(g: RemovalGroup, i: number): KeyRemoval {
  const deadline = g.deadlines[i] as number;
  const ttl = g.ttls[i] as number;
  return {
    db: g.db,
    key: g.keys[i] as string,
    reason: g.reason,
    at: g.at,
    ...(g.command !== undefined ? { command: g.command } : {}),
    ...(g.cycle !== undefined ? { cycle: g.cycle } : {}),
    ...(Number.isNaN(deadline) ? {} : { deadline }),
    ...(Number.isNaN(ttl) ? {} : { ttlGiven: ttl }),
  };
}

export function* eachRemoval(groups: readonly RemovalGroup[]): Generator<KeyRemoval> {
  for (const g of groups) for (let i = 0; i < g.keys.length; i++) yield removalAt(g, i);
}

export function removalCount(groups: readonly RemovalGroup[]): number {
  let n = 0;
  for (const g of groups) n += g.keys.length;
  return n;
}

/** The first `n` removals and the rest, for slicing a big batch. */
export function splitRemovals(groups: readonly RemovalGroup[], n: number): [RemovalGroup[], RemovalGroup[]] {
  const head: RemovalGroup[] = [];
  const tail: RemovalGroup[] = [];
  let left = n;
  for (const g of groups) {
    if (left >= g.keys.length) {
      head.push(g);
      left -= g.keys.length;
    } else if (left > 0) {
      head.push({
        ...g,
        keys: g.keys.slice(0, left),
        deadlines: g.deadlines.subarray(0, left),
        ttls: g.ttls.subarray(0, left),
      });
      tail.push({
        ...g,
        keys: g.keys.slice(left),
        deadlines: g.deadlines.subarray(left),
        ttls: g.ttls.subarray(left),
      });
      left = 0;
    } else tail.push(g);
  }
  return [head, tail];
}
