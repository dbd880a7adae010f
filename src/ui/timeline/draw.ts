import { displayKey } from '../key-view.ts';
import type { Lifetime, LifetimeStore } from './lifetimes.ts';

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

export const AXIS_H = 18;
const MIN_LANE = 3;
const MAX_LANE = 16;

export function laneHeight(count: number, plotH: number): number {
  return Math.max(MIN_LANE, Math.min(MAX_LANE, Math.floor(plotH / Math.max(1, count))));
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
}

export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  store: LifetimeStore,
  view: Viewport,
  size: { width: number; height: number },
  now: number,
  colors: Palette,
  utc: boolean,
): DrawResult {
  const { width: W, height: H } = size;
  const plotH = H - AXIS_H;
  const laneH = laneHeight(store.size, plotH);
  const lanes = Math.floor(plotH / laneH);
  const x = (t: number) => ((t - view.t0) / view.span) * W;
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, W, H);

  // Axis and grid.
  const step = tickStep(view.span);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (let t = Math.ceil(view.t0 / step) * step; t <= view.t0 + view.span; t += step) {
    const px = Math.round(x(t)) + 0.5;
    ctx.fillStyle = colors.grid;
    ctx.fillRect(px, AXIS_H, 1, plotH);
    ctx.fillStyle = colors.muted;
    ctx.fillText(tickLabel(t, step, utc), px + 3, AXIS_H / 2);
  }

  let drawn = 0;
  const barH = Math.max(1, laneH - (laneH > 4 ? 2 : 1));
  for (let lane = 0; lane < lanes; lane++) {
    const life = store.at(view.laneTop + lane);
    if (!life) break;
    const y = AXIS_H + lane * laneH;
    if (drawLifetime(ctx, life, x, y, barH, now, colors, W, laneH >= 12)) drawn++;
  }

  // Now.
  const nx = Math.round(x(now)) + 0.5;
  ctx.fillStyle = colors.now;
  ctx.fillRect(nx - 0.5, 0, 2, H);
  return { drawn, lanes, laneH };
}

function drawLifetime(
  ctx: CanvasRenderingContext2D,
  l: Lifetime,
  x: (t: number) => number,
  y: number,
  h: number,
  now: number,
  c: Palette,
  W: number,
  label: boolean,
): boolean {
  const end = l.end ?? now;
  const x0 = x(l.setAt);
  const xEnd = x(end);
  if (xEnd < -4 || x0 > W + 4) return false;
  const xd = x(l.deadline);
  // Alive with its TTL: set → deadline (or the earlier end).
  const solidEnd = Math.min(xd, xEnd);
  ctx.fillStyle = c.bar;
  ctx.fillRect(x0, y, Math.max(1, solidEnd - x0), h);
  // Past its deadline but not yet removed: deadline → removal (or now), lighter and thinner.
  if (end > l.deadline) {
    ctx.fillStyle = c.stale;
    const inset = h > 4 ? Math.floor(h / 4) : 0;
    ctx.fillRect(xd, y + inset, Math.max(1, xEnd - xd), h - 2 * inset);
  }
  if (l.how !== null) {
    ctx.fillStyle = l.how === 'lazy' ? c.lazy : l.how === 'active' ? c.active : c.command;
    const s = Math.max(3, h);
    if (l.how === 'lazy') {
      ctx.beginPath();
      ctx.arc(xEnd, y + h / 2, s / 2, 0, Math.PI * 2);
      ctx.fill();
    } else if (l.how === 'active') {
      ctx.beginPath();
      ctx.moveTo(xEnd, y + h / 2 - s / 2);
      ctx.lineTo(xEnd + s / 2, y + h / 2);
      ctx.lineTo(xEnd, y + h / 2 + s / 2);
      ctx.lineTo(xEnd - s / 2, y + h / 2);
      ctx.fill();
    } else {
      ctx.fillRect(xEnd - 1, y - 1, 3, h + 2);
    }
  }
  if (label) {
    ctx.fillStyle = c.text;
    ctx.textBaseline = 'middle';
    const name = displayKey(l.key);
    ctx.fillText(name.length > 40 ? `${name.slice(0, 40)}…` : name, Math.max(2, x0) + 3, y + h / 2);
  }
  return true;
}
