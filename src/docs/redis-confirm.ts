import { formatReply } from '../engine/format.ts';
import { parseLine } from '../engine/tokenizer.ts';
import type { RespClient } from '../testing/resp-client.ts';
import { waitDuration } from './timing.ts';
import type { CommandResult, DocPage } from './types.ts';

/**
 * Asks a real redis-server what it replies to a failing step: the step's section is replayed from an
 * empty database (FLUSHALL), with its waits slept for real when they are short. Used when the corpus
 * expectations are regenerated, to record that a failure is the page's fault.
 */

/** Waits longer than this are not slept for real: the reply after them is not confirmed. */
const MAX_REAL_WAIT_MS = 3000;
/** PTTL and friends drift by the milliseconds the replay takes on a real server. */
const MS_TOLERANCE = 50;

export async function askRedis(client: RespClient, page: DocPage, failing: CommandResult): Promise<string> {
  const section = page.sections[failing.step.section];
  if (!section) return 'not asked: no section';
  await client.send(['FLUSHALL']);
  const steps = page.steps.slice(section.firstStep, failing.step.index + 1);
  for (const step of steps) {
    if (step.kind === 'wait') {
      const ms = waitDuration(step);
      if (ms > MAX_REAL_WAIT_MS) return `not asked: the section waits ${step.ms} ms before this step`;
      await new Promise((r) => setTimeout(r, ms + 5));
      continue;
    }
    const parsed = parseLine(step.line);
    if (parsed.kind !== 'command') continue;
    let text = '';
    for (let i = 0; i < parsed.repeat; i++) text += formatReply(await client.send(parsed.argv));
    if (step.index === failing.step.index) return withinTolerance(parsed.argv, text, failing.actual.text);
  }
  return 'not asked: step not reached';
}

/** The engine's text when a millisecond reading differs from Redis's only by the replay's own time. */
function withinTolerance(argv: readonly string[], redis: string, engine: string): string {
  const name = (argv[0] ?? '').toLowerCase();
  if (name !== 'pttl' && name !== 'pexpiretime') return redis;
  const r = /^\(integer\) (-?\d+)\n$/.exec(redis);
  const e = /^\(integer\) (-?\d+)\n$/.exec(engine);
  if (r && e && Math.abs(Number(r[1]) - Number(e[1])) <= MS_TOLERANCE) return engine;
  return redis;
}
