import { savesSettings } from './mode.ts';

/**
 * Where the page keeps its settings, console history and course progress: the origin's
 * localStorage for the full app, a map in memory for an embed or an audience window (which must
 * never read or change what the learner's own app saved).
 */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const memory = new MemoryStorage() as unknown as Storage;

export function appStorage(): Storage | undefined {
  return savesSettings ? globalThis.localStorage : memory;
}
