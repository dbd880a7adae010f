import { outcomeText } from '../engine/cli-session.ts';
import { consoleNote } from './console-notes.ts';
import type { EventBuffer } from './event-buffer.ts';
import { isErrorOutcome } from './host-info.ts';
import type { ClockOp, ConsoleEntry } from './protocol.ts';
import type { Session } from './sessions.ts';

/** What the host does with a console tab's lines and the clock bar's buttons, on a session. */

/**
 * Runs `lines` on console tab `console` of `session`; returns what the tab shows for them.
 * `events` learns the line being run (the event log names it as the cause).
 */
export function runLines(
  session: Session,
  lines: readonly string[],
  console: number,
  events: EventBuffer,
): ConsoleEntry[] {
  const entries: ConsoleEntry[] = [];
  const cli = session.consoles.session(console);
  for (const line of lines) {
    if (cli === undefined) break;
    const prompt = cli.prompt();
    const at = session.clock.now();
    const waiting = cli.mode === 'subscribed' || cli.mode === 'blocked';
    // A line runs at one instant (Redis reads its clock once per command), so the TTL a key is
    // given is exactly what was typed; DEBUG SLEEP still moves time inside the line.
    events.typedLine = line;
    const sleptBefore = session.clock.sleptSoFar;
    const outcome = session.clock.at(at, () => cli.runLine(line));
    events.typedLine = undefined;
    // A line typed while the connection waits runs later, with its own entry then.
    if (waiting) continue;
    const slept = session.clock.sleptSoFar - sleptBefore;
    entries.push({
      line,
      text: outcomeText(outcome),
      isError: isErrorOutcome(outcome),
      at,
      prompt,
      ...(outcome.kind === 'commands' ? {} : { local: true }),
      ...(slept > 0 ? { slept } : {}),
      session: session.id,
    });
    const note = consoleNote(line, outcome);
    if (note) entries.push({ line: '', text: note, isError: false, at, prompt: '', note: true });
  }
  // DEBUG SLEEP blocks a real server: its cron does not run during the sleep.
  session.cron.slept(session.clock.takeSlept());
  session.engine.timeOutBlockedClients();
  // The lines may have changed any tab: a prompt, a subscription, a wait, a CLIENT KILL.
  session.consoles.changed = true;
  return entries;
}

/** Pause, play, speed, a step, or a jump to just past the next deadline (every due cycle runs). */
export function applyClockOp(session: Session, op: ClockOp): void {
  const { clock, cron, engine } = session;
  switch (op.kind) {
    case 'pause':
      clock.pause();
      break;
    case 'play':
      clock.play();
      break;
    case 'rate':
      if (op.rate > 0 && op.rate <= 1000) clock.setRate(op.rate);
      break;
    case 'step':
      if (op.ms > 0) clock.jump(op.ms);
      cron.runDue();
      engine.timeOutBlockedClients();
      break;
    case 'next-expiry': {
      const next = cron.nextDeadline();
      if (next !== null) {
        clock.jump(next + 1 - clock.now());
        cron.runDue();
        cron.fireNow();
        engine.timeOutBlockedClients();
      }
      break;
    }
  }
}
