import { describe, expect, it } from 'vitest';
import { laneCount, laneHeight, tickLabel, tickStep, tickWant, timelineMetrics } from './draw.ts';

describe('timeline layout', () => {
  it('gives a few keys 19 px lanes at the default 13 px and squeezes thousands into an overview', () => {
    expect(laneHeight(4, 200)).toBe(19);
    expect(laneCount(4, 200)).toBe(10);
    expect(laneHeight(40, 200)).toBe(5);
    expect(laneCount(40, 200)).toBe(40);
    expect(laneHeight(10_000, 200)).toBeCloseTo(0.02, 6);
    // Every lifetime fits: the overview draws all 10,000.
    expect(laneCount(10_000, 200)).toBe(10_000);
  });

  it('sizes text, axis, lanes and the now line from the font size, so they grow with the app', () => {
    const small = timelineMetrics(13);
    const big = timelineMetrics(28);
    expect(small.fontPx).toBe(13);
    expect(big.fontPx).toBe(28);
    expect(big.axisH / small.axisH).toBeCloseTo(28 / 13, 1);
    expect(big.maxLane / small.maxLane).toBeCloseTo(28 / 13, 1);
    // A lane tall enough to carry a name is taller than the text in it.
    expect(big.labelLane).toBeGreaterThan(big.fontPx);
    expect(big.maxLane).toBeGreaterThanOrEqual(big.labelLane);
    expect(laneHeight(4, 400, big.maxLane)).toBe(big.maxLane);
    expect(big.nowWidth).toBeGreaterThan(small.nowWidth);
    // Fewer ticks across the same width as the labels grow.
    expect(tickWant(700, 13)).toBe(6);
    expect(tickWant(700, 28)).toBe(3);
  });

  it('picks round tick steps and labels them by time of day', () => {
    expect(tickStep(30_000)).toBe(5000);
    expect(tickStep(800)).toBe(250);
    expect(tickLabel(Date.UTC(2026, 0, 1, 12, 34, 56, 789), 5000, true)).toBe('12:34:56');
    expect(tickLabel(Date.UTC(2026, 0, 1, 12, 34, 56, 789), 250, true)).toBe('12:34:56.789');
  });
});
