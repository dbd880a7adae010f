import {
  type KeyboardEvent,
  type PointerEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
  type WheelEvent,
} from 'react';
import { useClient } from '../client-context.tsx';
import { formatInstant } from '../format-time.ts';
import { displayKey } from '../key-view.ts';
import { useRootFontPx } from '../scale.ts';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import type { Viewport } from './draw.ts';
import type { Lifetime } from './lifetimes.ts';
import { feedTimeline, shownLifetimes } from './timeline-feed.ts';
import './timeline.css';
import { useTimelineDrawing, useTimelineSummary } from './use-timeline-drawing.ts';

/**
 * Each volatile key's life on a virtual-time axis: a bar from when it was set to its deadline, a
 * thinner one from the deadline to when it was actually removed, and a mark for how (circle: lazy,
 * on access; diamond: the active cycle; bar: a command or a flush). Drawn on one canvas
 * (use-timeline-drawing.ts) from a bounded store fed straight from the worker's messages
 * (timeline-feed.ts), outside React; here, the controls, the pointer and the keys.
 */

const MIN_SPAN = 10;
const MAX_SPAN = 7 * 86_400_000;

interface Hover {
  readonly life: Lifetime;
  readonly x: number;
  readonly y: number;
}

export function TimelinePanel() {
  const client = useClient();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nowRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<Viewport>({ t0: 0, span: 30_000, laneTop: 0 });
  const [follow, setFollow] = useState(true);
  const followRef = useRef(true);
  const [hover, setHover] = useState<Hover | null>(null);
  // Showing the selected key's fields rather than every key (only while it has some).
  const [fieldsWanted, setFieldsWanted] = useState(false);
  const fieldsRef = useRef(false);
  const { summary, bars, fieldKey } = useTimelineSummary(fieldsRef);
  fieldsRef.current = fieldsWanted && fieldKey !== null;
  followRef.current = follow;
  const zone = useApp((s) => s.timeZone);
  // The canvas's text and marks follow the app's scale.
  const rootPx = useRootFontPx();
  const drag = useRef<{ x: number; y: number; t0: number; laneTop: number } | null>(null);
  const refs = useMemo(
    () => ({ canvas: canvasRef, now: nowRef, view, follow: followRef, fields: fieldsRef }),
    [],
  );
  const { metrics, layout } = useTimelineDrawing(refs, zone === 'utc', rootPx);

  useEffect(() => feedTimeline(client), [client]);

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
    Math.max(0, Math.min(Math.max(0, shownLifetimes(fieldsRef.current).size - layout.current.lanes), top));
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
