import { formatTtl } from './format-time.ts';
import { virtualNow } from './store/clock-slice.ts';
import { useApp } from './store/index.ts';

/**
 * One animation loop for every visible TTL bar. Bars register their DOM nodes; each frame the loop
 * reads the clock from the store without subscribing (no React render) and writes the bar's width,
 * its aria-valuenow and its label. The worker never sends TTL ticks: deadline + clock is enough.
 */
export interface TtlBar {
  readonly bar: HTMLElement;
  readonly fill: HTMLElement;
  readonly label: HTMLElement | null;
  deadline: number;
  total: number;
  /** The bar's own clock (a real server's bars run on the wall clock); the virtual clock by default. */
  readonly now?: () => number;
  lastText?: string;
  lastNow?: number;
  /** performance.now() when aria-valuenow was last written. */
  lastValueAt?: number;
}

const bars = new Set<TtlBar>();
let running = false;
/** performance.now() of the last frame that wrote labels. */
let labelsAt = Number.NEGATIVE_INFINITY;

function frame(): void {
  if (bars.size === 0) {
    running = false;
    return;
  }
  const now = Math.floor(virtualNow(useApp.getState().clock));
  const real = performance.now();
  // Every bar's label on the same frames, so the page lays out text once per LABEL_MS.
  const labels = real - labelsAt >= LABEL_MS;
  if (labels) labelsAt = real;
  for (const b of bars) paint(b, b.now ? b.now() : now, labels);
  requestAnimationFrame(frame);
}

/**
 * Moves the bar every frame; its label and aria-valuenow only when `labels` says this frame may
 * write text (a new label costs the page a layout; a transform does not).
 */
export function paint(b: TtlBar, now: number, labels = true): void {
  const remaining = b.deadline - now;
  const clamped = Math.max(0, Math.min(b.total, remaining));
  const fraction = b.total > 0 ? clamped / b.total : 0;
  b.fill.style.transform = `scaleX(${fraction})`;
  const text = remaining < 0 ? 'expired' : formatTtl(remaining);
  // The value follows the label (an attribute written every frame for every bar costs the page
  // more than anything else it draws while a clock runs fast), and lags it by ARIA_MS at most.
  const real = performance.now();
  const relabel = labels && text !== b.lastText;
  if (b.lastNow !== now && (relabel || real - (b.lastValueAt ?? 0) >= ARIA_MS)) {
    b.bar.setAttribute('aria-valuenow', String(Math.max(0, Math.round(remaining))));
    b.lastNow = now;
    b.lastValueAt = real;
  }
  if (relabel) {
    if (b.label) b.label.textContent = text;
    b.lastText = text;
  }
}

/**
 * How often labels change at most (ms of real time). At 1x a label changes every 100 ms anyway
 * (tenths of a second under 10 s); at 10x it would change every frame, and each change made the
 * page lay out again: the most frequent layout of a mass expiry.
 */
const LABEL_MS = 100;

/** The longest a bar's aria-valuenow trails the clock while its label text stays the same (ms). */
const ARIA_MS = 250;

export function registerBar(b: TtlBar): () => void {
  bars.add(b);
  paint(b, b.now ? b.now() : Math.floor(virtualNow(useApp.getState().clock)));
  if (!running && typeof requestAnimationFrame === 'function') {
    running = true;
    requestAnimationFrame(frame);
  }
  return () => {
    bars.delete(b);
  };
}
