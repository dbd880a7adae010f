/**
 * Holds what arrives between two of the page's frames and hands it over once, at the next frame,
 * as React DevTools' bridge flushes its messages once per tick: a busy worker posts several
 * batches and windows a frame, and each applied on its own would render the page once each.
 */

/** Asks for `run` to be called once, soon (at the next frame). */
export type FrameScheduler = (run: () => void) => void;

/**
 * The next animation frame; a timer stands in where frames stop (a hidden tab, where the store
 * must still learn of replies the page's promises wait on).
 */
export const nextFrame: FrameScheduler = (run) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
};

export class FrameQueue<T> {
  private items: T[] = [];
  private asked = false;

  constructor(
    /** Receives everything queued since the last call, in arrival order (never empty). */
    private readonly deliver: (items: readonly T[]) => void,
    private readonly schedule: FrameScheduler = nextFrame,
  ) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.asked) return;
    this.asked = true;
    this.schedule(() => this.flush());
  }

  /** Delivers what waits now (before a message that must not overtake it, and at the frame). */
  flush(): void {
    this.asked = false;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.deliver(items);
  }
}
