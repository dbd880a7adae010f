/**
 * The keyboard of presentation mode, as a pure mapping so it is unit tested: → and ← (and a
 * clicker's Page Down / Page Up) step through the lesson, Space plays or pauses the clock, N jumps
 * to the next expiry, R restarts the lesson, Esc leaves. Outside it, P enters it. Keys typed into
 * a text field stay the field's (Esc in an empty one leaves); a select keeps its arrows and Space;
 * the timeline's plot keeps its arrows, + and -.
 */
export type PresentAction =
  | 'next-step'
  | 'previous-step'
  | 'play-pause'
  | 'next-expiry'
  | 'restart'
  | 'leave'
  | 'present';

export type KeyTarget = 'text' | 'select' | 'plot' | 'other';

export interface KeyPress {
  readonly key: string;
  readonly modified: boolean;
  readonly target: KeyTarget;
  /** The text field holds nothing (Esc then leaves instead of clearing it). */
  readonly emptyText: boolean;
  readonly presenting: boolean;
}

const STEP_KEYS: Readonly<Record<string, PresentAction>> = {
  ArrowRight: 'next-step',
  PageDown: 'next-step',
  ArrowLeft: 'previous-step',
  PageUp: 'previous-step',
};

const PLOT_KEYS = new Set(['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', '+', '=', '-', 'f', 'F']);

export function presentationKey(k: KeyPress): PresentAction | null {
  if (k.modified) return null;
  if (!k.presenting) {
    return (k.key === 'p' || k.key === 'P') && (k.target === 'other' || k.target === 'plot')
      ? 'present'
      : null;
  }
  if (k.key === 'Escape') return k.target !== 'text' || k.emptyText ? 'leave' : null;
  if (k.target === 'text' || k.target === 'select') return null;
  if (k.target === 'plot' && PLOT_KEYS.has(k.key)) return null;
  const step = STEP_KEYS[k.key];
  if (step) return step;
  if (k.key === ' ') return 'play-pause';
  if (k.key === 'n' || k.key === 'N') return 'next-expiry';
  if (k.key === 'r' || k.key === 'R') return 'restart';
  return null;
}

/** What kind of element a key went to. */
export function keyTarget(el: EventTarget | null): { target: KeyTarget; emptyText: boolean } {
  if (!(el instanceof HTMLElement)) return { target: 'other', emptyText: true };
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el.isContentEditable) {
    const type = el instanceof HTMLInputElement ? el.type : 'text';
    // A checkbox or a range takes no typing: it is a control like a button.
    if (['checkbox', 'radio', 'range', 'button', 'submit', 'file'].includes(type)) {
      return { target: 'other', emptyText: true };
    }
    const value = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : '';
    return { target: 'text', emptyText: value === '' };
  }
  if (el instanceof HTMLSelectElement) return { target: 'select', emptyText: true };
  if (el.closest('[role="application"]')) return { target: 'plot', emptyText: true };
  return { target: 'other', emptyText: true };
}
