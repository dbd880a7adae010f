import { describe, expect, it } from 'vitest';
import { type KeyPress, presentationKey } from './present-keys.ts';

const press = (key: string, over: Partial<KeyPress> = {}): ReturnType<typeof presentationKey> =>
  presentationKey({ key, modified: false, target: 'other', emptyText: true, presenting: true, ...over });

describe('the presentation keyboard', () => {
  it('steps through the lesson with the arrows and a clicker, and drives the clock', () => {
    expect(press('ArrowRight')).toBe('next-step');
    expect(press('PageDown')).toBe('next-step');
    expect(press('ArrowLeft')).toBe('previous-step');
    expect(press('PageUp')).toBe('previous-step');
    expect(press(' ')).toBe('play-pause');
    expect(press('n')).toBe('next-expiry');
    expect(press('N')).toBe('next-expiry');
    expect(press('r')).toBe('restart');
    expect(press('Escape')).toBe('leave');
    expect(press('x')).toBeNull();
  });

  it('leaves typing alone: the console keeps its arrows, Space and letters', () => {
    for (const key of ['ArrowRight', 'ArrowLeft', ' ', 'n', 'r', 'p']) {
      expect(press(key, { target: 'text', emptyText: false })).toBeNull();
      expect(press(key, { target: 'text', emptyText: true })).toBeNull();
    }
    // Esc clears a typed line first (the console does), and leaves from an empty one.
    expect(press('Escape', { target: 'text', emptyText: false })).toBeNull();
    expect(press('Escape', { target: 'text', emptyText: true })).toBe('leave');
    // A select keeps its keys; the timeline keeps its arrows but not Space.
    expect(press('ArrowRight', { target: 'select' })).toBeNull();
    expect(press(' ', { target: 'select' })).toBeNull();
    expect(press('ArrowRight', { target: 'plot' })).toBeNull();
    expect(press(' ', { target: 'plot' })).toBe('play-pause');
  });

  it('ignores shortcuts with modifiers, and outside presentation only P does anything', () => {
    expect(press('ArrowRight', { modified: true })).toBeNull();
    expect(press('p', { presenting: false })).toBe('present');
    expect(press('P', { presenting: false })).toBe('present');
    expect(press('p', { presenting: false, target: 'text' })).toBeNull();
    expect(press('ArrowRight', { presenting: false })).toBeNull();
    expect(press('Escape', { presenting: false })).toBeNull();
    expect(press('p', { presenting: false, modified: true })).toBeNull();
  });
});
