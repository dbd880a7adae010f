import type { CommandInfo } from '../../worker/protocol.ts';

/**
 * Autocomplete and inline hints for the console, both from the command table: the first word
 * completes to command names; after it, the rest of the usage line is shown as a hint, one word
 * dropped per argument already typed (as redis-cli's hints do).
 */

export function completions(line: string, commands: readonly CommandInfo[], max = 8): string[] {
  const m = /^\s*(\S*)$/.exec(line);
  if (!m || m[1] === '') return [];
  const prefix = (m[1] as string).toLowerCase();
  return commands
    .filter((c) => c.name.startsWith(prefix) && c.name !== prefix)
    .slice(0, max)
    .map((c) => c.name.toUpperCase());
}

/** The part of the usage line still to type, or '' when nothing useful can be said. */
export function syntaxHint(line: string, commands: readonly CommandInfo[]): string {
  const tokens = line.trim().split(/\s+/);
  const trailing = /\s$/.test(line);
  const cmd = commands.find((c) => c.name === (tokens[0] ?? '').toLowerCase());
  if (!cmd || (tokens.length === 1 && !trailing)) return '';
  // Each word typed (or being typed) after the name fills one word of the usage line.
  const filled = tokens.length - 1;
  let rest: string;
  if (cmd.subcommands.length > 0) {
    rest = filled === 0 ? cmd.subcommands.join(' | ').toUpperCase() : '';
  } else {
    rest = cmd.syntax
      .split(/\s+/)
      .slice(1 + filled)
      .join(' ');
  }
  if (rest === '') return '';
  return trailing ? rest : ` ${rest}`;
}

/** Splits pasted text into the lines to run (a trailing newline adds no empty line). */
export function pastedLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
