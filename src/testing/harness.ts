import { CliSession, outcomeText } from '../engine/cli-session.ts';
import { ManualClock } from '../engine/clock.ts';
import type { Compat } from '../engine/compat.ts';
import { Engine } from '../engine/engine.ts';
import type { KeyspaceEvent } from '../engine/events.ts';
import { luaScripting } from '../engine/scripting/index.ts';
import type { ScriptVmFactory } from '../engine/scripting/types.ts';

/** An engine on a manual clock with a redis-cli session: type lines, read what redis-cli prints. */
export class Harness {
  readonly clock: ManualClock;
  readonly engine: Engine;
  readonly session: CliSession;
  readonly events: KeyspaceEvent[] = [];

  constructor(options: { startMs?: number; scripting?: ScriptVmFactory; compat?: Compat } = {}) {
    this.clock = new ManualClock(options.startMs ?? 1_700_000_000_000);
    this.engine = new Engine({
      clock: this.clock,
      seed: 42,
      scripting: options.scripting ?? luaScripting,
      ...(options.compat ? { compat: options.compat } : {}),
    });
    this.session = new CliSession(this.engine);
    this.engine.onEvent((e) => this.events.push(e));
  }

  /** What redis-cli prints for the line, without the final newline. */
  run(line: string): string {
    return outcomeText(this.session.runLine(line)).replace(/(?<!\r)\n$/, '');
  }

  /** Runs each line; returns the printed outputs. */
  runAll(lines: readonly string[]): string[] {
    return lines.map((l) => this.run(l));
  }

  /** Event names (with key) since the last call. */
  takeEvents(): string[] {
    const out = this.events.map((e) => `${e.event} ${e.key}`);
    this.events.length = 0;
    return out;
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }
}

/** Runs [line, expected] pairs in order on one harness and returns the mismatches (empty = all good). */
export function transcript(h: Harness, pairs: readonly (readonly [string, string])[]): string[] {
  const bad: string[] = [];
  for (const [line, expected] of pairs) {
    const got = h.run(line);
    if (got !== expected)
      bad.push(`${line}\n  expected: ${JSON.stringify(expected)}\n  got:      ${JSON.stringify(got)}`);
  }
  return bad;
}
