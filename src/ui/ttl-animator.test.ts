import { afterEach, describe, expect, it, vi } from 'vitest';
import { paint, type TtlBar } from './ttl-animator.ts';

function fakeBar(deadline: number, total: number): TtlBar & { writes: string[] } {
  const writes: string[] = [];
  const el = () =>
    ({
      style: {},
      textContent: '',
      setAttribute: (name: string, value: string) => writes.push(`${name}=${value}`),
    }) as unknown as HTMLElement;
  return { bar: el(), fill: el(), label: el(), deadline, total, writes };
}

afterEach(() => vi.useRealTimers());

describe('paint', () => {
  it('writes aria-valuenow when the label changes, or after 250 ms with the same label, not every frame', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const b = fakeBar(60_000, 60_000);
    paint(b, 0);
    expect(b.writes).toEqual(['aria-valuenow=60000']);
    expect(b.label?.textContent).toBe('1 min 0 s');
    // Frames 16 ms apart at 10x: the label says "59 s" from the first on.
    vi.advanceTimersByTime(16);
    paint(b, 160);
    vi.advanceTimersByTime(16);
    paint(b, 320);
    expect(b.writes).toEqual(['aria-valuenow=60000', 'aria-valuenow=59840']);
    vi.advanceTimersByTime(250);
    paint(b, 2820);
    expect(b.writes.at(-1)).toBe('aria-valuenow=57180');
    // A paused clock stepped by a little: written at once when the label moves.
    paint(b, 2900);
    expect(b.writes.at(-1)).toBe('aria-valuenow=57180');
    paint(b, 3900);
    expect(b.writes.at(-1)).toBe('aria-valuenow=56100');
    expect(b.label?.textContent).toBe('56 s');
  });

  it('moves the bar every frame but writes label and value only on frames that may write text', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const b = fakeBar(60_000, 60_000);
    paint(b, 0);
    paint(b, 5000, false);
    expect(b.fill.style.transform).toBe(`scaleX(${55_000 / 60_000})`);
    expect(b.label?.textContent).toBe('1 min 0 s');
    expect(b.writes).toEqual(['aria-valuenow=60000']);
    paint(b, 5100, true);
    expect(b.label?.textContent).toBe('54 s');
    expect(b.writes.at(-1)).toBe('aria-valuenow=54900');
    // The value still catches up within 250 ms while labels wait.
    vi.advanceTimersByTime(250);
    paint(b, 9000, false);
    expect(b.writes.at(-1)).toBe('aria-valuenow=51000');
    expect(b.label?.textContent).toBe('54 s');
  });
});
