import { describe, expect, it } from 'vitest';
import type { CourseLesson } from './course.ts';
import { parseDocPage } from './page.ts';
import {
  courseSummary,
  emptyProgress,
  markDone,
  markPassed,
  parseProgress,
  progressOf,
  ranThrough,
  serializeProgress,
} from './progress.ts';
import { DocRunner } from './runner.ts';

const lesson = (id: string, order: number): CourseLesson => ({
  id,
  title: id,
  summary: '',
  compat: 'redis-7.0',
  order,
  aliases: [],
  source: '',
});
const COURSE = [lesson('one', 1), lesson('two', 2), lesson('three', 3)];

describe('lesson progress', () => {
  it('marks lessons done and passed without changing the value it was given', () => {
    const start = emptyProgress();
    const done = markDone(start, 'one');
    const both = markPassed(done, 'one');
    expect(progressOf(start, 'one')).toEqual({ done: false, passed: false });
    expect(progressOf(done, 'one')).toEqual({ done: true, passed: false });
    expect(progressOf(both, 'one')).toEqual({ done: true, passed: true });
    expect(markDone(both, 'one')).toBe(both);
    expect(markPassed(start, 'Bad Id!')).toBe(start);
  });

  it('sums up the course and says where to carry on', () => {
    let p = markPassed(markDone(emptyProgress(), 'one'), 'one');
    p = markPassed(p, 'three');
    expect(courseSummary(p, COURSE)).toEqual({ total: 3, done: 1, passed: 2, next: COURSE[1] });
    p = markPassed(markDone(p, 'two'), 'two');
    expect(courseSummary(markDone(p, 'three'), COURSE).next).toBeUndefined();
  });

  it('round-trips through its stored form', () => {
    const p = markPassed(markDone(markDone(emptyProgress(), 'one'), 'two'), 'two');
    const text = serializeProgress(p);
    expect(JSON.parse(text)).toEqual({
      v: 1,
      lessons: { one: { done: true, passed: false }, two: { done: true, passed: true } },
    });
    expect(parseProgress(text)).toEqual(p);
  });

  it('reads anything stored without throwing, keeping only what it can trust', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'not json',
      '[]',
      '{"v":2,"lessons":{}}',
      '{"v":1,"lessons":[]}',
    ]) {
      expect(parseProgress(bad)).toEqual({});
    }
    expect(parseProgress('x'.repeat(70_000))).toEqual({});
    // Written as text: an object literal would take `__proto__` as its prototype, not as a key.
    const mixed =
      '{"v":1,"lessons":{"ok":{"done":true,"passed":"yes"},"__proto__":{"done":true},' +
      '"Bad Id":{"done":true,"passed":true},"nothing":{"done":false},"list":[true]}}';
    const read = parseProgress(mixed);
    expect(read).toEqual({ ok: { done: true, passed: false } });
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });

  it('counts a lesson as run through once every example step has a result', () => {
    const page = parseDocPage(
      '```cli\nredis> SET a 1\nOK\n```\n\nAfter 1 second:\n\n```cli\nredis> GET a\n"1"\n```\n',
    );
    const runner = new DocRunner(page);
    const results: ReturnType<DocRunner['step']>[] = [];
    expect(ranThrough(page, [])).toBe(false);
    results.push(runner.step());
    expect(ranThrough(page, indexByStep(results))).toBe(false);
    results.push(runner.step(), runner.step());
    expect(ranThrough(page, indexByStep(results))).toBe(true);
  });
});

function indexByStep(results: ReturnType<DocRunner['step']>[]) {
  const out = [];
  for (const r of results) if (r) out[r.step.index] = r;
  return out;
}
