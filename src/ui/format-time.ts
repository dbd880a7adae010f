/** How the UI writes durations and instants. */

/** A TTL for people: "1.6 s", "45 s", "29 min 59 s", "2 h 5 min", "3 d 4 h". */
export function formatTtl(ms: number | null): string {
  if (ms === null) return 'no expiry';
  if (ms < 0) return 'expired';
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  const d = Math.floor(h / 24);
  return `${d} d ${h % 24} h`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** An absolute time with millisecond precision, in local time or UTC. */
export function formatInstant(ms: number, zone: 'local' | 'utc'): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'beyond year 275760';
  if (zone === 'utc') {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)} UTC`;
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Just the time of day, for console stamps. */
export function formatClockTime(ms: number, zone: 'local' | 'utc'): string {
  return formatInstant(ms, zone).slice(11, 23);
}
