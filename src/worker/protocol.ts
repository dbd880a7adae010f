import type { ReadingPage } from '../docs/reading.ts';
import type { LessonTask, TaskResult } from '../docs/task.ts';
import type { WaitMode } from '../docs/timing.ts';
import type { DocPage, StepResult } from '../docs/types.ts';
import type { Compat } from '../engine/compat.ts';
import type { EventClass } from '../engine/events.ts';
import type { CycleKind, DbStop } from '../engine/expiry.ts';
import type { RemovalReason, ValueType } from '../engine/keyspace.ts';
import type { DocsKeyspace } from './docs-host.ts';
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
export const PROTOCOL_VERSION = 4;

/** One key as the key table shows it. Keys and previews are byte strings / escaped ASCII. */
export interface KeyRow {
  readonly db: number;
  readonly key: string;
  readonly type: ValueType;
  /** Bytes for strings, element count for collections. */
  readonly size: number;
  /** The value escaped like redis-cli, cut to a preview. */
  readonly preview: string;
  readonly encoding: string;
  /** Absolute deadline in ms, or null without a TTL. */
  readonly deadline: number | null;
  /** The TTL the key was given when its deadline was set: a TTL bar's full length. */
  readonly ttlGiven: number | null;
  /** Members with their own deadline (hash fields, Dragonfly's set members), when there are any. */
  readonly fieldTtls?: FieldTtlSummary;
  /** Increases whenever the row changes (the UI flashes changed rows). */
  readonly version: number;
}

/** How many members of a hash (or set) have a deadline, and the nearest one. */
export interface FieldTtlSummary {
  readonly count: number;
  /** The earliest deadline, in ms (it may be past: a field not reclaimed yet). */
  readonly nearest: number;
}

/** One field with a deadline, for its bar in the key's details. */
export interface FieldLifetime {
  readonly field: string;
  /** The field name escaped like redis-cli, for display. */
  readonly label: string;
  readonly deadline: number;
  /** The TTL it was given when this deadline was set: the bar's full length. */
  readonly ttlGiven: number;
}

export interface KeyRemoval {
  readonly db: number;
  readonly key: string;
  readonly reason: RemovalReason;
  /** The command that deleted it, or that found it expired (lazy expiry). */
  readonly command?: string;
  /** Virtual time of the removal. */
  readonly at: number;
  /** The active expiry cycle that removed it. */
  readonly cycle?: number;
  /**
   * The deadline the key had and the TTL it was given, so that a key created and removed between
   * two batches (never sent as a row) still has a lifetime to draw.
   */
  readonly deadline?: number;
  readonly ttlGiven?: number;
}

/**
 * Removals that share their database, reason, time, command and cycle, as columns: one array of
 * keys and two number arrays, which a page deserialises far faster than one object per key.
 */
export interface RemovalGroup {
  readonly db: number;
  readonly reason: RemovalReason;
  readonly at: number;
  readonly command?: string;
  readonly cycle?: number;
  readonly keys: readonly string[];
  /** The deadline each key had (NaN: none) and the TTL it was given (NaN: none). */
  readonly deadlines: Float64Array;
  readonly ttls: Float64Array;
}

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

/** What caused an event, as sent to the page: a command with its text, lazy expiry, the active cycle. */
export type EventRecordCause =
  | { readonly kind: 'command'; readonly command: string; readonly text?: string }
  | { readonly kind: 'lazy'; readonly command: string }
  | { readonly kind: 'active'; readonly cycle: number }
  /** A real server's notification through the bridge (src/ui/bridge): the server does not say why. */
  | { readonly kind: 'server' };

export interface EventRecord {
  readonly db: number;
  readonly key: string;
  readonly event: string;
  readonly cls: EventClass;
  readonly cause: EventRecordCause;
  readonly at: number;
  /** The channels Redis would publish it on under the current notify-keyspace-events (absent: none). */
  readonly channels?: readonly string[];
}

/** Consecutive keyspace events, none of them across a flush. */
export interface EventChunk {
  /** A flush came before these events (the page clears its log here unless it is preserved). */
  readonly flushedBefore: boolean;
  readonly records: readonly EventRecord[];
  /**
   * Events before `records` that were never sent: more waited than the page's log keeps, so these
   * (the oldest) could not have been shown.
   */
  readonly dropped: number;
  /** How many events of each name `records` and the dropped ones are. */
  readonly counts: Readonly<Record<string, number>>;
}

export interface CycleSummary {
  readonly kind: CycleKind;
  /** The cycle's number (1, 2, 3… over the server's life; expired events name it). */
  readonly cycle: number;
  /** INFO's expired_stale_perc after this cycle (0–100). */
  readonly stalePerc: number;
  readonly at: number;
  readonly sampled: number;
  readonly expired: number;
  readonly loops: number;
  readonly elapsedUs: number;
  readonly timeLimitUs: number;
  readonly hitTimeLimit: boolean;
  readonly dbStops: readonly { readonly db: number; readonly stop: DbStop }[];
  /** A few of the keys it looked at (ttlMs < 0: stale and deleted). */
  readonly samples: readonly { readonly db: number; readonly key: string; readonly ttlMs: number }[];
  /** Hash fields its 7.4 field pass deleted. */
  readonly fieldsExpired: number;
}

/** The figures INFO stats / INFO keyspace show about expiry, plus what only we can count. */
export interface ExpiryStats {
  readonly expiredKeys: number;
  /** Hash fields and set members reclaimed after their TTL (INFO expired_subkeys in Redis 7.4). */
  readonly expiredFields: number;
  /** 0–100, as INFO prints it (a running estimate kept by the active cycle). */
  readonly expiredStalePerc: number;
  readonly expiredTimeCapReachedCount: number;
  readonly expireCycleCpuMs: number;
  readonly cyclesRun: number;
  readonly hz: number;
  readonly activeExpireEffort: number;
  readonly activeExpireEnabled: boolean;
  /** Databases that hold keys. `stale`: keys past their deadline not yet removed. */
  readonly dbs: readonly {
    readonly db: number;
    readonly keys: number;
    readonly expires: number;
    readonly avgTtl: number;
    readonly stale: number;
  }[];
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

export interface KeyDetails {
  readonly db: number;
  readonly key: string;
  readonly exists: boolean;
  readonly type: ValueType | 'none';
  readonly encoding: string;
  /** The whole value (escaped, capped at 64 KiB of output). */
  readonly value: string;
  readonly pttl: number;
  readonly deadline: number | null;
  /** The members with a deadline, nearest first (one bar each); absent when none has one. */
  readonly fields?: readonly FieldLifetime[];
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
