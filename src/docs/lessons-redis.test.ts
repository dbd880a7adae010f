import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { luaScripting } from '../engine/scripting/index.ts';
import { replayClientsOnRedis } from '../testing/multi-harness.ts';
import { replayOnRedis, runSolutionOnRedis, sendLine } from '../testing/redis-replay.ts';
import {
  findRedis74,
  findRedisServer,
  startRedis,
  warnRedis74Missing,
  warnRedisMissing,
} from '../testing/redis-server.ts';
import { readCourse } from './course.ts';
import { checkPage } from './report.ts';
import { probePasses, readTasks } from './task.ts';

/**
 * Every bundled lesson against a real redis-server: each reply the lesson shows (and the engine
 * gives, lessons.test.ts) must be what Redis prints, and each task's solution must pass its check
 * on Redis too. Millisecond readings may be lower on Redis by the time the replay takes.
 */

const bin = findRedisServer();
if (!bin) warnRedisMissing('lessons', 'every bundled lesson and its task on Redis');
const bin74 = findRedis74();
if (!bin74) warnRedis74Missing('lessons', 'the lessons written for Redis 7.4 on the 7.4.1 oracle');

const DIR = join(import.meta.dirname, 'lessons');
const LESSONS = readdirSync(DIR).filter((f) => f.endsWith('.md'));
const COURSE = readCourse(Object.fromEntries(LESSONS.map((f) => [f, readFileSync(join(DIR, f), 'utf8')])));
/** The server each lesson is replayed on: the one its front matter names (redis-7.0 by default). */
const serverOf = (file: string) =>
  COURSE.find((l) => `${l.id}.md` === file)?.compat === 'redis-7.4' ? bin74 : bin;
/** How far a PTTL read on Redis may trail the page: the replay's own time, sleeps that overshoot. */
const MS_TOLERANCE = 250;

describe('bundled lessons on redis-server', () => {
  // A lesson whose server is not installed is skipped (with the notice above), not passed.
  const run = (file: string) => (serverOf(file) ? it : it.skip);
  for (const file of LESSONS)
    run(file)(`${file} prints what Redis prints, and its solution passes on Redis`, async () => {
      const server = serverOf(file) as string;
      const source = readFileSync(join(DIR, file), 'utf8');
      const report = checkPage(source, file, { scripting: luaScripting });
      const redis = await startRedis(server);
      try {
        const multiClient = report.page.steps.some((st) => st.kind === 'command' && st.prompt === 'client');
        const printed = multiClient
          ? await replayClientsOnRedis(redis.port, report.page)
          : await replayOnRedis(redis.client, report.page);
        const differences: string[] = [];
        for (const r of report.results) {
          if (r.kind !== 'command') continue;
          const real = printed.get(r.step.index);
          if (real === undefined || sameReading(r.step.line, r.actual.text, real)) continue;
          differences.push(
            `line ${r.step.range.start.line} ${r.step.line}: page ${r.actual.text} Redis ${real}`,
          );
        }
        expect(differences).toEqual([]);
        expect(printed.size).toBe(report.counts.pass);

        for (const task of readTasks(source)) {
          await runSolutionOnRedis(redis.client, task.solution);
          for (const probe of task.probes) {
            const sent = await sendLine(redis.client, probe.line);
            expect(sent, probe.line).not.toBeNull();
            if (sent)
              expect(probePasses(probe.expect, sent.argv, sent.reply), `${file}: ${probe.line}`).toBe(true);
          }
        }
      } finally {
        await redis.stop();
      }
    });
});

/**
 * Equal, or a PTTL (TTL) that Redis read a little later than the page: TTL rounds to the nearest
 * second, so half a second of replay on a loaded machine shows as one second less.
 */
function sameReading(line: string, page: string, real: string): boolean {
  if (page === real) return true;
  const command = /^p?ttl\b/i.exec(line.trim())?.[0].toLowerCase();
  if (command === undefined) return false;
  const p = /^\(integer\) (\d+)\n$/.exec(page);
  const r = /^\(integer\) (\d+)\n$/.exec(real);
  if (!p || !r) return false;
  const behind = Number(p[1]) - Number(r[1]);
  return behind >= 0 && behind <= (command === 'ttl' ? 1 : MS_TOLERANCE);
}
