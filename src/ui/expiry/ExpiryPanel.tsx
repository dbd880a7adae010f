import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../client-context.tsx';
import { cycleDetail, statRows, stripBars, stripSlots } from './cycle-view.ts';
import './expiry.css';
import { formatClockTime } from '../format-time.ts';
import { displayKey } from '../key-view.ts';
import { fontPx } from '../scale.ts';
import { useApp } from '../store/index.ts';
import { useThrottledApp } from '../use-throttled.ts';

/**
 * Active expiry as it runs: the controls (which run the same CONFIG/DEBUG commands a user would
 * type, so they show in the console), INFO's live figures, a strip of recent cycles and the chosen
 * cycle's sample in detail.
 */

const STRIP_W = 480;
const STRIP_H = 64;

function useSlots(ref: RefObject<SVGSVGElement | null>): number {
  const [slots, setSlots] = useState(120);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSlots(stripSlots(el.getBoundingClientRect().width, fontPx(el)));
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return slots;
}

const EFFORTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function Controls() {
  const client = useClient();
  const run = (line: string) => void client.exec([line]);
  const stats = useApp((s) => s.stats);
  const [hz, setHz] = useState('10');
  // The switch moves at once; the worker's next stats confirm it (or a console command moves it).
  const [active, setActive] = useState<boolean | null>(null);
  const enabled = stats?.activeExpireEnabled;
  useEffect(() => {
    if (enabled !== undefined) setActive(null);
  }, [enabled]);
  // Follows hz when it changes (CONFIG SET typed in the console), not on every stats message: those
  // come every second and would overwrite what is being typed in the field.
  const configuredHz = stats?.hz;
  useEffect(() => {
    if (configuredHz !== undefined) setHz(String(configuredHz));
  }, [configuredHz]);
  const applyHz = () => {
    const n = Number(hz);
    if (Number.isInteger(n) && n >= 1 && n <= 500 && n !== stats?.hz) run(`CONFIG SET hz ${n}`);
  };
  return (
    <fieldset className="expiry-controls">
      <legend>Active expiry</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={active ?? enabled ?? true}
          onChange={(e) => {
            setActive(e.target.checked);
            run(`DEBUG SET-ACTIVE-EXPIRE ${e.target.checked ? 1 : 0}`);
          }}
        />
        Active expiry
      </label>
      <label>
        hz
        <input
          type="number"
          aria-label="hz"
          min={1}
          max={500}
          value={hz}
          onChange={(e) => setHz(e.target.value)}
          onBlur={applyHz}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applyHz();
          }}
        />
      </label>
      <label>
        active-expire-effort
        <select
          aria-label="active-expire-effort"
          value={stats?.activeExpireEffort ?? 1}
          onChange={(e) => run(`CONFIG SET active-expire-effort ${e.target.value}`)}
        >
          {EFFORTS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

function Stats() {
  const stats = useApp((s) => s.stats);
  if (!stats) return null;
  return (
    <section aria-label="Expiry stats" className="expiry-stats">
      <table aria-label="INFO expiry figures">
        <tbody>
          {statRows(stats).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stats.dbs.length > 0 && (
        <p className="muted keyspace-line">
          {stats.dbs
            .map((d) => `db${d.db}:keys=${d.keys},expires=${d.expires},avg_ttl=${d.avgTtl}`)
            .join('  ')}
        </p>
      )}
    </section>
  );
}

export function ExpiryPanel() {
  // At 10x a hundred cycles a second go by: a strip redrawn four times a second is as readable,
  // and a quarter of the renders.
  const cycles = useThrottledApp((s) => s.cycles, 250);
  const zone = useApp((s) => s.timeZone);
  // null follows the newest cycle; a number pins one (hover, click or the slider).
  const [picked, setPicked] = useState<number | null>(null);
  const stripRef = useRef<SVGSVGElement>(null);
  const slots = useSlots(stripRef);
  const bars = useMemo(() => stripBars(cycles, STRIP_W, slots), [cycles, slots]);
  const chosen = cycles.find((c) => c.cycle === picked) ?? cycles.at(-1);
  const detail = chosen ? cycleDetail(chosen) : null;
  const index = chosen ? cycles.indexOf(chosen) : 0;

  return (
    <section className="expiry-panel" aria-label="Active expiry">
      <Controls />
      <Stats />
      <h2>Recent cycles</h2>
      <svg
        ref={stripRef}
        className="cycle-strip"
        viewBox={`0 0 ${STRIP_W} ${STRIP_H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Recent active expiry cycles: ${cycles.length} recorded, ${cycles.reduce((n, c) => n + c.expired, 0)} keys expired`}
        data-cycles={bars.length}
        onMouseLeave={() => setPicked(null)}
      >
        {bars.map((b) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: the slider below offers the same choice by keyboard.
          <g
            key={b.cycle}
            onMouseEnter={() => setPicked(b.cycle)}
            className={b.cycle === chosen?.cycle ? 'on' : ''}
          >
            <rect className="hit" x={b.x} y={0} width={b.width} height={STRIP_H} />
            <rect
              className="sampled"
              x={b.x}
              y={STRIP_H * (1 - b.sampled)}
              width={b.width}
              height={STRIP_H * b.sampled}
            />
            <rect
              className={`expired ${b.kind}`}
              x={b.x}
              y={STRIP_H * (1 - b.expired)}
              width={b.width}
              height={STRIP_H * b.expired}
            />
            {b.hitTimeLimit && <rect className="cap" x={b.x} y={0} width={b.width} height={3} />}
          </g>
        ))}
      </svg>
      <p className="muted legend">
        Bar height: keys expired (faint: sampled), square-root scale; orange: fast cycle; red top: time budget
        reached.
      </p>
      {cycles.length > 0 && (
        <input
          type="range"
          aria-label="Shown cycle"
          min={0}
          max={cycles.length - 1}
          value={index}
          onChange={(e) => {
            const i = Number(e.target.value);
            setPicked(i === cycles.length - 1 ? null : (cycles[i]?.cycle ?? null));
          }}
        />
      )}
      {chosen && detail ? (
        <article className="cycle-detail" aria-label="Cycle detail">
          <h3>
            {detail.title} <span className="muted">at {formatClockTime(chosen.at, zone)}</span>
          </h3>
          <dl>
            {detail.facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          {detail.stops.length > 0 && <p>Stopped: {detail.stops.join('; ')}</p>}
          {chosen.samples.length > 0 && (
            <ul className="samples" aria-label="Sampled keys">
              {chosen.samples.map((s, i) => (
                <li
                  // A key sampled again in a later loop of the same cycle appears twice.
                  // biome-ignore lint/suspicious/noArrayIndexKey: samples are a fixed record, in order.
                  key={i}
                  className={s.ttlMs < 0 ? 'sample stale' : 'sample'}
                  title={s.ttlMs < 0 ? `${-s.ttlMs} ms past its deadline: deleted` : `${s.ttlMs} ms left`}
                >
                  {displayKey(s.key)}
                </li>
              ))}
            </ul>
          )}
        </article>
      ) : (
        <p className="muted">
          No cycle has sampled anything yet: give some keys a TTL (the cycle only looks at keys that have
          one).
        </p>
      )}
    </section>
  );
}
