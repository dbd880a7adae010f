import { useEffect, useRef } from 'react';
import { CLOCK_RATES } from '../../worker/virtual-clock.ts';
import { formatInstant } from '../format-time.ts';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';
import { workerClient } from '../worker-client.ts';

const STEPS = [
  { ms: 100, text: '+100 ms', name: 'Step 100 ms' },
  { ms: 1000, text: '+1 s', name: 'Step 1 s' },
  { ms: 10_000, text: '+10 s', name: 'Step 10 s' },
] as const;

/** Pause/Play, speed, steps, "Next expiry" and the virtual time, which ticks without re-rendering React. */
export function ClockBar() {
  const paused = useApp((s) => s.clock?.paused ?? false);
  const rate = useApp((s) => s.clock?.rate ?? 1);
  const zone = useApp((s) => s.timeZone);
  const timeRef = useRef<HTMLOutputElement>(null);

  useEffect(() => {
    let raf = 0;
    let last = '';
    const tick = () => {
      const el = timeRef.current;
      if (el) {
        const text = formatInstant(Math.floor(virtualNow(useApp.getState().clock)), zone);
        if (text !== last) {
          el.textContent = text;
          last = text;
        }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [zone]);

  const op = (o: Parameters<ReturnType<typeof workerClient>['send']>[0]) => workerClient().send(o);
  return (
    <div className="clock-bar" role="toolbar" aria-label="Clock">
      <button
        type="button"
        className="primary"
        aria-label={paused ? 'Play' : 'Pause'}
        onClick={() => op({ type: 'clock', op: { kind: paused ? 'play' : 'pause' } })}
        title={paused ? 'Let virtual time run' : 'Freeze virtual time'}
      >
        <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span> {paused ? 'Play' : 'Pause'}
      </button>
      <label className="speed">
        <span className="visually-hidden">Clock speed</span>
        <select
          aria-label="Clock speed"
          value={String(rate)}
          onChange={(e) => op({ type: 'clock', op: { kind: 'rate', rate: Number(e.target.value) } })}
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
          onClick={() => op({ type: 'clock', op: { kind: 'step', ms } })}
        >
          {text}
        </button>
      ))}
      <button
        type="button"
        onClick={() => op({ type: 'clock', op: { kind: 'next-expiry' } })}
        title="Jump to just after the next key's deadline"
      >
        Next expiry
      </button>
      <span className="virtual-time">
        <span className="muted" id="virtual-time-label">
          Virtual time
        </span>
        <output ref={timeRef} aria-labelledby="virtual-time-label" className={paused ? 'paused' : ''} />
      </span>
    </div>
  );
}
