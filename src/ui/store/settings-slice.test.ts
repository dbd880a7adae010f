import { beforeAll, describe, expect, it } from 'vitest';

/** The Compatibility box: the learner's own choice is kept for the next visit, a lesson's is not. */

const stored = new Map<string, string>();
beforeAll(() => {
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    },
  });
});

const saved = () => JSON.parse(stored.get('expiry-playground:settings') ?? '{}').compat;

describe('settings: compat', () => {
  it("keeps the learner's choice, shows a lesson's server without keeping it", async () => {
    const { useApp } = await import('./index.ts');
    expect(useApp.getState().compat).toBe('redis-7.0');

    useApp.getState().setCompat('redis-7.4', true);
    expect(useApp.getState().compat).toBe('redis-7.4');
    expect(saved()).toBe('redis-7.4');

    // A lesson's session reports its own server: shown, not saved.
    useApp.getState().setCompat('dragonfly');
    expect(useApp.getState().compat).toBe('dragonfly');
    expect(saved()).toBe('redis-7.4');
  });
});
