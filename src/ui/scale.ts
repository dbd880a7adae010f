import { useSyncExternalStore } from 'react';

/**
 * One scale for everything: the root element's font size. The font-size control sets it, and
 * presentation mode sets it from the window (PRESENT_FONT_SIZE); CSS sizes in rem and em follow by
 * themselves, and what is sized in pixels by code (table rows, canvas text and marks, hit targets)
 * reads it here, as a computed size, never as a constant.
 */

/**
 * Presentation mode's root font size: 18 px at 1280×720, growing with the window (27 px at
 * 1920×1080, 54 px at 3840×2160), so the projector layout is the same picture at every size; the
 * smaller of width and height decides, so a 4:3 or 16:10 window fits too.
 */
export const PRESENT_FONT_SIZE = 'min(1.40625vw, 2.5vh)';

/** An element's computed font size in CSS pixels. */
export function fontPx(
  el: Element | null = typeof document === 'undefined' ? null : document.documentElement,
) {
  if (!el) return 13;
  const px = Number.parseFloat(getComputedStyle(el).fontSize);
  return Number.isFinite(px) && px > 0 ? px : 13;
}

/**
 * The root size as last read, while anything listens for its changes: React reads a snapshot on
 * every render and store update, and getComputedStyle after the DOM changed recalculates styles
 * (with the key table and timeline redrawn every frame, a few milliseconds each time).
 */
let cachedRoot: number | null = null;
let listening = 0;

function rootPx(): number {
  if (listening === 0 || cachedRoot === null) cachedRoot = fontPx();
  return cachedRoot;
}

function subscribe(changed: () => void): () => void {
  listening++;
  cachedRoot = null;
  const onChange = () => {
    cachedRoot = null;
    changed();
  };
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  addEventListener('resize', onChange);
  return () => {
    listening--;
    observer.disconnect();
    removeEventListener('resize', onChange);
  };
}

/** The root font size, re-read when the font setting, the mode or the window changes. */
export function useRootFontPx(): number {
  return useSyncExternalStore(subscribe, rootPx, () => 13);
}

/** Below this width in root ems (780 px at 13 px) the app is narrow: panels stack, the toolbar folds. */
export const NARROW_BELOW_EM = 60;

/** A phone or a tablet held upright, or a large font on a small window. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.innerWidth / rootPx() < NARROW_BELOW_EM,
    () => false,
  );
}
