import type { CommandTable } from '../engine/command.ts';
import type { Reply } from '../engine/reply.ts';
import {
  absoluteDeadlineKey,
  blockingTimeout,
  commandName,
  isKnownReadOnly,
  keyArguments,
  randomlyChangedKey,
  readsTtl,
} from './command-traits.ts';
import type { CommandStep } from './types.ts';

/**
 * `<sha1>`, `<cursor>`: a value the page leaves for the reader to fill in, as a whole argument (bare
 * or quoted: `EVALSHA "<sha1>" 0`). Inside a longer argument (`"<b>not this</b>"`) it is just text.
 */
const PLACEHOLDER = /(?<=^|\s)(["']?)(<[A-Za-z][\w-]*>)\1(?=\s|$)/g;

/**
 * What a section of a page has done that later replies depend on, whatever server runs it (the
 * engine in DocRunner, a real server in `docs check --against`): values that placeholders stood for,
 * keys whose content nobody can predict (a random draw, a command the server lacks), keys with an
 * absolute deadline. It turns that into the reason a reply is not comparable.
 */
export class PageContext {
  /** Arguments of earlier commands whose effect the page's reader cannot know, with the reason. */
  private readonly unknownEffects = new Map<string, string>();
  /** Keys given an absolute deadline in this section. */
  private readonly absoluteKeys = new Set<string>();
  /** Placeholders a reply stood for (`"<sha1>"` after SCRIPT LOAD): later commands use the value. */
  private readonly bound = new Map<string, string>();

  constructor(private readonly table: CommandTable) {}

  /** A new section on a new server: nothing carries over. */
  reset(): void {
    this.unknownEffects.clear();
    this.absoluteKeys.clear();
    this.bound.clear();
  }

  /** The line with bound placeholders filled in, and the first placeholder still unbound. */
  substitute(line: string): { line: string; unbound: string | null } {
    const filled = line.replace(
      PLACEHOLDER,
      (_whole, quote: string, name: string) => `${quote}${this.bound.get(name) ?? name}${quote}`,
    );
    return { line: filled, unbound: new RegExp(PLACEHOLDER.source).exec(filled)?.[2] ?? null };
  }

  /** Why earlier steps make this reply unreproducible, or null. */
  taintFor(argv: readonly string[], reply: Reply | undefined): string | null {
    const timeout = blockingTimeout(argv);
    if (timeout !== null && reply?.t === 'nil' && Number(argv[timeout.index]) === 0) {
      return `${commandName(argv).toUpperCase()} with timeout 0 blocks until another client pushes; the runner has no other client`;
    }
    for (const arg of keyArguments(this.table, argv)) {
      const why = this.unknownEffects.get(arg);
      if (why !== undefined) return why;
    }
    const key = argv[1];
    if (readsTtl(argv) && key !== undefined && this.absoluteKeys.has(key)) {
      return `${key}'s deadline is an absolute unix time: its TTL depends on the wall clock when the page was written`;
    }
    return null;
  }

  /** Notes what the command did that later replies depend on. */
  remember(argv: readonly string[], step: CommandStep, unsupported: boolean): void {
    const line = step.range.start.line;
    const name = commandName(argv).toUpperCase();
    if (unsupported && !isKnownReadOnly(argv)) {
      // What the command did is unknown, and so is which of its arguments are keys: any later
      // command whose key is one of them gets a reply that nothing on the page predicts.
      for (const arg of argv.slice(1)) {
        if (!this.unknownEffects.has(arg)) {
          this.unknownEffects.set(arg, `depends on ${name} at line ${line}, which the engine could not run`);
        }
      }
      return;
    }
    if (unsupported) return;
    const random = randomlyChangedKey(argv);
    if (random !== null) {
      this.unknownEffects.set(random, `depends on the random draw of ${name} at line ${line}`);
    }
    const absolute = absoluteDeadlineKey(argv);
    if (absolute !== null) {
      this.absoluteKeys.add(absolute);
    } else if (argv[1] !== undefined && this.table.get(argv[0] ?? '')?.flags.includes('write')) {
      // A later write (SET, EXPIRE, PERSIST…) replaces the absolute deadline with one the page controls.
      this.absoluteKeys.delete(argv[1]);
    }
  }

  /** A reply shown as just `"<name>"` names the value the server returned, for later commands. */
  bindPlaceholder(step: CommandStep, reply: Reply | undefined): void {
    const e = step.expected;
    if (e.kind !== 'reply' || e.reply.kind !== 'text' || reply?.t !== 'bulk') return;
    const m = /^<[A-Za-z][\w-]*>$/.exec(e.reply.text);
    if (m) this.bound.set(m[0], reply.s);
  }
}
