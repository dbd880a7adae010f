import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState, type WheelEvent } from 'react';
import { formatInstant } from '../format-time.ts';
import { displayKey } from '../key-view.ts';
import { fontPx, useRootFontPx } from '../scale.ts';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import { selectedRowOf } from '../store/keys-slice.ts';
import {
  DEFAULT_METRICS,
  drawNow,
  drawTimeline,
  laneCount,
  type Metrics,
  type Palette,
  timelineMetrics,
  type Viewport,
} from '../timeline/draw.ts';
import { fieldTimeline } from '../timeline/field-lifetimes.ts';
import { countLifetimes, type Lifetime, LifetimeStore } from '../timeline/lifetimes.ts';
import '../timeline/timeline.css';
import { workerClient } from '../worker-client.ts';

/**
 * Each volatile key's life on a virtual-time axis: a bar from when it was set to its deadline, a
 * thinner one from the deadline to when it was actually removed, and a mark for how (circle: lazy,
 * on access; diamond: the active cycle; bar: a command or a flush). Drawn on one canvas from a
 * bounded store fed straight from the worker's messages, outside React.
 */

/** The lifetimes of the session shown; those of the others wait in `stashed` (see session-slice.ts). */
let store = new LifetimeStore();
let storeSession = 'learner';
const stashed = new Map<string, LifetimeStore>();
/** The store just swapped in is the shown session's as it was left: its snapshot adds nothing. */
let restored = false;
let subscribed = false;

function switchTo(session: string, open: readonly string[]): void {
  if (session !== storeSession) {
    stashed.set(storeSession, store);
    const back = stashed.get(session);
    stashed.delete(session);
    store = back ?? new LifetimeStore();
    // The canvas redraws when the version moves; a store swapped in must not match the last key.
    store.version++;
    restored = back !== undefined;
    storeSession = session;
  }
  for (const id of [...stashed.keys()]) if (!open.includes(id)) stashed.delete(id);
}

function feed(): void {
  if (subscribed) return;
  subscribed = true;
  workerClient().subscribe((msg) => {
    if (msg.type === 'sessions') {
      switchTo(
        msg.active.id,
        msg.sessions.map((s) => s.id),
      );
    } else if (msg.type === 'snapshot') {
      if (!restored) store.reset(msg.rows);
      restored = false;
      fieldTimeline.clear();
    } else if (msg.type === 'batch') {
      const now = virtualNow(msg.clock);
      for (const c of msg.events) fieldTimeline.noteEvents(c.records);
      for (const db of msg.flushed) {
        store.flush(db, now);
        fieldTimeline.flushed(db, now);
      }
      for (const g of msg.removals) {
        store.removeGroup(g);
        fieldTimeline.keyRemoved(g);
      }
      for (const row of msg.upserts) store.upsert(row, now);
    }
  });
}

const MIN_SPAN = 10;
/** Above this many bars in view, the bar layer is redrawn at most every BUSY_REDRAW_MS. */
const BUSY_BARS = 1500;
const BUSY_REDRAW_MS = 200;
const MAX_SPAN = 7 * 86_400_000;

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

/** The selected key whose field lifetimes the timeline can show (see field-lifetimes.ts), or null. */
function selectedFieldKey(): string | null {
  const s = useApp.getState();
  const row = selectedRowOf(s);
  const ft = fieldTimeline;
  return row && ft.key === row.key && ft.db === row.db && ft.store.size > 0 ? row.key : null;
}

/** The lifetimes drawn: the selected key's fields, or every key's. */
const shown = (fields: boolean): LifetimeStore => (fields ? fieldTimeline.store : store);

interface Hover {
  readonly life: Lifetime;
  readonly x: number;
  readonly y: number;
}

export function TimelinePanel() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nowRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<Viewport>({ t0: 0, span: 30_000, laneTop: 0 });
  const [follow, setFollow] = useState(true);
  const followRef = useRef(true);
  const [hover, setHover] = useState<Hover | null>(null);
  const [summary, setSummary] = useState('No keys with a TTL yet');
  const [bars, setBars] = useState(0);
  // Showing the selected key's fields rather than every key (only while it has some).
  const [fieldsWanted, setFieldsWanted] = useState(false);
  const [fieldKey, setFieldKey] = useState<string | null>(null);
  const fieldsRef = useRef(false);
  fieldsRef.current = fieldsWanted && fieldKey !== null;
  const zone = useApp((s) => s.timeZone);
  // The canvas's text and marks follow the app's scale: re-read when it changes.
  const rootPx = useRootFontPx();
  const metrics = useRef<Metrics>(DEFAULT_METRICS);
  const drag = useRef<{ x: number; y: number; t0: number; laneTop: number } | null>(null);
  const layout = useRef<{
    lanes: number;
    laneH: number;
    width: number;
    drawn: number;
    order: readonly Lifetime[];
  }>({
    lanes: 1,
    laneH: 16,
    width: 1,
    drawn: 0,
    order: [],
  });

  followRef.current = follow;
  useEffect(feed, []);

  // One animation loop: the "now" line moves, so redraw every frame while the clock runs.
  useEffect(() => {
    // A new scale (the font setting, presentation mode) starts the loop again at the new metrics.
    void rootPx;
    const canvas = canvasRef.current;
    const overlay = nowRef.current;
    if (!canvas || !overlay) return;
    const ctx = canvas.getContext('2d');
    const octx = overlay.getContext('2d');
    if (!ctx || !octx) return;
    // Bars drawn with this view; the now line is placed on the same one.
    const drawnView: Viewport = { ...view.current };
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
      const clock = useApp.getState().clock;
      const now = virtualNow(clock);
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
      const v = view.current;
      const m = metrics.current;
      const src = shown(fieldsRef.current);
      const lanes = laneCount(src.size, h - m.axisH, m.maxLane);
      if (followRef.current) {
        v.t0 = now - v.span * 0.85;
        v.laneTop = Math.max(0, src.size - lanes);
      }
      const key = `${fieldsRef.current}|${src.version}|${now}|${v.t0}|${v.span}|${v.laneTop}|${w}x${h}`;
      // Thousands of bars are redrawn five times a second; the now line moves every frame.
      const due = layout.current.drawn < BUSY_BARS || performance.now() - lastBars >= BUSY_REDRAW_MS;
      if (key !== lastDraw && (due || lastDraw === '')) {
        lastDraw = key;
        lastBars = performance.now();
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        const r = drawTimeline(ctx, src, v, { width: w, height: h }, now, colors, zone === 'utc', m);
        layout.current = { lanes: r.lanes, laneH: r.laneH, width: w, drawn: r.drawn, order: r.order };
        Object.assign(drawnView, v);
      }
      octx.setTransform(dpr, 0, 0, dpr, 0, 0);
      drawNow(octx, drawnView, { width: w, height: h }, now, colors.now, m.nowWidth);
    };
    frame = requestAnimationFrame(draw);
    // The summary and the bar count change a few times a second at most.
    const label = setInterval(() => {
      const fields = selectedFieldKey();
      setFieldKey(fields);
      const src = shown(fieldsRef.current);
      const c = countLifetimes(src, virtualNow(useApp.getState().clock));
      setBars(src.size);
      const counts = `${c.live} live, ${c.stale} stale, ${c.removed} removed (${c.active} active, ${c.lazy} lazy)`;
      setSummary(
        fieldsRef.current && fields !== null
          ? `Lifetimes of ${src.size} fields of ${displayKey(fields)}: ${counts}`
          : src.size === 0
            ? 'No keys with a TTL yet'
            : `Lifetimes of ${src.size} keys: ${counts}${src.evicted ? `; ${src.evicted} older not shown` : ''}`,
      );
    }, 250);
    return () => {
      cancelAnimationFrame(frame);
      clearInterval(label);
      resize.disconnect();
    };
  }, [zone, rootPx]);

  const zoom = (factor: number, atX?: number) => {
    const v = view.current;
    const w = layout.current.width;
    const anchor = followRef.current ? 0.85 : (atX ?? w / 2) / w;
    const t = v.t0 + anchor * v.span;
    v.span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, v.span * factor));
    v.t0 = t - anchor * v.span;
  };
  const pan = (fraction: number) => {
    setFollow(false);
    view.current.t0 += fraction * view.current.span;
  };
  const clampTop = (top: number) =>
    Math.max(0, Math.min(Math.max(0, shown(fieldsRef.current).size - layout.current.lanes), top));
  const scrollLanes = (by: number) => {
    setFollow(false);
    const v = view.current;
    v.laneTop = clampTop(v.laneTop + by);
  };

  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => {
    if (e.shiftKey) scrollLanes(Math.sign(e.deltaY) * 3);
    else zoom(Math.exp(e.deltaY * 0.0015), e.nativeEvent.offsetX);
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, t0: view.current.t0, laneTop: view.current.laneTop };
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    const v = view.current;
    if (d) {
      if (Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > 3) setFollow(false);
      v.t0 = d.t0 - ((e.clientX - d.x) / layout.current.width) * v.span;
      const top = d.laneTop - Math.round((e.clientY - d.y) / layout.current.laneH);
      v.laneTop = clampTop(top);
      return;
    }
    const { offsetX: x, offsetY: y } = e.nativeEvent;
    const axisH = metrics.current.axisH;
    const lane = Math.floor((y - axisH) / layout.current.laneH);
    const life = y > axisH ? layout.current.order[lane] : undefined;
    if (!life) return setHover(null);
    const px = (t: number) => ((t - v.t0) / v.span) * layout.current.width;
    const end = life.end ?? virtualNow(useApp.getState().clock);
    // The pointer's slack grows with the scale, like the marks it aims at.
    const slack = metrics.current.fontPx / 2;
    setHover(x >= px(life.setAt) - slack && x <= px(end) + slack ? { life, x, y } : null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => pan(-0.1),
      ArrowRight: () => pan(0.1),
      ArrowUp: () => scrollLanes(-1),
      ArrowDown: () => scrollLanes(1),
      '+': () => zoom(0.8),
      '=': () => zoom(0.8),
      '-': () => zoom(1.25),
      f: () => setFollow(true),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const fmt = (t: number) => formatInstant(t, zone);
  return (
    <section className="timeline-panel" aria-label="Lifetime timeline">
      <div className="timeline-toolbar" role="toolbar" aria-label="Timeline controls">
        <strong>Lifetimes</strong>
        <button type="button" onClick={() => zoom(0.5)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom(2)}>
          Zoom out
        </button>
        <button type="button" aria-pressed={follow} onClick={() => setFollow(!follow)}>
          Follow now
        </button>
        {fieldKey !== null && (
          <button
            type="button"
            aria-pressed={fieldsWanted}
            title="One lane per field of the selected key with its own TTL, instead of one per key"
            onClick={() => {
              view.current.laneTop = 0;
              setFieldsWanted(!fieldsWanted);
            }}
          >
            Fields of {displayKey(fieldKey)}
          </button>
        )}
        <span className="muted legend">
          bar: set → deadline · thin: past its deadline, still there · ● lazy · ◆ active · ▮ command
        </span>
      </div>
      <div
        className="timeline-plot"
        role="application"
        aria-label="Timeline: arrows pan, + and - zoom, F follows now"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the plot pans and zooms from the keyboard.
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={summary}
          data-bars={bars}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => {
            drag.current = null;
          }}
          onPointerLeave={() => setHover(null)}
        />
        <canvas ref={nowRef} className="timeline-now" />
        {hover && (
          <div className="timeline-tip" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 8 }}>
            <strong>{displayKey(hover.life.key)}</strong>{' '}
            <span className="muted">
              {fieldsRef.current && fieldKey !== null
                ? `field of ${displayKey(fieldKey)}`
                : `db${hover.life.db}`}
            </span>
            <div>set {fmt(hover.life.setAt)}</div>
            <div>deadline {fmt(hover.life.deadline)}</div>
            <div>
              {hover.life.end === null
                ? 'still there'
                : `${hover.life.how === 'persisted' || hover.life.how === 'replaced' ? 'TTL ended' : 'removed'} ${fmt(hover.life.end)} (${hover.life.cause})`}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
