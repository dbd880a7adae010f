import { useEffect, useRef } from 'react';
import type { ClockOp } from '../../worker/protocol.ts';
import { CLOCK_RATES } from '../../worker/virtual-clock.ts';
import { type PageClient, useClient } from '../client-context.tsx';
import { formatClockTime, formatInstant } from '../format-time.ts';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import './clock.css';

const STEPS = [
  { ms: 100, text: '+100 ms', name: 'Step 100 ms' },
  { ms: 1000, text: '+1 s', name: 'Step 1 s' },
  { ms: 10_000, text: '+10 s', name: 'Step 10 s' },
] as const;

export const clockOp = (client: PageClient, op: ClockOp) => client.send({ type: 'clock', op });

/** Pause/Play. */
export function PlayButton() {
  const client = useClient();
  const paused = useApp((s) => s.clock?.paused ?? false);
  return (
    <button
      type="button"
      className="primary"
      aria-label={paused ? 'Play' : 'Pause'}
      onClick={() => clockOp(client, { kind: paused ? 'play' : 'pause' })}
      title={paused ? 'Let virtual time run' : 'Freeze virtual time'}
    >
      <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span> {paused ? 'Play' : 'Pause'}
    </button>
  );
}

/** The virtual time, ticking every frame without re-rendering React. */
export function VirtualTime({ short = false }: { short?: boolean }) {
  const paused = useApp((s) => s.clock?.paused ?? false);
  const zone = useApp((s) => s.timeZone);
  const timeRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let raf = 0;
    let last = '';
    const tick = () => {
      const el = timeRef.current;
      if (el) {
        const now = Math.floor(virtualNow(useApp.getState().clock));
        const text = short ? formatClockTime(now, zone) : formatInstant(now, zone);
        if (text !== last) {
          el.textContent = text;
          last = text;
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [zone, short]);
  return (
    <span className={`virtual-time${short ? ' short' : ''}${zone === 'utc' ? ' utc' : ''}`}>
      <span className="muted" id="virtual-time-label">
        Virtual time
      </span>
      <output aria-labelledby="virtual-time-label" className={paused ? 'paused' : ''}>
        <span ref={timeRef} />
      </output>
    </span>
  );
}

/** Speed, the steps and "Next expiry". */
export function ClockMoves() {
  const client = useClient();
  const rate = useApp((s) => s.clock?.rate ?? 1);
  return (
    <>
      <label className="speed">
        <span className="visually-hidden">Clock speed</span>
        <select
          aria-label="Clock speed"
          value={String(rate)}
          onChange={(e) => clockOp(client, { kind: 'rate', rate: Number(e.target.value) })}
        >
          {CLOCK_RATES.map((r) => (
            <option key={r} value={String(r)}>
              {r}×
            </option>
          ))}
        </select>
      </label>
      {STEPS.map(({ ms, text, name }) => (
        <button
          key={ms}
          type="button"
          aria-label={name}
          onClick={() => clockOp(client, { kind: 'step', ms })}
        >
          {text}
        </button>
      ))}
      <button
        type="button"
        onClick={() => clockOp(client, { kind: 'next-expiry' })}
        title="Jump to just after the next key's deadline"
      >
        Next expiry
      </button>
    </>
  );
}

/**
 * Pause/Play, speed, steps, "Next expiry" and the virtual time. `compact`: only Play/Pause and the
 * time (the rest is in the toolbar's menu).
 */
export function ClockBar({ compact = false }: { compact?: boolean }) {
  return (
    <div className="clock-bar" role="toolbar" aria-label="Clock">
      <PlayButton />
      {!compact && <ClockMoves />}
      <VirtualTime short={compact} />
    </div>
  );
}
