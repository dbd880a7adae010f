import type { ReadingPage } from '../docs/reading.ts';
import type { LessonTask, TaskResult } from '../docs/task.ts';
import type { WaitMode } from '../docs/timing.ts';
import type { DocPage, StepResult } from '../docs/types.ts';
import type { Compat } from '../engine/compat.ts';
import type { DocsKeyspace } from './docs-host.ts';
import type { CycleSummary, EventChunk, ExpiryStats } from './protocol-events.ts';
import type { KeyDetails, KeyRow, RemovalGroup, TableQuery, TableWindow } from './protocol-keys.ts';
import type { SessionInfo } from './sessions.ts';
import type { ClockState } from './virtual-clock.ts';

/**
 * Messages between the UI and the worker that hosts the engine. Every message carries the protocol
 * version; both directions are discriminated unions on `type`, and the worker's handler table is
 * checked against `WorkerRequest` with `satisfies` (host.ts), so adding a request without handling
 * it does not compile.
 *
 * The worker sends diffs, not state dumps: per-key upserts and removals coalesced and flushed at most
 * once per frame in a single `batch` (with the replies, clock, events and expiry-cycle records of
 * that frame), each batch numbered so the UI can spot a gap and ask for a snapshot. TTLs are never
 * sent per tick: a row carries its deadline and the UI animates from the clock state.
 */
export const PROTOCOL_VERSION = 5;

export * from './protocol-events.ts';
export * from './protocol-keys.ts';
// The grouping itself lives in removal-groups.ts; re-exported for the page's existing importers.
export { eachRemoval, groupRemovals, removalAt, removalCount, splitRemovals } from './removal-groups.ts';

/** The prompt of the console lines a docs page ran. */
export const DOCS_PROMPT = 'docs › ';

/** What one console line produced. */
export interface ConsoleEntry {
  readonly line: string;
  /** redis-cli's output for the line (may be several replies, or a client message). */
  readonly text: string;
  readonly isError: boolean;
  /** Virtual time when the line ran. */
  readonly at: number;
  /** The prompt shown before the line was typed. */
  readonly prompt: string;
  /**
   * More output for the console's last line, arriving later: a message to a subscriber, the reply
   * of a command that was blocked.
   */
  readonly continues?: boolean;
  /** Not a line at all: a note of the playground's own (`text` says it), shown set apart. */
  readonly note?: true;
  /** redis-cli handled the line itself (help, a tokenizer error, an empty line): nothing was sent. */
  readonly local?: boolean;
  /** How far DEBUG SLEEP moved the clock during the line (ms). */
  readonly slept?: number;
  /** The session the line ran on (sessions.ts); absent on lines restored from a saved transcript. */
  readonly session?: string;
  /** Run on the bridged real server (src/ui/bridge), not the playground. */
  readonly server?: true;
  /** With target "both": the server printed something else than the playground. */
  readonly differs?: true;
}

/** Whether the playground is being saved, and what to tell the user when it is not. */
export type StoreState =
  /** Saved to browser storage as it changes. */
  | 'saving'
  /** Not saved (no store asked for, storage blocked or full): `message` says why. */
  | 'memory'
  /** Another tab has this playground open: the page asks whether to take over or open another. */
  | 'busy'
  /** Another tab took this playground over; this one is no longer saved. */
  | 'lost';

/** What was put back: from the store at start-up, or a shared scenario. */
export interface RestoredInfo {
  readonly from: 'store' | 'scenario';
  readonly keys: number;
  /** The virtual time the clock resumed at, its rate and whether it is paused. */
  readonly time: number;
  readonly rate: number;
  readonly paused: boolean;
  /** The console lines to show again (store only). */
  readonly lines: readonly ConsoleEntry[];
  /** Anything the user should know (a torn last write dropped, an unreadable store set aside). */
  readonly notes: readonly string[];
}

/** What a console tab's connection is doing (a redis-cli waiting for replies takes no input). */
export type ConsoleMode = 'ready' | 'subscribed' | 'blocked' | 'disconnected';

/** One console tab: its own connection to the server (CLIENT ID, database, MULTI, WATCH…). */
export interface ConsoleInfo {
  readonly id: number;
  /** "Client 1", "Client 2"… */
  readonly label: string;
  readonly clientId: number;
  readonly prompt: string;
  readonly mode: ConsoleMode;
  /** While blocked: the command, when it began and when it times out (0: never), virtual ms. */
  readonly blocked?: { readonly command: string; readonly since: number; readonly until: number };
}

export interface CommandInfo {
  readonly name: string;
  readonly syntax: string;
  readonly summary: string;
  readonly since: string;
  readonly group: string;
  readonly arity: number;
  readonly subcommands: readonly string[];
}

export type ClockOp =
  | { readonly kind: 'pause' }
  | { readonly kind: 'play' }
  | { readonly kind: 'rate'; readonly rate: number }
  | { readonly kind: 'step'; readonly ms: number }
  | { readonly kind: 'next-expiry' };

/** How a docs page's waits play: paced (at most ~3 s of real time each), real time, or skipped. */
export type { DocsKeyspace, SessionInfo, WaitMode };

/** Progress of the docs page being replayed in the worker. */
export interface DocsUpdate {
  /** Step results new in this batch, in order. */
  readonly results: readonly StepResult[];
  /** Index of the next step to run. */
  readonly position: number;
  readonly finished: boolean;
  /** "Run all" is going on (it may be waiting for an animated wait to end). */
  readonly running: boolean;
  /** The wait being animated now, in virtual ms, and the clock rate it plays at. */
  readonly waiting: { readonly from: number; readonly to: number; readonly rate: number } | null;
  /** Results were cleared (the page was reset or replaced). */
  readonly restarted: boolean;
}

export type WorkerRequest =
  /**
   * `store` names the playground to open from browser storage; absent or null: nothing is saved.
   * `compat`: the server a new playground starts as (the learner's last choice); a restored one
   * keeps the server it was saved with.
   */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'hello';
      readonly store?: string | null;
      readonly compat?: Compat;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'console-cleared' }
  /** The user chose to take this playground over from the tab that has it open. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'store-takeover' }
  /** The playground as snapshot bytes (engine/snapshot/codec.ts), for a share link or file. */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'capture';
      readonly id: number;
      readonly withDoc: boolean;
    }
  /** Opens a shared scenario (snapshot bytes the page has read and shown) in a session of its own. */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'load-scenario';
      readonly bytes: Uint8Array;
      readonly label: string;
    }
  /** Closes a session (a loaded scenario), going back to the one it was opened from. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'session-close'; readonly id: string }
  /** Answers as another server from now on (the Compatibility box); the keyspace stays. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'compat'; readonly compat: Compat }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'exec';
      readonly id: number;
      readonly lines: readonly string[];
      /** The console tab that runs them (the first one when absent). */
      readonly console?: number;
    }
  /** A new console tab with a connection of its own. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'console-open' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'console-close'; readonly console: number }
  /** Ctrl+C in a console that is reading messages or waiting for a blocked command. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'console-interrupt'; readonly console: number }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'clock'; readonly op: ClockOp }
  /**
   * The shown session's keys, clock and stats. `mirror`: for an audience window (ui/mirror/), which
   * the page passes on without applying it (it is not behind).
   */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'snapshot'; readonly mirror?: boolean }
  /**
   * The key table's window as `viewer` wants it (the page's own table, or an audience window's
   * through the presenter's page): sent when it scrolls, resizes, or its filter, sort or selection
   * changes. The worker answers with a `table` message, and sends another whenever the window moves.
   */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'table-view';
      readonly viewer: string;
      readonly query: TableQuery;
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'inspect';
      readonly db: number;
      readonly key: string;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'reset' }
  /**
   * Opens a page in a session of its own (the learner's keys are left as they are until
   * `docs-close`); `keyspace` says where its examples start (fresh by default).
   */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'docs-open';
      readonly path: string;
      readonly source: string;
      /** Refuse a page that holds no command to replay (a `?doc=` link may point at anything). */
      readonly requireExample?: boolean;
      readonly keyspace?: DocsKeyspace;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-step'; readonly waitMode: WaitMode }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-run'; readonly waitMode: WaitMode }
  /** Runs the steps of one code block (`DocPage.blocks` index) from the keyspace as it is. */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'docs-run-block';
      readonly block: number;
      readonly waitMode: WaitMode;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-stop' }
  /** Starts the page again on a fresh session of its own. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-reset' }
  /**
   * Starts the page again and runs its first `position` steps at once (waits jump): a step back.
   */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-goto'; readonly position: number }
  /** Closes the page and its session: the session it was opened from is back as it was. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-close' }
  /** Runs the check of the open page's task number `task` on the keyspace as it is now. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-check-task'; readonly task: number };

export interface Batch {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'batch';
  readonly seq: number;
  readonly upserts: readonly KeyRow[];
  /** Keys removed, grouped by how (columns: a mass expiry sends thousands per frame). */
  readonly removals: readonly RemovalGroup[];
  /** Databases emptied by FLUSHDB/FLUSHALL before this batch's upserts. */
  readonly flushed: readonly number[];
  /** Console output: `id` answers an exec request (0: output that came by itself), for a console tab. */
  readonly replies: readonly {
    readonly id: number;
    readonly console: number;
    readonly entries: readonly ConsoleEntry[];
  }[];
  readonly clock: ClockState;
  /** Keyspace events in order, cut where a flush happened; a flood is spread over batches. */
  readonly events: readonly EventChunk[];
  readonly cycles: readonly CycleSummary[];
  readonly selectedDb: number;
  /** The first console's prompt for the next line (`[db]`, `(TX)`). */
  readonly prompt: string;
  /** The console tabs, when any changed (mode, prompt, opened, closed). */
  readonly consoles?: readonly ConsoleInfo[];
  readonly keyCount: number;
  readonly usedBytes: number;
  /** Set when the docs page's replay moved. */
  readonly docs?: DocsUpdate;
  /** Expiry stats, sent a few times a second while anything changes. */
  readonly stats?: ExpiryStats;
}

export type WorkerEvent =
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'ready';
      /** The server the engine answers as; sent again whenever it changes (a lesson may switch it). */
      readonly compat: Compat;
      readonly commands: readonly CommandInfo[];
      readonly prompt: string;
      readonly consoles: readonly ConsoleInfo[];
    }
  | Batch
  /** Which sessions exist and which one the page shows; sent before the snapshot of a new one. */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'sessions';
      readonly active: SessionInfo;
      readonly sessions: readonly SessionInfo[];
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'snapshot';
      readonly seq: number;
      /** The session the rows are of. */
      readonly session: string;
      /** Asked for by an audience window (the page passes it on and does not apply it). */
      readonly mirror?: boolean;
      readonly rows: readonly KeyRow[];
      readonly clock: ClockState;
      readonly stats: ExpiryStats;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'details'; readonly details: KeyDetails }
  | TableWindow
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'docs-page';
      readonly page: DocPage;
      readonly source: string;
      /** The page as the reading view draws it (reading.ts). */
      readonly reading: ReadingPage;
      /** The page's "try it yourself" tasks (task.ts), for their Check buttons. */
      readonly tasks: readonly LessonTask[];
      readonly keyspace: DocsKeyspace;
      /** The session the page runs on. */
      readonly session: SessionInfo;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-closed' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-task-result'; readonly result: TaskResult }
  /** A page could not be opened (unreadable, or no example where one was required): a sentence to show. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'docs-error'; readonly message: string }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'protocol-error'; readonly message: string }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'store-status';
      readonly state: StoreState;
      readonly message: string | null;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'restored'; readonly info: RestoredInfo }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'captured';
      readonly id: number;
      readonly bytes: Uint8Array;
    };

export type RequestOf<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

/** A request without its version field (the client adds it). */
export type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'v'>
    : never
  : never;
