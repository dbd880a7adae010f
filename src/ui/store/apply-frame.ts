import type { Batch, TableWindow } from '../../worker/protocol.ts';
import { type ClockState, virtualTimeAt } from '../../worker/virtual-clock.ts';
import { withEntries } from './console-slice.ts';
import { MAX_CYCLES } from './expiry-slice.ts';
import { type AppState, useApp } from './index.ts';

/**
 * What the worker sent during one of the page's frames (frame-queue.ts), applied to the store in
 * ONE `set`: every subscriber's selector runs once and React renders once per frame, however many
 * batches a busy worker posted. Only a frame in which the console tabs changed or a docs page moved
 * (rare, and never many a frame) goes through the slices' actions one batch at a time.
 */
export interface Frame {
  /** In order, each already checked for a gap in its numbering. */
  readonly batches: readonly Batch[];
  /** The newest key table window for this page, if one came. */
  readonly table: TableWindow | null;
}

export function applyFrame(frame: Frame, store = useApp): void {
  const s = store.getState();
  const rare = frame.batches.some((b) => b.consoles !== undefined || b.docs !== undefined);
  if (rare) {
    for (const b of frame.batches) applyOne(s, b);
    if (frame.table) s.applyTable(frame.table);
    return;
  }
  store.setState(framePatch(s, frame));
}

/** The state a frame's batches and window leave (the event log, kept outside React, is fed here). */
export function framePatch(s: AppState, frame: Frame): Partial<AppState> {
  const patch: Partial<AppState> = frame.table ? (s.tablePatch(frame.table) ?? {}) : {};
  const last = frame.batches[frame.batches.length - 1];
  if (last === undefined) return patch;
  patch.selectedDb = last.selectedDb;
  patch.keyCount = last.keyCount;
  patch.usedBytes = last.usedBytes;
  if (!sameLine(s.clock, last.clock)) patch.clock = last.clock;
  let consoles = s.consoles;
  let cycles: AppState['cycles'] | null = null;
  let eventsChanged = false;
  for (const b of frame.batches) {
    if (b.stats) patch.stats = b.stats;
    if (b.cycles.length > 0) cycles = (cycles ?? s.cycles).concat(b.cycles);
    if (b.events.length > 0 && s.eventLog.addChunks(b.events, s.preserveLog)) eventsChanged = true;
    for (const r of b.replies) {
      if (r.entries.length === 0) continue;
      consoles = consoles.map((t) => (t.id === r.console ? withEntries(t, r.entries) : t));
    }
  }
  if (cycles) patch.cycles = cycles.length > MAX_CYCLES ? cycles.slice(-MAX_CYCLES) : cycles;
  if (eventsChanged) patch.eventsVersion = s.eventsVersion + 1;
  if (consoles !== s.consoles) patch.consoles = consoles;
  return patch;
}

/**
 * Whether two clock states describe the same virtual time line (each batch re-takes the state at
 * its own moment; a running clock's new anchor lies on the old line). Kept, the old object spares
 * every subscriber to `clock` a render per frame.
 */
export function sameLine(a: ClockState | null, b: ClockState): boolean {
  if (a === null || a.rate !== b.rate || a.paused !== b.paused) return false;
  return Math.abs(virtualTimeAt(a, b.realAt) - b.virtualAt) < 0.5;
}

/** One batch through the slices' actions, in the order they have always been applied. */
function applyOne(s: AppState, msg: Batch): void {
  s.applyFigures(msg);
  s.setClock(msg.clock);
  s.addEvents(msg.events);
  s.addCycles(msg.cycles);
  if (msg.consoles) s.setConsoles(msg.consoles);
  for (const r of msg.replies) s.appendEntries(r.console, r.entries);
  if (msg.docs) s.applyDocsUpdate(msg.docs);
  if (msg.stats) s.setStats(msg.stats);
}
