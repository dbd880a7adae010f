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
 *
 * Input is bytes, as redis-cli reads it: piped lines go to the tokenizer byte for byte (a `\xff`
 * in the input is the byte 0xff, not U+FFFD), typed lines are the terminal's text.
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
  const rl = interactive
    ? createInterface({ input: process.stdin, output: process.stdout, terminal: true, historySize: 1000 })
    : null;

  // The active cycle: in a real server it runs from the cron; here between lines and on a timer.
  const cron = new ExpiryCron(clock, () => engine, { maxCatchUp: 1 });
  const runDueCycles = () => {
    cron.runDue();
    cron.beforeSleep();
  };
  const timer = clockArg === 'system' ? setInterval(runDueCycles, 100) : undefined;

  const prompt = () => {
    if (!rl) return;
    rl.setPrompt(session.prompt());
    rl.prompt();
  };
  prompt();
  // A terminal's lines come decoded from UTF-8 (the tokenizer encodes them back); piped ones as bytes.
  const lines: AsyncIterable<string> = rl ?? byteLines(process.stdin);
  for await (const line of lines) {
    const word = line.trim().toLowerCase();
    if (word === 'quit' || word === 'exit') break;
    if (word === 'clear' && interactive) {
      process.stdout.write('\x1b[H\x1b[2J');
      prompt();
      continue;
    }
    const started = performance.now();
    let printed = false;
    const print = (text: string) => {
      if (text !== '') printed = true;
      process.stdout.write(Buffer.from(text, 'latin1'));
    };
    print(outcomeText(session.runLine(line, rl === null, (c) => print(c.text))));
    // redis-cli reports commands that took half a second or more of wall time.
    const elapsed = performance.now() - started;
    if (elapsed >= 500 && printed) process.stdout.write(`(${(elapsed / 1000).toFixed(2)}s)\n`);
    runDueCycles();
    prompt();
  }
  if (timer) clearInterval(timer);
  rl?.close();
  return 0;
}

/** Lines of a byte stream, split at LF, each as a byte string (one char per byte, no decoding). */
export async function* byteLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    let end = pending.indexOf('\n');
    while (end >= 0) {
      yield pending.slice(0, end);
      pending = pending.slice(end + 1);
      end = pending.indexOf('\n');
    }
  }
  if (pending !== '') yield pending;
}
