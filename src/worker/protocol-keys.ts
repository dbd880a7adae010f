import type { RemovalReason, ValueType } from '../engine/keyspace.ts';
import type { PROTOCOL_VERSION } from './protocol.ts';

/** What the page learns about keys: rows, removals, a key's details and the key table's window. */

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
 * The lifetimes the page's timeline keeps (the most recently set); the worker sends the removals
 * of those only (timeline-reach.ts).
 */
export const TIMELINE_CAPACITY = 10_000;

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

export type SortColumn = 'key' | 'type' | 'value' | 'ttl' | 'expires';
export interface SortSpec {
  readonly column: SortColumn;
  readonly desc: boolean;
}
export type TtlFilter = 'all' | 'volatile' | 'persistent';

/** Which rows of the key table a viewer holds: its filter and sort, and the rows it shows plus a margin. */
export interface TableQuery {
  /** Numbers the viewer's requests; the window it answers carries it back. */
  readonly seq: number;
  /** A glob (as KEYS takes it) over the key's UTF-8 bytes; '' or '*' match everything. */
  readonly pattern: string;
  readonly ttlFilter: TtlFilter;
  readonly sort: SortSpec;
  /** The first row wanted and how many (the worker caps `limit`, see table-view.ts). */
  readonly offset: number;
  readonly limit: number;
  /** The selected key, sent along with every window even when it is scrolled away or filtered out. */
  readonly selected: { readonly db: number; readonly key: string } | null;
}

/** How a row that just left went; it stays on show a moment, marked (a "ghost"). */
export interface RemovedMark {
  readonly reason: RemovalReason;
  readonly command?: string;
  /** Real ms (the worker's realNow) when it went. */
  readonly at: number;
}

/** A row of the table: a key, or one just removed and about to leave. */
export interface TableRow extends KeyRow {
  readonly removed?: RemovedMark;
}

/** Part of the key table, sorted and filtered on the worker: rows `offset`… of `total`. */
export interface TableWindow {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'table';
  readonly viewer: string;
  /** The `seq` of the query this window answers (windows also go out unasked as the keys change). */
  readonly seq: number;
  /** The database shown (the first console's). */
  readonly db: number;
  readonly offset: number;
  readonly rows: readonly TableRow[];
  /** Rows matching the filter, removed ones still on show included. */
  readonly total: number;
  /** Of those, the keys that exist. */
  readonly live: number;
  /** The selected key's row (null: it does not exist, nor is it on show as removed). */
  readonly selected: TableRow | null;
}
