/**
 * Which playground this tab shows: the default one, or another named in the URL
 * (`?playground=<id>`), each saved separately in the browser. A shared scenario opens in a new one,
 * so the opener's own playground stays as it was; it is handed over through sessionStorage across
 * the navigation to the new playground's URL.
 */

export const DEFAULT_PLAYGROUND = 'main';
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const PENDING_KEY = 'expiry-playground:pending-scenario';

export function currentPlaygroundId(): string {
  const id = new URLSearchParams(window.location.search).get('playground');
  return id !== null && ID.test(id) ? id : DEFAULT_PLAYGROUND;
}

export function newPlaygroundId(): string {
  return `p-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** This page's URL for playground `id` (no fragment): the app works from any sub-path. */
export function playgroundUrl(id: string): string {
  const url = new URL(window.location.href);
  url.hash = '';
  if (id === DEFAULT_PLAYGROUND) url.searchParams.delete('playground');
  else url.searchParams.set('playground', id);
  return url.toString();
}

/** Opens playground `id` in this tab, with a scenario payload to load into it first. */
export function openPlayground(id: string, scenario?: string): void {
  try {
    if (scenario !== undefined) sessionStorage.setItem(PENDING_KEY, JSON.stringify({ id, scenario }));
  } catch {
    // Without sessionStorage the new playground just opens empty.
  }
  window.location.assign(playgroundUrl(id));
}

/** The scenario handed over to this playground, once. */
export function takePendingScenario(id: string): string | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    if (raw === null) return null;
    sessionStorage.removeItem(PENDING_KEY);
    const parsed = JSON.parse(raw) as { id?: unknown; scenario?: unknown };
    return parsed.id === id && typeof parsed.scenario === 'string' ? parsed.scenario : null;
  } catch {
    return null;
  }
}
