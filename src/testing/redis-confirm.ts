import { waitDuration } from '../docs/timing.ts';
import type { CommandResult, DocPage } from '../docs/types.ts';
import { formatReply } from '../engine/format.ts';
import { parseLine } from '../engine/tokenizer.ts';
import { sleptForReal } from './redis-replay.ts';
import type { RespClient } from './resp-client.ts';

/**
 * Asks a real redis-server what it replies to a failing step: the step's section is replayed from an
 * empty database (FLUSHALL), with its waits slept for real when they are short. Used when the corpus
 * expectations are regenerated, to record that a failure is the page's fault.
 */

/** PTTL and friends drift by the milliseconds the replay takes on a real server. */
const MS_TOLERANCE = 50;

export async function askRedis(client: RespClient, page: DocPage, failing: CommandResult): Promise<string> {
  const section = page.sections[failing.step.section];
  if (!section) return 'not asked: no section';
  await client.send(['FLUSHALL']);
  const steps = page.steps.slice(section.firstStep, failing.step.index + 1);
  for (const step of steps) {
    if (step.kind === 'wait') {
      // A wait that is not slept for real leaves the reply after it unconfirmed.
      if (!sleptForReal(step.ms)) return `not asked: the section waits ${step.ms} ms before this step`;
      await new Promise((r) => setTimeout(r, waitDuration(step) + 5));
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
