import { eachEvent } from '../../worker/event-columns.ts';
import type { Batch } from '../../worker/protocol.ts';
import type { PageClient } from '../client-context.tsx';
import { openDocPage } from '../docs/open.ts';
import { displayKey } from '../key-view.ts';
import { lessonFor, unknownLessonMessage } from '../lessons.ts';
import { pageMode } from '../mode.ts';
import { decodeScenario, payloadOf } from '../share/link-codec.ts';
import { acceptScenario } from '../share/scenario.ts';
import { useApp } from '../store/index.ts';
import {
  type EmbedMessage,
  type HostMessage,
  hostOrigin,
  MAX_KEY_EVENTS,
  parseHostMessage,
  type ReplySource,
} from './embed-api.ts';

/**
 * The embed's end of the postMessage API (embed-api.ts): takes the host page's requests (from the
 * parent window, at its origin only) to the worker, and posts the host what the console prints and
 * the keyspace events. Nothing here reads or writes the full app's saved state: the embed's worker
 * opens no store, and its settings live in memory (storage.ts).
 */

/** What the embed started with, which `reset` opens again. */
type Start =
  | { readonly kind: 'lesson'; readonly id: string }
  | { readonly kind: 'scenario'; readonly payload: string };

let start: Start | null = null;
let origin: string | null = null;
/** Worker request ids of the host's `run`s, with the host's own ids. */
const hostRuns = new Map<number, { id?: string | number }>();

function post(msg: EmbedMessage): void {
  if (origin !== null && window.parent !== window) window.parent.postMessage(msg, origin);
}

function replies(batch: Batch): void {
  for (const r of batch.replies) {
    const host = hostRuns.get(r.id);
    hostRuns.delete(r.id);
    const source: ReplySource = host ? 'host' : r.id === 0 ? 'lesson' : 'console';
    for (const e of r.entries) {
      if (e.note) continue;
      post({
        type: 'reply',
        command: e.line,
        text: e.text,
        error: e.isError,
        source,
        ...(host?.id !== undefined ? { id: host.id } : {}),
      });
    }
  }
}

function keyEvents(batch: Batch): void {
  let sent = 0;
  let dropped = 0;
  for (const chunk of batch.events) {
    for (const e of eachEvent(chunk.columns)) {
      // A bridged server's events never reach an embed (it opens no bridge).
      if (e.cause.kind === 'server') continue;
      if (sent >= MAX_KEY_EVENTS) {
        dropped++;
        continue;
      }
      sent++;
      post({
        type: 'key',
        event: e.event,
        key: displayKey(e.key),
        db: e.db,
        at: e.at,
        cause: e.cause.kind,
        ...(e.cause.kind === 'active' ? {} : { command: e.cause.command }),
      });
    }
    dropped += chunk.dropped;
  }
  if (dropped > 0) post({ type: 'key-events-dropped', count: dropped });
}

async function loadScenario(client: PageClient, text: string): Promise<void> {
  const at = text.indexOf('#');
  const payload = at >= 0 ? (payloadOf(text.slice(at)) ?? '') : text.trim();
  try {
    const { snapshot } = await decodeScenario(payload);
    await acceptScenario(client, snapshot, 'the host page');
    start = { kind: 'scenario', payload };
    post({ type: 'loaded', keys: snapshot.engine.dbs.reduce((n, d) => n + d.entries.length, 0) });
  } catch (e) {
    post({
      type: 'error',
      request: 'load',
      message: `the scenario could not be opened: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}

async function openStart(client: PageClient): Promise<void> {
  if (start?.kind === 'lesson') {
    const lesson = lessonFor(start.id);
    if (lesson) openDocPage(client, `${lesson.id}.md`, await lesson.load());
  } else if (start?.kind === 'scenario') await loadScenario(client, start.payload);
}

function handle(client: PageClient, msg: HostMessage): void {
  switch (msg.type) {
    case 'run':
      if (pageMode.readonly) {
        post({
          type: 'error',
          request: 'run',
          message: "this embed is read-only: it runs only its lesson's or scenario's steps",
        });
        return;
      }
      void client.exec([msg.command], undefined, (id) =>
        hostRuns.set(id, msg.id === undefined ? {} : { id: msg.id }),
      );
      break;
    case 'reset':
      useApp.getState().clearConsole();
      client.send({ type: 'reset' });
      void openStart(client);
      break;
    case 'load':
      void loadScenario(client, msg.scenario);
      break;
  }
}

/** Starts the API and opens the lesson (`?lesson=`) or the scenario (`#scenario=`) the URL names. */
export function startEmbed(client: PageClient): void {
  const params = new URLSearchParams(window.location.search);
  origin = hostOrigin(params.get('origin'), [...(window.location.ancestorOrigins ?? [])], document.referrer);
  let ready = false;
  client.subscribe((msg) => {
    if (msg.type === 'batch') {
      replies(msg);
      keyEvents(msg);
    } else if (msg.type === 'snapshot' && !ready) {
      ready = true;
      post({ type: 'ready' });
    }
  });
  addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.source !== window.parent || window.parent === window || e.origin !== origin) return;
    const parsed = parseHostMessage(e.data);
    if (parsed.ok) handle(client, parsed.msg);
    else post(parsed.error);
  });
  const lesson = params.get('lesson');
  const scenario = payloadOf(window.location.hash);
  if (lesson !== null) {
    if (lessonFor(lesson)) start = { kind: 'lesson', id: lesson };
    else useApp.getState().setDocError(unknownLessonMessage(lesson));
  } else if (scenario !== null) start = { kind: 'scenario', payload: scenario };
  void openStart(client);
}
