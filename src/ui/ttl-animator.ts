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

function frame(): void {
  if (bars.size === 0) {
    running = false;
    return;
  }
  const now = Math.floor(virtualNow(useApp.getState().clock));
  for (const b of bars) paint(b, b.now ? b.now() : now);
  requestAnimationFrame(frame);
}

export function paint(b: TtlBar, now: number): void {
  const remaining = b.deadline - now;
  const clamped = Math.max(0, Math.min(b.total, remaining));
  const fraction = b.total > 0 ? clamped / b.total : 0;
  b.fill.style.transform = `scaleX(${fraction})`;
  const text = remaining < 0 ? 'expired' : formatTtl(remaining);
  // The value follows the label (an attribute written every frame for every bar costs the page
  // more than anything else it draws while a clock runs fast), and lags it by ARIA_MS at most.
  const real = performance.now();
  if (b.lastNow !== now && (text !== b.lastText || real - (b.lastValueAt ?? 0) >= ARIA_MS)) {
    b.bar.setAttribute('aria-valuenow', String(Math.max(0, Math.round(remaining))));
    b.lastNow = now;
    b.lastValueAt = real;
  }
  if (b.label && text !== b.lastText) {
    b.label.textContent = text;
    b.lastText = text;
  }
}

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
