import type { LineOutcome } from '../engine/cli-session.ts';
import type { CommandTable } from '../engine/command.ts';
import type { CommandInfo } from './protocol.ts';

/** What the worker tells the page about commands and console lines (host.ts). */

/** The command table as the console's autocomplete and hints need it. */
export function commandInfo(table: CommandTable): CommandInfo[] {
  return table.all().map((s) => ({
    name: s.name,
    syntax: s.syntax,
    summary: s.summary,
    since: s.since,
    group: s.group,
    arity: s.arity,
    subcommands: (s.subcommands ?? []).map((c) => c.name),
  }));
}

/** A line printed an error: redis-cli's own message, or an error reply. */
export function isErrorOutcome(outcome: LineOutcome): boolean {
  if (outcome.kind === 'client') return true;
  if (outcome.kind === 'empty' || outcome.kind === 'help') return false;
  return outcome.commands.some((c) => c.reply.t === 'error');
}
