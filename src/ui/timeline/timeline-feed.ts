import type { PageClient } from '../client-context.tsx';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import { selectedRowOf } from '../store/keys-slice.ts';
import { fieldTimeline } from './field-lifetimes.ts';
import { LifetimeStore } from './lifetimes.ts';

/**
 * The timeline's lifetimes, fed straight from the worker's messages outside React: a hidden
 * timeline (a tab of the stacked layout) keeps learning while it draws nothing.
 */

/** The lifetimes of the session shown; those of the others wait in `stashed` (see session-slice.ts). */
let store = new LifetimeStore();
let storeSession = 'learner';
const stashed = new Map<string, LifetimeStore>();
/** The store just swapped in is the shown session's as it was left: its snapshot adds nothing. */
let restored = false;
let fed: { client: PageClient; stop: () => void } | null = null;

function switchTo(session: string, open: readonly string[]): void {
  if (session !== storeSession) {
    stashed.set(storeSession, store);
    const back = stashed.get(session);
    stashed.delete(session);
    store = back ?? new LifetimeStore();
    // The canvas redraws when the version moves; a store swapped in must not match the last key.
    store.version++;
    restored = back !== undefined;
    storeSession = session;
  }
  for (const id of [...stashed.keys()]) if (!open.includes(id)) stashed.delete(id);
}

/** Feeds the lifetimes from `client`'s messages, once per client, for the page's life. */
export function feedTimeline(client: PageClient): void {
  if (fed?.client === client) return;
  fed?.stop();
  const stop = client.subscribe((msg) => {
    if (msg.type === 'sessions') {
      switchTo(
        msg.active.id,
        msg.sessions.map((s) => s.id),
      );
    } else if (msg.type === 'snapshot') {
      if (!restored) store.reset(msg.rows);
      restored = false;
      fieldTimeline.clear();
    } else if (msg.type === 'batch') {
      const now = virtualNow(msg.clock);
      for (const c of msg.events) fieldTimeline.noteEvents(c.columns);
      for (const db of msg.flushed) {
        store.flush(db, now);
        fieldTimeline.flushed(db, now);
      }
      for (const g of msg.removals) {
        store.removeGroup(g);
        fieldTimeline.keyRemoved(g);
      }
      for (const row of msg.upserts) store.upsert(row, now);
    }
  });
  fed = { client, stop };
}

/** The selected key whose field lifetimes the timeline can show (see field-lifetimes.ts), or null. */
export function selectedFieldKey(): string | null {
  const s = useApp.getState();
  const row = selectedRowOf(s);
  const ft = fieldTimeline;
  return row && ft.key === row.key && ft.db === row.db && ft.store.size > 0 ? row.key : null;
}

/** The lifetimes drawn: the selected key's fields, or every key's. */
export const shownLifetimes = (fields: boolean): LifetimeStore => (fields ? fieldTimeline.store : store);
