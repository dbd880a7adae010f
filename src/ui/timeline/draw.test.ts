import { describe, expect, it } from 'vitest';
import { laneCount, laneHeight, tickLabel, tickStep } from './draw.ts';

describe('timeline layout', () => {
  it('gives a few keys 16 px lanes and squeezes thousands into an overview', () => {
    expect(laneHeight(4, 200)).toBe(16);
    expect(laneCount(4, 200)).toBe(12);
    expect(laneHeight(40, 200)).toBe(5);
    expect(laneCount(40, 200)).toBe(40);
    expect(laneHeight(10_000, 200)).toBeCloseTo(0.02, 6);
    // Every lifetime fits: the overview draws all 10,000.
    expect(laneCount(10_000, 200)).toBe(10_000);
  });

  it('picks round tick steps and labels them by time of day', () => {
    expect(tickStep(30_000)).toBe(5000);
    expect(tickStep(800)).toBe(250);
    expect(tickLabel(Date.UTC(2026, 0, 1, 12, 34, 56, 789), 5000, true)).toBe('12:34:56');
    expect(tickLabel(Date.UTC(2026, 0, 1, 12, 34, 56, 789), 250, true)).toBe('12:34:56.789');
  });
});
