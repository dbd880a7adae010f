import { useRef, useState } from 'react';
import { useApp } from '../store/index.ts';

/**
 * redis-cli's history keys for one console line: ↑ walks back through what was typed (the store's
 * history, kept across reloads), ↓ walks forward and past the newest gives back the line that was
 * being typed. `back`/`forward` say whether they took the key.
 */
export function useHistory(line: string, setLine: (line: string) => void) {
  const [pos, setPos] = useState<number | null>(null);
  const draft = useRef('');
  const back = (): boolean => {
    const history = useApp.getState().history;
    if (history.length === 0) return false;
    if (pos === null) draft.current = line;
    const next = pos === null ? history.length - 1 : Math.max(0, pos - 1);
    setPos(next);
    setLine(history[next] ?? '');
    return true;
  };
  const forward = (): boolean => {
    if (pos === null) return false;
    const history = useApp.getState().history;
    const next = pos + 1;
    if (next >= history.length) {
      setPos(null);
      setLine(draft.current);
    } else {
      setPos(next);
      setLine(history[next] ?? '');
    }
    return true;
  };
  /** The line was edited or run: the next ↑ starts from the newest again. */
  const reset = () => setPos(null);
  return { back, forward, reset };
}
