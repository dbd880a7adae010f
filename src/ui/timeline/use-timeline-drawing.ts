import { type RefObject, useEffect, useRef, useState } from 'react';
import { displayKey } from '../key-view.ts';
import { fontPx } from '../scale.ts';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import {
  DEFAULT_METRICS,
  drawNow,
  drawTimeline,
  laneCount,
  type Metrics,
  type Palette,
  timelineMetrics,
  type Viewport,
} from './draw.ts';
import { countLifetimes, type Lifetime } from './lifetimes.ts';
import { selectedFieldKey, shownLifetimes } from './timeline-feed.ts';

/** Above this many bars in view, the bar layer is redrawn at most every BUSY_REDRAW_MS. */
const BUSY_BARS = 1500;
const BUSY_REDRAW_MS = 200;

/** Where the last drawing put things: the pointer and the keys read it to aim. */
export interface TimelineLayout {
  lanes: number;
  laneH: number;
  width: number;
  drawn: number;
  order: readonly Lifetime[];
}

export interface TimelineRefs {
  readonly canvas: RefObject<HTMLCanvasElement | null>;
  /** The overlay with the "now" line, redrawn every frame over the bars. */
  readonly now: RefObject<HTMLCanvasElement | null>;
  readonly view: RefObject<Viewport>;
  readonly follow: RefObject<boolean>;
  /** Showing the selected key's fields rather than every key. */
  readonly fields: RefObject<boolean>;
}

function palette(el: Element): Palette {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    bg: v('--bg-panel'),
    text: v('--text'),
    muted: v('--muted'),
    grid: v('--border'),
    bar: v('--bar'),
    stale: `color-mix(in srgb, ${v('--warn')} 55%, transparent)`,
    lazy: v('--warn'),
    active: v('--ok'),
    command: v('--error'),
    now: v('--accent'),
  };
}

/**
 * One animation loop draws the timeline: the "now" line moves, so the overlay is redrawn every frame
 * while the clock runs, the bars when something changed (at most five times a second when thousands
 * are in view). `rootPx`, the app's scale, restarts the loop at the new metrics.
 */
export function useTimelineDrawing(refs: TimelineRefs, utc: boolean, rootPx: number) {
  const metrics = useRef<Metrics>(DEFAULT_METRICS);
  const layout = useRef<TimelineLayout>({ lanes: 1, laneH: 16, width: 1, drawn: 0, order: [] });
  useEffect(() => {
    void rootPx;
    const canvas = refs.canvas.current;
    const overlay = refs.now.current;
    if (!canvas || !overlay) return;
    const ctx = canvas.getContext('2d');
    const octx = overlay.getContext('2d');
    if (!ctx || !octx) return;
    // Bars drawn with this view; the now line is placed on the same one.
    const drawnView: Viewport = { ...refs.view.current };
    let lastBars = Number.NEGATIVE_INFINITY;
    let colors = palette(canvas);
    // The theme attribute changes after this effect runs (the app sets it in its own effect).
    let theme = document.documentElement.dataset.theme;
    let frame = 0;
    let lastDraw = '';
    // Measured on resize, not per frame (reading the layout every frame forces a reflow); the
    // font size is the canvas's computed one, so the drawing is at the app's scale.
    let rect = canvas.getBoundingClientRect();
    metrics.current = timelineMetrics(fontPx(canvas));
    const resize = new ResizeObserver(() => {
      rect = canvas.getBoundingClientRect();
      const m = timelineMetrics(fontPx(canvas));
      if (m.fontPx !== metrics.current.fontPx) {
        metrics.current = m;
        lastDraw = '';
      }
    });
    resize.observe(canvas);
    const draw = () => {
      frame = requestAnimationFrame(draw);
      const now = virtualNow(useApp.getState().clock);
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(rect.width));
      const h = Math.max(1, Math.round(rect.height));
      if (canvas.width !== w * dpr || canvas.height !== h * dpr) {
        canvas.width = overlay.width = w * dpr;
        canvas.height = overlay.height = h * dpr;
        colors = palette(canvas);
        lastDraw = '';
      }
      if (document.documentElement.dataset.theme !== theme) {
        theme = document.documentElement.dataset.theme;
        colors = palette(canvas);
        lastDraw = '';
      }
      const v = refs.view.current;
      const m = metrics.current;
      const fields = refs.fields.current;
      const src = shownLifetimes(fields);
      const lanes = laneCount(src.size, h - m.axisH, m.maxLane);
      if (refs.follow.current) {
        v.t0 = now - v.span * 0.85;
        v.laneTop = Math.max(0, src.size - lanes);
      }
      const key = `${fields}|${src.version}|${now}|${v.t0}|${v.span}|${v.laneTop}|${w}x${h}`;
      const due = layout.current.drawn < BUSY_BARS || performance.now() - lastBars >= BUSY_REDRAW_MS;
      if (key !== lastDraw && (due || lastDraw === '')) {
        lastDraw = key;
        lastBars = performance.now();
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        const r = drawTimeline(ctx, src, v, { width: w, height: h }, now, colors, utc, m);
        layout.current = { lanes: r.lanes, laneH: r.laneH, width: w, drawn: r.drawn, order: r.order };
        Object.assign(drawnView, v);
      }
      octx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawNow(octx, drawnView, { width: w, height: h }, now, colors.now, m.nowWidth);
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
    };
  }, [refs, utc, rootPx]);
  return { metrics, layout };
}

/**
 * What the canvas says to a screen reader (and the bar count the tests read), and which selected
 * key's fields it could show: these change a few times a second at most.
 */
export function useTimelineSummary(fields: RefObject<boolean>) {
  const [summary, setSummary] = useState('No keys with a TTL yet');
  const [bars, setBars] = useState(0);
  const [fieldKey, setFieldKey] = useState<string | null>(null);
  useEffect(() => {
    const label = setInterval(() => {
      const key = selectedFieldKey();
      setFieldKey(key);
      const src = shownLifetimes(fields.current);
      const c = countLifetimes(src, virtualNow(useApp.getState().clock));
      setBars(src.size);
      const counts = `${c.live} live, ${c.stale} stale, ${c.removed} removed (${c.active} active, ${c.lazy} lazy)`;
      setSummary(
        fields.current && key !== null
          ? `Lifetimes of ${src.size} fields of ${displayKey(key)}: ${counts}`
          : src.size === 0
            ? 'No keys with a TTL yet'
            : `Lifetimes of ${src.size} keys: ${counts}${src.evicted ? `; ${src.evicted} older not shown` : ''}`,
      );
    }, 250);
    return () => clearInterval(label);
  }, [fields]);
  return { summary, bars, fieldKey };
}
