import { useEffect, useRef } from 'react';
import { formatTtl } from '../format-time.ts';
import { TtlCell } from '../panels/TtlCell.tsx';
import { virtualNow } from '../store/clock-slice.ts';
import { useApp } from '../store/index.ts';

interface Blocked {
  readonly command: string;
  readonly since: number;
  readonly until: number;
}

/**
 * A console waiting for a blocked command (BLPOP…): what it waits in, and a bar draining like a
 * TTL bar until its timeout on the virtual clock; with no timeout, how long it has waited so far.
 */
export function BlockedBar({ blocked, client }: { blocked: Blocked; client: string }) {
  return (
    <div className="blocked-bar" role="status" aria-label={`${client} is blocked`}>
      <span className="blocked-what">
        Blocked in <code>{blocked.command}</code>
      </span>
      {blocked.until > 0 ? (
        <TtlCell label="Blocked for" deadline={blocked.until} total={blocked.until - blocked.since} />
      ) : (
        <Waited since={blocked.since} />
      )}
    </div>
  );
}

/** No timeout: an open-ended bar and the time waited, updated each frame without re-rendering. */
function Waited({ since }: { since: number }) {
  const label = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let frame = 0;
    const paint = () => {
      const waited = Math.max(0, Math.floor(virtualNow(useApp.getState().clock)) - since);
      if (label.current) label.current.textContent = `${formatTtl(waited)}, no timeout`;
      frame = requestAnimationFrame(paint);
    };
    paint();
    return () => cancelAnimationFrame(frame);
  }, [since]);
  return (
    <span className="ttl">
      <div
        className="ttl-bar waiting"
        role="progressbar"
        aria-label="Blocked for"
        aria-valuetext="no timeout"
      >
        <div className="ttl-fill" />
      </div>
      <span ref={label} className="ttl-label" />
    </span>
  );
}
