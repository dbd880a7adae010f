import { createInterface } from 'node:readline';
import { CliSession, outcomeText } from '../engine/cli-session.ts';
import { type Clock, ManualClock } from '../engine/clock.ts';
import { ExpiryCron } from '../engine/cron.ts';
import { Engine } from '../engine/engine.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import { compatFlag, flagValue } from './flags.ts';
import { SystemClock } from './system-clock.ts';

/**
 * `npm run -s cli -- repl [--clock system|virtual] [--compat redis-7.0|redis-7.4|dragonfly]`: the engine
 * behind redis-cli's console, answering as the chosen server. Reads
 * lines from standard input and prints what `redis-cli --no-raw` prints; with a terminal it shows
 * the prompt and keeps history. The active expiry cycle runs at `hz` on the chosen clock.
 */
export async function runRepl(args: readonly string[]): Promise<number> {
  const clockArg = flagValue(args, '--clock') ?? 'system';
  if (clockArg !== 'system' && clockArg !== 'virtual') {
    process.stderr.write(`unknown clock '${clockArg}' (use system or virtual)\n`);
    return 2;
  }
  const compat = compatFlag(args);
  if (compat === null) return 2;
  // A virtual clock starts at the real time and then moves only with DEBUG SLEEP.
  const clock: Clock = clockArg === 'virtual' ? new ManualClock(Date.now()) : new SystemClock();
  const engine = new Engine({ clock, compat, scripting: luaScripting });
  const session = new CliSession(engine);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    historySize: 1000,
  });

  // The active cycle: in a real server it runs from the cron; here between lines and on a timer.
  const cron = new ExpiryCron(clock, () => engine, { maxCatchUp: 1 });
  const runDueCycles = () => {
    cron.runDue();
    cron.beforeSleep();
  };
  const timer = clockArg === 'system' ? setInterval(runDueCycles, 100) : undefined;

  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(session.prompt());
    rl.prompt();
  };
  prompt();
  for await (const line of rl) {
    const word = line.trim().toLowerCase();
    if (word === 'quit' || word === 'exit') break;
    if (word === 'clear' && interactive) {
      process.stdout.write('\x1b[H\x1b[2J');
      prompt();
      continue;
    }
    const started = performance.now();
    const text = outcomeText(session.runLine(line));
    process.stdout.write(Buffer.from(text, 'latin1'));
    // redis-cli reports commands that took half a second or more of wall time.
    const elapsed = performance.now() - started;
    if (elapsed >= 500 && text !== '') process.stdout.write(`(${(elapsed / 1000).toFixed(2)}s)\n`);
    runDueCycles();
    prompt();
  }
  if (timer) clearInterval(timer);
  rl.close();
  return 0;
}
