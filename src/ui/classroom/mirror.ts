import type { ReadingPage } from '../../docs/reading.ts';
import type { LessonTask } from '../../docs/task.ts';
import type { DocPage, StepResult } from '../../docs/types.ts';
import type {
  CommandInfo,
  DocsKeyspace,
  DocsUpdate,
  SessionInfo,
  TableQuery,
  WorkerEvent,
} from '../../worker/protocol.ts';
import type { ConsoleTab } from '../store/console-slice.ts';
import type { AppState } from '../store/index.ts';
import type { Theme, TimeZoneMode } from '../store/settings-slice.ts';

/**
 * The presenter ⇄ audience protocol, over a BroadcastChannel of the presenter's own (same origin,
 * same machine). The audience window runs no engine and no clock: it says hello, gets the
 * presenter's page state once (console, session, open page and its progress), then every message
 * the presenter's worker sends, passed on as it is applied, and a snapshot of the keys taken for it.
 * Bars and the clock animate from the same clock state on the same time base, so nothing drifts.
 */

export const CHANNEL_PREFIX = 'expiry-playground:audience:';
/** The console lines an audience window gets when it joins. */
export const MIRRORED_ENTRIES = 1000;

export interface MirrorDocs {
  readonly page: DocPage;
  readonly source: string;
  readonly reading: ReadingPage | null;
  readonly tasks: readonly LessonTask[];
  readonly keyspace: DocsKeyspace;
  readonly lessonId: string | null;
  readonly results: readonly (StepResult | undefined)[];
  readonly position: number;
  readonly finished: boolean;
  readonly running: boolean;
  readonly waiting: DocsUpdate['waiting'];
}

export interface MirrorState {
  readonly commands: readonly CommandInfo[];
  readonly session: SessionInfo;
  readonly sessions: readonly SessionInfo[];
  /** Every console tab with its newest entries, the one shown, and whether two are side by side. */
  readonly consoles: readonly ConsoleTab[];
  readonly activeConsole: number;
  readonly splitConsoles: boolean;
  readonly docs: MirrorDocs | null;
  readonly theme: Theme;
  readonly timeZone: TimeZoneMode;
}

export type ToAudience =
  | { readonly kind: 'state'; readonly state: MirrorState }
  | { readonly kind: 'event'; readonly event: WorkerEvent }
  /** Page-side changes the worker does not send: the console cleared, the theme or time zone. */
  | {
      readonly kind: 'ui';
      readonly theme: Theme;
      readonly timeZone: TimeZoneMode;
      /** The console tab whose scrollback was cleared, if one was. */
      readonly cleared?: number;
    }
  /** The presenter's window (re)loaded: an audience already open says hello again. */
  | { readonly kind: 'presenter-here' }
  | { readonly kind: 'presenter-gone' };

export type ToPresenter =
  | { readonly kind: 'hello' }
  /** The audience's key table missed a batch: it needs a snapshot. */
  | { readonly kind: 'snapshot' }
  /** The audience's key table window (sorted and filtered by the presenter's worker for it). */
  | { readonly kind: 'table-view'; readonly query: TableQuery }
  | { readonly kind: 'bye' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function toPresenter(data: unknown): ToPresenter | null {
  if (!isObject(data)) return null;
  if (data.kind === 'table-view') return isObject(data.query) ? (data as ToPresenter) : null;
  return data.kind === 'hello' || data.kind === 'snapshot' || data.kind === 'bye'
    ? { kind: data.kind }
    : null;
}

export function toAudience(data: unknown): ToAudience | null {
  if (!isObject(data) || typeof data.kind !== 'string') return null;
  switch (data.kind) {
    case 'state':
      return isObject(data.state) ? (data as ToAudience) : null;
    case 'event':
      return isObject(data.event) && typeof data.event.type === 'string' ? (data as ToAudience) : null;
    case 'ui':
    case 'presenter-here':
    case 'presenter-gone':
      return data as ToAudience;
    default:
      return null;
  }
}

/** The presenter's page state for an audience window joining now. */
export function captureState(s: AppState): MirrorState {
  return {
    commands: s.commands,
    session: s.session,
    sessions: s.sessions,
    consoles: s.consoles.map((t) => ({ ...t, entries: t.entries.slice(-MIRRORED_ENTRIES), dropped: 0 })),
    activeConsole: s.activeConsole,
    splitConsoles: s.splitConsoles,
    docs: s.docPage
      ? {
          page: s.docPage,
          source: s.docSource,
          reading: s.docReading,
          tasks: s.docTasks,
          keyspace: s.docKeyspace,
          lessonId: s.docLessonId,
          results: s.docResults,
          position: s.docPosition,
          finished: s.docFinished,
          running: s.docRunning,
          waiting: s.docWaiting,
        }
      : null,
    theme: s.theme,
    timeZone: s.timeZone,
  };
}

type Setter = (partial: Partial<AppState>) => void;

/** Puts a presenter's state into an audience window's store (which starts empty). */
export function applyState(state: MirrorState, get: () => AppState, set: Setter): void {
  const app = get();
  app.setCommands(state.commands, state.consoles);
  set({ session: state.session, sessions: state.sessions, theme: state.theme, timeZone: state.timeZone });
  const d = state.docs;
  if (d) {
    app.setDocPage(d.page, d.source, {
      tasks: d.tasks,
      ...(d.reading ? { reading: d.reading } : {}),
      keyspace: d.keyspace,
      lessonId: d.lessonId,
    });
    set({
      docResults: d.results.slice(),
      docPosition: d.position,
      docFinished: d.finished,
      docRunning: d.running,
      docWaiting: d.waiting,
    });
  } else app.closeDocPage();
  set({ consoles: state.consoles, activeConsole: state.activeConsole, splitConsoles: state.splitConsoles });
}
