import { bridgeFromHash } from '../../bridge/protocol.ts';
import type { EventClass } from '../../engine/events.ts';
import { formatForCli } from '../../engine/format.ts';
import { parseLine } from '../../engine/tokenizer.ts';
import { packEvents } from '../../worker/event-columns.ts';
import type { ConsoleEntry } from '../../worker/protocol.ts';
import type { PageClient } from '../client-context.tsx';
import { useApp } from '../store/index.ts';
import { BridgeClient } from './bridge-client.ts';

/**
 * The app working on a real server through `npm run -s cli -- bridge`: console lines go to the target
 * the user picks (the playground, the server, or both with differing replies marked), the key table
 * follows the server's keys (read with SCAN + TYPE + PTTL, again after each keyspace event), and the
 * Events tab shows the server's events once the user has agreed to turn them on.
 */

let bridge: BridgeClient | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const MAX_ROWS = 2000;
const POLL_MS = 2000;

/** Connects when the page was opened from a bridge's link; the token leaves the address bar. */
export function startBridgeFromHash(): void {
  const found = bridgeFromHash(window.location.hash);
  if (!found || bridge) return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  const app = useApp.getState();
  app.setBridge({ status: 'connecting', server: found.url, version: '', message: null, events: false });
  bridge = new BridgeClient(found.url, found.token, {
    hello(server, version) {
      useApp.getState().setBridge({ status: 'open', server, version, message: null, events: false });
      useApp.getState().setTarget('server');
      void refreshKeys();
    },
    event(db, event, key, at) {
      if (db === useApp.getState().serverDb) scheduleRefresh(150);
      useApp.getState().addEvents([
        {
          flushedBefore: false,
          dropped: 0,
          counts: { [event]: 1 },
          columns: packEvents([{ db, key, event, cls: classOf(event), at, cause: { kind: 'server' } }]),
        },
      ]);
    },
    events(enabled, error) {
      const b = useApp.getState().bridge;
      if (b) useApp.getState().setBridge({ ...b, events: enabled, message: error ?? null });
    },
    closed(reason) {
      const b = useApp.getState().bridge;
      useApp.getState().setBridge({
        status: 'closed',
        server: b?.server ?? found.url,
        version: b?.version ?? '',
        events: false,
        message: `Bridge closed: ${reason}. Start it again for a new link.`,
      });
      useApp.getState().setTarget('playground');
      bridge = null;
    },
  });
}

export function setServerEvents(enable: boolean): void {
  bridge?.setEvents(enable);
}

/**
 * Runs console lines on the chosen target; with both, the server's replies follow the playground's.
 * The bridge is one connection, so only Client 1 reaches the server: other tabs stay on the
 * playground's connections.
 */
export async function runOnTarget(client: PageClient, lines: readonly string[], console = 1): Promise<void> {
  const target = useApp.getState().target;
  if (target === 'playground' || !bridge || console !== 1) {
    await client.exec(lines, console);
    return;
  }
  const local = target === 'both' ? await client.exec(lines, console) : null;
  for (const [i, line] of lines.entries()) {
    const entry = await runLineOnServer(line);
    const mine = local?.[i];
    const differs = mine !== undefined && mine.text !== entry.text;
    useApp.getState().appendEntries(console, [differs ? { ...entry, differs: true } : entry]);
  }
  scheduleRefresh(50);
}

async function runLineOnServer(line: string): Promise<ConsoleEntry> {
  const prompt = serverPrompt(useApp.getState());
  const base = { line, at: Date.now(), prompt, server: true as const };
  const parsed = parseLine(line);
  if (parsed.kind === 'empty') return { ...base, text: '', isError: false, local: true };
  if (parsed.kind === 'client-error')
    return { ...base, text: `${parsed.message}\n`, isError: true, local: true };
  let text = '';
  let isError = false;
  for (let i = 0; i < parsed.repeat; i++) {
    const outcome = await (bridge as BridgeClient).command(parsed.argv);
    if ('refused' in outcome)
      return { ...base, text: `(refused by the bridge) ${outcome.refused}\n`, isError: true };
    text += formatForCli(parsed.argv, outcome.reply);
    isError ||= outcome.reply.t === 'error';
    const name = parsed.argv[0]?.toLowerCase();
    if (name === 'select' && outcome.reply.t === 'status')
      useApp.getState().setServerDb(Number(parsed.argv[1]) || 0);
  }
  return { ...base, text, isError };
}

/** redis-cli's prompt for the bridged server: its address, and `[db]` past database 0. */
export function serverPrompt(s: { bridge: { server: string } | null; serverDb: number }): string {
  const host = s.bridge?.server.replace(/^redis:\/\//, '') ?? 'server';
  return `${host}${s.serverDb ? `[${s.serverDb}]` : ''}> `;
}

function scheduleRefresh(ms: number): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshKeys(), ms);
}

/** Reads the server's keys (up to MAX_ROWS) with their deadlines on the wall clock. */
async function refreshKeys(): Promise<void> {
  if (!bridge) return;
  const rows: { key: string; type: string; pttl: number; deadline: number | null }[] = [];
  let cursor = '0';
  do {
    const page = await bridge.keys(useApp.getState().serverDb, cursor);
    const now = Date.now();
    for (const r of page.rows) rows.push({ ...r, deadline: r.pttl >= 0 ? now + r.pttl : null });
    cursor = page.cursor;
  } while (cursor !== '0' && rows.length < MAX_ROWS);
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  useApp.getState().setServerRows(rows);
  scheduleRefresh(POLL_MS);
}

/** The notification class of a keyspace event, from its name (the server does not say). */
function classOf(event: string): EventClass {
  if (event === 'expired') return 'x';
  if (event === 'evicted') return 'e';
  if (/^(set|setrange|append|incrby|incrbyfloat|decrby)$/.test(event)) return '$';
  if (/^[lr](push|pop|set|trim|insert|rem)|^lmove|^linsert/.test(event)) return 'l';
  if (/^s(add|rem|pop|interstore|unionstore|diffstore)/.test(event)) return 's';
  if (/^h(set|del|incrby|incrbyfloat|expire|persist|expired)/.test(event)) return 'h';
  if (/^z/.test(event)) return 'z';
  if (/^x/.test(event)) return 't';
  return 'g';
}
