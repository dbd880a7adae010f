import { useEffect, useRef, useState } from 'react';
import { type AppState, useApp } from './store/index.ts';

/**
 * What `select` reads from the store, re-rendering the component at most every `ms`: a component
 * subscribed with `useApp(select)` would render for every change in between, only to show an older
 * value (a mass expiry changes the cycles and the event log every frame). The first change after a quiet
 * spell shows at once, the newest of a burst at the end of its `ms`.
 */
export function useThrottledApp<T>(select: (s: AppState) => T, ms: number): T {
  const [shown, setShown] = useState(() => select(useApp.getState()));
  const latest = useRef(select);
  latest.current = select;
  useEffect(() => {
    let last = Number.NEGATIVE_INFINITY;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const show = () => {
      timer = null;
      last = performance.now();
      setShown(() => latest.current(useApp.getState()));
    };
    show();
    const stop = useApp.subscribe((s, prev) => {
      if (timer !== null || latest.current(s) === latest.current(prev)) return;
      const wait = last + ms - performance.now();
      if (wait <= 0) show();
      else timer = setTimeout(show, wait);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [ms]);
  return shown;
}
