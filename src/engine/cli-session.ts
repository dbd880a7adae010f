import { arg, type ClientOutput, type ClientState, type CommandTable } from './command.ts';
import type { Engine } from './engine.ts';
import { formatForCli, formatReply } from './format.ts';
import type { DbIndex } from './keyspace.ts';
import type { Reply } from './reply.ts';
import { parseLine } from './tokenizer.ts';

/**
 * What redis-cli does around each line in its REPL: tokenize, apply the repeat prefix, send, print
 * the reply its way, and track the prompt (`[db]` and `(TX)`) from the replies, exactly as
 * redis-cli tracks them client-side (so `SELECT 9` queued in a MULTI already shows `[9]`). The
 * session is one connection: a SUBSCRIBE puts it in redis-cli's "Reading messages" mode, a blocking
 * command waits for its reply, and output that arrives meanwhile goes to `onEvent`.
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

/** What the connection is doing: redis-cli cannot take a line while reading messages or waiting. */
export type CliMode = 'ready' | 'subscribed' | 'blocked' | 'disconnected';

export type CliEvent =
  /** More output for the line that is still running (a message, a woken command's reply). */
  | { readonly kind: 'output'; readonly text: string; readonly isError: boolean }
  /** A line typed while the connection was busy ran now. */
  | { readonly kind: 'line'; readonly line: string; readonly prompt: string; readonly outcome: LineOutcome }
  /** The mode or the prompt changed. */
  | { readonly kind: 'state' };

export interface CliSessionOptions {
  /** Refuse repeat prefixes above this (redis-cli has no limit; a browser tab needs one). */
  readonly maxRepeat?: number;
  /**
   * A connection that can block and subscribe (the default), or one that cannot, as a script's:
   * blocking commands answer nil at once and SUBSCRIBE is refused (the docs runner's single client).
   */
  readonly connected?: boolean;
  /** Called with each new connection's client (the host sets its address). */
  readonly onConnect?: (client: ClientState) => void;
}

const SUBSCRIBING = new Set(['subscribe', 'psubscribe', 'ssubscribe']);
/** redis-cli's cliPrintContextError for a connection the server closed. */
export const SERVER_CLOSED = 'Error: Server closed the connection\n';
const READING = 'Reading messages... (press Ctrl-C to quit)\n';
/** What redis-cli tracks of the connection client-side (the prompt's `[db]` and `(TX)`). */
export interface CliTracking {
  readonly dbnum: number;
  readonly inMulti: boolean;
  readonly preMultiDbnum: number;
}

export class CliSession {
  client: ClientState;
  private dbnum = 0;
  private inMulti = false;
  private preMultiDbnum = 0;
  private readonly maxRepeat: number;
  private readonly connected: boolean;
  private readonly onConnect: ((client: ClientState) => void) | undefined;
  private state: CliMode = 'ready';
  /** The connection was closed by the server (CLIENT KILL): redis-cli finds out at its next command. */
  private killed = false;
  /** Output gathered while a command runs (what it prints before returning). */
  private collecting: string | null = null;
  /** Lines typed while the connection was busy, as a socket would hold them. */
  private readonly pending: { line: string; bytes: boolean }[] = [];
  /** When the running command started (clock ms), for redis-cli's "(1.23s)" line. */
  private startedAt = 0;
  onEvent: ((event: CliEvent) => void) | null = null;

  constructor(
    readonly engine: Engine,
    options: CliSessionOptions = {},
  ) {
    this.maxRepeat = options.maxRepeat ?? Number.POSITIVE_INFINITY;
    this.connected = options.connected ?? true;
    this.onConnect = options.onConnect;
    this.client = this.connect();
  }

  private connect(): ClientState {
    const client = this.engine.createClient();
    if (this.connected) {
      client.sink = {
        deliver: (o) => this.deliver(client, o),
        close: () => this.closedByServer(client),
      };
    }
    this.onConnect?.(client);
    return client;
  }

  /** `127.0.0.1:6379[2](TX)> ` as redis-cli shows it, or `not connected> `. */
  prompt(): string {
    if (this.state === 'disconnected') return 'not connected> ';
    return `${this.engine.profile.promptPrefix}127.0.0.1:6379${this.dbnum ? `[${this.dbnum}]` : ''}${this.inMulti ? '(TX)' : ''}> `;
  }

  get mode(): CliMode {
    return this.state;
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
    if (this.state === 'subscribed' || this.state === 'blocked') {
      // redis-cli is reading replies: the line waits in the terminal until it is done.
      this.pending.push({ line, bytes });
      return { kind: 'empty' };
    }
    const parsed = parseLine(line, bytes);
    if (parsed.kind === 'empty') return parsed;
    if (parsed.kind === 'client-error') return { kind: 'client', text: `${parsed.message}\n` };
    const first = arg(parsed.argv, 0);
    if (isHelp(first)) {
      return { kind: 'help', text: helpText(this.engine.table, parsed.argv.slice(1)) };
    }
    if (parsed.repeat > this.maxRepeat) {
      return {
        kind: 'client',
        text: `Repeat count ${parsed.repeat} is above this console's limit of ${this.maxRepeat}.\n`,
      };
    }
    if (this.killed) return this.noticeClosed();
    if (this.state === 'disconnected') this.reconnect(this.dbnum);
    // Most lines run once: a one-element array, not one grown from empty.
    if (parsed.repeat === 1 && each === undefined && this.state === 'ready') {
      return { kind: 'commands', commands: [this.runArgv(parsed.argv)] };
    }
    const commands: ExecutedCommand[] = [];
    for (let i = 0; i < parsed.repeat && this.state === 'ready'; i++) {
      const command = this.runArgv(parsed.argv);
      if (each) each(command);
      else commands.push(command);
    }
    return { kind: 'commands', commands };
  }

  runArgv(argv: readonly string[]): ExecutedCommand {
    // The table's spelling of a known name: no lower-casing (and no new string) per line.
    const first = arg(argv, 0);
    const name = this.engine.table.get(first)?.name ?? first.toLowerCase();
    // redis-cli enters its reading loop on the command's name, before any reply.
    const subscribing = SUBSCRIBING.has(name) && this.connected;
    this.collecting = subscribing ? READING : '';
    if (subscribing) this.state = 'subscribed';
    const reply = this.engine.run(this.client, argv);
    // For redis-cli's "(1.23s)" when a blocked command is answered later.
    this.startedAt = this.engine.commandStartedAt;
    const extras = this.client.execExtras;
    this.client.execExtras = null;
    let text = this.collecting;
    this.collecting = null;
    if (reply === null) {
      if (this.client.blocked !== null) this.state = 'blocked';
      return { argv, reply: { t: 'nil' }, text };
    }
    text += formatForCli(argv, reply, name);
    // EXEC's extra replies (SUBSCRIBE a b inside MULTI) are printed after its array.
    if (extras !== null && extras.length > 0) text += extras.flat().map(formatReply).join('');
    if (subscribing && reply.t === 'error') this.state = 'ready';
    this.track(argv, reply, name);
    return { argv, reply, text };
  }

  /** Output for this connection outside its request/response: a message, a woken command's reply. */
  private deliver(client: ClientState, o: ClientOutput): void {
    if (client !== this.client) return;
    const text = formatReply(o.reply) + (o.push ? '' : this.elapsedLine());
    if (this.collecting !== null) {
      this.collecting += text;
      return;
    }
    const isError = o.reply.t === 'error';
    if (!o.push) {
      if (o.argv) this.track(o.argv, o.reply);
      this.state = 'ready';
    } else if (isError && this.state === 'subscribed') {
      this.state = 'ready';
    }
    this.onEvent?.({ kind: 'output', text, isError });
    if (this.state === 'ready') this.drainPending();
  }

  /** redis-cli's "(1.23s)" after a command that took half a second or more (virtual time here). */
  private elapsedLine(): string {
    const ms = this.engine.clock.now() - this.startedAt;
    return ms >= 500 ? `(${(ms / 1000).toFixed(2)}s)\n` : '';
  }

  /** Runs the lines typed while the connection was busy. */
  private drainPending(): void {
    this.onEvent?.({ kind: 'state' });
    while (this.state === 'ready' && this.pending.length > 0) {
      const { line, bytes } = this.pending.shift() as { line: string; bytes: boolean };
      const prompt = this.prompt();
      this.onEvent?.({ kind: 'line', line, prompt, outcome: this.runLine(line, bytes) });
    }
  }

  /**
   * Ctrl+C. Reading messages, redis-cli closes its connection and opens a new one (the same
   * database); waiting for a blocked command it exits, and a fresh redis-cli starts on database 0.
   * Returns what it prints, or null when there is nothing to interrupt.
   */
  interrupt(): string | null {
    if (this.state === 'subscribed') {
      // The terminal echoes ^C; redis-cli then prints the time spent reading, if long enough.
      const text = `^C${this.elapsedLine() || '\n'}`;
      this.reconnect(this.dbnum);
      return text;
    }
    if (this.state === 'blocked') {
      this.inMulti = false;
      this.reconnect(0);
      this.dbnum = 0;
      return '^C\n';
    }
    return null;
  }

  /** The engine forgets this connection; the lines typed meanwhile are dropped with it. */
  close(): void {
    this.pending.length = 0;
    this.engine.removeClient(this.client);
  }

  private reconnect(dbnum: number): void {
    this.engine.removeClient(this.client);
    this.pending.length = 0;
    this.killed = false;
    this.client = this.connect();
    this.state = 'ready';
    // cliConnect re-selects the database redis-cli had.
    if (dbnum !== 0) this.engine.run(this.client, ['SELECT', String(dbnum)]);
    this.onEvent?.({ kind: 'state' });
  }

  private closedByServer(client: ClientState): void {
    if (client !== this.client) return;
    if (this.state === 'ready') {
      this.killed = true;
      return;
    }
    // Reading replies, redis-cli sees the end of the connection at once.
    this.state = 'disconnected';
    this.pending.length = 0;
    this.onEvent?.({ kind: 'output', text: SERVER_CLOSED, isError: true });
    this.onEvent?.({ kind: 'state' });
  }

  /** The next command after a kill finds the connection closed; the one after reconnects. */
  private noticeClosed(): LineOutcome {
    this.killed = false;
    this.state = 'disconnected';
    this.onEvent?.({ kind: 'state' });
    return { kind: 'client', text: SERVER_CLOSED };
  }

  /** redis-cli's cliSendCommand bookkeeping after a reply. */
  private track(argv: readonly string[], reply: Reply, name = arg(argv, 0).toLowerCase()): void {
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
    } else if (name === 'reset' && argv.length === 1 && !failed) {
      this.inMulti = false;
      this.dbnum = 0;
    }
  }
}

/** `help` in any case, without a lower-cased copy of every four-letter command name. */
function isHelp(word: string): boolean {
  return (
    word.length === 4 &&
    (word.charCodeAt(0) | 0x20) === 0x68 &&
    (word.charCodeAt(1) | 0x20) === 0x65 &&
    (word.charCodeAt(2) | 0x20) === 0x6c &&
    (word.charCodeAt(3) | 0x20) === 0x70
  );
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
