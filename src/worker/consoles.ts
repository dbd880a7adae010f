import { CliSession, outcomeText } from '../engine/cli-session.ts';
import type { Engine } from '../engine/engine.ts';
import { isErrorOutcome } from './host-info.ts';
import type { ConsoleEntry, ConsoleInfo } from './protocol.ts';

/**
 * The console tabs of the page, each a redis-cli with a connection of its own to the engine
 * ("Client 1", "Client 2"…): its own database, transaction, watched keys, subscriptions and
 * blocking command. Output that arrives between lines (a message, a woken BLPOP's reply, the
 * lines typed while it waited) goes out through `emit`; `changed` says the tabs' states moved.
 */

interface Tab {
  readonly id: number;
  readonly label: string;
  session: CliSession;
}

export interface ConsolesOptions {
  readonly maxRepeat: number;
  /** Virtual time now (entries are stamped with it). */
  readonly now: () => number;
  /** Output for console `id` that came by itself. */
  readonly emit: (id: number, entries: ConsoleEntry[]) => void;
}

export class Consoles {
  private readonly tabs = new Map<number, Tab>();
  private nextId = 1;
  /** A tab opened, closed, or changed mode or prompt since the last `take`. */
  changed = true;

  constructor(
    private engine: Engine,
    private readonly options: ConsolesOptions,
  ) {
    this.open();
  }

  /** The first tab (what runs when a request names none). */
  get first(): CliSession {
    return (this.tabs.values().next().value as Tab).session;
  }

  session(id: number | undefined): CliSession | undefined {
    return id === undefined ? this.first : this.tabs.get(id)?.session;
  }

  has(id: number): boolean {
    return this.tabs.has(id);
  }

  /** Tabs opened so far (closed ones included): the next tab is `Client ${count + 1}`. */
  get count(): number {
    return this.nextId - 1;
  }

  open(): number {
    const id = this.nextId++;
    const tab: Tab = { id, label: `Client ${id}`, session: this.connect(id) };
    this.tabs.set(id, tab);
    this.changed = true;
    return id;
  }

  /** Closes a tab and its connection; the last one stays. */
  close(id: number): void {
    const tab = this.tabs.get(id);
    if (tab === undefined || this.tabs.size === 1) return;
    tab.session.close();
    this.tabs.delete(id);
    this.changed = true;
  }

  /** Ctrl+C: what redis-cli prints, as more output for the line that was running. */
  interrupt(id: number): void {
    const text = this.tabs.get(id)?.session.interrupt();
    if (text) this.options.emit(id, [this.continuation(text, false)]);
    this.changed = true;
  }

  /** A new server (reset, a docs page starting over): every tab reconnects to it. */
  rebind(engine: Engine): void {
    this.engine = engine;
    for (const tab of this.tabs.values()) tab.session = this.connect(tab.id);
    this.changed = true;
  }

  info(): ConsoleInfo[] {
    return [...this.tabs.values()].map((t) => {
      const c = t.session.client;
      const on = c.blocked;
      return {
        id: t.id,
        label: t.label,
        clientId: c.id,
        prompt: t.session.prompt(),
        mode: t.session.mode,
        ...(on
          ? {
              blocked: {
                command: on.argv
                  .map((a) => (/^[\x21-\x7e]*$/.test(a) && a !== '' ? a : JSON.stringify(a)))
                  .join(' '),
                since: on.since,
                until: on.timeout > 0 ? on.timeout : 0,
              },
            }
          : {}),
      };
    });
  }

  private connect(id: number): CliSession {
    const session = new CliSession(this.engine, {
      maxRepeat: this.options.maxRepeat,
      // Console tabs of a real server would be local connections, each from a port of its own.
      onConnect: (client) => {
        client.endpoint = { addr: `127.0.0.1:${50000 + client.id}`, laddr: '127.0.0.1:6379', fd: 7 + id };
      },
    });
    session.onEvent = (event) => {
      if (event.kind === 'state') {
        this.changed = true;
      } else if (event.kind === 'output') {
        this.options.emit(id, [this.continuation(event.text, event.isError)]);
      } else {
        const { line, prompt, outcome } = event;
        const entry = {
          line,
          prompt,
          text: outcomeText(outcome),
          isError: isErrorOutcome(outcome),
          at: this.options.now(),
        };
        this.options.emit(id, [entry]);
      }
    };
    return session;
  }

  private continuation(text: string, isError: boolean): ConsoleEntry {
    return { line: '', prompt: '', text, isError, at: this.options.now(), continues: true };
  }
}
