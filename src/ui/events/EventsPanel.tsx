import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { causeText, eventsToCsv, eventsToJson, filterEvents, type LoggedEvent } from './event-log.ts';
import './events.css';
import { formatClockTime } from '../format-time.ts';
import { displayKey } from '../key-view.ts';
import { useApp } from '../store/index.ts';
import { useThrottledApp } from '../use-throttled.ts';

/**
 * Every keyspace event, in the manner of the DevTools Network panel: time, event, key, database and
 * cause; filters by name and key pattern; Clear, Preserve log, export. The list is virtualised and
 * re-read a few times a second, so a mass expiry does not flood React.
 */

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const number = new Intl.NumberFormat('en-US');

export function EventsPanel() {
  const log = useApp((s) => s.eventLog);
  const version = useThrottledApp((s) => s.eventsVersion, 250);
  const preserve = useApp((s) => s.preserveLog);
  const zone = useApp((s) => s.timeZone);
  const [name, setName] = useState('');
  const [pattern, setPattern] = useState('*');
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the log mutates in place; version says when.
  const shown = useMemo(
    () => filterEvents(log, { names: new Set(name ? [name] : []), pattern }),
    [log, version, name, pattern],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  const counts = useMemo(() => [...log.counts.entries()].sort((a, b) => b[1] - a[1]), [log, version]);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 22,
    overscan: 20,
  });

  // Newest at the bottom, followed while the view is at the bottom (as DevTools does).
  useEffect(() => {
    if (atBottom.current && shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [shown, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el) atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 30;
  };

  const exportName = (ext: string) =>
    `keyspace-events-${new Date().toISOString().replace(/[:.]/g, '-')}.${ext}`;

  return (
    <section className="events-panel" aria-label="Events">
      <div className="events-toolbar" role="toolbar" aria-label="Event log controls">
        <select aria-label="Event filter" value={name} onChange={(e) => setName(e.target.value)}>
          <option value="">all events</option>
          {counts.map(([n, c]) => (
            <option key={n} value={n}>
              {n} ({number.format(c)})
            </option>
          ))}
        </select>
        <input
          aria-label="Key pattern"
          value={pattern}
          spellCheck={false}
          placeholder="*"
          onChange={(e) => setPattern(e.target.value)}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={preserve}
            onChange={(e) => useApp.getState().setPreserveLog(e.target.checked)}
          />
          Preserve log
        </label>
        <button type="button" onClick={() => useApp.getState().clearEvents()}>
          Clear
        </button>
        <button
          type="button"
          onClick={() => download(exportName('json'), 'application/json', eventsToJson(shown))}
        >
          Export JSON
        </button>
        <button type="button" onClick={() => download(exportName('csv'), 'text/csv', eventsToCsv(shown))}>
          Export CSV
        </button>
      </div>
      <p className="events-summary muted" aria-live="off">
        {counts.length === 0
          ? 'No events yet: every event is logged, whatever notify-keyspace-events says.'
          : `${counts.map(([n, c]) => `${n} ${number.format(c)}`).join(' · ')} — ${number.format(shown.length)} shown of ${number.format(log.total)}${log.total > log.size ? ` (the newest ${number.format(log.size)} kept)` : ''}`}
      </p>
      <div className="event-head" aria-hidden="true">
        <span>Time</span>
        <span>Event</span>
        <span>Key</span>
        <span>DB</span>
        <span>Cause</span>
      </div>
      <div
        ref={scrollRef}
        className="event-scroll"
        role="log"
        aria-label="Keyspace events"
        data-count={shown.length}
        onScroll={onScroll}
      >
        {/* Only the rows in view exist; aria-rowcount says how many events the log holds. */}
        <table
          aria-label="Logged events"
          aria-rowcount={shown.length}
          className="event-grid"
          style={{ height: virtualizer.getTotalSize() }}
        >
          <tbody>
            {virtualizer.getVirtualItems().map((item) => {
              const e = shown[item.index] as LoggedEvent;
              return (
                <tr
                  key={e.n}
                  aria-rowindex={item.index + 1}
                  className={`event-row ev-${e.event} cause-${e.cause.kind}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <td className="stamp">{formatClockTime(e.at, zone)}</td>
                  <td className="ev-name">{e.event}</td>
                  <td className="key-name" title={displayKey(e.key)}>
                    {displayKey(e.key)}
                  </td>
                  <td className="muted">{e.db}</td>
                  <td className="ev-cause" title={e.channels ? `published on ${e.channels.join(', ')}` : ''}>
                    {causeText(e)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
