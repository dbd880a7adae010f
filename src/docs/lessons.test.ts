import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliSession } from '../engine/cli-session.ts';
import { ManualClock } from '../engine/clock.ts';
import type { Compat } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { readCourse } from './course.ts';
import { parseDocPage } from './page.ts';
import { checkPage } from './report.ts';
import { DEFAULT_START_TIME } from './runner.ts';
import { checkTask, readTasks, type SolutionStep } from './task.ts';

/** Every bundled lesson: it replays headless with every step passing, and its task can be passed. */

const DIR = join(import.meta.dirname, 'lessons');
const FILES = Object.fromEntries(
  readdirSync(DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => [`lessons/${f}`, readFileSync(join(DIR, f), 'utf8')]),
);
const COURSE = readCourse(FILES);

/** Runs a solution on a fresh server, waits played as the docs runner plays them (cycles at hz). */
function solvedEngine(steps: readonly SolutionStep[], compat: Compat): Engine {
  const clock = new ManualClock(DEFAULT_START_TIME);
  const engine = new Engine({ clock, compat, scripting: luaScripting });
  const session = new CliSession(engine);
  for (const step of steps) {
    if (step.kind === 'command') {
      session.runLine(step.line);
      continue;
    }
    const end = clock.now() + step.ms + 10;
    while (clock.now() < end) {
      clock.advance(Math.min(1000 / engine.config.hz, end - clock.now()));
      engine.runExpiryCycle('slow');
    }
  }
  return engine;
}

describe('the course', () => {
  it('has at least eight lessons, in order, psetex-basics first', () => {
    expect(COURSE.length).toBeGreaterThanOrEqual(8);
    expect(COURSE.map((l) => l.order)).toEqual(COURSE.map((_, i) => i + 1));
    expect(COURSE[0]?.id).toBe('psetex-basics');
    for (const lesson of COURSE) {
      // The page title shown is the course title: both come from the same front matter.
      expect(parseDocPage(lesson.source, lesson.id).title).toBe(lesson.title);
      expect(lesson.summary.length).toBeLessThan(140);
    }
  });

  it('keeps the links of lessons that were folded into others', () => {
    expect(COURSE.find((l) => l.aliases.includes('lazy-and-active'))?.id).toBe('lazy-expiry');
  });

  it('refuses a lesson without its metadata, and two lessons in one place', () => {
    const lesson = (order: number) => `---\ntitle: T\nsummary: S\norder: ${order}\n---\n# T\n`;
    expect(() => readCourse({ 'a.md': '# no front matter\n' })).toThrow(/front matter/);
    expect(() => readCourse({ 'a.md': lesson(1), 'b.md': lesson(1) })).toThrow(/order 1, expected 2/);
    expect(() => readCourse({ 'a.md': lesson(2) })).toThrow(/expected 1/);
    expect(readCourse({ 'b.md': lesson(2), 'a.md': lesson(1) }).map((l) => l.id)).toEqual(['a', 'b']);
  });
});

describe.each(COURSE.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('replays with every step passing', () => {
    const report = checkPage(lesson.source, `${lesson.id}.md`, { scripting: luaScripting });
    const notPassing = report.results
      .filter((r) => r.kind === 'command' && r.verdict.kind !== 'pass')
      .map((r) =>
        r.kind === 'command' ? `${r.step.range.start.line}: ${r.step.line} → ${r.actual.text}` : '',
      );
    expect(notPassing).toEqual([]);
    expect(report.counts.pass).toBeGreaterThan(3);
  });

  it('ends with a task that its solution passes and an empty keyspace fails', () => {
    const tasks = readTasks(lesson.source);
    expect(tasks).toHaveLength(1);
    const task = tasks[0] as (typeof tasks)[number];
    expect(task.title).toBe('Try it yourself');
    expect(task.solution.length).toBeGreaterThan(0);
    const solved = checkTask(task, solvedEngine(task.solution, lesson.compat));
    expect(solved.reason).toMatch(/^Passed/);
    expect(solved.passed).toBe(true);
    const empty = checkTask(
      task,
      new Engine({ clock: new ManualClock(DEFAULT_START_TIME), compat: lesson.compat }),
    );
    expect(empty.passed).toBe(false);
    expect(empty.reason).toMatch(/^Not yet: /);
  });
});
