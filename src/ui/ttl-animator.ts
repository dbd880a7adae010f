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
  if (b.lastNow !== now) {
    b.bar.setAttribute('aria-valuenow', String(Math.max(0, Math.round(remaining))));
    b.lastNow = now;
  }
  const text = remaining < 0 ? 'expired' : formatTtl(remaining);
  if (b.label && text !== b.lastText) {
    b.label.textContent = text;
    b.lastText = text;
  }
}

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
