import type { SolutionStep } from '../docs/task.ts';
import { waitDuration } from '../docs/timing.ts';
import type { DocPage } from '../docs/types.ts';
import { formatReply } from '../engine/format.ts';
import type { Reply } from '../engine/reply.ts';
import { parseLine } from '../engine/tokenizer.ts';
import type { RespClient } from './resp-client.ts';

/**
 * Replays a whole page on a real redis-server (Node only, for tests): what Redis prints for every
 * command step, to hold a lesson's replies against the real thing. Each section starts as the
 * runner starts it: an empty keyspace and the default expiry settings. Short waits are slept for
 * real; a long one is played by moving every deadline earlier by its length (a key whose time runs
 * out is stored past its deadline, as a stale key would be), since a test cannot wait ten minutes.
 */

/** Waits the page names up to this long are slept for real (with the 1–10 ms the runner adds). */
const MAX_REAL_WAIT_MS = 3000;

/**
 * Whether a wait is slept on a real server, judged by the wait as the page names it (`step.ms`:
 * "After 3 seconds" is slept, though the runner makes it last 3001 ms). The replay moves deadlines for
 * longer ones; redis-confirm does not ask about steps after them.
 */
export function sleptForReal(named: number): boolean {
  return named <= MAX_REAL_WAIT_MS;
}

export async function resetRedis(client: RespClient): Promise<void> {
  for (const argv of [
    ['MULTI'],
    ['EXEC'],
    ['SELECT', '0'],
    ['FLUSHALL'],
    ['SCRIPT', 'FLUSH'],
    ['CONFIG', 'SET', 'hz', '10'],
    ['CONFIG', 'SET', 'active-expire-effort', '1'],
    ['CONFIG', 'SET', 'notify-keyspace-events', ''],
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
  ]) {
    await client.send(argv);
  }
}

/** Redis's printed reply per command step index (steps redis-cli would answer itself are left out). */
export async function replayOnRedis(client: RespClient, page: DocPage): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let section = -1;
  for (const step of page.steps) {
    if (step.section !== section) {
      section = step.section;
      await resetRedis(client);
    }
    if (step.kind === 'wait') {
      await passTime(client, waitDuration(step), step.ms);
      continue;
    }
    const text = await runLine(client, step.line);
    if (text !== null) out.set(step.index, text);
  }
  return out;
}

/** Runs a task's solution on Redis (from an empty keyspace), waits included. */
export async function runSolutionOnRedis(client: RespClient, steps: readonly SolutionStep[]): Promise<void> {
  await resetRedis(client);
  for (const step of steps) {
    if (step.kind === 'wait') await passTime(client, step.ms + 10, step.ms);
    else await runLine(client, step.line);
  }
}

/** Sends one console line (with its repeat prefix); null when redis-cli would not send it. */
export async function runLine(client: RespClient, line: string): Promise<string | null> {
  const parsed = parseLine(line);
  if (parsed.kind !== 'command') return null;
  let text = '';
  for (let i = 0; i < parsed.repeat; i++) text += formatReply(await client.send(parsed.argv));
  return text;
}

export async function sendLine(
  client: RespClient,
  line: string,
): Promise<{ argv: string[]; reply: Reply } | null> {
  const parsed = parseLine(line);
  if (parsed.kind !== 'command' || parsed.repeat !== 1) return null;
  return { argv: [...parsed.argv], reply: await client.send(parsed.argv) };
}

/** `named`: the wait as the page says it ("After 3 seconds" is slept, though it lasts 3001 ms). */
async function passTime(client: RespClient, ms: number, named: number): Promise<void> {
  if (sleptForReal(named)) {
    await new Promise((r) => setTimeout(r, ms));
    return;
  }
  const keys = await client.send(['KEYS', '*']);
  if (keys.t !== 'array') return;
  for (const k of keys.items) {
    if (k.t !== 'bulk') continue;
    const pttl = await client.send(['PTTL', k.s]);
    if (pttl.t !== 'int' || Number(pttl.n) < 0) continue;
    const left = Number(pttl.n) - ms;
    if (left > 0) {
      await client.send(['PEXPIRE', k.s, String(left)]);
      continue;
    }
    // Past its deadline: a string is kept stale (SET … PXAT in the past stores it), anything else goes.
    const value = await client.send(['GET', k.s]);
    if (value.t === 'bulk') await client.send(['SET', k.s, value.s, 'PXAT', '1']);
    else await client.send(['DEL', k.s]);
  }
}
