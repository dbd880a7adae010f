import { describe, expect, it } from 'vitest';
import { HISTORY_KEY, MAX_SAVED_LINE, saveHistory } from './console-slice.ts';

/** A localStorage with the browsers' quota: 5 MiB of characters per origin, keys included. */
class QuotaStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = 5 * 1024 * 1024) {}
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
}

const asStorage = (s: QuotaStorage) => s as unknown as Storage;

describe('saving console history', () => {
  it('leaves out a 5 MB line and keeps the rest', () => {
    const storage = new QuotaStorage();
    const huge = `SET k ${'x'.repeat(5 * 1024 * 1024)}`;
    saveHistory(['PING', huge, 'GET k'], asStorage(storage));
    expect(JSON.parse(storage.getItem(HISTORY_KEY) ?? 'null')).toEqual(['PING', 'GET k']);
    saveHistory(['a'.repeat(MAX_SAVED_LINE), 'b'.repeat(MAX_SAVED_LINE + 1)], asStorage(storage));
    expect(JSON.parse(storage.getItem(HISTORY_KEY) ?? 'null')).toEqual(['a'.repeat(MAX_SAVED_LINE)]);
  });

  it("drops the oldest lines while the origin's storage is still too full for all of them", () => {
    const storage = new QuotaStorage(40_000);
    storage.setItem('other-app-data', 'z'.repeat(30_000));
    const lines = Array.from({ length: 100 }, (_, i) => `SET k${i} ${'v'.repeat(200)}`);
    saveHistory(lines, asStorage(storage));
    const saved = JSON.parse(storage.getItem(HISTORY_KEY) ?? '[]') as string[];
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(100);
    expect(saved.at(-1)).toBe(lines.at(-1));
  });

  it('gives up quietly where storage refuses everything', () => {
    const storage = new QuotaStorage(0);
    expect(() => saveHistory(['PING'], asStorage(storage))).not.toThrow();
    expect(storage.getItem(HISTORY_KEY)).toBeNull();
  });
});
