import { useEffect, useRef } from 'react';
import { registerBar, type TtlBar } from '../ttl-animator.ts';

/**
 * A TTL bar draining from its full length (the TTL the key was given) to zero, with a readable label.
 * The animation loop in ttl-animator.ts writes width, aria-valuenow and text; React only mounts it.
 */
export function TtlCell({
  label,
  deadline,
  total,
  wallClock = false,
}: {
  label: string;
  deadline: number | null;
  total: number | null;
  /** Drain on the wall clock (a real server's key), not the playground's virtual clock. */
  wallClock?: boolean;
}) {
  const barRef = useRef<HTMLDivElement>(null);
  const fillRef = useRef<HTMLDivElement>(null);
  const labelRef = useRef<HTMLSpanElement>(null);
  const handle = useRef<TtlBar | null>(null);

  useEffect(() => {
    if (deadline === null || !barRef.current || !fillRef.current) return;
    const bar: TtlBar = {
      bar: barRef.current,
      fill: fillRef.current,
      label: labelRef.current,
      deadline,
      total: total ?? 0,
      ...(wallClock ? { now: Date.now } : {}),
    };
    handle.current = bar;
    const unregister = registerBar(bar);
    return () => {
      unregister();
      handle.current = null;
    };
  }, [deadline, total, wallClock]);

  if (deadline === null) return <span className="muted">no expiry</span>;
  return (
    <span className="ttl">
      <div
        ref={barRef}
        className="ttl-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={Math.max(0, Math.round(total ?? 0))}
      >
        <div ref={fillRef} className="ttl-fill" />
      </div>
      <span className="ttl-label">
        <span ref={labelRef} className="ttl-text" />
      </span>
    </span>
  );
}
