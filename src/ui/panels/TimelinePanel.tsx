/** Each volatile key's life on a virtual-time axis: set → deadline → removed (lazy or active). */
export function TimelinePanel() {
  return <section className="timeline-panel" aria-label="Lifetime timeline" />;
}
