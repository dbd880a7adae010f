/** Active expiry as it runs: cycle strip, the latest cycle's sample, controls and live stats. */
export function ExpiryPanel() {
  return <section className="expiry-panel" aria-label="Active expiry" />;
}
