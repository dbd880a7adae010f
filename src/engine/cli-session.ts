import { arg, type ClientState, type CommandTable } from './command.ts';
import type { Engine } from './engine.ts';
import { formatForCli } from './format.ts';
import type { DbIndex } from './keyspace.ts';
import type { Reply } from './reply.ts';
import { parseLine } from './tokenizer.ts';

/**
 * What redis-cli does around each line in its REPL: tokenize, apply the repeat prefix, send, print
 * the reply its way, and track the prompt (`[db]` and `(TX)`) from the replies, exactly as
 * redis-cli tracks them client-side (so `SELECT 9` queued in a MULTI already shows `[9]`).
 */

export interface ExecutedCommand {
  readonly argv: readonly string[];
  readonly reply: Reply;
  /** The text redis-cli prints for this reply. */
  readonly text: string;
}

export type LineOutcome =
  | { readonly kind: 'empty' }
  /** A message redis-cli prints itself (nothing is sent): `Invalid argument(s)` and the like. */
  | { readonly kind: 'client'; readonly text: string }
  /** redis-cli's own `help` text (nothing is sent): information, not an error. */
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'commands'; readonly commands: readonly ExecutedCommand[] };

export interface CliSessionOptions {
  /** Refuse repeat prefixes above this (redis-cli has no limit; a browser tab needs one). */
  readonly maxRepeat?: number;
}

/** What redis-cli tracks of the connection client-side (the prompt's `[db]` and `(TX)`). */
export interface CliTracking {
  readonly dbnum: number;
  readonly inMulti: boolean;
  readonly preMultiDbnum: number;
}

export class CliSession {
  readonly client: ClientState;
  private dbnum = 0;
  private inMulti = false;
  private preMultiDbnum = 0;
  private readonly maxRepeat: number;

  constructor(
    readonly engine: Engine,
    options: CliSessionOptions = {},
  ) {
    this.client = engine.createClient();
    this.maxRepeat = options.maxRepeat ?? Number.POSITIVE_INFINITY;
  }

  /**
   * `127.0.0.1:6379[2](TX)> ` as redis-cli shows it, after the server's name when it is not the
   * default (`redis-7.4 127.0.0.1:6379> `), so that a console says which server it talks to.
   */
  prompt(): string {
    return `${this.engine.profile.promptPrefix}127.0.0.1:6379${this.dbnum ? `[${this.dbnum}]` : ''}${this.inMulti ? '(TX)' : ''}> `;
  }

  get selectedDb(): number {
    return this.dbnum;
  }

  get inTransaction(): boolean {
    return this.inMulti;
  }

  tracking(): CliTracking {
    return { dbnum: this.dbnum, inMulti: this.inMulti, preMultiDbnum: this.preMultiDbnum };
  }

  /** Puts back what `tracking` read (a replayed batch of lines starts where the original did). */
  setTracking(t: CliTracking): void {
    this.dbnum = t.dbnum;
    this.inMulti = t.inMulti;
    this.preMultiDbnum = t.preMultiDbnum;
  }

  /** Reconnects to database `db` outside any transaction (a restored playground's console). */
  restoreDb(db: DbIndex): void {
    this.dbnum = db;
    this.client.db = db;
    this.inMulti = false;
    this.client.multi = null;
  }

  /**
   * Runs a typed line (text), or with `bytes` a line of bytes (one char per byte, as read from a
   * pipe). With `each`, a repeated command's runs go to it one by one instead of into the outcome
   * (`100000000 PING` would otherwise hold every reply at once).
   */
  runLine(line: string, bytes = false, each?: (command: ExecutedCommand) => void): LineOutcome {
    const parsed = parseLine(line, bytes);
    if (parsed.kind === 'empty') return parsed;
    if (parsed.kind === 'client-error') return { kind: 'client', text: `${parsed.message}\n` };
    if (arg(parsed.argv, 0).toLowerCase() === 'help') {
      return { kind: 'help', text: helpText(this.engine.table, parsed.argv.slice(1)) };
    }
    if (parsed.repeat > this.maxRepeat) {
      return {
        kind: 'client',
        text: `Repeat count ${parsed.repeat} is above this console's limit of ${this.maxRepeat}.\n`,
      };
    }
    const commands: ExecutedCommand[] = [];
    for (let i = 0; i < parsed.repeat; i++) {
      const command = this.runArgv(parsed.argv);
      if (each) each(command);
      else commands.push(command);
    }
    return { kind: 'commands', commands };
  }

  runArgv(argv: readonly string[]): ExecutedCommand {
    const reply = this.engine.execute(this.client, argv);
    this.track(argv, reply);
    return { argv, reply, text: formatForCli(argv, reply) };
  }

  /** redis-cli's cliSendCommand bookkeeping after a reply. */
  private track(argv: readonly string[], reply: Reply): void {
    const name = arg(argv, 0).toLowerCase();
    const failed = reply.t === 'error';
    if (name === 'select' && argv.length === 2 && !failed) {
      this.dbnum = atoi(arg(argv, 1));
    } else if (name === 'multi' && argv.length === 1 && !failed) {
      this.inMulti = true;
      this.preMultiDbnum = this.dbnum;
    } else if (name === 'exec' && argv.length === 1 && this.inMulti) {
      this.inMulti = false;
      if (failed || reply.t === 'nil') this.dbnum = this.preMultiDbnum;
    } else if (name === 'discard' && argv.length === 1 && !failed) {
      this.inMulti = false;
      this.dbnum = this.preMultiDbnum;
    }
  }
}

/** C atoi, as redis-cli reads the SELECT argument. */
function atoi(s: string): number {
  const m = /^[\t\n\v\f\r ]*([+-]?[0-9]+)/.exec(s);
  if (!m) return 0;
  const v = Number.parseInt(m[1] as string, 10);
  return v | 0;
}

/** Renders all the output of one line. */
export function outcomeText(outcome: LineOutcome): string {
  if (outcome.kind === 'empty') return '';
  if (outcome.kind === 'client' || outcome.kind === 'help') return outcome.text;
  return outcome.commands.map((c) => c.text).join('');
}

/**
 * redis-cli's client-side `help`: `help <command>` shows the usage line, summary, since-version and
 * group from the command table; `help @<group>` lists a group; `help` alone explains itself.
 */
export function helpText(table: CommandTable, args: readonly string[]): string {
  if (args.length === 0) {
    return [
      'Expiry Playground console (redis-cli compatible)',
      'To get help about Redis commands type:',
      '      "help @<group>" to get a list of commands in <group>',
      '      "help <command>" for help on <command>',
      `Groups: ${[...new Set(table.all().map((s) => `@${s.group}`))].join(' ')}`,
      '',
    ].join('\n');
  }
  const topic = args.join(' ').toLowerCase();
  const [name = '', sub] = topic.split(/\s+/);
  const container = table.get(name);
  const specs = topic.startsWith('@')
    ? table.all().filter((s) => s.group === topic.slice(1))
    : sub !== undefined && container?.subcommands
      ? container.subcommands.filter((s) => s.name === sub)
      : container
        ? [container]
        : [];
  let out = '';
  for (const spec of specs) {
    out += `\r\n  ${spec.syntax}\r\n  summary: ${spec.summary}\r\n  since: ${spec.since}\r\n`;
    if (!topic.startsWith('@')) out += `  group: ${spec.group}\r\n`;
  }
  return out === '' ? '' : `${out}\r\n`;
}
