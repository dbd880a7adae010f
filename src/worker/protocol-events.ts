import type { EventClass } from '../engine/events.ts';
import type { CycleKind, DbStop } from '../engine/expiry.ts';
import type { EventColumns } from './event-columns.ts';

/** What the page learns about keyspace events, expiry cycles and INFO's expiry figures. */

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
  /** The events themselves, as columns (event-columns.ts). */
  readonly columns: EventColumns;
  /**
   * Events before `columns` that were never sent: more waited than the page's log keeps, so these
   * (the oldest) could not have been shown.
   */
  readonly dropped: number;
  /** How many events of each name `columns` and the dropped ones are. */
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
