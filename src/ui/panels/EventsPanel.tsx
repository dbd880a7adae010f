import type { CycleSummary, EventRecord } from '../../worker/protocol.ts';
import { formatClockTime } from '../format-time.ts';
import { displayKey } from '../key-view.ts';
import { useApp } from '../store/index.ts';

/** Keyspace events with their cause, and what each active expiry cycle sampled and why it stopped. */

const STOP_TEXT = {
  'no-volatile-keys': 'no keys with a TTL',
  'stale-at-or-below-threshold': '≤ 10 % of the sample was stale',
  'time-limit': 'time budget used up',
} as const;

function causeText(e: EventRecord): string {
  switch (e.cause.kind) {
    case 'command':
      return e.cause.command.toUpperCase();
    case 'lazy':
      return `lazy, on ${e.cause.command.toUpperCase()}`;
    case 'active':
      return 'active cycle';
  }
}

function cycleText(c: CycleSummary): string {
  const stops = [
    ...new Set(c.dbStops.filter((s) => s.stop !== 'no-volatile-keys').map((s) => STOP_TEXT[s.stop])),
  ];
  return `${c.kind} cycle: sampled ${c.sampled}, expired ${c.expired} in ${c.loops} loop${c.loops === 1 ? '' : 's'} (${c.elapsedUs} of ${c.timeLimitUs} µs)${stops.length ? `; stopped: ${stops.join(', ')}` : ''}`;
}

export function EventsPanel() {
  const events = useApp((s) => s.events);
  const dropped = useApp((s) => s.eventsDropped);
  const cycles = useApp((s) => s.cycles);
  const zone = useApp((s) => s.timeZone);
  const recent = events.slice(-300).reverse();
  return (
    <section className="events-panel" aria-label="Events">
      <div className="events-toolbar">
        <h2>Keyspace events</h2>
        <span className="muted">
          newest first{dropped > 0 ? ` · ${dropped} not shown` : ''} · every event, whatever
          notify-keyspace-events says
        </span>
        <button type="button" onClick={() => useApp.getState().clearEvents()}>
          Clear
        </button>
      </div>
      <ol className="event-list" role="log" aria-label="Keyspace events">
        {recent.map((e) => (
          <li key={e.id} className={`ev ev-${e.event}`}>
            <span className="stamp">{formatClockTime(e.at, zone)}</span>
            <span className="ev-name">{e.event}</span>
            <span className="key-name">{displayKey(e.key)}</span>
            <span className="muted">
              db{e.db} · {causeText(e)}
              {e.channels.length > 0 ? ` · published on ${e.channels.join(', ')}` : ''}
            </span>
          </li>
        ))}
      </ol>
      <h2>Active expiry cycles</h2>
      <ol className="cycle-list" role="log" aria-label="Expiry cycles">
        {cycles
          .slice(-100)
          .reverse()
          .map((c) => (
            <li key={c.cycle}>
              <span className="stamp">{formatClockTime(c.at, zone)}</span> {cycleText(c)}
              {c.samples.length > 0 && (
                <span className="samples">
                  {c.samples.map((s) => (
                    <span
                      key={`${s.db}\0${s.key}`}
                      className={s.ttlMs < 0 ? 'sample stale' : 'sample'}
                      title={`${s.ttlMs} ms`}
                    >
                      {displayKey(s.key)}
                    </span>
                  ))}
                </span>
              )}
            </li>
          ))}
      </ol>
    </section>
  );
}
