import { describe, expect, it } from 'vitest';
import type { Entry } from '../engine/keyspace.ts';
import { type IndexItem, SortedIndex } from './table-index.ts';

const item = (key: string, deadline = Number.POSITIVE_INFINITY): IndexItem => ({
  key,
  type: 'string',
  deadline,
  preview: '',
  entry: {} as Entry,
});

describe('SortedIndex', () => {
  it('agrees with sorting from scratch through random adds and removals', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const index = new SortedIndex({ column: 'ttl', desc: false });
    const live = new Map<string, IndexItem>();
    for (let round = 0; round < 60; round++) {
      // Some rounds add many (a merge), some few, some remove most (compaction), some a few.
      const adds = round % 7 === 0 ? 500 : rand(20);
      for (let i = 0; i < adds; i++) {
        const key = `k${rand(3000)}`;
        const old = live.get(key);
        if (old) index.kill(old);
        const it = item(key, rand(50));
        index.add(it);
        live.set(key, it);
      }
      const kills = round % 11 === 0 ? live.size - 3 : rand(30);
      for (const [key, it] of [...live].slice(0, kills)) {
        index.kill(it);
        live.delete(key);
      }
      index.settle();
      const expected = [...live.values()]
        .sort((a, b) => a.deadline - b.deadline || (a.key < b.key ? -1 : 1))
        .map((i) => i.key);
      expect(index.size).toBe(expected.length);
      const offset = rand(Math.max(1, expected.length));
      expect(index.slice(offset, 25).map((i) => i.key)).toEqual(expected.slice(offset, offset + 25));
    }
  });

  it('a removal is out of the windows at once, before any compaction', () => {
    const index = new SortedIndex({ column: 'key', desc: true });
    const items = ['a', 'b', 'c', 'd'].map((k) => item(k));
    for (const i of items) index.add(i);
    index.settle();
    index.kill(items[2] as IndexItem);
    expect([index.size, index.slice(0, 10).map((i) => i.key)]).toEqual([3, ['d', 'b', 'a']]);
    expect(index.slice(1, 1).map((i) => i.key)).toEqual(['b']);
  });
});
