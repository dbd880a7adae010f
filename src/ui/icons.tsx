/**
 * Inline SVG icons: glyphs such as ⏱ are missing from some system fonts (Debian's Chromium draws an
 * empty box), so icons are drawn, not typed. Decorative: the text next to them carries the meaning.
 */
export function ClockIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M8 5.5V9l2.5 1.5M6 1.5h4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
