import { type RefObject, useEffect, useState } from 'react';

/**
 * Which rows of a fixed-height table are on screen: from the scroll position and the height of the
 * scroll element, O(1) however many rows there are (a virtualizer that measures every row rebuilds
 * a million measurements whenever the count changes, which a mass expiry does every frame).
 */
export function useRowWindow(
  scrollRef: RefObject<HTMLElement | null>,
  rowHeight: number,
  headerHeight: number,
  total: number,
  overscan: number,
): { first: number; count: number } {
  const [view, setView] = useState({ top: 0, height: 0 });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => setView({ top: el.scrollTop, height: el.clientHeight });
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resized = new ResizeObserver(read);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resized.disconnect();
    };
  }, [scrollRef]);
  const top = Math.max(0, view.top - headerHeight);
  const first = Math.max(0, Math.min(total, Math.floor(top / rowHeight) - overscan));
  const last = Math.min(total, Math.ceil((top + view.height) / rowHeight) + overscan);
  return { first, count: Math.max(0, last - first) };
}
