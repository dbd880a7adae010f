import { type Batch, removalCount, splitRemovals } from '../worker/protocol.ts';

/**
 * Spreads the key table's work over frames. A mass expiry sends batches of tens of thousands of
 * removals; applied at once they would each freeze the page for a frame or three. Removals are cut
 * into slices applied in order (a batch's upserts and figures go with its last slice, so state is
 * never ahead of the worker's order), a few milliseconds per frame, and removed rows are swept in
 * the same budget. With little to do, everything is applied on arrival as before.
 */

const REMOVALS_PER_SLICE = 2000;
const FRAME_BUDGET_MS = 4;
/** Changes a batch may carry and still be applied on arrival rather than at the next frame. */
const IMMEDIATE_LIMIT = 500;
/** A frame asked for longer ago than this has not come (the tab is hidden): the timer runs instead. */
const STALLED_MS = 500;

export interface PumpTarget {
  applyKeyDiff(batch: Batch, realNow: number): void;
  /**
   * Sweeps removed rows whose moment has passed; stops early past `deadline` (performance.now()),
   * returning true when rows due to leave are left over.
   */
  sweepGhosts(realNow: number, deadline?: number): boolean;
}

export class DiffPump {
  private readonly queue: Batch[] = [];
  private scheduled = false;
  private scheduledAt = 0;

  constructor(
    private readonly target: () => PumpTarget,
    private readonly now: () => number,
    private readonly realNow: () => number,
    private readonly schedule: (run: () => void) => void,
  ) {}

  /** Queues a batch; applies at once what fits in this frame's budget. */
  push(batch: Batch): void {
    const count = removalCount(batch.removals);
    if (count <= REMOVALS_PER_SLICE) this.queue.push(batch);
    else {
      let rest = batch.removals;
      for (let i = 0; i < count; i += REMOVALS_PER_SLICE) {
        const last = i + REMOVALS_PER_SLICE >= count;
        const [removals, tail] = splitRemovals(rest, REMOVALS_PER_SLICE);
        rest = tail;
        this.queue.push(
          last
            ? { ...batch, removals, flushed: i === 0 ? batch.flushed : [] }
            : { ...batch, removals, upserts: [], flushed: i === 0 ? batch.flushed : [] },
        );
      }
    }
    // A small batch with nothing queued is applied at once (typing feels instant); anything else
    // waits for the next frame, so that many messages in one frame share one budget.
    if (this.queue.length === 1 && count + batch.upserts.length <= IMMEDIATE_LIMIT) this.run();
    else this.scheduleRun();
  }

  /**
   * Called on a timer too: removed rows leave even when no batch comes, and a hidden tab (where
   * animation frames stop) still drains its queue.
   */
  tick(): void {
    if (!this.scheduled || this.now() - this.scheduledAt > STALLED_MS) this.run();
  }

  /** A snapshot replaces the rows: queued diffs are older than it. */
  clear(): void {
    this.queue.length = 0;
  }

  get pending(): number {
    return this.queue.length;
  }

  private run(): void {
    const deadline = this.now() + FRAME_BUDGET_MS;
    let batch = this.queue.shift();
    // At least one slice per frame, so a long queue always drains.
    while (batch !== undefined) {
      this.target().applyKeyDiff(batch, this.realNow());
      if (this.now() >= deadline) break;
      batch = this.queue.shift();
    }
    const more = this.now() >= deadline || this.target().sweepGhosts(this.realNow(), deadline);
    if (this.queue.length > 0 || more) this.scheduleRun();
  }

  private scheduleRun(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduledAt = this.now();
    this.schedule(() => {
      this.scheduled = false;
      this.run();
    });
  }
}
