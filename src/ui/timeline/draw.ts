import { displayKey } from '../key-view.ts';
import type { Lifetime, LifetimeStore } from './lifetimes.ts';
import { RowRuns } from './row-runs.ts';

/** The timeline's canvas drawing: a time axis, one lane per lifetime, a "now" line. */

export interface Viewport {
  /** Virtual time at the left edge, and the span the width covers (ms). */
  t0: number;
  span: number;
  /** Index of the first lane shown (lanes are lifetimes, oldest first). */
  laneTop: number;
}

export interface Palette {
  bg: string;
  text: string;
  muted: string;
  grid: string;
  bar: string;
  stale: string;
  lazy: string;
  active: string;
  command: string;
  now: string;
}

/**
 * Sizes drawn on the canvas, all from the plot's computed font size (the app's one scale): the axis
 * labels and key names are that size, the axis strip and the tallest lane a little more, and the
 * "now" line and the marks grow with it.
 */
export interface Metrics {
  readonly fontPx: number;
  readonly axisH: number;
  readonly maxLane: number;
  /** Lanes at least this tall carry their key's name. */
  readonly labelLane: number;
  readonly nowWidth: number;
}

export function timelineMetrics(fontPx: number): Metrics {
  const px = Math.max(6, fontPx);
  return {
    fontPx: px,
    axisH: Math.round(px * 1.6),
    maxLane: Math.round(px * 1.45),
    labelLane: Math.ceil(px * 1.1),
    nowWidth: Math.max(2, Math.round(px / 7)),
  };
}

/** At the 13 px default: an 11 px label font was too small to read from a few metres. */
export const DEFAULT_METRICS = timelineMetrics(13);

/**
 * Lanes share the height: up to `maxLane` px each with a few keys (bars with their names), down to
 * a fraction of a pixel with thousands, where the plot becomes an overview of every lifetime at once.
 */
export function laneHeight(count: number, plotH: number, maxLane = DEFAULT_METRICS.maxLane): number {
  const h = plotH / Math.max(1, count);
  return h >= 1 ? Math.min(maxLane, Math.floor(h)) : h;
}

/** How many lanes fit. */
export function laneCount(count: number, plotH: number, maxLane = DEFAULT_METRICS.maxLane): number {
  return Math.max(1, Math.floor(plotH / laneHeight(count, plotH, maxLane) + 1e-9));
}

/** Ticks far enough apart for their labels ("12:34:56.789" is about 7 em wide) at this font. */
export function tickWant(width: number, fontPx: number): number {
  return Math.max(2, Math.min(10, Math.floor(width / (fontPx * 8))));
}

const STEPS = [
  1, 5, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 300_000, 600_000, 1_800_000,
  3_600_000, 21_600_000, 86_400_000,
];

/** A tick step giving about `want` ticks across the span. */
export function tickStep(span: number, want = 6): number {
  return STEPS.find((s) => span / s <= want) ?? (STEPS[STEPS.length - 1] as number);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function tickLabel(t: number, step: number, utc: boolean): string {
  const d = new Date(t);
  const h = utc ? d.getUTCHours() : d.getHours();
  const m = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const base = `${pad(h)}:${pad(m)}:${pad(s)}`;
  return step < 1000 ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

export interface DrawResult {
  /** Lifetimes drawn this frame. */
  readonly drawn: number;
  readonly lanes: number;
  readonly laneH: number;
  /** The lifetime of each lane, top down, in the order drawn. */
  readonly order: readonly Lifetime[];
}

export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  store: LifetimeStore,
  view: Viewport,
  size: { width: number; height: number },
  now: number,
  colors: Palette,
  utc: boolean,
  m: Metrics = DEFAULT_METRICS,
): DrawResult {
  const { width: W, height: H } = size;
  const axisH = m.axisH;
  const plotH = H - axisH;
  const laneH = laneHeight(store.size, plotH, m.maxLane);
  const lanes = laneCount(store.size, plotH, m.maxLane);
  const x = (t: number) => ((t - view.t0) / view.span) * W;
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, W, H);

  // Axis and grid.
  const step = tickStep(view.span, tickWant(W, m.fontPx));
  ctx.font = `${m.fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (let t = Math.ceil(view.t0 / step) * step; t <= view.t0 + view.span; t += step) {
    const px = Math.round(x(t)) + 0.5;
    ctx.fillStyle = colors.grid;
    ctx.fillRect(px, axisH, 1, plotH);
    ctx.fillStyle = colors.muted;
    ctx.fillText(tickLabel(t, step, utc), px + m.fontPx / 4, axisH / 2);
  }

  const barH = laneH < 2 ? 1 : Math.max(1, laneH - (laneH > 4 ? 2 : 1));
  // With more keys than pixel rows (the overview) lanes go by deadline, so that the keys sharing a
  // row expired together and each row still reads as "alive until here, stale until there".
  const order = laneOrder(store, view.laneTop, lanes, laneH < 1);
  const placed: Placed[] = [];
  for (let lane = 0; lane < order.length; lane++) {
    const l = order[lane] as Lifetime;
    const end = l.end ?? now;
    const x0 = x(l.setAt);
    const xEnd = x(end);
    if (xEnd < -4 || x0 > W + 4) continue;
    placed.push({
      l,
      y: Math.floor(axisH + lane * laneH),
      x0,
      xd: x(l.deadline),
      xEnd,
      stale: end > l.deadline,
    });
  }
  // One pass per colour: thousands of bars cost a few state changes, not thousands.
  drawBars(ctx, placed, barH, colors);
  if (laneH >= m.labelLane) {
    ctx.fillStyle = colors.text;
    ctx.textBaseline = 'middle';
    for (const p of placed) {
      const name = displayKey(p.l.key);
      ctx.fillText(
        name.length > 40 ? `${name.slice(0, 40)}…` : name,
        Math.max(2, p.x0) + m.fontPx / 4,
        p.y + barH / 2,
      );
    }
  }
  const drawn = placed.length;
  return { drawn, lanes, laneH, order };
}

let cached: { store: LifetimeStore; key: string; order: Lifetime[] } | null = null;

/** The lanes' lifetimes, top down; sorted by deadline for the overview, cached while nobody comes or goes. */
function laneOrder(store: LifetimeStore, top: number, lanes: number, byDeadline: boolean): Lifetime[] {
  const key = `${store.membership}|${top}|${lanes}|${byDeadline}`;
  if (cached?.store === store && cached.key === key) return cached.order;
  const order: Lifetime[] = [];
  for (let lane = 0; lane < lanes; lane++) {
    const l = store.at(top + lane);
    if (!l) break;
    order.push(l);
  }
  if (byDeadline) order.sort((a, b) => a.deadline - b.deadline);
  cached = { store, key, order };
  return order;
}

/** The "now" line, on its own layer so it moves every frame whatever the bars cost. */
export function drawNow(
  ctx: CanvasRenderingContext2D,
  view: Viewport,
  size: { width: number; height: number },
  now: number,
  color: string,
  width = 2,
): void {
  ctx.clearRect(0, 0, size.width, size.height);
  const nx = Math.round(((now - view.t0) / view.span) * size.width) + 0.5;
  ctx.fillStyle = color;
  ctx.fillRect(nx - width / 4, 0, width, size.height);
}

interface Placed {
  readonly l: Lifetime;
  readonly y: number;
  readonly x0: number;
  readonly xd: number;
  readonly xEnd: number;
  readonly stale: boolean;
}

function drawBars(ctx: CanvasRenderingContext2D, placed: readonly Placed[], h: number, c: Palette): void {
  // Past its deadline but not yet removed: deadline → removal (or now), lighter and thinner. Drawn
  // first, so that where lanes share a pixel row (the overview) the live part stays on top.
  ctx.fillStyle = c.stale;
  const inset = h > 4 ? Math.floor(h / 4) : 0;
  const stale = new RowRuns((x, y, w) => ctx.fillRect(x, y, w, h - 2 * inset));
  for (const p of placed) if (p.stale) stale.add(p.y + inset, p.xd, p.xd + Math.max(1, p.xEnd - p.xd));
  stale.flush();
  // Alive with its TTL: set → deadline (or the earlier end).
  ctx.fillStyle = c.bar;
  const live = new RowRuns((x, y, w) => ctx.fillRect(x, y, w, h));
  for (const p of placed) live.add(p.y, p.x0, p.x0 + Math.max(1, Math.min(p.xd, p.xEnd) - p.x0));
  live.flush();
  // How it went: circle for lazy, diamond for active, bar for a command or flush.
  for (const how of ['lazy', 'active', 'other'] as const) {
    ctx.fillStyle = how === 'lazy' ? c.lazy : how === 'active' ? c.active : c.command;
    ctx.beginPath();
    const strokes = new RowRuns((x, y, w) => ctx.rect(x, y, w, h));
    for (const p of placed) {
      const ended = p.l.how;
      if (ended === null || (how === 'other' ? ended === 'lazy' || ended === 'active' : ended !== how))
        continue;
      if (h < 3) {
        // Thin overview lanes: the mark is a short stroke.
        strokes.add(p.y, p.xEnd - 1, p.xEnd + 2);
        continue;
      }
      const s = Math.max(3, h);
      const cy = p.y + h / 2;
      if (how === 'lazy') {
        ctx.moveTo(p.xEnd + s / 2, cy);
        ctx.arc(p.xEnd, cy, s / 2, 0, Math.PI * 2);
      } else if (how === 'active') {
        ctx.moveTo(p.xEnd, cy - s / 2);
        ctx.lineTo(p.xEnd + s / 2, cy);
        ctx.lineTo(p.xEnd, cy + s / 2);
        ctx.lineTo(p.xEnd - s / 2, cy);
        ctx.closePath();
      } else {
        const w = Math.max(3, Math.round(h / 5));
        ctx.rect(p.xEnd - w / 2, p.y - 1, w, h + 2);
      }
    }
    strokes.flush();
    ctx.fill();
  }
}
