import { judge } from '../docs/judge.ts';
import { PageContext } from '../docs/page-context.ts';
import { waitDuration } from '../docs/timing.ts';
import type {
  ActualOutput,
  CommandResult,
  CommandStep,
  DocPage,
  StepResult,
  WaitResult,
  WaitStep,
} from '../docs/types.ts';
import { helpText } from '../engine/cli-session.ts';
import { formatForCli } from '../engine/format.ts';
import type { Reply } from '../engine/reply.ts';
import { createCommandTable } from '../engine/table.ts';
import { parseLine } from '../engine/tokenizer.ts';
import type { RespClient } from './resp-client.ts';

/**
 * Replays a page on a real server (`docs check --against`): each command is sent as redis-cli would
 * send it and judged exactly as the engine's reply would be (same judge, same page context), so the
 * verdicts mean the same thing on both. Time is the server's own: waits are real waits up to
 * `maxRealWaitMs`; a longer one is fast-forwarded by moving every deadline in the database earlier by
 * its length (a key whose time runs out is stored past its deadline, as a stale key would be), since
 * nobody waits ten minutes for a page. The page's own `DEBUG SLEEP` lines are sent as they are: on a
 * real server they block it, which is what such a page means.
 */

export interface ServerRunOptions {
  /** The database the page runs in: emptied at each section. */
  readonly db: number;
  /** `--yes-flush`: each section starts from FLUSHALL and the page may SELECT any database. */
  readonly wholeServer: boolean;
  readonly carryState?: boolean;
  readonly maxRealWaitMs: number;
}

const TABLE = createCommandTable();

export class ServerRunner {
  private readonly context = new PageContext(TABLE);
  private section = -1;
  /** When this section started, and how much time its waits meant to pass. */
  private sectionStart = 0;
  private pageMs = 0;
  private inMulti = false;

  constructor(
    private readonly client: RespClient,
    private readonly options: ServerRunOptions,
  ) {}

  async runAll(page: DocPage): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (const step of page.steps) {
      const resetBefore = await this.enterSection(step.section);
      results.push(
        step.kind === 'wait'
          ? await this.runWait(step, resetBefore)
          : await this.runCommand(step, resetBefore),
      );
    }
    return results;
  }

  private async enterSection(section: number): Promise<boolean> {
    if (section === this.section) return false;
    const first = this.section === -1;
    this.section = section;
    if (this.options.carryState && !first) return false;
    if (this.inMulti) await this.client.send(['DISCARD']);
    this.inMulti = false;
    await this.client.send(['SELECT', String(this.options.db)]);
    await this.client.send([this.options.wholeServer ? 'FLUSHALL' : 'FLUSHDB']);
    // The settings a page may change and every page assumes at its start (Redis's defaults).
    await this.client.send(['CONFIG', 'SET', 'hz', '10']);
    await this.client.send(['CONFIG', 'SET', 'active-expire-effort', '1']);
    this.context.reset();
    this.sectionStart = Date.now();
    this.pageMs = 0;
    return true;
  }

  private async runWait(step: WaitStep, resetBefore: boolean): Promise<WaitResult> {
    const ms = waitDuration(step);
    const before = await expiredKeys(this.client);
    const from = Date.now();
    if (ms <= this.options.maxRealWaitMs) await sleep(ms);
    else await fastForward(this.client, ms);
    const to = ms <= this.options.maxRealWaitMs ? Date.now() : from + ms;
    // A fast-forward moved the deadlines, not the clock: count it as the time it stood for.
    if (ms > this.options.maxRealWaitMs) this.sectionStart -= ms;
    this.pageMs += step.ms;
    const expired = Math.max(0, (await expiredKeys(this.client)) - before);
    return { kind: 'wait', step, resetBefore, from, to, expiredKeys: expired };
  }

  private async runCommand(step: CommandStep, resetBefore: boolean): Promise<CommandResult> {
    const at = Date.now();
    const { line, unbound } = this.context.substitute(step.line);
    const parsed = parseLine(line);
    let argv: readonly string[] | null = null;
    let actual: ActualOutput;
    let unsupported: string | null = null;
    if (parsed.kind === 'command' && parsed.argv[0]?.toLowerCase() === 'help') {
      actual = { text: helpText(TABLE, parsed.argv.slice(1)) };
    } else if (parsed.kind === 'command') {
      argv = parsed.argv;
      unsupported = this.refused(parsed.argv);
      actual = unsupported === null ? await this.send(parsed.argv, parsed.repeat) : { text: '' };
      if (actual.reply?.t === 'error' && actual.reply.s.startsWith('ERR unknown command')) {
        unsupported = `the server does not know ${parsed.argv[0]?.toUpperCase()}`;
      }
    } else {
      actual = { text: parsed.kind === 'client-error' ? `${parsed.message}\n` : '' };
    }
    const taint = unbound
      ? `the command holds a placeholder (${unbound}) that no earlier reply stood for`
      : argv === null
        ? null
        : this.context.taintFor(argv, actual.reply);
    if (argv !== null) this.context.remember(argv, step, unsupported !== null);
    this.context.bindPlaceholder(step, actual.reply);
    // A real server's clock runs while the page's commands travel: a PTTL may read lower than the
    // page by as much as the section has run past the time the page meant.
    const overshootMs = Math.max(0, Date.now() - this.sectionStart - this.pageMs);
    const verdict = judge({ step, argv, actual, taint, unsupported, overshootMs });
    return { kind: 'command', step, resetBefore, at, blockedMs: 0, actual, verdict };
  }

  /** Why a command is not sent: it would block for good, or leave the database the user gave. */
  private refused(argv: readonly string[]): string | null {
    const blocks = blockingMs(argv);
    if (blocks !== null && blocks > this.options.maxRealWaitMs) {
      const name = argv[0]?.toUpperCase();
      return blocks === Number.POSITIVE_INFINITY
        ? `${name} with timeout 0 blocks until another client pushes, and the replay has no other client`
        : `${name} could block ${blocks / 1000} s, longer than --max-wait`;
    }
    if (this.options.wholeServer || argv[0]?.toLowerCase() !== 'select') return null;
    if (argv[1] === String(this.options.db)) return null;
    return `the page switches to database ${argv[1] ?? '?'}; --db keeps to database ${this.options.db} (use --yes-flush to let a page use the whole server)`;
  }

  private async send(argv: readonly string[], repeat: number): Promise<ActualOutput> {
    let text = '';
    let reply: Reply | undefined;
    for (let i = 0; i < repeat; i++) {
      reply = await within(this.client.send(argv), this.options.maxRealWaitMs + REPLY_TIMEOUT_MS, argv);
      text += formatForCli(argv, reply);
      this.track(argv, reply);
    }
    return repeat === 1 && reply ? { reply, text } : { text };
  }

  private track(argv: readonly string[], reply: Reply): void {
    const name = argv[0]?.toLowerCase();
    if (name === 'multi' && reply.t !== 'error') this.inMulti = true;
    if (name === 'exec' || name === 'discard') this.inMulti = false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a reply may take beyond any blocking the command asked for before the run is given up. */
const REPLY_TIMEOUT_MS = 30_000;

function within(reply: Promise<Reply>, ms: number, argv: readonly string[]): Promise<Reply> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no reply to ${argv[0]?.toUpperCase()} within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([reply, late]).finally(() => clearTimeout(timer));
}

/** Where blocking commands keep their timeout (seconds): the last argument, or the first. */
const TIMEOUT_AT: Record<string, number> = {
  blpop: -1,
  brpop: -1,
  brpoplpush: -1,
  blmove: -1,
  bzpopmin: -1,
  bzpopmax: -1,
  blmpop: 1,
  bzmpop: 1,
};

/** How long a command may block on a server, in ms (Infinity: until someone pushes); null if it does not. */
export function blockingMs(argv: readonly string[]): number | null {
  const name = argv[0]?.toLowerCase() ?? '';
  if (name === 'xread' || name === 'xreadgroup') {
    const at = argv.findIndex((a) => a.toLowerCase() === 'block');
    if (at < 0) return null;
    const ms = Number(argv[at + 1]);
    return ms === 0 ? Number.POSITIVE_INFINITY : Number.isFinite(ms) ? ms : null;
  }
  const at = TIMEOUT_AT[name];
  if (at === undefined) return null;
  const seconds = Number(argv[at < 0 ? argv.length + at : at]);
  if (!Number.isFinite(seconds)) return null;
  return seconds === 0 ? Number.POSITIVE_INFINITY : seconds * 1000;
}

async function expiredKeys(client: RespClient): Promise<number> {
  const info = await client.send(['INFO', 'stats']);
  const m = info.t === 'bulk' ? /expired_keys:(\d+)/.exec(info.s) : null;
  return m ? Number(m[1]) : 0;
}

/** Moves every deadline in the current database `ms` earlier: what a wait of `ms` would leave. */
async function fastForward(client: RespClient, ms: number): Promise<void> {
  // All keys first: a key made stale below must not meet SCAN again (SCAN deletes stale keys).
  const keys: string[] = [];
  let cursor = '0';
  do {
    const page = await client.send(['SCAN', cursor, 'COUNT', '1000']);
    if (page.t !== 'array' || page.items[0]?.t !== 'bulk' || page.items[1]?.t !== 'array') return;
    cursor = page.items[0].s;
    for (const k of page.items[1].items) if (k.t === 'bulk') keys.push(k.s);
  } while (cursor !== '0');
  for (const key of new Set(keys)) await shiftDeadline(client, key, ms);
}

async function shiftDeadline(client: RespClient, key: string, ms: number): Promise<void> {
  const pttl = await client.send(['PTTL', key]);
  if (pttl.t !== 'int' || Number(pttl.n) < 0) return;
  const left = Number(pttl.n) - ms;
  if (left > 0) {
    await client.send(['PEXPIRE', key, String(left)]);
    return;
  }
  // Past its deadline: a string is kept stale (SET … PXAT in the past stores it), anything else goes.
  const value = await client.send(['GET', key]);
  if (value.t === 'bulk') await client.send(['SET', key, value.s, 'PXAT', '1']);
  else await client.send(['DEL', key]);
}
