import { describe, expect, it } from 'vitest';
import type { KeyRemoval } from './protocol.ts';
import { eachRemoval, groupRemovals, removalCount, splitRemovals } from './removal-groups.ts';

const removals: KeyRemoval[] = [
  { db: 0, key: 'a', reason: 'active', at: 10, cycle: 3, deadline: 5, ttlGiven: 5 },
  { db: 0, key: 'b', reason: 'lazy', at: 10, command: 'get', deadline: 8, ttlGiven: 4 },
  { db: 0, key: 'c', reason: 'active', at: 10, cycle: 3, deadline: 9, ttlGiven: 2 },
  { db: 1, key: 'd', reason: 'command', at: 11, command: 'del' },
];

describe('removal groups', () => {
  it('group removals that share everything but the key, and give every removal back', () => {
    const groups = groupRemovals(removals);
    expect(groups.map((g) => [g.db, g.reason, g.keys])).toEqual([
      [0, 'active', ['a', 'c']],
      [0, 'lazy', ['b']],
      [1, 'command', ['d']],
    ]);
    expect(removalCount(groups)).toBe(4);
    const back = [...eachRemoval(groups)];
    expect(back).toHaveLength(4);
    for (const r of removals) expect(back).toContainEqual(r);
  });

  it('split at any count without losing or repeating a removal', () => {
    const groups = groupRemovals(removals);
    for (let n = 0; n <= 4; n++) {
      const [head, tail] = splitRemovals(groups, n);
      expect(removalCount(head)).toBe(n);
      expect([...eachRemoval(head), ...eachRemoval(tail)]).toEqual([...eachRemoval(groups)]);
    }
  });
});
