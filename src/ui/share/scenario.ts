import { decodeSnapshot, encodeSnapshot } from '../../engine/snapshot/codec.ts';
import type { PlaygroundSnapshot } from '../../engine/snapshot/snapshot.ts';
import type { PageClient } from '../client-context.tsx';
import { formatInstant, formatTtl } from '../format-time.ts';
import { COURSE, lessonFor } from '../lessons.ts';
import { useApp } from '../store/index.ts';
import { decodeScenario, LinkError, payloadOf } from './link-codec.ts';

/**
 * A shared scenario from arrival to loading: read from the link (or a file), described to the user,
 * then opened in the worker in a session of its own (sessions.ts), so the opener's keys and clock
 * wait untouched until the scenario is closed. A bundled lesson travels by name, to keep links short.
 */

/** What the preview lists about a scenario before it loads. */
export interface ScenarioSummary {
  readonly keys: number;
  readonly dbs: readonly { readonly db: number; readonly keys: number; readonly volatile: number }[];
  readonly sample: readonly {
    readonly db: number;
    readonly key: string;
    readonly type: string;
    readonly ttl: string;
  }[];
  readonly clock: string;
  readonly scripts: number;
  readonly config: readonly string[];
  readonly doc: string | null;
}

const SAMPLE_KEYS = 8;

export function summarise(s: PlaygroundSnapshot, zone: 'local' | 'utc' = 'utc'): ScenarioSummary {
  const now = s.engine.time;
  const dbs = s.engine.dbs
    .filter((d) => d.entries.length > 0)
    .map((d) => ({
      db: d.id,
      keys: d.entries.length,
      volatile: d.entries.filter((e) => e.expiresAt !== -1).length,
    }));
  const sample = s.engine.dbs
    .flatMap((d) => d.entries.map((e) => ({ db: d.id, e })))
    .slice(0, SAMPLE_KEYS)
    .map(({ db, e }) => ({
      db,
      key: e.key,
      type: e.value.type,
      ttl: e.expiresAt === -1 ? 'no expiry' : formatTtl(Number(e.expiresAt) - now),
    }));
  const c = s.engine.config;
  const config = [
    c.hz !== 10 ? `hz ${c.hz}` : '',
    c.activeExpireEffort !== 1 ? `active-expire-effort ${c.activeExpireEffort}` : '',
    c.notifyFlags !== 0 ? 'keyspace notifications on' : '',
    c.activeExpireEnabled ? '' : 'active expiry off',
  ].filter((x) => x !== '');
  const doc = s.doc
    ? `${s.doc.kind === 'lesson' ? `lesson “${lessonFor(s.doc.id)?.title ?? s.doc.id}”` : `page ${s.doc.path}`}, at step ${s.doc.step + 1}`
    : null;
  return {
    keys: dbs.reduce((n, d) => n + d.keys, 0),
    dbs,
    sample,
    clock: `${formatInstant(now, zone)}, ${s.clock.paused ? 'paused' : 'running'} at ${s.clock.rate}×`,
    scripts: s.engine.scripts.length,
    config,
    doc,
  };
}

/** A bundled lesson's page becomes its name (the receiver has the same lessons). */
export function shortenDoc(bytes: Uint8Array): Uint8Array {
  const s = decodeSnapshot(bytes);
  const doc = s.doc;
  if (doc?.kind !== 'page') return bytes;
  const lesson = COURSE.find((l) => `${l.id}.md` === doc.path && l.source === doc.source);
  if (!lesson) return bytes;
  return encodeSnapshot({ ...s, doc: { kind: 'lesson', id: lesson.id, step: doc.step } });
}

/** A lesson named in a scenario becomes its page again, for the worker to open. */
async function expandDoc(s: PlaygroundSnapshot): Promise<Uint8Array> {
  const doc = s.doc;
  if (doc?.kind !== 'lesson') return encodeSnapshot(s);
  const lesson = lessonFor(doc.id);
  if (!lesson) {
    const { doc: _, ...rest } = s;
    return encodeSnapshot(rest);
  }
  return encodeSnapshot({
    ...s,
    doc: { kind: 'page', path: `${lesson.id}.md`, source: await lesson.load(), step: doc.step },
  });
}

function explain(e: unknown): string {
  return e instanceof LinkError
    ? e.message
    : `an unexpected error (${e instanceof Error ? e.message : String(e)})`;
}

/** Reads a scenario payload and asks the user; a bad one is refused with a message and nothing changes. */
export async function offerScenario(payload: string, from: string): Promise<void> {
  const app = useApp.getState();
  try {
    const { snapshot } = await decodeScenario(payload);
    app.offerScenario({ payload, snapshot, from });
  } catch (e) {
    app.setScenarioError(`The scenario in ${from} could not be opened: ${explain(e)}. Nothing was changed.`);
  }
}

/** Opens an offered scenario in a session of its own (the learner's keys wait, untouched). */
export async function acceptScenario(
  client: PageClient,
  snapshot: PlaygroundSnapshot,
  from: string,
): Promise<void> {
  useApp.getState().offerScenario(null);
  const label = `Scenario from ${from === 'this link' ? 'a link' : from}`;
  client.send({ type: 'load-scenario', bytes: await expandDoc(snapshot), label });
  if (snapshot.doc) useApp.getState().setSideTab('docs');
}

/** At start-up: a scenario in the link's fragment is offered (the fragment leaves the address bar). */
export async function scenarioAtStart(): Promise<void> {
  const payload = payloadOf(window.location.hash);
  if (payload === null) return;
  history.replaceState(null, '', window.location.href.split('#')[0]);
  await offerScenario(payload, 'this link');
}
