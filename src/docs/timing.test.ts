import { describe, expect, it } from 'vitest';
import { findTimingNotes, readTimingNote, waitDuration } from './timing.ts';

describe('timing notes: sentences that move the clock', () => {
  it.each([
    ['(After 3 seconds)', 3000, false],
    ['After 15 seconds, the session is gone.', 15_000, false],
    ['However, after 4 seconds, nothing is left:', 4000, false],
    ['Then after 250 ms the lock is free', 250, false],
    ['Wait for more than 5 seconds', 5000, true],
    ['wait for 7 seconds', 7000, false],
    ['Wait 2 minutes and try again', 120_000, false],
    ['After 1 hour', 3_600_000, false],
    ['After 30 minutes', 1_800_000, false],
    ['Five seconds later:', 5000, false],
    ['After an hour, the cache is cold.', 3_600_000, false],
    ['After 1,500 milliseconds', 1500, false],
    ['After 1.5 seconds', 1500, false],
    ['After at least 3 seconds', 3000, true],
    ['Sleep for 2 s', 2000, false],
    ['After half an hour', 1_800_000, false],
    ['10 seconds pass.', 10_000, false],
  ])('%s', (text, ms, moreThan) => {
    expect(readTimingNote(text)).toEqual({ ms, moreThan, text: text.trim() });
  });
});

describe('timing notes: durations that are a TTL or a timeout, not a wait', () => {
  it.each([
    'To check that the key expires after 3 seconds:',
    'Store a token that expires in 1 second.',
    'Build a cache entry that expires after 45 seconds to keep it fresh:',
    'The consumer will wait for new messages for up to 2000 milliseconds.',
    'For the next 30 seconds, reads return the cached value:',
    'Set the key with a TTL of 10 seconds.',
    'Wait until the key expires',
    'After the key expires, GET returns nil.',
    'waited for 5 seconds and then returned nil',
  ])('%s', (text) => {
    expect(readTimingNote(text)).toBeNull();
    expect(findTimingNotes(text)).toEqual([]);
  });
});

describe('notes in a paragraph', () => {
  it('finds the note in the sentence that starts with it', () => {
    const notes = findTimingNotes(
      'The key lives for 3 seconds. After 3 seconds, it is gone: GET returns nil.',
    );
    expect(notes.map((n) => n.ms)).toEqual([3000]);
  });

  it('does not split on decimal points', () => {
    expect(findTimingNotes('After 2.5 seconds the value is gone.').map((n) => n.ms)).toEqual([2500]);
  });
});

describe('wait duration', () => {
  it('lands just past the mark, and a little further for "more than"', () => {
    expect(waitDuration({ ms: 2000, moreThan: false })).toBe(2001);
    expect(waitDuration({ ms: 2000, moreThan: true })).toBe(2010);
  });
});
