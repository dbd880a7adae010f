import type { WorkerEvent } from '../../worker/protocol.ts';
import type { PageClient } from '../client-context.tsx';
import { useApp } from '../store/index.ts';
import { CHANNEL_PREFIX, captureState, type ToAudience, toPresenter } from './mirror.ts';

/**
 * The presenter's end of an audience window (mirror.ts): opens the window, answers its hello with
 * the page state and a snapshot taken for it, then passes on every message the worker sends. The
 * channel's id lives in sessionStorage, so a presenter's window that reloads finds its audience
 * again.
 */

const ID_KEY = 'expiry-playground:audience-channel';
/** What an audience window draws from; the rest (key details, share captures, storage) is not its. */
const MIRRORED = new Set<WorkerEvent['type']>([
  'ready',
  'batch',
  'sessions',
  'snapshot',
  'docs-page',
  'docs-closed',
  'docs-task-result',
]);

let channel: BroadcastChannel | null = null;
let audienceWindow: Window | null = null;

function storedId(): string | null {
  try {
    return sessionStorage.getItem(ID_KEY);
  } catch {
    return null;
  }
}

function channelId(): string {
  const found = storedId();
  if (found !== null && /^[a-z0-9][a-z0-9-]{0,39}$/.test(found)) return found;
  const id = `a-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 5).toString(36)}`;
  try {
    sessionStorage.setItem(ID_KEY, id);
  } catch {
    // A reload then loses the audience window; the link still works until then.
  }
  return id;
}

function post(msg: ToAudience): void {
  channel?.postMessage(msg);
}

function join(client: PageClient): void {
  post({ kind: 'state', state: captureState(useApp.getState()) });
  client.send({ type: 'snapshot', mirror: true });
  useApp.getState().setAudience('connected');
}

function listen(id: string, client: PageClient): void {
  if (channel) return;
  channel = new BroadcastChannel(CHANNEL_PREFIX + id);
  channel.onmessage = (e: MessageEvent<unknown>) => {
    const msg = toPresenter(e.data);
    if (msg?.kind === 'hello') join(client);
    else if (msg?.kind === 'snapshot') client.send({ type: 'snapshot', mirror: true });
    else if (msg?.kind === 'bye') useApp.getState().setAudience('none');
  };
  client.mirrorTo((event) => {
    if (useApp.getState().audience !== 'connected' || !MIRRORED.has(event.type)) return;
    // The audience applies the snapshot taken for it like any other.
    const plain = event.type === 'snapshot' && event.mirror ? { ...event, mirror: false } : event;
    post({ kind: 'event', event: plain });
  });
  useApp.subscribe((s, prev) => {
    if (s.audience !== 'connected') return;
    const cleared = s.consoles.find(
      (t) => t.entries.length === 0 && (prev.consoles.find((p) => p.id === t.id)?.entries.length ?? 0) > 0,
    )?.id;
    if (cleared !== undefined || s.theme !== prev.theme || s.timeZone !== prev.timeZone) {
      post({
        kind: 'ui',
        theme: s.theme,
        timeZone: s.timeZone,
        ...(cleared === undefined ? {} : { cleared }),
      });
    }
  });
  addEventListener('pagehide', () => post({ kind: 'presenter-gone' }));
}

/** The URL of the audience window for channel `id`: this app, from the same place. */
export function audienceUrl(id: string, base = window.location.href): string {
  const url = new URL(base);
  url.search = '';
  url.hash = '';
  url.searchParams.set('audience', id);
  return url.toString();
}

/** "Open audience window": a second window that mirrors this one (or the one already open). */
export function openAudienceWindow(client: PageClient): void {
  const id = channelId();
  listen(id, client);
  if (audienceWindow && !audienceWindow.closed) {
    audienceWindow.focus();
    return;
  }
  audienceWindow = window.open(audienceUrl(id), `expiry-audience-${id}`, 'popup,width=1280,height=720');
  const app = useApp.getState();
  if (!audienceWindow) app.setAudience('blocked');
  else if (app.audience !== 'connected') app.setAudience('opening');
}

/** At start-up: a presenter's window that reloaded tells its audience window it is back. */
export function resumePresenter(client: PageClient): void {
  const id = storedId();
  if (id === null) return;
  listen(id, client);
  post({ kind: 'presenter-here' });
}
